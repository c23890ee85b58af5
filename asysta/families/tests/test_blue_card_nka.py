"""Niebieska Karta NK-A steps: the 5-working-day deadlines, the order of the steps, the pages,
the statutory clock, who sees what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from asysta.deadlines.clock import overdue, upcoming
from asysta.families import record
from asysta.families.models import BlueCard

TODAY = timezone.localdate()


@pytest.fixture
def card(people, family):
    return record.start_blue_card(
        family=family, by=people.anna, started_on=date(2025, 4, 1), details="Opis sytuacji XYZ"
    )


@pytest.mark.parametrize(
    ("filled", "due"),
    [
        (date(2025, 4, 30), date(2025, 5, 8)),  # over 1 May, the weekend with 3 May
        (date(2025, 4, 29), date(2025, 5, 7)),
        (date(2025, 3, 3), date(2025, 3, 10)),
    ],
)
def test_dispatch_is_due_five_working_days_after_the_form(filled, due):
    assert BlueCard(started_on=filled, nka_filled_on=filled).dispatch_due_on == due


def test_group_meets_five_working_days_after_receipt():
    card = BlueCard(started_on=date(2025, 4, 1), team_received_on=date(2025, 4, 30))
    assert card.gdp_meeting_due_on == date(2025, 5, 8)
    assert BlueCard(started_on=date(2025, 4, 1)).gdp_meeting_due_on is None


def test_steps_in_order_each_audited(people, family, card):
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 9), by=people.anna)
    card.refresh_from_db()
    assert card.dispatch_late  # sent a day after 8 May
    record.record_team_receipt(blue_card=card, on=date(2025, 5, 12), by=people.celina)
    record.record_gdp_first_meeting(blue_card=card, on=date(2025, 5, 19), by=people.dorota)
    card.refresh_from_db()
    assert card.gdp_meeting_due_on == date(2025, 5, 19) and not card.gdp_meeting_late
    updates = LogEntry.objects.get_for_object(card).filter(action=LogEntry.Action.UPDATE)
    changed = [set(e.changes_dict) for e in updates]
    for field in ("nka_filled_on", "dispatched_on", "team_received_on", "gdp_first_meeting_on"):
        assert {field} in changed


def test_nka_without_a_running_procedure_starts_one(people, family):
    card = record.record_nka(family=family, filled_on=date(2025, 4, 30), by=people.anna)
    assert card.started_on == date(2025, 4, 30) and record.active_blue_card(family) == card
    again = record.record_nka
    with pytest.raises(ValidationError, match="jest już zapisany"):
        again(family=family, filled_on=date(2025, 5, 2), by=people.anna)
    assert BlueCard.objects.filter(family=family).count() == 1


@pytest.mark.parametrize(
    ("step", "on", "message"),
    [
        ("nka", TODAY + timedelta(days=1), "w przyszłości"),
        ("nka", date(2025, 3, 31), "przed wszczęciem"),
        ("dispatch", date(2025, 5, 2), "Najpierw zapisz wypełnienie"),
    ],
)
def test_bad_dates_are_refused(people, card, step, on, message):
    if step == "nka":
        call = lambda: record.record_nka(blue_card=card, filled_on=on, by=people.anna)  # noqa: E731
    else:
        call = lambda: record.record_dispatch_to_team(blue_card=card, on=on, by=people.anna)  # noqa: E731
    with pytest.raises(ValidationError, match=message):
        call()
    card.refresh_from_db()
    assert card.nka_filled_on is None and card.dispatched_on is None


def test_later_steps_refuse_dates_before_the_previous_one(people, card):
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    with pytest.raises(ValidationError, match="wcześniejsze"):
        record.record_dispatch_to_team(blue_card=card, on=date(2025, 4, 29), by=people.anna)
    with pytest.raises(ValidationError, match="Najpierw"):
        record.record_gdp_first_meeting(blue_card=card, on=date(2025, 5, 5), by=people.anna)
    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 5), by=people.anna)
    with pytest.raises(ValidationError, match="przed jego przekazaniem"):
        record.record_team_receipt(blue_card=card, on=date(2025, 5, 2), by=people.anna)
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 6, 1))
    with pytest.raises(ValidationError, match="zakończona"):
        record.record_team_receipt(blue_card=card, on=date(2025, 5, 6), by=people.anna)


def test_database_refuses_dispatch_before_the_form(people, card):
    card.nka_filled_on, card.dispatched_on = date(2025, 4, 30), date(2025, 4, 29)
    with pytest.raises(IntegrityError), transaction.atomic():
        card.save()


def test_clock_shows_the_steps_to_the_assistant_and_on_the_board(people, family, card):
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    mine = upcoming(people.centre, TODAY, assistant=people.anna)
    (dispatch,) = [d for d in mine if d.kind == "nka_dispatch"]
    assert dispatch.due_on == date(2025, 5, 8) and dispatch.family == family
    assert dispatch.url.endswith("#niebieska-karta")
    assert not upcoming(people.centre, TODAY, assistant=people.bartek)
    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 6), by=people.anna)
    record.record_team_receipt(blue_card=card, on=date(2025, 5, 7), by=people.anna)
    late = {d.kind: d for d in overdue(people.centre, TODAY)}
    assert "nka_dispatch" not in late and late["gdp_meeting"].due_on == date(2025, 5, 14)
    record.record_gdp_first_meeting(blue_card=card, on=date(2025, 5, 14), by=people.anna)
    assert not [d for d in overdue(people.centre, TODAY) if d.kind == "gdp_meeting"]


def test_board_and_my_deadlines_pages_list_the_dispatch(people, family, card, login):
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    label = "przekazanie formularza NK-A do zespołu interdyscyplinarnego"
    assert label in login(people.anna).get(reverse("deadlines:mine")).content.decode()
    assert label in login(people.dorota).get(reverse("deadlines:board")).content.decode()


# --- pages --------------------------------------------------------------------------------


def _urls(family, card):
    step = [family.pk, card.pk]
    return [
        reverse("families:blue_card_nka", args=[family.pk]),
        reverse("families:blue_card_dispatch", args=step),
        reverse("families:blue_card_receipt", args=step),
        reverse("families:blue_card_gdp", args=step),
    ]


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_others_get_404(people, family, card, login, who):
    client = login(getattr(people, who))
    for url in _urls(family, card):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"nka_filled_on": "2025-04-30"}).status_code == 404, url
    card.refresh_from_db()
    assert card.nka_filled_on is None


def test_social_worker_and_auditor_may_not_record(people, family, card, login):
    for who in (people.edward, people.urszula):
        client = login(who)
        for url in _urls(family, card):
            assert client.get(url).status_code == 403


def test_assistant_records_the_steps_through_the_pages(people, family, card, login):
    client = login(people.anna)
    nka, dispatch, receipt, gdp = _urls(family, card)
    assert client.get(nka).status_code == 200
    response = client.post(nka, {"nka_filled_on": "30.04.2025"})
    assert response.status_code == 302 and response.url.endswith("#niebieska-karta")
    bad = client.post(dispatch, {"dispatched_on": "29.04.2025"})
    assert bad.status_code == 422 and "wcześniejsze" in bad.content.decode()
    assert client.post(dispatch, {"dispatched_on": ""}).status_code == 422
    assert client.post(dispatch, {"dispatched_on": "09.05.2025"}).status_code == 302
    assert client.post(receipt, {"team_received_on": "12.05.2025"}).status_code == 302
    page = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "08.05.2025" in page and "19.05.2025" in page and "po terminie" in page
    assert client.post(gdp, {"gdp_first_meeting_on": "13.05.2025"}).status_code == 302
    card.refresh_from_db()
    assert card.gdp_first_meeting_on == date(2025, 5, 13)


def test_everyone_who_sees_the_badge_sees_the_dates_but_not_the_details(
    people, family, card, login
):
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    url = reverse("families:detail", args=[family.pk])
    for who in (people.edward, people.urszula):
        page = login(who).get(url).content.decode()
        assert "30.04.2025" in page and "08.05.2025" in page
        assert "Opis sytuacji XYZ" not in page
    assert "Opis sytuacji XYZ" in login(people.celina).get(url).content.decode()
