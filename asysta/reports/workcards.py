"""The centre's work-card summary for a period: per assistant the contacts, hours and families.

It follows the monthly work card (`asysta.visits.queries.work_card`): an assistant's families are
those assigned to them in the period plus those they recorded a contact with, and hours are the
sum of the contacts' minutes rounded the same way (per assistant, and per assistant and month);
a test checks both agree for a month. An assistant without work in the period is listed (with
zeros) when employed on some day of it.

The values are two queries whatever the number of assistants and families: the contacts grouped
by assistant (each month a filtered count and sum) and summed up over the groups, and one SELECT
counting the (assistant, family) pairs and their families and asking whether an assistant was
employed. The lists behind the figures are read by `WorkCardItems` only when shown.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Q, Sum
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from asysta.accounts.models import Membership, Role
from asysta.core.models import Centre
from asysta.reports.base import Figure, Period, Report, register
from asysta.reports.common import SubqueryCount, cents_to_hours, d, hour_cents
from asysta.reports.workcard_items import (
    WorkCardItems,
    assigned_in,
    contacts_in,
    employed_in,
    months,
)


def _counts(centre: Centre, period: Period) -> dict[str, Any]:
    """The (assistant, family) pairs, the families in them, and whether anyone is listed: an
    assistant with a pair, or one employed in the period (one SELECT of three subqueries; the
    families are the distinct ones of the pairs)."""
    contacted, assigned = contacts_in(centre, period), assigned_in(centre, period)
    both = (
        contacted.order_by()
        .values_list("assistant_id", "family_id")
        .union(assigned.order_by().values_list("assistant_id", "family_id"))
    )
    employed = Membership.objects.filter(
        employed_in(period, prefix=""), centre=centre, role=Role.ASSISTANT
    )
    row = (
        Centre.objects.filter(pk=centre.pk)
        .order_by()
        .annotate(
            n_pairs=SubqueryCount(both),
            n_families=SubqueryCount(both, distinct="family_id"),
            anyone_employed=Exists(employed),
        )
        .values("n_pairs", "n_families", "anyone_employed")
        .get()
    )
    return dict(row)


def _contact_values(centre: Centre, period: Period, spans: list[tuple[date, date]]) -> Any:
    """Contacts and hundredths of hours in the period, and in each of `spans` (its months):
    one query, the contacts grouped by assistant (hours are rounded per assistant, and per
    assistant and month, as each card is) and summed up over the groups."""
    per_assistant = contacts_in(centre, period).order_by().values("assistant_id")
    counts: dict[str, Any] = {"n": Count("pk"), "minutes": Sum("duration_minutes")}
    for i, (first, last) in enumerate(spans):
        in_month = Q(date__gte=first, date__lte=last)
        counts[f"n{i}"] = Count("pk", filter=in_month)
        counts[f"minutes{i}"] = Sum("duration_minutes", filter=in_month)
    rounded = {f"cents{i}": hour_cents(f"minutes{i}") for i in range(len(spans))}
    grouped = per_assistant.annotate(**counts).annotate(cents=hour_cents("minutes"), **rounded)
    totals = {"contacts": Sum("n"), "hundredths": Sum("cents")}
    for i in range(len(spans)):
        totals[f"contacts{i}"], totals[f"hundredths{i}"] = Sum(f"n{i}"), Sum(f"cents{i}")
    return grouped.aggregate(**totals)


def _monthly(period: Period, sums: dict[str, Any], source: WorkCardItems) -> list[Figure]:
    """For a period longer than a month: contacts and hours of each month. Months without
    contacts still get their (empty) figures."""
    figures: list[Figure] = []
    for i, (year, month) in enumerate(months(period)):
        name = f"{str(MONTHS[month]).lower()} {year}"
        n = sums[f"contacts{i}"] or 0
        count = Figure(
            f"contacts_{year}_{month:02d}",
            _("Kontakty — %(m)s") % {"m": name},
            is_sum=True,
            value=Decimal(n),
            source=source,
        )
        time = Figure(
            f"hours_{year}_{month:02d}",
            _("Godziny — %(m)s") % {"m": name},
            is_sum=True,
            value=cents_to_hours(sums[f"hundredths{i}"], listed=bool(n)),
            source=source,
        )
        figures += [count, time]
    return figures


def _month_spans(period: Period) -> list[tuple[date, date]]:
    """The months of a period longer than one, each cut to the period (none for one month)."""
    if (period.start.year, period.start.month) == (period.end.year, period.end.month):
        return []
    spans = []
    for year, month in months(period):
        first = max(date(year, month, 1), period.start)
        last = min(date(year, month, calendar.monthrange(year, month)[1]), period.end)
        spans.append((first, last))
    return spans


def _totals(centre: Centre, period: Period, sums: Any, source: WorkCardItems) -> list[Figure]:
    """Contacts, hours and the assistants' families of the whole period."""
    counts = _counts(centre, period)
    contacts = sums["contacts"] or 0
    # Hours are 0 with two decimals once anybody is listed (each listed card has its 0,00).
    listed = bool(counts["n_pairs"] or counts["anyone_employed"])
    return [
        Figure(
            "contacts", _("Liczba kontaktów"), is_sum=True, value=Decimal(contacts), source=source
        ),
        Figure(
            "hours",
            _("Czas pracy z rodzinami (godziny)"),
            is_sum=True,
            value=cents_to_hours(sums["hundredths"], listed=listed),
            source=source,
        ),
        Figure(
            "families",
            _("Rodziny asystenta (suma po asystentach)"),
            is_sum=True,
            value=Decimal(counts["n_pairs"]),
            source=source,
        ),
        Figure(
            "families_total",
            _("Rodziny (bez powtórzeń)"),
            value=counts["n_families"],
            source=source,
        ),
    ]


@register(
    "work_card",
    items=WorkCardItems,
    reads=("accounts.Membership", "intake.Assignment", "visits.Contact"),
)
def work_cards(centre: Centre, period: Period, *, lists: bool = True, **options: Any) -> Report:
    """The work cards of the centre's assistants summed up for `period`, and for a period
    longer than a month, month by month."""
    source = WorkCardItems(centre, period)
    spans = _month_spans(period)
    sums = _contact_values(centre, period, spans)
    figures = _totals(centre, period, sums, source)
    if spans:
        figures += _monthly(period, sums, source)
    return Report(
        name="work_card",
        title=_("Karty pracy asystentów %(s)s–%(e)s") % {"s": d(period.start), "e": d(period.end)},
        centre_id=centre.pk,
        period=period,
        figures=figures,
    ).with_lists(lists)
