"""The request for a family assistant (art. 11 of the Act on family support) and its course.

States follow domain.md §2.7; every change of state goes through one function per transition in
`asysta.intake.referrals`, which checks the allowed "from" states and is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models import Family


class ReferralSource(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("rozeznanie pracownika socjalnego")
    COURT = "court", _("postanowienie sądu")
    FAMILY = "family", _("wniosek rodziny")
    SCHOOL = "school", _("szkoła, przedszkole, poradnia")
    HEALTH = "health", _("służba zdrowia")
    POLICE = "police", _("policja")
    NEIGHBOURS = "neighbours", _("sąsiedzi, otoczenie")
    INSTITUTION = "institution", _("inna instytucja")
    MINOR_PARENT = "minor_parent", _("małoletni rodzic opuszczający MOW, MOS lub schronisko")
    ZA_ZYCIEM = "za_zyciem", _("wniosek „Za życiem”")


class ReferralStatus(models.TextChoices):
    REPORTED = "reported", _("zgłoszenie")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("wywiad zaplanowany")
    INTERVIEW_DONE = "interview_done", _("wywiad przeprowadzony")
    ANALYSIS_DONE = "analysis_done", _("analiza sytuacji rodziny gotowa")
    CLOSED_NO_NEED = "closed_no_need", _("zamknięte — brak potrzeby asystenta")
    REQUEST_FILED = "request_filed", _("wniosek złożony do kierownika")
    REFUSED = "refused", _("odmowa przydziału")
    QUEUED = "queued", _("w kolejce oczekujących")
    PASSED_ON = "passed_on", _("przekazany innemu podmiotowi")
    ASSIGNED = "assigned", _("asystent przydzielony")
    ACTIVE = "active", _("praca z rodziną rozpoczęta")


# States in which a request is still being dealt with (one such request per family).
OPEN_STATUSES = (
    ReferralStatus.REPORTED,
    ReferralStatus.INTERVIEW_SCHEDULED,
    ReferralStatus.INTERVIEW_DONE,
    ReferralStatus.ANALYSIS_DONE,
    ReferralStatus.REQUEST_FILED,
    ReferralStatus.QUEUED,
)


class QueuePriority(models.IntegerChoices):
    """Order of the waiting queue (a lower number is served first)."""

    COURT_ORDER = 1, _("postanowienie sądu")
    PLACEMENT_RISK = 2, _("ryzyko umieszczenia dziecka w pieczy")
    ZA_ZYCIEM = 3, _("„Za życiem”")
    OTHER = 4, _("pozostałe")


class Referral(TenantModel):
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("rodzina")
    )
    source = models.CharField(_("skąd zgłoszenie"), max_length=14, choices=ReferralSource.choices)
    source_detail = models.CharField(
        _("szczegóły zgłoszenia"),
        max_length=300,
        blank=True,
        help_text=_("Np. nazwa szkoły, sygnatura pisma."),
    )
    reported_on = models.DateField(_("data zgłoszenia"))
    status = models.CharField(
        _("etap"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REPORTED
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("pracownik socjalny"),
    )
    interview_planned_on = models.DateField(_("planowany wywiad"), null=True, blank=True)
    interview_on = models.DateField(_("data wywiadu środowiskowego"), null=True, blank=True)
    analysis = models.JSONField(_("analiza sytuacji rodziny"), default=dict, blank=True)
    need_found = models.BooleanField(_("potrzeba asystenta"), null=True, blank=True)
    filed_on = models.DateField(_("data wniosku do kierownika"), null=True, blank=True)
    decided_on = models.DateField(_("data decyzji"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decyzję podjął(-ęła)"),
    )
    decision_note = models.TextField(_("uzasadnienie decyzji"), blank=True)
    passed_to = models.CharField(
        _("przekazano do"),
        max_length=300,
        blank=True,
        help_text=_(
            "Jednostka gminy organizująca pracę z rodziną albo organizacja, której "
            "gmina zleciła zadanie (art. 11 ust. 4)."
        ),
    )
    queue_priority = models.PositiveSmallIntegerField(
        _("pierwszeństwo w kolejce"), choices=QueuePriority.choices, null=True, blank=True
    )
    queued_on = models.DateField(_("w kolejce od"), null=True, blank=True)
    assignment = models.OneToOneField(
        "intake.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("przydział"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("wprowadził(a)"),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("wniosek o asystenta rodziny")
        verbose_name_plural = _("wnioski o asystenta rodziny")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="referral_one_open_per_family",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.QUEUED)
                | (Q(queue_priority__isnull=False) & Q(queued_on__isnull=False)),
                name="referral_queued_has_priority_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "status", "queue_priority", "queued_on"]),
        ]

    def __str__(self) -> str:
        return f"Wniosek: {self.family} ({self.get_status_display()})"

    def get_additional_data(self) -> dict[str, object]:
        return {
            "centre": self.centre_id,
            "family": self.family_id,
            "case_number": self.family.case_number,
        }
