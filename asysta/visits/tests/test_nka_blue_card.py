"""A contact with the NK-A action records the form on the family's Niebieska Karta: on the running
procedure when it has no NK-A date, by starting one when none runs, never over a date already
there; in the contact's transaction, audited, and said on the page."""

from __future__ import annotations

from datetime import date, time

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from asysta.families import record
from asysta.families.models import BlueCard
from asysta.visits import services
from asysta.visits.models import Contact, SafetyAlert
from asysta.visits.tests.builders import contact as make_contact

ON = date(2025, 4, 30)  # a Wednesday: the dispatch is due on 8 May (1 and 3 May are holidays)
SUMMARY = "Rozmowa z matką o planie dnia dzieci."
DESCRIPTION = "Siniak na ramieniu młodszego dziecka."


def _nka_contact(family, by, on=ON, **fields):
    return make_contact(
        family, by=by, on=on, child_safety=True, safety_actions=["intervention", "nk_a"], **fields
    )


def _entries(card, action):
    return LogEntry.objects.get_for_object(card).filter(action=action)


# --- the service ----------------------------------------------------------------------------


def test_without_a_running_procedure_the_contact_starts_one(people, family):
    contact = _nka_contact(family, people.anna)
    card = BlueCard.objects.get(family=family)
    assert card.started_on == card.nka_filled_on == ON and card.ended_on is None
    assert card.team == "" and card.dispatch_due_on == date(2025, 5, 8)
    assert "30.04.2025" in card.details and "NK-A" in card.details
    assert SUMMARY not in card.details and DESCRIPTION not in card.details  # no note text
    outcome = services.nka_on_blue_card(contact)
    assert outcome is not None and outcome.started and outcome.recorded and outcome.card == card
    assert _entries(card, LogEntry.Action.CREATE).count() == 1
    (update,) = _entries(card, LogEntry.Action.UPDATE)
    assert set(update.changes_dict) == {"nka_filled_on"}


def test_the_running_procedure_gets_the_contacts_date(people, family):
    card = record.start_blue_card(
        family=family, by=people.anna, started_on=date(2025, 4, 1), team="ZI", details="opis"
    )
    contact = _nka_contact(family, people.anna)
    card.refresh_from_db()
    assert card.nka_filled_on == ON and card.details == "opis" and card.team == "ZI"
    assert BlueCard.objects.count() == 1
    outcome = services.nka_on_blue_card(contact)
    assert outcome.recorded and not outcome.started
    assert {"nka_filled_on"} in [
        set(e.changes_dict) for e in _entries(card, LogEntry.Action.UPDATE)
    ]


def test_an_nka_date_already_on_the_card_is_left_alone(people, family):
    card = record.record_nka(family=family, filled_on=date(2025, 4, 28), by=people.anna)
    updates = _entries(card, LogEntry.Action.UPDATE).count()
    contact = _nka_contact(family, people.anna)
    card.refresh_from_db()
    assert card.nka_filled_on == date(2025, 4, 28) and BlueCard.objects.count() == 1
    assert not services.nka_on_blue_card(contact).recorded
    assert _entries(card, LogEntry.Action.UPDATE).count() == updates


def test_a_contact_before_the_running_procedures_start_is_refused_and_nothing_saved(people, family):
    card = record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 5, 5))
    with pytest.raises(ValidationError) as exc:
        _nka_contact(family, people.anna)
    assert "trwa od 05.05.2025" in " ".join(exc.value.message_dict["safety_actions"])
    card.refresh_from_db()
    assert card.nka_filled_on is None
    assert not Contact.objects.exists() and not SafetyAlert.objects.exists()


def test_a_day_inside_an_ended_procedure_starts_no_new_one(people, family):
    card = record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 4, 1))
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 5, 15))
    contact = _nka_contact(family, people.anna)
    assert BlueCard.objects.count() == 1 and record.active_blue_card(family) is None
    outcome = services.nka_on_blue_card(contact)
    assert outcome.card == card and not outcome.recorded


def test_after_an_ended_procedure_a_new_one_starts(people, family):
    old = record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 1, 2))
    record.end_blue_card(blue_card=old, by=people.anna, ended_on=date(2025, 3, 31))
    _nka_contact(family, people.anna)
    assert record.active_blue_card(family).nka_filled_on == ON


def test_other_actions_do_not_touch_the_card(people, family):
    make_contact(family, by=people.anna, on=ON, child_safety=True)  # an intervention only
    make_contact(family, by=people.anna, on=ON)
    assert not BlueCard.objects.exists()


def test_an_edit_that_adds_the_nka_action_records_it(people, family):
    contact = make_contact(family, by=people.anna, on=ON, child_safety=True)
    updated = services.update_contact(
        contact=contact, by=people.anna, safety_actions=["intervention", "nk_a"]
    )
    assert services.nka_on_blue_card(updated).started
    assert record.active_blue_card(family).nka_filled_on == ON


def test_an_edit_of_a_contact_that_already_had_the_action_does_nothing_more(people, family):
    contact = _nka_contact(family, people.anna)
    card = record.active_blue_card(family)
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 6, 30))
    again = Contact.objects.get(pk=contact.pk)
    services.update_contact(contact=again, by=people.anna, end_time=time(11, 30))
    assert services.nka_on_blue_card(again) is None
    assert BlueCard.objects.count() == 1


# --- the pages ------------------------------------------------------------------------------


def _post_data(**overrides):
    data = {
        "date": ON.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "form": "home_visit",
        "place": "home",
        "summary": "Omówiono plan dnia dzieci.",
        "child_safety": "on",
        "safety_actions": ["nk_a"],
        "safety_description": "Siniaki.",
    }
    return data | overrides


def _message(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_success_message_says_the_nka_was_recorded_and_when_dispatch_is_due(
    people, family, login
):
    response = login(people.anna).post(
        reverse("visits:contact_create", args=[family.pk]), _post_data()
    )
    assert response.status_code == 302
    message = _message(response)
    assert "Zapisano kontakt." in message and "Wszczęto procedurę „Niebieskie Karty”" in message
    assert "30.04.2025" in message and "08.05.2025" in message
    card = record.active_blue_card(family)
    assert card.nka_filled_on == ON
    assert _entries(card, LogEntry.Action.CREATE).get().actor == people.anna


def test_the_edit_page_adding_the_action_says_so_too(people, family, login):
    record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 4, 1))
    contact = make_contact(family, by=people.anna, on=ON)
    url = reverse("visits:contact_edit", args=[family.pk, contact.pk])
    message = _message(login(people.anna).post(url, _post_data()))
    assert "Zapisano zmiany w notatce." in message
    assert "zapisano wypełnienie formularza NK-A (30.04.2025)" in message
    assert "08.05.2025" in message
    assert record.active_blue_card(family).nka_filled_on == ON


def test_a_contact_before_the_procedures_start_comes_back_422_next_to_the_actions(
    people, family, login
):
    record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 5, 5))
    response = login(people.anna).post(
        reverse("visits:contact_create", args=[family.pk]), _post_data()
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_safety_actions_error"' in html and "trwa od 05.05.2025" in html
    assert not Contact.objects.exists() and record.active_blue_card(family).nka_filled_on is None


def test_another_assistant_gets_404_and_no_card_is_started(people, family, login):
    response = login(people.bartek).post(
        reverse("visits:contact_create", args=[family.pk]), _post_data()
    )
    assert response.status_code == 404
    assert not Contact.objects.exists() and not BlueCard.objects.exists()
