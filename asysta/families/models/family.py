"""The family and its case number."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel, postal_code_validator
from asysta.families.access import FamilyQuerySet


class ReportingCategory(models.TextChoices):
    """The three groups of the half-year report (domain.md §4.1)."""

    PROBLEM = "problem", _("rodzina przeżywająca trudności")
    FOSTER_CARE = "foster_care", _("rodzina z dzieckiem w pieczy zastępczej")
    ZA_ZYCIEM = "za_zyciem", _("rodzina objęta ustawą „Za życiem”")


class Family(TenantModel):
    case_number = models.CharField(_("numer sprawy"), max_length=50)
    surname = models.CharField(
        _("nazwisko rodziny"),
        max_length=150,
        help_text=_("Np. „Kowalscy” lub „Nowak / Wiśniewska”."),
    )
    street = models.CharField(
        _("ulica"), max_length=150, blank=True, help_text=_("W miejscowości bez ulic zostaw puste.")
    )
    building = models.CharField(_("numer domu"), max_length=20)
    flat = models.CharField(_("numer lokalu"), max_length=20, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, validators=[postal_code_validator]
    )
    locality = models.CharField(_("miejscowość"), max_length=100)
    gmina = models.CharField(_("gmina"), max_length=100)
    meeting_place = models.CharField(
        _("miejsce spotkań"),
        max_length=200,
        blank=True,
        help_text=_("Jeśli inne niż adres zamieszkania (np. szkoła, ośrodek)."),
    )
    phone = models.CharField(_("telefon kontaktowy"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="families_as_social_worker",
        verbose_name=_("pracownik socjalny"),
    )
    reporting_category_override = models.CharField(
        _("kategoria sprawozdawcza (ręcznie)"),
        max_length=12,
        choices=ReportingCategory.choices,
        blank=True,
        help_text=_("Zostaw puste, aby kategoria wynikała z danych rodziny."),
    )
    other_services = models.TextField(
        _("inne służby zaangażowane"),
        blank=True,
        help_text=_("Kurator, pedagog szkolny, terapeuta, organizacje pozarządowe…"),
    )
    strengths_available = models.TextField(_("zasoby dostępne"), blank=True)
    strengths_at_risk = models.TextField(_("zasoby zagrożone"), blank=True)
    strengths_missing = models.TextField(_("zasoby brakujące"), blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("stopień trudności"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1–3 punkty; używane, gdy ośrodek liczy obciążenie punktami."),
    )
    # Lower-case, accent-free text of names, case number and address, kept by the services.
    search_text = models.CharField(max_length=1000, blank=True, editable=False)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("rodzina")
        verbose_name_plural = _("rodziny")
        ordering = ["surname", "case_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "case_number"], name="family_case_number_unique_in_centre"
            ),
            models.CheckConstraint(
                condition=models.Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"),
                name="family_postal_code_format",
            ),
            models.CheckConstraint(
                condition=models.Q(difficulty__gte=1, difficulty__lte=3),
                name="family_difficulty_1_to_3",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "surname"]),
            models.Index(fields=["centre", "search_text"]),
        ]

    def __str__(self) -> str:
        return f"{self.surname} ({self.case_number})"

    @property
    def address(self) -> str:
        place = self.street or self.locality
        number = self.building + (f"/{self.flat}" if self.flat else "")
        line = f"{place} {number}"
        return f"{line}, {self.postal_code} {self.locality}"

    def get_additional_data(self) -> dict[str, object]:
        return {"centre": self.centre_id, "family": self.pk, "case_number": self.case_number}


class CaseNumberCounter(TenantModel):
    """The last sequence number given out in a centre in a year (for the case-number pattern)."""

    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="case_counter_unique_year")
        ]
