"""The end of the work with a family (art. 15 ust. 1 pkt 16 UWR, domain.md §4.8 and §6): the
closure with its reason and closing report, the monitoring that follows, and the mapping of
reasons to the categories of the half-year report.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models._base import FamilyOwned
from asysta.intake.models import EndReason

# Closure reasons are the assignment's end reasons, except a change of assistant.
REASON_CHOICES = [(value, label) for value, label in EndReason.choices if value != "reassigned"]
REASONS = frozenset(value for value, _label in REASON_CHOICES)

# Reasons after which monitoring may be left out, with a written justification: the family is
# out of the centre's reach (moved away), there are no minor children to protect any more, the
# "Za życiem" coordination ended (also when the child died), or another reason such as a death.
# After every other reason monitoring (art. 15 ust. 1 pkt 16) is required, with an end date.
MONITORING_OPTIONAL = frozenset(
    {
        EndReason.MOVED_AWAY,
        EndReason.NO_MINOR_CHILDREN,
        EndReason.ZZ_GOAL_REACHED,
        EndReason.OTHER,
    }
)

# Areas of the final situation, the same codes as the plan's goals and the assessment's scores.
AREAS: tuple[tuple[str, Any], ...] = (
    ("childcare", _("opieka i wychowanie dzieci")),
    ("household", _("prowadzenie gospodarstwa domowego")),
    ("material", _("sytuacja materialna i mieszkaniowa")),
    ("employment", _("zatrudnienie i kwalifikacje zawodowe")),
    ("health", _("zdrowie (w tym uzależnienia i zdrowie psychiczne)")),
    ("relations", _("relacje w rodzinie i aktywność społeczna")),
    ("safety", _("bezpieczeństwo dzieci")),
    ("education", _("edukacja i rozwój dzieci")),
)


class Closure(FamilyOwned):
    closed_on = models.DateField(_("data zakończenia pracy"))
    reason = models.CharField(_("powód zakończenia"), max_length=20, choices=REASON_CHOICES)
    reason_other = models.CharField(_("inny powód — jaki"), max_length=300, blank=True)
    assignment = models.ForeignKey(
        "intake.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("przydział asystenta"),
    )
    court_order = models.ForeignKey(
        "families.CourtOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("postanowienie sądu obowiązujące przy zakończeniu"),
    )
    # The closing report (ocena końcowa).
    goals_achieved = models.TextField(_("osiągnięcie celów planu pracy"))
    final_situation = models.JSONField(
        _("sytuacja rodziny na zakończenie (według obszarów)"), default=dict, blank=True
    )
    recommendations = models.TextField(_("zalecenia"), blank=True)
    # The monitoring decision.
    monitoring_until = models.DateField(_("monitoring do"), null=True, blank=True)
    monitoring_frequency = models.CharField(
        _("jak często"), max_length=100, blank=True, help_text=_("Np. raz w miesiącu.")
    )
    no_monitoring_reason = models.TextField(_("dlaczego bez monitoringu"), blank=True)
    monitoring_ended_on = models.DateField(_("koniec monitoringu"), null=True, blank=True)
    monitoring_summary = models.TextField(_("podsumowanie monitoringu"), blank=True)
    # A court-obliged family: the court's position on the end of the work.
    court_position = models.TextField(_("stanowisko sądu"), blank=True)
    court_position_on = models.DateField(_("data stanowiska sądu"), null=True, blank=True)
    # A move away: the letter to the centre of the new municipality.
    new_centre = models.CharField(
        _("ośrodek w nowym miejscu zamieszkania"), max_length=200, blank=True
    )
    new_centre_letter_on = models.DateField(_("data pisma do ośrodka"), null=True, blank=True)
    disclosure_basis = models.CharField(
        _("podstawa przekazania danych"), max_length=300, blank=True
    )
    reopened = models.BooleanField(_("wznowiono"), default=False)
    reopened_on = models.DateField(_("data wznowienia"), null=True, blank=True)
    reopen_referral = models.ForeignKey(
        "intake.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nowy wniosek"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("zamknął(-ęła)"),
    )

    class Meta:
        verbose_name = _("zakończenie pracy z rodziną")
        verbose_name_plural = _("zakończenia pracy z rodziną")
        ordering = ["-closed_on", "-pk"]
        default_related_name = "closures"
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(reopened=False),
                name="closure_one_current_per_family",
            ),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(reason_other=""),
                name="closure_other_reason_described",
            ),
            models.CheckConstraint(
                condition=Q(monitoring_until__isnull=False) | ~Q(no_monitoring_reason=""),
                name="closure_has_monitoring_decision",
            ),
            models.CheckConstraint(
                condition=Q(monitoring_until__isnull=True) | Q(monitoring_until__gt=F("closed_on")),
                name="closure_monitoring_after_closure",
            ),
            models.CheckConstraint(
                condition=Q(monitoring_ended_on__isnull=True)
                | Q(monitoring_ended_on__gte=F("closed_on")),
                name="closure_monitoring_end_after_closure",
            ),
            models.CheckConstraint(
                condition=Q(court_position="", court_position_on__isnull=True)
                | (~Q(court_position="") & Q(court_position_on__isnull=False)),
                name="closure_court_position_complete",
            ),
            models.CheckConstraint(
                condition=~Q(reason="moved_away")
                | (
                    ~Q(new_centre="")
                    & Q(new_centre_letter_on__isnull=False)
                    & ~Q(disclosure_basis="")
                ),
                name="closure_moved_away_has_letter",
            ),
            models.CheckConstraint(
                condition=Q(reopened=False) | Q(reopened_on__isnull=False),
                name="closure_reopened_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["centre", "monitoring_ended_on", "monitoring_until"],
                name="closure_monitoring",
            ),
            # Closures of a period (the indicators, the half-year report's ended work).
            models.Index(fields=["centre", "closed_on"], name="closure_centre_closed"),
        ]

    def __str__(self) -> str:
        return f"Zakończenie {self.closed_on:%d.%m.%Y}: {self.get_reason_display()}"

    @property
    def reason_label(self) -> str:
        label = str(self.get_reason_display())
        return f"{label}: {self.reason_other}" if self.reason_other else label

    @property
    def in_monitoring(self) -> bool:
        return (
            self.monitoring_until is not None
            and self.monitoring_ended_on is None
            and not self.reopened
        )

    def final_situation_rows(self) -> list[tuple[str, str]]:
        """(area label, text) for every area with something written, in the areas' order."""
        return [
            (str(label), self.final_situation[key])
            for key, label in AREAS
            if (self.final_situation or {}).get(key)
        ]


