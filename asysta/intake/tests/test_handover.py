"""Hand-over of an assistant's families (scenario 13) and the first contact after it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.intake.caseload import capacity_table
from asysta.intake.handover import HandoverError, Move, hand_over, propose_handover
from asysta.intake.models import Assignment, EndReason
from asysta.intake.services import AssignmentError, assign_assistant, record_first_contact

START = date(2025, 1, 6)
HANDOVER = date(2025, 9, 1)


@pytest.fixture
def team(people):
    """Katarzyna has 12 families; Anna 10, Bartek 8, Jan 2 (41 places used of 60)."""
    kasia = testing.make_user(
        "katarzyna", centre=people.centre, roles=["assistant"], first="Katarzyna", last="Odchodząca"
    )
    jan = testing.make_user(
        "jan", centre=people.centre, roles=["assistant"], first="Jan", last="Nowy"
    )
    for assistant, n in ((kasia, 12), (people.anna, 10), (people.bartek, 8), (jan, 2)):
        for _ in range(n):
            fam = testing.make_family(centre=people.centre, by=people.dorota)
            assign_assistant(family=fam, assistant=assistant, by=people.dorota, started_on=START)
    return kasia, jan


def test_proposal_spreads_twelve_families_within_every_cap(people, team):
    kasia, jan = team
    moves = propose_handover(centre=people.centre, leaving=kasia)
    assert len(moves) == 12 and all(m.target is not None for m in moves)
    loads = {r.assistant.pk: r.open_families for r in capacity_table(people.centre)}
    for move in moves:
        loads[move.target.pk] += 1
    assert max(loads[a.pk] for a in (people.anna, people.bartek, jan)) <= 15
    assert loads[jan.pk] > 2  # the least loaded assistant takes families first


def test_scenario_13_hand_over_keeps_periods_and_caps(people, team):
    kasia, _jan = team
    moves = propose_handover(centre=people.centre, leaving=kasia)
    created = hand_over(
        centre=people.centre,
        moves=moves,
        by=people.dorota,
        on=HANDOVER,
        reason="odejście asystenta z pracy",
    )
    assert len(created) == 12
    assert not Assignment.objects.filter(assistant=kasia, ended_on__isnull=True).exists()
    for old in Assignment.objects.filter(assistant=kasia):
        assert (old.started_on, old.ended_on, old.end_reason) == (
            START,
            HANDOVER,
            EndReason.REASSIGNED,
        )
        new = old.family.assignments.get(ended_on__isnull=True)
        assert new.started_on == HANDOVER and new.reason == "odejście asystenta z pracy"
    assert all(r.open_families <= 15 for r in capacity_table(people.centre))
    # Each family gets its "change of assistant" meeting in the presence of the social worker.
    for new in created:
        record_first_contact(
            assignment=new, on=HANDOVER, present="pracownik socjalny Edward", by=new.assistant
        )
    assert Assignment.objects.filter(first_contact_on=HANDOVER).count() == 12
    assert (
        LogEntry.objects.filter(
            content_type__model="assignment", action=LogEntry.Action.UPDATE
        ).count()
        >= 24
    )


def test_an_over_cap_plan_is_refused_whole(people, team):
    kasia, _jan = team
    moves = [
        Move(m.assignment, people.anna)
        for m in propose_handover(centre=people.centre, leaving=kasia)
    ]
    with pytest.raises(HandoverError) as info:
        hand_over(centre=people.centre, moves=moves, by=people.dorota, on=HANDOVER, reason="urlop")
    assert len(info.value.problems) == 12
    assert "ponad ustawowy limit 15" in next(iter(info.value.problems.values()))
    assert Assignment.objects.filter(assistant=kasia, ended_on__isnull=True).count() == 12


def test_handover_page_preview_adjust_and_confirm(people, team, login):
    kasia, jan = team
    client = login(people.dorota)
    url = reverse("intake:handover", args=[kasia.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Przekazanie rodzin asystenta" in page.content.decode()
    data = {"on": HANDOVER.isoformat(), "reason": "odejście asystenta z pracy", "reason_note": ""}
    for move in propose_handover(centre=people.centre, leaving=kasia):
        data[f"target_{move.assignment.pk}"] = move.target.pk
    first = propose_handover(centre=people.centre, leaving=kasia)[0].assignment
    data[f"target_{first.pk}"] = jan.pk  # the head adjusts one row
    response = client.post(url, data)
    assert response.status_code == 302
    assert first.family.assignments.get(ended_on__isnull=True).assistant == jan


def test_handover_page_shows_row_errors_and_changes_nothing(people, team, login):
    kasia, _jan = team
    url = reverse("intake:handover", args=[kasia.pk])
    data = {"on": HANDOVER.isoformat(), "reason": "inny powód"}
    for move in propose_handover(centre=people.centre, leaving=kasia):
        data[f"target_{move.assignment.pk}"] = people.anna.pk
    response = login(people.dorota).post(url, data)
    assert response.status_code == 422
    assert response.content.decode().count("ponad ustawowy limit") == 12
    assert Assignment.objects.filter(assistant=kasia, ended_on__isnull=True).count() == 12


def test_handover_is_for_managers_of_the_centre(people, team, login):
    kasia, _jan = team
    url = reverse("intake:handover", args=[kasia.pk])
    assert login(people.bartek).get(url).status_code == 403
    assert login(people.zofia).get(url).status_code == 404
    assert (
        login(people.dorota).get(reverse("intake:handover", args=[people.edward.pk])).status_code
        == 404
    )  # not an assistant


def test_first_contact_page(people, family, login):
    assignment = family.assignments.get()
    url = reverse("intake:first_contact", args=[assignment.pk])
    assert login(people.bartek).get(url).status_code == 404
    assert login(people.edward).get(url).status_code == 403  # reads the family, cannot write
    client = login(people.anna)
    bad = client.post(
        url,
        {
            "on": (assignment.started_on - timedelta(days=1)).isoformat(),
            "present": "pracownik socjalny",
        },
    )
    assert bad.status_code == 422 and "przed przydziałem" in bad.content.decode()
    ok = client.post(
        url,
        {
            "on": timezone.localdate().isoformat(),
            "present": "pracownik socjalny Edward Pracownik, matka",
        },
    )
    assert ok.status_code == 302
    assignment.refresh_from_db()
    assert assignment.first_contact_present.startswith("pracownik socjalny")


def test_first_contact_in_the_future_is_refused(people, family):
    with pytest.raises(AssignmentError):
        record_first_contact(
            assignment=family.assignments.get(),
            on=timezone.localdate() + timedelta(days=2),
            present="x",
            by=people.anna,
        )
