"""The centre's work-card summary against a hand-computed centre and the monthly work card."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asysta.reports.base import REPORTS, Period
from asysta.reports.tests.activity_dataset import YEAR, build
from asysta.reports.workcards import work_cards
from asysta.visits.queries import work_card

pytestmark = pytest.mark.django_db


def amounts(report, code: str) -> dict[int, Decimal | None]:
    return {item.pk: item.amount for item in report.figure(code).items}


def test_registered(people):
    assert REPORTS["work_card"] is work_cards


def test_per_assistant_contacts_hours_and_families(people):
    data = build(people)
    report = work_cards(people.centre, Period(*YEAR))
    anna, bartek = people.anna.pk, people.bartek.pk

    assert amounts(report, "contacts") == {anna: 2, bartek: 1}
    assert amounts(report, "hours") == {anna: Decimal("2.50"), bartek: Decimal("0.75")}
    # Anna: F1, F2, F6 (until reassigned) and F4 in monitoring; Bartek: F3 and F6.
    assert amounts(report, "families") == {anna: 4, bartek: 2}
    assert report.figure("hours").value == Decimal("3.25")
    # The reassigned family is on both cards but counted once here.
    distinct = report.figure("families_total")
    assert {i.pk for i in distinct.items} == {
        data.f1.pk,
        data.f2.pk,
        data.f3.pk,
        data.f4.pk,
        data.f6.pk,
    }
    (f6,) = [i for i in distinct.items if i.pk == data.f6.pk]
    assert "Anna" in f6.reason and "Bartek" in f6.reason
    for figure in report.figures:
        expected = (
            sum((i.amount or 0 for i in figure.items), Decimal(0))
            if figure.is_sum
            else len(figure.items)
        )
        assert figure.value == expected


@pytest.mark.parametrize("month", [3, 4, 6])
def test_agrees_with_the_monthly_work_card(people, month):
    build(people)
    for assistant in (people.anna, people.bartek):
        card = work_card(assistant=assistant, centre=people.centre, year=2025, month=month)
        report = work_cards(people.centre, Period(card.first_day, card.last_day))
        assert amounts(report, "contacts")[assistant.pk] == card.totals.contacts
        assert amounts(report, "hours")[assistant.pk] == card.totals.hours
        assert amounts(report, "families")[assistant.pk] == len(card.rows)


def test_assistant_without_work_is_listed_with_zeros(people):
    report = work_cards(people.centre, Period(date(2025, 1, 1), date(2025, 1, 31)))
    assert amounts(report, "contacts") == {people.anna.pk: 0, people.bartek.pk: 0}
    assert report.figure("families_total").value == 0


def test_query_count_is_constant(people):
    period = Period(*YEAR)
    with CaptureQueriesContext(connection) as empty:
        work_cards(people.centre, period)
    build(people)
    with CaptureQueriesContext(connection) as full:
        work_cards(people.centre, period)
    assert len(full.captured_queries) == len(empty.captured_queries)


def test_a_longer_period_is_also_shown_month_by_month(people):
    """Anna: 1.03 (1 h) and 1.04 (1,5 h); Bartek: 1.06 (45 min) — each month its own figures,
    months without contacts included and empty; one month's report has no month figures."""
    build(people)
    report = work_cards(people.centre, Period(date(2025, 3, 1), date(2025, 6, 30)))
    anna, bartek = people.anna.pk, people.bartek.pk
    assert amounts(report, "contacts_2025_03") == {anna: 1}
    assert amounts(report, "hours_2025_04") == {anna: Decimal("1.50")}
    assert amounts(report, "contacts_2025_05") == {}
    assert amounts(report, "hours_2025_06") == {bartek: Decimal("0.75")}
    assert report.figure("contacts_2025_04").label == "Kontakty — kwiecień 2025"
    months = [f for f in report.figures if f.code.startswith("hours_")]
    assert sum(f.value for f in months) == report.figure("hours").value
    one_month = work_cards(people.centre, Period(date(2025, 3, 1), date(2025, 3, 31)))
    assert [f.code for f in one_month.figures] == [
        "contacts",
        "hours",
        "families",
        "families_total",
    ]