class MonitoringForm(models.TextChoices):
    HOME_VISIT = "home_visit", _("wizyta w domu rodziny")
    PHONE = "phone", _("rozmowa telefoniczna")
    CENTRE = "centre", _("spotkanie w ośrodku")
    INSTITUTION = "institution", _("informacja z instytucji (szkoła, kurator, pracownik socjalny)")
    OTHER = "other", _("inna forma")


class MonitoringContact(FamilyOwned):
    """A dated contact in the monitoring period after closure, with a short assessment."""

    closure = models.ForeignKey(
        Closure,
        on_delete=models.CASCADE,
        related_name="monitoring_contacts",
        verbose_name=_("zakończenie"),
    )
    contacted_on = models.DateField(_("data"))
    form = models.CharField(_("forma"), max_length=12, choices=MonitoringForm.choices)
    note = models.TextField(_("krótka ocena funkcjonowania rodziny"))
    concern = models.BooleanField(
        _("niepokojące sygnały"),
        default=False,
        help_text=_("Zaznacz, gdy sytuacja rodziny się pogarsza — rozważ wznowienie pracy."),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("kto"),
    )

    class Meta:
        verbose_name = _("kontakt w okresie monitoringu")
        verbose_name_plural = _("kontakty w okresie monitoringu")
        ordering = ["-contacted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="monitoring_contact_note_required")
        ]

    def __str__(self) -> str:
        return f"Monitoring {self.contacted_on:%d.%m.%Y} ({self.get_form_display()})"


class ReportCategoryMap(TenantModel):
    """Which row of the half-year report a closure reason counts in (editable per centre; the
    ministry's exact categories are to be confirmed, domain.md §6.1)."""

    reason = models.CharField(_("powód zakończenia"), max_length=20, choices=REASON_CHOICES)
    category = models.CharField(_("kategoria w sprawozdaniu"), max_length=200)

    class Meta:
        verbose_name = _("kategoria sprawozdawcza powodu zakończenia")
        verbose_name_plural = _("kategorie sprawozdawcze powodów zakończenia")
        ordering = ["reason"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "reason"], name="report_category_one_per_reason"
            ),
            models.CheckConstraint(condition=~Q(category=""), name="report_category_required"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.category}"
