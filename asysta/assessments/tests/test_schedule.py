"""The six-month rule: month ends, days off, where the clock starts, the overdue list."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asysta.assessments import schedule, services
from asysta.assessments.schedule import (
    clock_start,
    due_after,
    next_assessment_due,
    overdue_assessments,
    previous_working_day,
    six_months_after,
)
from asysta.assessments.tests.builders import assessment
from asysta.core import testing
from asysta.intake.services import record_first_contact
from asysta.plans.tests.builders import plan_in_force

# --- pure date arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "six_months"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),  # no 31 Feb: the last day of February
        (date(2027, 8, 31), date(2028, 2, 29)),  # a leap year
        (date(2025, 11, 30), date(2026, 5, 30)),  # 30 May exists: no month-end rounding
        (date(2025, 11, 29), date(2026, 5, 29)),
        (date(2025, 3, 3), date(2025, 9, 3)),
        (date(2025, 9, 2), date(2026, 3, 2)),
        (date(2026, 2, 28), date(2026, 8, 28)),  # from a month end that is not the 31st
    ],
)
def test_six_calendar_months_keep_the_day_or_take_the_month_end(start, six_months):
    assert six_months_after(start) == six_months


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2025, 5, 1), date(2025, 10, 31)),  # Sat 1 Nov 2025 (All Saints') -> Fri 31 Oct
        (date(2025, 8, 31), date(2026, 2, 27)),  # Sat 28 Feb 2026 -> Fri 27 Feb
        (date(2027, 8, 31), date(2028, 2, 29)),  # Tue 29 Feb 2028 is a working day
        (date(2025, 11, 30), date(2026, 5, 29)),  # Sat 30 May 2026 -> Fri 29 May
        (date(2025, 6, 24), date(2025, 12, 23)),  # 24 Dec (holiday since 2025) -> Tue 23 Dec
        (date(2025, 11, 3), date(2026, 4, 30)),  # Sun 3 May -> Sat 2, Fri 1 May off -> Thu 30 Apr
        (date(2025, 9, 2), date(2026, 3, 2)),  # Mon 2 Mar 2026: on the day itself
    ],
)
def test_a_due_date_on_a_day_off_moves_to_the_previous_working_day(start, due):
    assert due_after(start) == due


def test_previous_working_day_of_a_working_day_is_the_day_itself():
    assert previous_working_day(date(2025, 10, 31)) == date(2025, 10, 31)
    assert previous_working_day(date(2025, 11, 2)) == date(2025, 10, 31)


@pytest.mark.parametrize(
    ("plan", "last", "contact", "expected"),
    [
        (date(2025, 3, 3), None, date(2025, 2, 1), date(2025, 3, 3)),  # the plan, not contact
        (date(2025, 3, 3), date(2025, 9, 2), None, date(2025, 9, 2)),  # the later one
        (date(2025, 10, 1), date(2025, 9, 2), None, date(2025, 10, 1)),  # a newer plan
        (None, date(2025, 9, 2), date(2025, 2, 1), date(2025, 9, 2)),
        (None, None, date(2025, 2, 1), date(2025, 2, 1)),  # only the first contact
        (None, None, None, None),
    ],
)
def test_the_clock_starts_at_the_later_of_plan_and_previous_assessment(
    plan, last, contact, expected
):
    assert clock_start(plan_start=plan, last_period_to=last, contact_start=contact) == expected


# --- from the database -------------------------------------------------------------------------


def test_without_a_plan_the_clock_runs_from_the_first_contact(people):
    family = testing.make_family(centre=people.centre, by=people.dorota)
    testing.make_member(family=family, by=people.dorota)
    assignment = testing.assign(
        family=family, assistant=people.anna, by=people.dorota, started_on=date(2025, 4, 14)
    )
    assert next_assessment_due(family) == date(2025, 10, 14)  # from the assignment's start
    record_first_contact(assignment=assignment, on=date(2025, 5, 1), present="", by=people.anna)
    assert next_assessment_due(family) == date(2025, 10, 31)  # Sat 1 Nov -> Fri 31 Oct


def test_a_family_without_assignment_plan_or_assessment_has_no_due_date(people):
    family = testing.make_family(centre=people.centre, by=people.dorota)
    assert next_assessment_due(family) is None


def test_the_plan_in_force_and_submitted_assessments_move_the_clock(people, lewandowscy):
    family = lewandowscy
    plan_in_force(family, people=people, on=date(2025, 3, 3))
    assert next_assessment_due(family) == date(2025, 9, 3)
    draft = assessment(
        family, by=people.anna, period_from=date(2025, 3, 3), period_to=date(2025, 9, 2)
    )
    assert next_assessment_due(family) == date(2025, 9, 3)  # a draft does not count
    services.submit_assessment(assessment=draft, by=people.anna, on=date(2025, 9, 2))
    assert next_assessment_due(family) == date(2026, 3, 2)


def test_the_newest_assessment_read_by_the_caller_gives_the_same_due_date(people, lewandowscy):
    """The family page's panel has read the newest assessment: when it counts (or there is none)
    the clock needs no query for the previous one; a draft still asks for the last one passed on."""
    family = lewandowscy
    plan_in_force(family, people=people, on=date(2025, 3, 3))

    def newest():
        return family.assessments.order_by("-period_to", "-pk").first()

    def due_given_newest():
        with CaptureQueriesContext(connection) as ctx:
            due = next_assessment_due(family, newest=newest_now)
        asked = any("assessments_periodicassessment" in q["sql"] for q in ctx.captured_queries)
        return due, asked

    newest_now = newest()
    assert newest_now is None
    assert due_given_newest() == (next_assessment_due(family), False)
    first = assessment(
        family, by=people.anna, period_from=date(2025, 3, 3), period_to=date(2025, 9, 2)
    )
    services.submit_assessment(assessment=first, by=people.anna, on=date(2025, 9, 2))
    newest_now = newest()
    assert due_given_newest() == (date(2026, 3, 2), False)
    assessment(family, by=people.anna, period_from=date(2025, 9, 3), period_to=date(2026, 3, 1))
    newest_now = newest()  # a draft: the clock still runs from the submitted one
    assert due_given_newest() == (date(2026, 3, 2), True)


def test_overdue_assessments_of_a_centre(people, lewandowscy):
    family = lewandowscy
    plan_in_force(family, people=people, on=date(2025, 3, 3))
    other = testing.make_family(centre=people.centre, by=people.dorota, surname="Nowakowie")
    testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    b_family = testing.make_family(centre=people.centre_b, by=people.zofia)
    assert [d.family for d in overdue_assessments(people.centre, date(2025, 9, 3))] == []
    late = overdue_assessments(people.centre, date(2025, 9, 4))
    assert [(d.family, d.assistant, d.due_on) for d in late] == [
        (family, people.anna, date(2025, 9, 3))
    ]
    assert b_family not in [d.family for d in schedule.assessment_due_dates(people.centre_b)]


def test_the_due_dates_of_a_centre_take_a_fixed_number_of_queries(people, family):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            schedule.assessment_due_dates(people.centre)
        return len(ctx.captured_queries)

    one = count()
    for n in range(5):
        extra = testing.make_family(centre=people.centre, by=people.dorota, surname=f"R{n}")
        testing.assign(family=extra, assistant=people.bartek, by=people.dorota)
    assert len(schedule.assessment_due_dates(people.centre)) == 6
    assert count() == one
