"""The assistant's monthly work card (karta pracy, domain.md §4.5): per family the number of
contacts, their time, forms and kilometres, with totals. Made from an assistant and a month, not
from one record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.dates import MONTHS
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from asysta.core.models import Centre
from asysta.documents.docx_builder import TemplateDocument, v
from asysta.documents.kinds._common import Row, dmy, name_of, number, spec
from asysta.documents.kinds.base import DocumentKind
from asysta.visits.models import Contact, ContactKind
from asysta.visits.queries import month_bounds, work_card


@dataclass(frozen=True)
class WorkCardSource:
    """An assistant's month: what the monthly work card is made from (not one record)."""

    assistant: Any
    centre: Centre
    year: int
    month: int


def work_card_ref(source: WorkCardSource) -> dict[str, Any]:
    return {
        "assistant": source.assistant.pk,
        "centre": source.centre.pk,
        "year": source.year,
        "month": source.month,
    }


def resolve_work_card(ref: dict[str, Any]) -> WorkCardSource:
    """The source again from its stored ref (DoesNotExist / ValueError when it is gone)."""
    year, month = int(ref["year"]), int(ref["month"])
    month_bounds(year, month)  # a month outside 1–12 is refused here, not while rendering
    return WorkCardSource(
        assistant=get_user_model().objects.get(pk=ref["assistant"]),
        centre=Centre.objects.get(pk=ref["centre"]),
        year=year,
        month=month,
    )


# Columns of the contact forms, keyed as in `ContactKind`.
FORM_KEYS = tuple(ContactKind.values)
_FORM_EXAMPLES = {"home_visit": 3, "phone": 2, "accompanying": 1}


def _count_rows(prefix: str) -> list[Row]:
    rows: list[Row] = [
        (f"{prefix}.contacts", _("liczba kontaktów"), 6),
        (f"{prefix}.hours", _("czas kontaktów (godz.:min)"), "7:30"),
        (f"{prefix}.kilometres", _("przejechane kilometry"), "42,0"),
        (f"{prefix}.institutions", _("kontakty w instytucjach (szkoła, sąd, poradnia, urząd)"), 1),
    ]
    for key, text in ContactKind.choices:
        rows.append(
            (
                f"{prefix}.{key}",
                format_lazy("{}: {}", _("kontakty"), text),
                _FORM_EXAMPLES.get(key, 0),
            )
        )
    return rows


WORK_CARD_ROWS: tuple[Row, ...] = (
    ("card.assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("card.period", _("miesiąc"), "marzec 2025"),
    ("card.year", _("rok"), 2025),
    ("card.month", _("miesiąc (numer)"), 3),
    ("card.first_day", _("pierwszy dzień miesiąca"), "01.03.2025"),
    ("card.last_day", _("ostatni dzień miesiąca"), "31.03.2025"),
    ("card.families", _("liczba rodzin na karcie"), 1),
    ("rows[].case_number", _("rodzina: numer sprawy"), "DAR.4011.7.2025"),
    ("rows[].surname", _("rodzina: nazwisko"), "Kowalscy"),
    *_count_rows("rows[]"),
    *_count_rows("totals"),
)
WORK_CARD_FIELDS, work_card_sample = spec(WORK_CARD_ROWS)

# Above this many contacts in the month the card is made by the background worker.
WORK_CARD_HEAVY_CONTACTS = 300


def _counts(row: Any) -> dict[str, Any]:
    counts: dict[str, Any] = {
        "contacts": row.contacts,
        "hours": row.hours_label,
        "kilometres": number(row.kilometres),
        "institutions": row.institution_contacts,
    }
    for key in FORM_KEYS:
        counts[key] = row.forms.get(key, 0)
    return counts


def build_work_card(source: WorkCardSource) -> dict[str, Any]:
    card = work_card(
        assistant=source.assistant, centre=source.centre, year=source.year, month=source.month
    )
    return {
        "card": {
            "assistant": name_of(source.assistant),
            "period": f"{MONTHS[source.month]} {source.year}",
            "year": source.year,
            "month": source.month,
            "first_day": dmy(card.first_day),
            "last_day": dmy(card.last_day),
            "families": len(card.rows),
        },
        "rows": [
            {"case_number": r.case_number, "surname": r.surname, **_counts(r)} for r in card.rows
        ],
        "totals": _counts(card.totals),
    }


def work_card_heavy(source: WorkCardSource) -> bool:
    first, last = month_bounds(source.year, source.month)
    contacts = Contact.objects.filter(
        centre=source.centre, assistant=source.assistant, date__gte=first, date__lte=last
    )
    return contacts.count() > WORK_CARD_HEAVY_CONTACTS


_FORM_HEADERS = {
    "home_visit": "Wizyty",
    "phone": "Telefon",
    "accompanying": "Towarz.",
    "group": "Grupowe",
    "team_meeting": "Zespół",
    "unsuccessful": "Nieudane",
}


@cache
def work_card_docx() -> bytes:
    t = TemplateDocument("Karta pracy asystenta rodziny", case_number=None, landscape=True)
    t.fields(
        [
            ("Asystent rodziny", v("card.assistant")),
            ("Miesiąc", f"{v('card.period')} ({v('card.first_day')}–{v('card.last_day')})"),
            ("Liczba rodzin", v("card.families")),
        ]
    )
    headers = ["Rodzina", "Kontakty", "Czas", "Km", "Instytucje"]
    headers += [_FORM_HEADERS[key] for key in FORM_KEYS]
    counts = ["contacts", "hours", "kilometres", "institutions", *FORM_KEYS]
    widths = [5.7] + [2.0] * (len(headers) - 1)
    t.table(
        headers,
        "r in rows",
        [f"{v('r.surname')} ({v('r.case_number')})", *(v(f"r.{key}") for key in counts)],
        widths=widths,
    )
    t.heading("Razem")
    t.row_table(headers, ["razem", *(v(f"totals.{key}") for key in counts)], widths=widths)
    t.signatures(["asystent rodziny", "koordynator / kierownik"])
    return t.to_bytes()


WORK_CARD = DocumentKind(
    code="work_card",
    label=_("Karta pracy asystenta (miesięczna)"),
    source=None,
    build=build_work_card,
    fields=WORK_CARD_FIELDS,
    sample=work_card_sample,
    default_docx=work_card_docx,
    html_template="documents/pdf/work_card.html",
    heavy=work_card_heavy,
    ref=work_card_ref,
    resolve=resolve_work_card,
)
