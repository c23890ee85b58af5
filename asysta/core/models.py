"""The centre (tenant) and the base for every row a centre owns."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

terc_validator = RegexValidator(
    r"^\d{7}$", _("Kod TERC to dokładnie 7 cyfr (województwo, powiat, gmina, rodzaj gminy).")
)
postal_code_validator = RegexValidator(
    r"^\d{2}-\d{3}$", _("Kod pocztowy podaj w formacie NN-NNN, np. 55-010.")
)


class CentreKind(models.TextChoices):
    OPS = "OPS", _("Ośrodek Pomocy Społecznej")
    MOPS = "MOPS", _("Miejski Ośrodek Pomocy Społecznej")
    GOPS = "GOPS", _("Gminny Ośrodek Pomocy Społecznej")
    MOPR = "MOPR", _("Miejski Ośrodek Pomocy Rodzinie")
    CUS = "CUS", _("Centrum Usług Społecznych")


class SoftCapRule(models.TextChoices):
    FTE = "fte", _("15 × etat, zaokrąglone w górę")
    POINTS = "points", _("punkty trudności rodzin na etat")
    NONE = "none", _("brak (tylko limit ustawowy 15)")


def default_analysis_sections() -> list[dict[str, str]]:
    """Sections of the social worker's analysis of the family's situation (art. 11 ust. 2)."""
    return [
        {"key": "needs", "label": "Potrzeby rodziny"},
        {"key": "resources", "label": "Zasoby rodziny"},
        {"key": "goals", "label": "Cele pracy z rodziną"},
        {"key": "conclusion", "label": "Wnioski"},
    ]


LOGO_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
LOGO_MAX_BYTES = 2 * 1024 * 1024


def validate_logo(file: Any) -> None:
    """A letterhead logo is a PNG or JPEG image (by its content, not only its name), ≤ 2 MB."""
    FileExtensionValidator(["png", "jpg", "jpeg"])(file)
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Logo może mieć najwyżej 2 MB."))
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(LOGO_SIGNATURES):
        raise ValidationError(_("Plik nie jest obrazem PNG ani JPG."))


class Centre(models.Model):
    """A social-welfare centre of one gmina: the tenant. Keyed by the gmina's TERC code."""

    name = models.CharField(_("nazwa"), max_length=200)
    kind = models.CharField(_("rodzaj"), max_length=4, choices=CentreKind.choices)
    terc = models.CharField(
        _("kod TERC gminy"), max_length=7, unique=True, validators=[terc_validator]
    )
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    locality = models.CharField(_("miejscowość"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.FileField(
        _("logo do papieru firmowego"),
        upload_to="centres/logo/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG lub JPG; pojawia się w nagłówku dokumentów."),
    )
    attachment_max_mb = models.PositiveSmallIntegerField(
        _("największy dopuszczalny załącznik (MB)"), default=20
    )
    soft_cap_rule = models.CharField(
        _("limit miękki rodzin na asystenta"),
        max_length=8,
        choices=SoftCapRule.choices,
        default=SoftCapRule.FTE,
        help_text=_("Ostrzeżenie (nie blokada) przy przydziale ponad limit miękki."),
    )
    points_per_fte = models.PositiveSmallIntegerField(
        _("punkty trudności na pełny etat"),
        default=20,
        help_text=_("Dla limitu liczonego punktami: suma punktów rodzin asystenta × etat."),
    )
    monitoring_counts_toward_cap = models.BooleanField(
        _("rodziny w monitoringu wliczają się do limitu"), default=False
    )
    case_number_pattern = models.CharField(
        _("wzór numeru sprawy"),
        max_length=60,
        default="{symbol}.{seq}.{year}",
        help_text=_(
            "Pola: {symbol}, {seq} (kolejny numer w roku), {year}. Np. DAR.4011.{seq}.{year}"
        ),
    )
    case_symbol = models.CharField(
        _("symbol sprawy (JRWA)"), max_length=30, default="AR", blank=True
    )
    analysis_sections = models.JSONField(
        _("sekcje analizy sytuacji rodziny"), default=default_analysis_sections
    )
    interview_valid_days = models.PositiveSmallIntegerField(
        _("ważność wywiadu przy przydziale z kolejki (dni)"), default=180
    )
    plan_approval_required = models.BooleanField(
        _("plan pracy wymaga zatwierdzenia przez koordynatora lub kierownika"), default=False
    )
    assessment_to_pcpr = models.BooleanField(
        _("ocena okresowa trafia też do PCPR, gdy dziecko jest w pieczy zastępczej"),
        default=False,
    )
    deadline_lead_days = models.PositiveSmallIntegerField(
        _("z ilu dni wyprzedzeniem pokazywać terminy"), default=14
    )
    monitoring_months = models.PositiveSmallIntegerField(
        _("domyślny czas monitoringu po zakończeniu pracy (miesiące)"), default=6
    )

    class Meta:
        verbose_name = _("ośrodek")
        verbose_name_plural = _("ośrodki")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(terc__regex=r"^[0-9]{7}$"), name="centre_terc_7_digits"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TenantModel(models.Model):
    """Base for every row owned by one centre. `centre` comes first in indexes and constraints."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="+", verbose_name=_("ośrodek")
    )

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, object]:
        """Extra context stored with every audit entry of this row."""
        return {"centre": self.centre_id}
