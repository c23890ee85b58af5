"""Changes to families and members. Each runs in one transaction and is audited (auditlog)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from asysta.core.models import Centre
from asysta.core.text import normalize
from asysta.families.models import Family, Member

# Fields of the family record and of a member that the services accept.
FAMILY_FIELDS = (
    "case_number",
    "surname",
    "street",
    "building",
    "flat",
    "postal_code",
    "locality",
    "gmina",
    "meeting_place",
    "phone",
    "email",
    "social_worker",
    "reporting_category_override",
    "other_services",
    "strengths_available",
    "strengths_at_risk",
    "strengths_missing",
    "difficulty",
)
MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "role",
    "relationship",
    "sex",
    "birth_date",
    "pesel",
    "parental_authority",
    "lives_in_household",
    "school",
    "occupation",
    "disability",
    "health_notes",
    "notes",
)


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


def refresh_search_text(family: Family) -> None:
    """Rebuild the family's normalised search column from its own and its members' data."""
    names = family.members.values_list("first_name", "last_name")
    parts = [family.surname, family.case_number, family.street, family.building, family.locality]
    parts += [f"{first} {last}" for first, last in names]
    text = normalize(" ".join(p for p in parts if p))[:1000]
    if text != family.search_text:
        Family.objects.filter(pk=family.pk).update(search_text=text)
        family.search_text = text


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
    refresh_search_text(family)
    return family


@transaction.atomic
def update_family(*, family: Family, by: Any, **fields: Any) -> Family:
    """Change the family record's fields."""
    for name, value in fields.items():
        if name in FAMILY_FIELDS:
            setattr(family, name, value)
    _check_case_number(centre=family.centre, case_number=family.case_number, exclude_pk=family.pk)
    _save(family)
    refresh_search_text(family)
    return family


@transaction.atomic
def add_member(*, family: Family, by: Any, **fields: Any) -> Member:
    """Add a person to the family. PESEL, when given, must be valid, unique in the centre and
    agree with the date of birth and sex."""
    data = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    member = Member(centre_id=family.centre_id, family=family, **data)
    _check_pesel(centre=family.centre, pesel=member.pesel, exclude_pk=None)
    _save(member)
    refresh_search_text(family)
    return member


@transaction.atomic
def update_member(*, member: Member, by: Any, **fields: Any) -> Member:
    for name, value in fields.items():
        if name in MEMBER_FIELDS:
            setattr(member, name, value)
    _check_pesel(centre=member.family.centre, pesel=member.pesel, exclude_pk=member.pk)
    _save(member)
    refresh_search_text(member.family)
    return member
