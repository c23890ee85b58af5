"""Changes to families and members. Each runs in one transaction and is audited (auditlog)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.core.models import Centre
from asysta.core.text import normalize
from asysta.families.models import CaseNumberCounter, Family, Member

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


def format_case_number(*, centre: Centre, seq: int | str, year: int) -> str:
    """The centre's case-number pattern filled in ({symbol}, {seq}, {year})."""
    return (
        centre.case_number_pattern.replace("{symbol}", centre.case_symbol)
        .replace("{seq}", str(seq))
        .replace("{year}", str(year))
    )


def _counter_for_update(*, centre: Centre, year: int) -> CaseNumberCounter:
    rows = CaseNumberCounter.objects.select_for_update()
    counter = rows.filter(centre=centre, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            return CaseNumberCounter.objects.create(centre=centre, year=year, last=0)
    except IntegrityError:  # another request created the row first: wait for its lock
        return rows.get(centre=centre, year=year)


@transaction.atomic
def next_case_number(*, centre: Centre, year: int) -> str:
    """Give out the next case number of `centre` in `year` by the centre's pattern.

    The counter row is locked (select_for_update) so two requests never get the same number;
    numbers already taken by hand are skipped. Rolled back with the caller's transaction.
    """
    if "{seq}" not in centre.case_number_pattern:
        raise ValidationError(
            {
                "case_number": _(
                    "Wzór numeru sprawy ośrodka nie zawiera kolejnego numeru ({seq}) — "
                    "wpisz numer sprawy ręcznie."
                )
            }
        )
    counter = _counter_for_update(centre=centre, year=year)
    while True:
        counter.last += 1
        number = format_case_number(centre=centre, seq=counter.last, year=year)
        if not Family.objects.filter(centre=centre, case_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


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
    """Register a family in `centre`. Raises ValidationError with per-field messages.

    A blank case number is given the centre's next number (`next_case_number`)."""
    data = {k: v for k, v in fields.items() if k in FAMILY_FIELDS}
    if not (data.get("case_number") or "").strip() and centre.case_number_pattern:
        data["case_number"] = next_case_number(centre=centre, year=timezone.localdate().year)
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
