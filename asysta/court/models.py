"""The family court: requests for an opinion on the family (art. 15 ust. 1 pkt 17 UWR), the
opinion itself, and notices the centre sends to the court on its own initiative.

A request moves received → drafted → approved (by the head) → sent; each step is one service in
`asysta.court.services`, which checks the allowed "from" state.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models._base import FamilyOwned


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("wpłynął")
    DRAFTED = "drafted", _("opinia w przygotowaniu")
    APPROVED = "approved", _("opinia zatwierdzona")
    SENT = "sent", _("opinia wysłana")


class SentHow(models.TextChoices):
    EMAIL = "email", _("e-mail")
    EPUAP = "epuap", _("ePUAP")
    POST = "post", _("poczta")
    IN_PERSON = "in_person", _("osobiście")


# The opinion's sections, in the order they appear in the document (domain.md §4.7).
OPINION_SECTIONS: tuple[tuple[str, Any], ...] = (
    ("basis", _("Podstawa współpracy z rodziną")),
    ("period", _("Okres pracy z rodziną")),
    ("course", _("Przebieg współpracy")),
    ("plan_execution", _("Realizacja planu pracy z rodziną")),
    ("assessments", _("Okresowe oceny sytuacji rodziny")),
    ("children", _("Sytuacja dzieci")),
    ("conclusions", _("Wnioski")),
)
SECTION_KEYS = tuple(key for key, _label in OPINION_SECTIONS)


class OpinionRequest(FamilyOwned):
    court = models.CharField(_("sąd"), max_length=200)
    file_number = models.CharField(_("sygnatura akt"), max_length=60)
    received_on = models.DateField(_("data wpływu"))
    due_on = models.DateField(_("termin wyznaczony przez sąd"))
    scope = models.TextField(_("czego dotyczy wniosek (zakres opinii)"), blank=True)
    status = models.CharField(
        _("etap"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zatwierdził(a)"),
    )
    approved_on = models.DateField(_("data zatwierdzenia"), null=True, blank=True)
    sent_on = models.DateField(_("data wysłania"), null=True, blank=True)
    sent_how = models.CharField(
        _("sposób wysłania"), max_length=10, choices=SentHow.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("wprowadził(a)"),
    )

    class Meta:
        verbose_name = _("wniosek sądu o opinię")
        verbose_name_plural = _("wnioski sądu o opinię")
        ordering = ["-received_on", "-pk"]
        default_related_name = "opinion_requests"
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("received_on")),
                name="court_request_due_after_receipt",
                violation_error_message=_(
                    "Termin wyznaczony przez sąd nie może być wcześniejszy niż data wpływu."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "sent"])
                | Q(approved_on__isnull=False, approved_by__isnull=False),
                name="court_request_approval_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | (Q(sent_on__isnull=False) & ~Q(sent_how="")),
                name="court_request_sent_has_date_and_way",
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True)
                | Q(approved_on__isnull=True)
                | Q(sent_on__gte=F("approved_on")),
                name="court_request_sent_after_approval",
            ),
        ]
        indexes = [models.Index(fields=["centre", "status", "due_on"], name="court_request_due")]

    def __str__(self) -> str:
        return f"{self.court}, {self.file_number}"

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.SENT

    @property
    def days_left(self) -> int:
        """Calendar days to the court's deadline (negative when past it)."""
        return (self.due_on - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class Opinion(TenantModel):
    """The opinion on the family and its members, drafted from the record and edited by hand.

    `sources` lists the records the pre-filled statements come from: one dict per record with
    `section`, `model` (app_label.model_name), `pk`, `label` and `url`, shown as links.
    """

    request = models.OneToOneField(
        OpinionRequest,
        on_delete=models.CASCADE,
        related_name="opinion",
        verbose_name=_("wniosek sądu"),
    )
    basis = models.TextField(_("podstawa współpracy z rodziną"), blank=True)
    period = models.TextField(_("okres pracy z rodziną"), blank=True)
    course = models.TextField(_("przebieg współpracy"), blank=True)
    plan_execution = models.TextField(_("realizacja planu pracy z rodziną"), blank=True)
    assessments = models.TextField(_("okresowe oceny sytuacji rodziny"), blank=True)
    children = models.TextField(_("sytuacja dzieci"), blank=True)
    conclusions = models.TextField(_("wnioski"), blank=True)
    sources = models.JSONField(_("źródła w dokumentacji"), default=list, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("przygotował(a)"),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("opinia o rodzinie dla sądu")
        verbose_name_plural = _("opinie o rodzinie dla sądu")

    def __str__(self) -> str:
        return f"Opinia: {self.request}"

    def get_additional_data(self) -> dict[str, object]:
        return self.request.get_additional_data()

    def sections(self) -> list[dict[str, object]]:
        """Each section with its label, text and the records it quotes (for the templates)."""
        return [
            {
                "key": key,
                "label": label,
                "text": getattr(self, key),
                "sources": [s for s in self.sources if s.get("section") == key],
            }
            for key, label in OPINION_SECTIONS
        ]


class CourtNotice(FamilyOwned):
    """A notice the centre sends to the court on its own initiative (e.g. a court-obliged family
    stops cooperating, a threat to a child's safety)."""

    court = models.CharField(_("sąd"), max_length=200)
    file_number = models.CharField(_("sygnatura akt"), max_length=60, blank=True)
    subject = models.CharField(_("w sprawie"), max_length=300)
    content = models.TextField(_("treść pisma"))
    sent_on = models.DateField(_("data wysłania"))
    sent_how = models.CharField(_("sposób wysłania"), max_length=10, choices=SentHow.choices)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("wysłał(a)"),
    )

    class Meta:
        verbose_name = _("pismo do sądu")
        verbose_name_plural = _("pisma do sądu")
        ordering = ["-sent_on", "-pk"]
        default_related_name = "court_notices"
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="court_notice_subject_required"),
            models.CheckConstraint(condition=~Q(content=""), name="court_notice_content_required"),
        ]

    def __str__(self) -> str:
        return f"Pismo do sądu z {self.sent_on:%d.%m.%Y}: {self.subject}"
