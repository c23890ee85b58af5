"""The periodic assessment of the family's situation (art. 15 ust. 1 pkt 15 UWR, domain.md §4.6).

The assistant writes it at least every six months (see `asysta.assessments.schedule`), submits
it to the head, who acknowledges it; a centre rule may also route it to the PCPR (`Dispatch`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models.areas import SCORE_MAX, SCORE_MIN, SHORT, Area
from asysta.core.models import TenantModel
from asysta.families.models._base import FamilyOwned
from asysta.intake.models import EndReason


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("robocza")
    SUBMITTED = "submitted", _("przekazana kierownikowi")
    ACKNOWLEDGED = "acknowledged", _("przyjęta do wiadomości przez kierownika")


# Assessments that count for the six-month clock (a draft has not been passed on yet).
COUNTED_STATUSES = (AssessmentStatus.SUBMITTED, AssessmentStatus.ACKNOWLEDGED)


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("kontynuacja pracy według obecnego planu")
    CHANGE_PLAN = "change_plan", _("zmiana planu pracy z rodziną")
    END = "end", _("zakończenie pracy z rodziną")
    COURT = "court", _("wniosek do sądu")
    REFER = "refer", _("skierowanie do innej instytucji")


class PeriodicAssessment(FamilyOwned):
    period_from = models.DateField(_("okres oceny od"))
    period_to = models.DateField(_("okres oceny do"))
    made_on = models.DateField(_("data sporządzenia"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asystent rodziny"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    changes = models.TextField(_("zmiany w sytuacji rodziny w okresie oceny"))
    cooperation = models.TextField(_("współpraca i motywacja rodziny"))
    institutions = models.TextField(_("współpraca z instytucjami w okresie oceny"), blank=True)
    recommendation = models.CharField(
        _("rekomendacja"), max_length=12, choices=Recommendation.choices
    )
    end_reason = models.CharField(
        _("powód zakończenia pracy"), max_length=20, choices=EndReason.choices, blank=True
    )
    conclusions = models.TextField(_("wnioski i uzasadnienie rekomendacji"), blank=True)
    due_on = models.DateField(
        _("termin oceny"),
        null=True,
        blank=True,
        help_text=_("Ostatni dzień, w którym ocena była wymagana (reguła sześciu miesięcy)."),
    )
    late_reason = models.TextField(_("przyczyna opóźnienia"), blank=True)
    submitted_on = models.DateField(_("przekazana kierownikowi dnia"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("zapoznał(a) się"),
    )
    acknowledged_on = models.DateField(_("data zapoznania się"), null=True, blank=True)
    acknowledgement_note = models.TextField(_("uwagi kierownika"), blank=True)

    class Meta:
        verbose_name = _("okresowa ocena sytuacji rodziny")
        verbose_name_plural = _("okresowe oceny sytuacji rodziny")
        ordering = ["-period_to", "-pk"]
        default_related_name = "assessments"
        indexes = [
            models.Index(fields=["centre", "family", "period_to"]),
            # The head's "awaiting acknowledgement" panel: the oldest submitted first.
            models.Index(fields=["centre", "status", "submitted_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")),
                name="assessment_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(made_on__gte=F("period_to")),
                name="assessment_made_after_period",
            ),
            models.CheckConstraint(
                condition=~Q(recommendation=Recommendation.END) | ~Q(end_reason=""),
                name="assessment_end_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(made_on__lte=F("due_on")) | ~Q(late_reason=""),
                name="assessment_late_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT) | Q(submitted_on__isnull=False),
                name="assessment_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=AssessmentStatus.ACKNOWLEDGED)
                | Q(acknowledged_by__isnull=False, acknowledged_on__isnull=False),
                name="assessment_acknowledged_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Ocena okresowa {self.period_from:%d.%m.%Y}–{self.period_to:%d.%m.%Y}"

    @property
    def counts(self) -> bool:
        """Passed on (submitted or acknowledged): the six-month clock runs from its period."""
        return self.status in COUNTED_STATUSES

    @property
    def is_late(self) -> bool:
        return self.due_on is not None and self.made_on > self.due_on

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class AreaScore(TenantModel):
    """The family's situation in one area on the 1–5 scale (see `areas.ANCHORS`)."""

    assessment = models.ForeignKey(
        PeriodicAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("ocena"),
    )
    area = models.CharField(_("obszar"), max_length=12, choices=Area.choices)
    score = models.PositiveSmallIntegerField(
        _("ocena (1–5)"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("komentarz"), blank=True)

    class Meta:
        verbose_name = _("ocena obszaru")
        verbose_name_plural = _("oceny obszarów")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="area_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="area_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.score}"

    @property
    def short_label(self) -> str:
        return str(SHORT.get(self.area, self.area))

    def get_additional_data(self) -> dict[str, object]:
        return self.assessment.get_additional_data()


class DispatchWay(models.TextChoices):
    POST = "post", _("poczta (list polecony)")
    EPUAP = "epuap", _("ePUAP / e-Doręczenia")
    EMAIL = "email", _("poczta elektroniczna")
    IN_PERSON = "in_person", _("osobiście, za potwierdzeniem")
    INTERNAL = "internal", _("poczta wewnętrzna / obieg dokumentów")


class Dispatch(TenantModel):
    """Passing the assessment on to another recipient (e.g. the PCPR, domain.md §4.9).

    Created without `sent_on` when a centre rule says the assessment must go somewhere; the
    date and way are filled in when it is sent.
    """

    assessment = models.ForeignKey(
        PeriodicAssessment,
        on_delete=models.CASCADE,
        related_name="dispatches",
        verbose_name=_("ocena"),
    )
    recipient = models.CharField(_("adresat"), max_length=200)
    sent_on = models.DateField(_("data wysłania"), null=True, blank=True)
    way = models.CharField(_("sposób"), max_length=10, choices=DispatchWay.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("zapisał(a)"),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("przekazanie oceny")
        verbose_name_plural = _("przekazania oceny")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True) | ~Q(way=""),
                name="dispatch_sent_has_way",
            )
        ]

    def __str__(self) -> str:
        return self.recipient

    def get_additional_data(self) -> dict[str, object]:
        return self.assessment.get_additional_data()
