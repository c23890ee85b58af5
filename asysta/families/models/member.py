"""Members of a family: identity, relationship, parental authority, school, work, health."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from asysta.core.models import TenantModel
from asysta.families.models.family import Family

ADULT_AGE = 18


class MemberRole(models.TextChoices):
    PARENT = "parent", _("rodzic")
    GUARDIAN = "guardian", _("opiekun prawny")
    CHILD = "child", _("dziecko")
    OTHER = "other", _("inna osoba w gospodarstwie")


class Relationship(models.TextChoices):
    MOTHER = "mother", _("matka")
    FATHER = "father", _("ojciec")
    PARENTS_PARTNER = "partner", _("partner / partnerka rodzica")
    DAUGHTER = "daughter", _("córka")
    SON = "son", _("syn")
    STEPCHILD = "stepchild", _("pasierb / pasierbica")
    GRANDCHILD = "grandchild", _("wnuk / wnuczka")
    GRANDPARENT = "grandparent", _("babcia / dziadek")
    SIBLING = "sibling", _("rodzeństwo rodzica")
    OTHER = "other", _("inna")


class ParentalAuthority(models.TextChoices):
    FULL = "full", _("pełna")
    LIMITED = "limited", _("ograniczona")
    SUSPENDED = "suspended", _("zawieszona")
    DEPRIVED = "deprived", _("pozbawiona")


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
    relationship = models.CharField(
        _("pokrewieństwo"), max_length=12, choices=Relationship.choices, blank=True
    )
    sex = models.CharField(_("płeć"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("data urodzenia"))
    pesel = models.CharField(
        _("PESEL"),
        max_length=11,
        blank=True,
        validators=[validate_pesel],
        help_text=_("Opcjonalnie. Musi zgadzać się z datą urodzenia i płcią."),
    )
    parental_authority = models.CharField(
        _("władza rodzicielska"),
        max_length=10,
        choices=ParentalAuthority.choices,
        blank=True,
        help_text=_("Dla rodziców i opiekunów."),
    )
    lives_in_household = models.BooleanField(_("mieszka z rodziną"), default=True)
    school = models.CharField(_("szkoła / przedszkole"), max_length=200, blank=True)
    occupation = models.CharField(_("praca / źródło utrzymania"), max_length=200, blank=True)
    # Special-category data (GDPR art. 9): shown only to roles that need it; reads are logged.
    disability = models.CharField(_("niepełnosprawność (orzeczenie)"), max_length=200, blank=True)
    health_notes = models.TextField(_("informacje o zdrowiu"), blank=True)
    notes = models.TextField(
        _("uwagi"),
        blank=True,
        help_text=_("Wymagane np. gdy rodzicem jest osoba niepełnoletnia."),
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

    # Fields that carry special-category data (GDPR art. 9).
    SPECIAL_FIELDS = ("disability", "health_notes")

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
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            raise ValidationError({"birth_date": _("Data urodzenia nie może być w przyszłości.")})
        if (
            self.role == MemberRole.PARENT
            and self.birth_date
            and age_on(self.birth_date, today) < ADULT_AGE
            and not self.notes.strip()
        ):
            raise ValidationError(
                {
                    "notes": _(
                        "Rodzic jest niepełnoletni — opisz sytuację w uwagach "
                        "(np. małoletnia matka opuszczająca MOW)."
                    )
                }
            )
        self._check_pesel_agrees()

    def _check_pesel_agrees(self) -> None:
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
