"""Assigning assistants: the statutory cap of 15, one open assignment, reassignment, audit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.accounts.models import Membership
from asysta.core import testing
from asysta.intake.models import Assignment, EndReason
from asysta.intake.services import (
    AssignmentError,
    CaseloadExceeded,
    assign_assistant,
    capacity_table,
    soft_cap_warning,
)


def _families(people, n):
    return [testing.make_family(centre=people.centre, by=people.dorota) for _ in range(n)]


def test_fifteen_accepted_sixteenth_refused_with_the_message(people):
    for fam in _families(people, 15):
        assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)
    sixteenth = testing.make_family(centre=people.centre, by=people.dorota)
    with pytest.raises(CaseloadExceeded) as info:
        assign_assistant(family=sixteenth, assistant=people.bartek, by=people.celina)
    message = str(info.value)
    assert "Bartek Asystent" in message and "15 rodzin" in message
    assert "art. 15 ust. 4" in message
    assert not Assignment.objects.filter(family=sixteenth).exists()
    assert Assignment.objects.filter(assistant=people.bartek, ended_on__isnull=True).count() == 15


def test_closed_assignments_do_not_count_toward_the_cap(people):
    families = _families(people, 16)
    for fam in families[:15]:
        assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)
    assign_assistant(family=families[0], assistant=people.anna, by=people.dorota)  # hand-over
    assign_assistant(family=families[15], assistant=people.bartek, by=people.dorota)
    assert Assignment.objects.filter(assistant=people.bartek, ended_on__isnull=True).count() == 15


def test_one_open_assignment_per_family_is_a_database_constraint(people, family):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            centre=people.centre,
            family=family,
            assistant=people.bartek,
            started_on=date(2025, 1, 1),
        )
    assert Assignment.objects.filter(family=family, ended_on__isnull=True).count() == 1


def test_end_before_start_is_a_database_constraint(people, family):
    current = family.assignments.get()
    current.ended_on = current.started_on - timedelta(days=1)
    current.end_reason = EndReason.OTHER
    with pytest.raises(IntegrityError), transaction.atomic():
        current.save()


def test_reassignment_closes_the_previous_assignment(people, family):
    start = date.today()
    new = assign_assistant(
        family=family, assistant=people.bartek, by=people.dorota, started_on=start
    )
    old = family.assignments.get(assistant=people.anna)
    assert old.ended_on == start and old.end_reason == EndReason.REASSIGNED
    assert new.is_open and new.assistant == people.bartek
    assert Assignment.objects.filter(family=family, ended_on__isnull=True).get() == new


def test_reassignment_is_audited(people, family):
    assign_assistant(family=family, assistant=people.bartek, by=people.dorota)
    entries = LogEntry.objects.filter(content_type__model="assignment")
    assert entries.filter(action=LogEntry.Action.CREATE).count() == 2  # Anna's, then Bartek's
    updated = entries.get(action=LogEntry.Action.UPDATE)
    assert set(updated.changes_dict) >= {"ended_on", "end_reason"}
    assert updated.additional_data["family"] == family.pk


@pytest.mark.parametrize(
    ("who", "assistant", "message"),
    [
        ("anna", "bartek", "kierownik lub koordynator"),  # an assistant cannot assign
        ("zofia", "bartek", "kierownik lub koordynator"),  # another centre's head
        ("dorota", "edward", "nie jest asystentem"),  # a social worker is not an assistant
        ("dorota", "anna", "jest już asystentem"),  # already assigned
    ],
)
def test_refusals_change_nothing(people, family, who, assistant, message):
    before = list(Assignment.objects.values_list("pk", "ended_on"))
    with pytest.raises(AssignmentError) as info:
        assign_assistant(
            family=family, assistant=getattr(people, assistant), by=getattr(people, who)
        )
    assert message in str(info.value)
    assert list(Assignment.objects.values_list("pk", "ended_on")) == before


def test_soft_cap_warns_for_a_half_time_assistant_but_does_not_block(people):
    Membership.objects.filter(user=people.bartek).update(fte=Decimal("0.50"))
    families = _families(people, 9)
    for fam in families[:8]:
        assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)
    assert soft_cap_warning(centre=people.centre, assistant=people.bartek) is None
    assign_assistant(family=families[8], assistant=people.bartek, by=people.dorota)
    warning = soft_cap_warning(centre=people.centre, assistant=people.bartek)
    assert warning is not None and "limit ośrodka (8)" in warning and "9 rodzin" in warning
    row = next(r for r in capacity_table(people.centre) if r.assistant == people.bartek)
    assert row.soft_cap == 8 and row.over_soft_cap and row.free == 6


def test_assign_page_shows_the_cap_error_and_keeps_the_choice(people, login):
    for fam in _families(people, 15):
        assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)
    target = testing.make_family(centre=people.centre, by=people.dorota)
    url = reverse("intake:assign", args=[target.pk])
    response = login(people.dorota).post(
        url, {"assistant": people.bartek.pk, "started_on": "2025-06-02"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_assistant_error"' in html and "15 rodzin" in html
    assert f'value="{people.bartek.pk}" selected' in html
    assert not target.assignments.exists()


def test_assign_page_success_and_soft_cap_message(people, login):
    target = testing.make_family(centre=people.centre, by=people.dorota)
    client = login(people.celina)
    assert client.get(reverse("intake:assign", args=[target.pk])).status_code == 200
    response = client.post(
        reverse("intake:assign", args=[target.pk]),
        {"assistant": people.anna.pk, "started_on": "2025-06-02"},
    )
    assert response.status_code == 302
    assert target.assignments.get().assistant == people.anna


def test_suggestions_are_sorted_by_free_capacity(people, login):
    for fam in _families(people, 3):
        assign_assistant(family=fam, assistant=people.anna, by=people.dorota)
    target = testing.make_family(centre=people.centre, by=people.dorota)
    html = login(people.dorota).get(reverse("intake:assign", args=[target.pk])).content.decode()
    select = html[html.index('name="assistant"') : html.index("</select>")]
    assert select.index("Bartek Asystent") < select.index("Anna Asystentka")


def test_capacity_table_query_count_is_constant(people, login):
    client = login(people.dorota)
    url = reverse("intake:capacity")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        user = testing.make_user(f"asystent{i}", centre=people.centre, roles=["assistant"])
        for fam in _families(people, 2):
            assign_assistant(family=fam, assistant=user, by=people.dorota)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "asystent9" in html.lower()


def test_head_home_shows_the_capacity_table(people, family, login):
    html = login(people.dorota).get(reverse("home")).content.decode()
    assert "Obciążenie asystentów" in html and "Anna Asystentka" in html


def test_head_home_of_a_city_shows_the_most_loaded_assistants_and_links_the_rest(
    people, family, login
):
    for i in range(11):
        testing.make_user(f"wolny{i:02d}", centre=people.centre, roles=["assistant"], last="Wolny")
    html = login(people.dorota).get(reverse("home")).content.decode()
    assert "Najbardziej obciążeni asystenci (10 z 13)" in html
    assert "Anna Asystentka" in html  # the one with a family: the fewest free places
    assert html.count("Wolny</td>") == 8  # the rest of the ten, with 15 free places each
    assert f'href="{reverse("intake:capacity")}">Obciążenie wszystkich asystentów (13)' in html


def test_assistant_home_is_my_families(people, family, login):
    response = login(people.anna).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("families:list")


def test_past_cooperation_is_recorded_even_when_the_assistant_is_full_now(people):
    from asysta.intake.services import record_past_assignment

    for fam in _families(people, 15):
        assign_assistant(family=fam, assistant=people.bartek, by=people.dorota)
    old = testing.make_family(centre=people.centre, by=people.dorota)
    past = record_past_assignment(
        family=old,
        assistant=people.bartek,
        by=people.dorota,
        started_on=date(2023, 1, 2),
        ended_on=date(2024, 6, 30),
        end_reason=EndReason.GOALS_ACHIEVED,
    )
    assert not past.is_open and past.end_reason == EndReason.GOALS_ACHIEVED
    with pytest.raises(AssignmentError) as info:  # overlaps the recorded period
        record_past_assignment(
            family=old,
            assistant=people.anna,
            by=people.dorota,
            started_on=date(2024, 1, 1),
            ended_on=date(2024, 12, 31),
            end_reason=EndReason.OTHER,
        )
    assert "nakłada się" in str(info.value)
    with pytest.raises(AssignmentError):  # ends before it starts
        record_past_assignment(
            family=old,
            assistant=people.anna,
            by=people.dorota,
            started_on=date(2025, 2, 1),
            ended_on=date(2025, 1, 1),
            end_reason=EndReason.OTHER,
        )
    assert old.assignments.count() == 1
