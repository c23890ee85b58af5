"""Assignment of a family assistant to a family, with its period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models import Family


class EndReason(models.TextChoices):
    REASSIGNED = "reassigned", _("zmiana asystenta")
    GOALS_ACHIEVED = "goals_achieved", _("osiągnięcie celów planu")
    NO_COOPERATION = "no_cooperation", _("brak współpracy / rezygnacja rodziny")
    NO_EFFECTS = "no_effects", _("brak efektów pracy")
    MOVED_AWAY = "moved_away", _("zmiana miejsca zamieszkania")
    COURT_DECISION = "court_decision", _("decyzja sądu")
    NO_MINOR_CHILDREN = "no_minor_children", _("umieszczenie dzieci poza rodziną / pełnoletność")
    ZZ_GOAL_REACHED = "zz_goal_reached", _("zakończenie koordynacji „Za życiem”")
    OTHER = "other", _("inny powód")


class Phase(models.TextChoices):
    ACTIVE = "active", _("praca z rodziną")
    MONITORING = "monitoring", _("monitoring po zakończeniu pracy")


class Assignment(TenantModel):
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("rodzina")
    )
    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("asystent rodziny"),
    )
    started_on = models.DateField(_("od"))
    ended_on = models.DateField(_("do"), null=True, blank=True)
    end_reason = models.CharField(
        _("powód zakończenia"), max_length=20, choices=EndReason.choices, blank=True
    )
    phase = models.CharField(_("etap"), max_length=10, choices=Phase.choices, default=Phase.ACTIVE)
    reason = models.CharField(
        _("powód przydziału / zmiany"),
        max_length=300,
        blank=True,
        help_text=_("Np. nieobecność asystenta, odejście z pracy, obciążenie."),
    )
    first_contact_on = models.DateField(_("pierwsze spotkanie z rodziną"), null=True, blank=True)
    first_contact_present = models.CharField(
        _("obecni na pierwszym spotkaniu"),
        max_length=300,
        blank=True,
        help_text=_("Np. pracownik socjalny, matka, ojciec."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("przydzielił(a)"),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("przydział asystenta")
        verbose_name_plural = _("przydziały asystentów")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=models.Q(ended_on__isnull=True),
                name="assignment_one_open_per_family",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="assignment_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | ~models.Q(end_reason=""),
                name="assignment_end_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "assistant", "ended_on"]),
            # The caseload table counts one centre's open assignments per assistant: read from
            # this index alone, its cost follows the centre, not every centre in the database.
            models.Index(
                fields=["centre", "phase", "assistant", "family", "id"],
                condition=models.Q(ended_on__isnull=True),
                name="assignment_open_by_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assistant} → {self.family}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def get_additional_data(self) -> dict[str, object]:
        return {
            "centre": self.centre_id,
            "family": self.family_id,
            "case_number": self.family.case_number,
        }
