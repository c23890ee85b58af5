"""The family (metryczka rodziny) and its members."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from asysta.core.models import TenantModel, postal_code_validator
from asysta.families.access import FamilyQuerySet

ADULT_AGE = 18


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
    phone = models.CharField(_("telefon kontaktowy"), max_length=30, blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="families_as_social_worker",
        verbose_name=_("pracownik socjalny"),
    )
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
        ]
        indexes = [models.Index(fields=["centre", "surname"])]

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


class MemberRole(models.TextChoices):
    PARENT = "parent", _("rodzic")
    GUARDIAN = "guardian", _("opiekun prawny")
    CHILD = "child", _("dziecko")
    OTHER = "other", _("inna osoba w gospodarstwie")


class Sex(models.TextChoices):
    FEMALE = "F", _("kobieta")
    MALE = "M", _("mężczyzna")


def age_on(birth_date: date, day: date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def validate_pesel(value: str) -> None:
    try:
        stdnum_pesel.validate(value)
    except (InvalidLength, InvalidFormat) as exc:
        raise ValidationError(
            _("Nieprawidłowy numer PESEL: musi mieć dokładnie 11 cyfr."), code="invalid_pesel"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("Nieprawidłowy numer PESEL: suma kontrolna się nie zgadza (sprawdź cyfry)."),
            code="invalid_pesel",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("Nieprawidłowy numer PESEL: zawiera nieistniejącą datę urodzenia."),
            code="invalid_pesel",
        ) from exc


class Member(TenantModel):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="members", verbose_name=_("rodzina")
    )
    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=150)
    role = models.CharField(_("rola w rodzinie"), max_length=10, choices=MemberRole.choices)
    sex = models.CharField(_("płeć"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("data urodzenia"))
    pesel = models.CharField(
        _("PESEL"),
        max_length=11,
        blank=True,
        validators=[validate_pesel],
        help_text=_("Opcjonalnie. Musi zgadzać się z datą urodzenia i płcią."),
    )

    class Meta:
        verbose_name = _("członek rodziny")
        verbose_name_plural = _("członkowie rodziny")
        ordering = ["birth_date", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "pesel"],
                condition=~models.Q(pesel=""),
                name="member_pesel_unique_in_centre",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def is_child(self) -> bool:
        """Under 18 today (a minor), whatever the role in the family."""
        return self.age < ADULT_AGE

    def clean(self) -> None:
        super().clean()
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("Data urodzenia nie może być w przyszłości.")})
        if not self.pesel or not self.birth_date or not self.sex:
            return
        try:
            stdnum_pesel.validate(self.pesel)
        except StdnumError:
            return  # the field validator reports it
        errors = []
        if stdnum_pesel.get_birth_date(self.pesel) != self.birth_date:
            errors.append(_("PESEL wskazuje inną datę urodzenia niż podana."))
        if stdnum_pesel.get_gender(self.pesel) != self.sex:
            errors.append(_("PESEL wskazuje inną płeć niż podana."))
        if errors:
            raise ValidationError({"pesel": errors})

    def get_additional_data(self) -> dict[str, object]:
        return {
            "centre": self.centre_id,
            "family": self.family_id,
            "case_number": self.family.case_number if self.family_id else "",
        }
