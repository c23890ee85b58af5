"""The statutory clock: deadlines per assistant and on the centre's board."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.deadlines.clock import Deadline, upcoming
from asysta.intake.services import assign_assistant, record_first_contact


def _deadline(due: date) -> Deadline:
    return Deadline(kind="x", label="x", family=None, due_on=due, assistant=None, url="/")


@pytest.mark.parametrize(
    ("today", "due", "left"),
    [
        (date(2025, 4, 30), date(2025, 5, 8), 5),  # over 1 and 3 May and the weekend
        (date(2025, 12, 23), date(2025, 12, 29), 1),  # 24-26 December are holidays
        (date(2025, 11, 12), date(2025, 11, 12), 0),
        (date(2025, 11, 12), date(2025, 11, 10), -1),  # late by one: 11 November is a holiday
    ],
)
def test_working_days_left(today, due, left):
    assert _deadline(due).working_days_left(today) == left


def test_a_new_assignment_waits_for_its_first_meeting(people, family):
    today = timezone.localdate()
    items = upcoming(people.centre, today + timedelta(days=30), assistant=people.anna)
    assert [d.kind for d in items] == ["first_meeting"]
    assert items[0].family == family
    record_first_contact(
        assignment=family.assignments.get(), on=today, present="SW", by=people.anna
    )
    assert upcoming(people.centre, today + timedelta(days=30), assistant=people.anna) == []


def test_assistant_sees_own_deadlines_on_the_start_page(people, family, login):
    html = login(people.anna).get(reverse("families:list")).content.decode()
    assert "Moje terminy" in html and "pierwsze spotkanie z rodziną" in html
    other = login(people.bartek).get(reverse("deadlines:mine")).content.decode()
    assert family.surname not in other


def test_board_lists_late_steps_for_the_head(people, family, login):
    assignment = family.assignments.get()
    assignment.started_on = timezone.localdate() - timedelta(days=40)
    assignment.save()
    html = login(people.dorota).get(reverse("deadlines:board")).content.decode()
    assert "Po terminie (1)" in html and family.case_number in html
    assert login(people.anna).get(reverse("deadlines:board")).status_code == 403
    assert (
        login(people.zofia)
        .get(reverse("deadlines:board"))
        .content.decode()
        .count(family.case_number)
        == 0
    )
    home = login(people.dorota).get(reverse("home")).content.decode()
    assert "po terminie: 1" in home


def test_board_query_count_is_constant(people, login):
    client = login(people.dorota)

    def add(n):
        for _ in range(n):
            fam = testing.make_family(centre=people.centre, by=people.dorota)
            assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("deadlines:board"))
    add(14)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("deadlines:board"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_plan_review_and_late_actions_reach_the_assistant(people, family):
    from asysta.plans.tests import builders as plan_builders

    today = timezone.localdate()
    plan_builders.plan_in_force(family, people=people, on=today - timedelta(days=300))
    # Seventy days on, the action (due in 60 days) is late and the yearly review is near.
    later = today + timedelta(days=70)
    kinds = {d.kind for d in upcoming(people.centre, later, assistant=people.anna)}
    assert {"plan_review", "plan_action"} <= kinds
    assert not upcoming(people.centre, later, assistant=people.bartek)


def test_court_opinions_and_monitoring_ends_are_on_the_board(people, family, login):
    from asysta.closure.tests import builders as closure_builders
    from asysta.court.tests import builders as court_builders

    today = timezone.localdate()
    court_builders.opinion_request(family, by=people.anna, received_on=today - timedelta(days=25))
    other = testing.make_family(centre=people.centre, by=people.dorota, surname="Zielińscy")
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    closure_builders.closed(other, by=people.anna, monitoring_until=today + timedelta(days=5))
    items = upcoming(people.centre, today, assistant=people.anna)
    assert {"court_opinion", "monitoring_end"} <= {d.kind for d in items}
    court = next(d for d in items if d.kind == "court_opinion")
    assert court.due_on == today - timedelta(days=4)  # 21 days from receipt: late
    html = login(people.dorota).get(reverse("deadlines:board")).content.decode()
    assert "opinia dla sądu" in html and "zakończenie monitoringu" in html


def test_the_periodic_assessment_is_due_six_months_after_the_plan(people, family):
    from asysta.plans.tests import builders as plan_builders

    start = date(2025, 3, 3)
    plan_builders.plan_in_force(family, people=people, on=start)
    items = [d for d in upcoming(people.centre, date(2026, 3, 3)) if d.kind == "assessment"]
    # Six months after 3 March is 3 September 2025 — the last allowed day; late by March 2026.
    assert [(d.family, d.due_on) for d in items] == [(family, date(2025, 9, 3))]
    assert items[0].working_days_left(date(2026, 3, 3)) < 0


def test_head_home_query_count_does_not_grow_with_families(people, login):
    """The head's start page gathers every panel (deadlines, queue, alerts, assessments)."""
    client = login(people.dorota)

    def add(n):
        for _ in range(n):
            fam = testing.make_family(centre=people.centre, by=people.dorota)
            assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)

    add(1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("home")).status_code == 200
    add(14)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many.captured_queries) == len(few.captured_queries)
