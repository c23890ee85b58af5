"""What the document kinds share: printing dates and people, the family's identification, the
members' rows, and the one list of fields each kind writes once to get both its help-page
fields and its sample data (so the two can never drift apart).

A kind's data is plain (see `base`): dates as dd.mm.rrrr, missing values as "" (never None,
which a template would print as "None"), yes/no as booleans, choices as their Polish labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from asysta.documents.docx_builder import TemplateDocument, v
from asysta.documents.kinds.base import Field

# One documented value: (path, label, example value of its real type).
Row = tuple[str, str | Promise, Any]

# A key of the data that a dict already has as an attribute (`items`, `values`, `keys`...)
# would be shadowed in a Jinja template (`x.items` finds the method, not the value).
RESERVED_KEYS = frozenset(dir(dict))


def dmy(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def name_of(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def label(instance: Any, field: str) -> str:
    """The Polish label of a choice field ("" when blank)."""
    if not getattr(instance, field):
        return ""
    return str(getattr(instance, f"get_{field}_display")())


def number(value: Any) -> str:
    """A decimal number as printed in Polish (comma), "" when missing."""
    if value is None:
        return ""
    text = f"{value:.1f}" if not isinstance(value, int) else str(value)
    return text.replace(".", ",")


def hours_label(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


# --- the family --------------------------------------------------------------------------------


def family_data(family: Any) -> dict[str, str]:
    """The family's identification, the same in every document made from its record."""
    return {
        "case_number": family.case_number,
        "surname": family.surname,
        "address": family.address,
        "locality": family.locality,
        "gmina": family.gmina,
    }


FAMILY_ROWS: tuple[Row, ...] = (
    ("family.case_number", _("numer sprawy (znak sprawy)"), "DAR.4011.7.2025"),
    ("family.surname", _("nazwisko rodziny"), "Kowalscy"),
    ("family.address", _("adres zamieszkania"), "ul. Lipowa 3/5, 55-010 Zielona Dolina"),
    ("family.locality", _("miejscowość zamieszkania"), "Zielona Dolina"),
    ("family.gmina", _("gmina"), "Zielona Dolina"),
)


def assistant_of(family: Any) -> str:
    """The family's assistant now (the open assignment), else the last one ("" if none)."""
    assignments = family.assignments.select_related("assistant")
    assignment = (
        assignments.filter(ended_on__isnull=True).first()
        or assignments.order_by("-started_on", "-pk").first()
    )
    return name_of(assignment.assistant) if assignment else ""


# --- members -----------------------------------------------------------------------------------

# The optional, more sensitive parts of a member's row; each kind says which it needs.
PESEL = "pesel"
DISABILITY = "disability"
NOTES = "notes"


def member_data(member: Any, *extra: str) -> dict[str, Any]:
    """A member's row. Identification by name and birth date; `extra` adds the PESEL, the
    disability (special-category data, GDPR art. 9) or the notes, only where a kind needs them."""
    row: dict[str, Any] = {
        "name": f"{member.first_name} {member.last_name}",
        "first_name": member.first_name,
        "last_name": member.last_name,
        "role": label(member, "role"),
        "relationship": label(member, "relationship"),
        "birth_date": dmy(member.birth_date),
        "age": member.age,
        "is_child": member.is_child,
        "parental_authority": label(member, "parental_authority"),
        "lives_in_household": member.lives_in_household,
        "school": member.school,
        "occupation": member.occupation,
    }
    for key in extra:
        row[key] = getattr(member, key)
    return row


def member_rows(prefix: str, *extra: str) -> tuple[Row, ...]:
    rows: list[Row] = [
        (f"{prefix}.name", _("imię i nazwisko"), "Ewa Kowalska"),
        (f"{prefix}.first_name", _("imię"), "Ewa"),
        (f"{prefix}.last_name", _("nazwisko"), "Kowalska"),
        (f"{prefix}.role", _("rola w rodzinie"), "rodzic"),
        (f"{prefix}.relationship", _("pokrewieństwo"), "matka"),
        (f"{prefix}.birth_date", _("data urodzenia"), "14.05.1991"),
        (f"{prefix}.age", _("wiek (lata)"), 34),
        (f"{prefix}.is_child", _("osoba małoletnia (tak/nie)"), False),
        (f"{prefix}.parental_authority", _("władza rodzicielska"), "pełna"),
        (f"{prefix}.lives_in_household", _("mieszka z rodziną (tak/nie)"), True),
        (f"{prefix}.school", _("szkoła / przedszkole"), ""),
        (f"{prefix}.occupation", _("praca / źródło utrzymania"), "sprzedawczyni"),
    ]
    examples = {
        PESEL: (_("PESEL"), "91051412345"),
        DISABILITY: (
            _("niepełnosprawność (orzeczenie) — dane szczególnej kategorii"),
            "umiarkowany stopień niepełnosprawności",
        ),
        NOTES: (_("uwagi"), ""),
    }
    for key in extra:
        text, example = examples[key]
        rows.append((f"{prefix}.{key}", text, example))
    return tuple(rows)


def members_data(family: Any, *extra: str) -> list[dict[str, Any]]:
    return [member_data(m, *extra) for m in family.members.all()]


# --- fields and sample from one list -----------------------------------------------------------


def printed(value: Any) -> str:
    """An example value as a template prints it (a boolean as the word a document uses)."""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    return str(value)


def _put(target: dict[str, Any], parts: list[str], value: Any) -> None:
    head, *rest = parts
    if not rest:
        target[head] = value
        return
    if head.endswith("[]"):
        items = target.setdefault(head[:-2], [{}])
        _put(items[0], rest, value)
    else:
        _put(target.setdefault(head, {}), rest, value)


def spec(rows: Iterable[Row]) -> tuple[tuple[Field, ...], Callable[[], dict[str, Any]]]:
    """The kind's `fields` and its `sample` function, from one list of documented values.

    The sample has every list with one element, so a template's loops are exercised.
    """
    rows = tuple(rows)
    fields = tuple(Field(path, text, printed(example)) for path, text, example in rows)

    def sample() -> dict[str, Any]:
        data: dict[str, Any] = {}
        for path, _text, example in rows:
            _put(data, path.split("."), example)
        return data

    return fields, sample


def members_table(t: TemplateDocument) -> None:
    """The "Skład rodziny" table of a default template (rows from the `members` field list
    with the school and occupation extras)."""
    t.heading("Skład rodziny")
    t.table(
        ["Imię i nazwisko", "Data urodzenia", "Pokrewieństwo", "Szkoła / praca"],
        "m in members",
        [
            v("m.name"),
            v("m.birth_date"),
            v("m.relationship"),
            f"{v('m.school')} {v('m.occupation')}",
        ],
    )
