"""Read queries of contacts: a family's contacts, open safety alerts and the monthly work card.

The work card (karta pracy, domain.md §4.5) is computed by SQL aggregates in a constant number of
queries whatever the number of families or contacts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from asysta.core.models import Centre
from asysta.core.text import normalize
from asysta.families.models import Family
from asysta.intake.models import Assignment
from asysta.visits.models import INSTITUTION_PLACES, Contact, ContactKind, SafetyAlert


def contacts_of(family: Family) -> QuerySet[Contact]:
    """The family's contacts, newest first, with what a list shows (no query per row)."""
    return (
        family.contacts.select_related("assistant", "safety_alert")
        .prefetch_related("members_present")
        .order_by("-date", "-start_time", "-pk")
    )


def open_alerts(centre: Centre | int) -> QuerySet[SafetyAlert]:
    """Alerts of the centre not yet acknowledged, oldest first."""
    return (
        SafetyAlert.objects.filter(centre=centre, acknowledged_at__isnull=True)
        .select_related("family", "contact__assistant")
        .order_by("created_at", "pk")
    )


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of the month (ValueError for a month outside 1–12)."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class WorkCardRow:
    """One family's line of the work card (or the totals line)."""

    family_id: int | None
    surname: str
    case_number: str
    contacts: int = 0
    minutes: int = 0
    kilometres: Decimal = Decimal("0")
    forms: dict[str, int] = field(default_factory=dict)
    institutions: dict[str, int] = field(default_factory=dict)

    @property
    def hours(self) -> Decimal:
        return _hours(self.minutes)

    @property
    def hours_label(self) -> str:
        return f"{self.minutes // 60}:{self.minutes % 60:02d}"

    @property
    def institution_contacts(self) -> int:
        return sum(self.institutions.values())

    @property
    def form_counts(self) -> list[tuple[str, int]]:
        """(label, count) of each form in the order of ContactKind, for the templates."""
        return [(str(label), self.forms.get(value, 0)) for value, label in ContactKind.choices]

    @property
    def institution_counts(self) -> list[tuple[str, int]]:
        return [(str(p.label), self.institutions.get(p.value, 0)) for p in INSTITUTION_PLACES]


@dataclass
class WorkCard:
    assistant: Any
    year: int
    month: int
    first_day: date
    last_day: date
    rows: list[WorkCardRow]
    totals: WorkCardRow


def _aggregates() -> dict[str, Any]:
    """The aggregate columns of one card line, in SQL."""
    columns: dict[str, Any] = {
        "n_contacts": Count("pk"),
        "n_minutes": Sum("duration_minutes"),
        "n_km": Sum("kilometres"),
    }
    for kind in ContactKind.values:
        columns[f"form_{kind}"] = Count("pk", filter=Q(form=kind))
    for place in INSTITUTION_PLACES:
        columns[f"place_{place.value}"] = Count("pk", filter=Q(place=place.value))
    return columns


def _fill(row: WorkCardRow, data: Any) -> WorkCardRow:
    row.contacts = data["n_contacts"] or 0
    row.minutes = data["n_minutes"] or 0
    row.kilometres = data["n_km"] or Decimal("0")
    row.forms = {kind: data[f"form_{kind}"] or 0 for kind in ContactKind.values}
    row.institutions = {p.value: data[f"place_{p.value}"] or 0 for p in INSTITUTION_PLACES}
    return row


def work_card(*, assistant: Any, centre: Centre | int, year: int, month: int) -> WorkCard:
    """The monthly work card of `assistant`: per family the number of contacts, hours, forms of
    contact (main actions), kilometres and contacts at institutions, with totals.

    Families assigned to the assistant in the month without any contact appear with zeros.
    Three queries whatever the number of families.
    """
    first, last = month_bounds(year, month)
    contacts = Contact.objects.filter(
        centre=centre, assistant=assistant, date__gte=first, date__lte=last
    )
    per_family = (
        contacts.values("family_id", "family__surname", "family__case_number")
        .annotate(**_aggregates())
        .order_by()
    )
    rows = {
        data["family_id"]: _fill(
            WorkCardRow(data["family_id"], data["family__surname"], data["family__case_number"]),
            data,
        )
        for data in per_family
    }
    assigned = (
        Assignment.objects.filter(centre=centre, assistant=assistant, started_on__lte=last)
        .exclude(ended_on__lt=first)
        .values_list("family_id", "family__surname", "family__case_number")
        .distinct()
    )
    for family_id, surname, case_number in assigned:
        rows.setdefault(family_id, WorkCardRow(family_id, surname, case_number))
    totals = _fill(WorkCardRow(None, "", ""), contacts.aggregate(**_aggregates()))
    ordered = sorted(rows.values(), key=lambda r: (normalize(r.surname), r.case_number))
    return WorkCard(assistant, year, month, first, last, ordered, totals)
