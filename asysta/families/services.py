"""Changes to families and members. Each runs in one transaction and is audited (auditlog)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from asysta.core.models import Centre
from asysta.families.models import Family, Member

FAMILY_FIELDS = (
    "case_number",
    "surname",
    "street",
    "building",
    "flat",
    "postal_code",
    "locality",
    "gmina",
    "phone",
    "social_worker",
)
MEMBER_FIELDS = ("first_name", "last_name", "role", "sex", "birth_date", "pesel")


def _check_case_number(*, centre: Centre, case_number: str, exclude_pk: int | None) -> None:
    clash = Family.objects.filter(centre=centre, case_number=case_number)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "case_number": _("Rodzina o numerze sprawy %(n)s już istnieje w ośrodku.")
                % {"n": case_number}
            }
        )


def _check_pesel(*, centre: Centre, pesel: str, exclude_pk: int | None) -> None:
    if not pesel:
        return
    clash = Member.objects.filter(centre=centre, pesel=pesel)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"pesel": _("Osoba o tym numerze PESEL jest już zapisana w ośrodku.")}
        )


def _save(instance: Family | Member) -> None:
    instance.full_clean(exclude=["centre"])
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:  # a concurrent insert won the race for a unique value
        raise ValidationError(_("Zapis się nie powiódł: dane kolidują z innym wpisem.")) from exc


@transaction.atomic
def create_family(*, centre: Centre, by: Any, **fields: Any) -> Family:
    """Register a family in `centre`. Raises ValidationError with per-field messages."""
    data = {k: v for k, v in fields.items() if k in FAMILY_FIELDS}
    family = Family(centre=centre, **data)
    _check_case_number(centre=centre, case_number=family.case_number, exclude_pk=None)
    _save(family)
    return family


@transaction.atomic
def update_family(*, family: Family, by: Any, **fields: Any) -> Family:
    """Change the family record's fields."""
    for name, value in fields.items():
        if name in FAMILY_FIELDS:
            setattr(family, name, value)
    _check_case_number(centre=family.centre, case_number=family.case_number, exclude_pk=family.pk)
    _save(family)
    return family


@transaction.atomic
def add_member(*, family: Family, by: Any, **fields: Any) -> Member:
    """Add a person to the family. PESEL, when given, must be valid, unique in the centre and
    agree with the date of birth and sex."""
    data = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    member = Member(centre_id=family.centre_id, family=family, **data)
    _check_pesel(centre=family.centre, pesel=member.pesel, exclude_pk=None)
    _save(member)
    return member


@transaction.atomic
def update_member(*, member: Member, by: Any, **fields: Any) -> Member:
    for name, value in fields.items():
        if name in MEMBER_FIELDS:
            setattr(member, name, value)
    _check_pesel(centre=member.family.centre, pesel=member.pesel, exclude_pk=member.pk)
    _save(member)
    return member
