"""The legal basis of the work with a family: consent, court order, "Za życiem" application.

A request for an assistant can be decided only on a valid basis (domain.md §14 rule 1): a consent
not withdrawn, or a court order in force (art. 109 § 2 pkt 1 KRO), or a "Za życiem" application
together with the family's consent.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asysta.families.models._base import FamilyOwned


class Consent(FamilyOwned):
    signed_by = models.CharField(_("kto podpisał"), max_length=200)
    signed_on = models.DateField(_("data podpisania"))
    scope = models.CharField(
        _("zakres zgody"), max_length=300, default="współpraca z asystentem rodziny"
    )
    document_ref = models.CharField(
        _("dokument"), max_length=200, blank=True, help_text=_("Gdzie jest oryginał (teczka, nr).")
    )
    withdrawn_on = models.DateField(_("data wycofania"), null=True, blank=True)
    withdrawal_note = models.TextField(_("okoliczności wycofania"), blank=True)

    class Meta:
        verbose_name = _("zgoda rodziny")
        verbose_name_plural = _("zgody rodziny")
        ordering = ["-signed_on"]
        default_related_name = "consents"
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("signed_on")),
                name="consent_withdrawn_after_signed",
            )
        ]

    def __str__(self) -> str:
        return f"Zgoda z {self.signed_on:%d.%m.%Y}"


class CourtObligation(models.TextChoices):
    WORK_WITH_ASSISTANT = "assistant", _("współpraca z asystentem rodziny")
    CARRY_OUT_PLAN = "plan", _("realizacja planu pracy z rodziną")
    OTHER = "other", _("inne zobowiązanie")


class CourtOrder(FamilyOwned):
    court = models.CharField(_("sąd"), max_length=200)
    file_number = models.CharField(_("sygnatura akt"), max_length=60)
    issued_on = models.DateField(_("data postanowienia"))
    obligation = models.CharField(
        _("zobowiązanie"),
        max_length=10,
        choices=CourtObligation.choices,
        default=CourtObligation.WORK_WITH_ASSISTANT,
    )
    obligation_note = models.TextField(_("treść zobowiązania"), blank=True)
    kurator = models.CharField(_("kurator sądowy"), max_length=200, blank=True)
    ended_on = models.DateField(
        _("obowiązuje do"),
        null=True,
        blank=True,
        help_text=_("Data uchylenia lub wygaśnięcia obowiązku; puste — obowiązuje."),
    )

    class Meta:
        verbose_name = _("postanowienie sądu")
        verbose_name_plural = _("postanowienia sądu")
        ordering = ["-issued_on"]
        default_related_name = "court_orders"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("issued_on")),
                name="court_order_end_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.court}, {self.file_number}"


class ZaZycieApplication(FamilyOwned):
    filed_on = models.DateField(_("data wniosku"))
    applicant = models.CharField(_("wnioskodawca"), max_length=200)
    pregnancy_week = models.PositiveSmallIntegerField(_("tydzień ciąży"), null=True, blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("wniosek „Za życiem”")
        verbose_name_plural = _("wnioski „Za życiem”")
        ordering = ["-filed_on"]
        default_related_name = "zz_applications"

    def __str__(self) -> str:
        return f"Wniosek „Za życiem” z {self.filed_on:%d.%m.%Y}"
