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


def test_the_family_page_asks_once_whether_the_assistant_may_change_the_family(
    people, family, login, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(people.anna)
    client.get(reverse("families:detail", args=[family.pk]))
    with CaptureQueriesContext(connection) as page:
        html = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    asked = [q for q in page.captured_queries if 'FROM "intake_assignment"' in q["sql"]]
    assert len([q for q in asked if "LIMIT 1" in q["sql"] and "assistant_id" in q["sql"]]) == 1
    assert "Nowy kontakt" in html  # and the answer is right: Anna records contacts


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
