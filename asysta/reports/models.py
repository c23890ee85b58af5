"""Report settings of a centre and the record the half-year report needs beyond casework."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel


class SemiannualRow(TenantModel):
    """A centre's own wording, order and use of one row of the half-year report.

    The exact rows of the current CAS template are unconfirmed (domain.md §11.1 [U]), so a
    centre adjusts them without a code change. A row the centre has not set keeps the default
    label and position given by the code (`asysta.reports.semiannual.DEFAULT_ROWS`).
    """

    code = models.CharField(_("wiersz (kod)"), max_length=60)
    label = models.CharField(_("treść wiersza"), max_length=300)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    enabled = models.BooleanField(_("w sprawozdaniu"), default=True)

    class Meta:
        verbose_name = _("wiersz sprawozdania półrocznego")
        verbose_name_plural = _("wiersze sprawozdania półrocznego")
        ordering = ["centre", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="semiannual_row_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class SupportingFamily(TenantModel):
    """A supporting family (rodzina wspierająca, art. 29–31, domain.md §8) appointed to help
    families the centre works with. Minimal: the half-year report counts those in force at the
    period end; reimbursements and the appointment procedure come later."""

    name = models.CharField(_("imię i nazwisko / nazwa"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    appointed_on = models.DateField(_("data ustanowienia"))
    contract_number = models.CharField(_("numer umowy"), max_length=60, blank=True)
    contract_on = models.DateField(_("data umowy"), null=True, blank=True)
    ended_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    supported_families = models.ManyToManyField(
        "families.Family",
        blank=True,
        related_name="supporting_families",
        verbose_name=_("wspierane rodziny"),
    )
    notes = models.TextField(_("uwagi"), blank=True)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("rodzina wspierająca")
        verbose_name_plural = _("rodziny wspierające")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("appointed_on")),
                name="supporting_family_end_not_before_start",
            )
        ]
        indexes = [models.Index(fields=["centre", "appointed_on"])]

    def __str__(self) -> str:
        return self.name

    def in_force_on(self, day: date) -> bool:
        return self.appointed_on <= day and (self.ended_on is None or self.ended_on >= day)
