"""Answers remembered within one request, never across requests or outside one."""

from __future__ import annotations

from django.urls import reverse

from asysta.core import scope
from asysta.core.scope import RequestScopeMiddleware, remembered


def test_it_computes_each_answer_once_in_a_request_and_always_outside():
    asked = []

    def answer():
        asked.append(1)
        return len(asked)

    assert remembered("k", answer) == 1 and remembered("k", answer) == 2  # no request: always

    def view(request):
        first, again = remembered("k", answer), remembered("k", answer)
        scope.forget()
        return first, again, remembered("k", answer)

    assert RequestScopeMiddleware(view)(None) == (3, 3, 4)
    assert RequestScopeMiddleware(view)(None) == (5, 5, 6)  # a new request asks anew


def test_the_family_page_reads_once_what_several_panels_ask(people, family, login):
    """Who may change the family, the clock, the closure panel (the open assignment); the plan
    panel and the clock (the current plans); the basis panel and the reporting category (the
    Za życiem applications and the placements): each read once per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from asysta.assessments.schedule import due_after
    from asysta.plans.tests.builders import plan_in_force

    plan = plan_in_force(family, people=people)
    client = login(people.anna)
    client.get(reverse("families:detail", args=[family.pk]))
    with CaptureQueriesContext(connection) as page:
        html = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    sql = [q["sql"] for q in page.captured_queries]

    def reads(table: str) -> list[str]:
        return [q for q in sql if q.startswith("SELECT") and f'FROM "{table}"' in q]

    assert len([q for q in reads("intake_assignment") if "LIMIT 1" in q]) == 1
    assert len(reads("plans_workplan")) == 1
    assert len(reads("families_zazycieapplication")) == 1
    assert len(reads("families_childplacement")) == 1
    assert "Nowy kontakt" in html  # and the answers are right: Anna records contacts
    assert due_after(plan.starts_on).strftime("%d.%m.%Y") in html  # the clock from the plan


def test_an_assignment_ended_within_a_request_is_not_remembered_as_still_open(people, family):
    from django.utils import timezone

    from asysta.families.access import can_write
    from asysta.intake.services import end_assignment

    def view(request):
        before = can_write(people.anna, family)
        end_assignment(
            assignment=family.assignments.get(),
            ended_on=timezone.localdate(),
            reason="other",
            by=people.dorota,
        )
        return before, can_write(people.anna, family)

    assert RequestScopeMiddleware(view)(None) == (True, False)


def test_a_plan_put_in_force_within_a_request_starts_the_clock_anew(people, family):
    from asysta.assessments.schedule import due_after, next_assessment_due
    from asysta.plans.tests.builders import plan_in_force

    def view(request):
        before = next_assessment_due(family)
        plan = plan_in_force(family, people=people)
        return before, next_assessment_due(family), plan

    before, after, plan = RequestScopeMiddleware(view)(None)
    assert after == due_after(plan.starts_on) and after != before
