"""The annual activity table (seed 004) against a hand-computed centre."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asysta.core.testing import assign, make_family, make_member
from asysta.reports.activity import activity
from asysta.reports.base import REPORTS, Figure, Period
from asysta.reports.tests.activity_dataset import YEAR, build
from asysta.visits.tests.builders import contact

pytestmark = pytest.mark.django_db


def pks(figure: Figure) -> set[int]:
    return {item.pk for item in figure.items}


def assert_items_add_up(report) -> None:
    for figure in report.figures:
        if figure.is_sum:
            assert figure.value == sum((i.amount for i in figure.items), Decimal(0))
        else:
            assert figure.value == len(figure.items)
        assert all(item.reason for item in figure.items), figure.code


def test_registered(people):
    assert REPORTS["activity"] is activity


def test_families_by_category_with_adults_and_children(people):
    data = build(people)
    report = activity(people.centre, Period(*YEAR))
    values = {f.code: f.value for f in report.figures}

    assert pks(report.figure("families_problem")) == {data.f1.pk, data.f6.pk}
    assert pks(report.figure("families_foster_care")) == {data.f2.pk}
    assert pks(report.figure("families_za_zyciem")) == {data.f3.pk}
    assert values["families_total"] == 4  # F4 closed before, F5 starts after the period
    # The child turning 18 on 10.06.2025 counts as a child of 2025.
    assert (values["adults_problem"], values["children_problem"]) == (2, 3)
    assert (values["adults_foster_care"], values["children_foster_care"]) == (2, 1)
    assert (values["adults_za_zyciem"], values["children_za_zyciem"]) == (1, 0)
    assert (values["adults_total"], values["children_total"]) == (5, 4)
    # The reassigned family is counted once, with both assistants in its reason.
    (f6,) = [i for i in report.figure("families_total").items if i.pk == data.f6.pk]
    assert "Anna" in f6.reason and "Bartek" in f6.reason
    assert_items_add_up(report)


def test_child_of_next_year_is_an_adult(people):
    data = build(people)
    report = activity(people.centre, Period(date(2026, 1, 1), date(2026, 6, 30)))
    (f1,) = [i for i in report.figure("children_total").items if i.pk == data.f1.pk]
    assert f1.amount == 1  # Ewa is 18 on 1.01.2026
    assert data.f5.pk in pks(report.figure("families_total"))
    assert data.f3.pk not in pks(report.figure("families_total"))


def test_work_ended_by_reason_on_the_period_edge(people):
    data = build(people)
    first_half = activity(people.centre, Period.half_year(2025, 1))
    second_half = activity(people.centre, Period.half_year(2025, 2))

    assert pks(first_half.figure("ended_total")) == {data.f3.pk}  # closed on 30 June
    assert first_half.figure("ended_goals_achieved").value == 1
    assert first_half.figure("ended_no_cooperation").value == 0
    assert second_half.figure("ended_total").value == 0
    # Closed on 30 June: served in H1, not in H2; F2 works across both halves.
    assert data.f3.pk not in pks(second_half.figure("families_total"))
    assert data.f2.pk in pks(first_half.figure("families_total"))
    assert data.f2.pk in pks(second_half.figure("families_total"))
    assert_items_add_up(first_half)


def test_assistants_by_fte_at_the_period_end(people):
    build(people)
    first_half = activity(people.centre, Period.half_year(2025, 1))
    year = activity(people.centre, Period(*YEAR))

    assert first_half.figure("assistants_total").value == 2
    assert first_half.figure("assistants_fte").value == Decimal("1.50")
    assert pks(first_half.figure("assistants_fte_1_00")) == {people.anna.pk}
    assert pks(first_half.figure("assistants_fte_0_50")) == {people.bartek.pk}
    # Bartek moved to a full FTE on 1.07.2025.
    assert year.figure("assistants_fte").value == Decimal("2.00")
    assert year.figure("assistants_fte_1_00").value == 2
    assert "assistants_fte_0_50" not in {f.code for f in year.figures}
    assert_items_add_up(year)


def test_contacts_and_hours(people):
    data = build(people)
    report = activity(people.centre, Period(*YEAR))

    contacts, spent = report.figure("contacts"), report.figure("hours")
    assert contacts.value == 3  # the 2026 contact is outside
    assert spent.value == Decimal("3.25")
    by_family = {i.pk: i.amount for i in spent.items}
    assert by_family == {data.f1.pk: Decimal("2.50"), data.f6.pk: Decimal("0.75")}
    assert report.as_dict()["figures"][-1]["value"] == "3.25"


def test_other_centre_is_not_counted(people):
    build(people)
    report = activity(people.centre_b, Period(*YEAR))
    assert all(f.value == 0 for f in report.figures)


def _families(people, n: int) -> None:
    for i in range(n):
        family = make_family(centre=people.centre, by=people.dorota, surname=f"Rodzina{i}")
        make_member(family=family, by=people.dorota)
        make_member(
            family=family, by=people.dorota, role="child", sex="F", birth_date=date(2015, 1, 1)
        )
        assistant = people.anna if i % 2 else people.bartek
        assign(family=family, assistant=assistant, by=people.dorota, started_on=date(2025, 1, 2))
        contact(family, by=assistant, on=date(2025, 2, 1))


def _queries(people) -> int:
    with CaptureQueriesContext(connection) as ctx:
        activity(people.centre, Period(*YEAR))
    return len(ctx.captured_queries)


@pytest.mark.parametrize("n", [10])
def test_query_count_does_not_grow_with_families(people, settings, n):
    settings.CASELOAD_HARD_CAP = 100
    _families(people, n)
    few = _queries(people)
    _families(people, 40)
    many = _queries(people)
    assert few == many
    report = activity(people.centre, Period(*YEAR))
    assert report.figure("families_total").value == 50
    assert report.figure("children_total").value == 50
