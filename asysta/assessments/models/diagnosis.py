"""The initial diagnosis of the family (ocena wstępna / diagnoza, domain.md §4.2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models.areas import Area, RiskLevel
from asysta.core.models import TenantModel
from asysta.families.models._base import FamilyOwned


class InitialDiagnosis(FamilyOwned):
    made_on = models.DateField(_("data sporządzenia"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sporządził(a)"),
    )
    sources = models.TextField(
        _("źródła informacji"),
        blank=True,
        help_text=_("Np. wywiad środowiskowy, kontrakt socjalny, informacja szkoły, kuratora."),
    )
    child_risk = models.CharField(
        _("zagrożenie bezpieczeństwa dzieci"),
        max_length=6,
        choices=RiskLevel.choices,
        default=RiskLevel.NONE,
    )
    child_risk_description = models.TextField(_("opis zagrożenia"), blank=True)
    family_view = models.TextField(
        _("jak rodzina widzi swoją sytuację"),
        blank=True,
        help_text=_("Zdanie rodziny, jej oczekiwania i motywacja do zmiany."),
    )
    conclusions = models.TextField(_("wnioski"))
    proposed_goals = models.TextField(_("proponowane cele pracy z rodziną"))

    class Meta:
        verbose_name = _("ocena wstępna (diagnoza)")
        verbose_name_plural = _("oceny wstępne (diagnozy)")
        ordering = ["-made_on", "-pk"]
        default_related_name = "diagnoses"
        indexes = [models.Index(fields=["centre", "family", "made_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_risk=RiskLevel.NONE) | ~Q(child_risk_description=""),
                name="diagnosis_risk_has_description",
            )
        ]

    def __str__(self) -> str:
        return f"Ocena wstępna z {self.made_on:%d.%m.%Y}"


class DiagnosisArea(TenantModel):
    """Strengths and problems of the family in one area."""

    diagnosis = models.ForeignKey(
        InitialDiagnosis, on_delete=models.CASCADE, related_name="areas", verbose_name=_("ocena")
    )
    area = models.CharField(_("obszar"), max_length=12, choices=Area.choices)
    strengths = models.TextField(_("mocne strony, zasoby"), blank=True)
    problems = models.TextField(_("problemy, trudności"), blank=True)

    class Meta:
        verbose_name = _("obszar oceny wstępnej")
        verbose_name_plural = _("obszary oceny wstępnej")
        constraints = [
            models.UniqueConstraint(fields=["diagnosis", "area"], name="diagnosis_area_unique")
        ]

    def __str__(self) -> str:
        return self.get_area_display()

    def get_additional_data(self) -> dict[str, object]:
        return self.diagnosis.get_additional_data()
