"""Correcting a Niebieska Karta procedure: its start, team and details, and the dates of the NK-A
steps — the order rules of recording the steps, all errors at once, audit, the edit page (who
gets what, errors next to the field, the logged display of the details)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from asysta.families import privacy, record
from asysta.families.models import BlueCard

TOMORROW = timezone.localdate() + timedelta(days=1)
DETAILS = "Opis sytuacji XYZ"


@pytest.fixture
def card(people, family):
    """Started 1.04, NK-A 30.04, sent 6.05, received 7.05; the group has not met yet."""
    card = record.start_blue_card(
        family=family, by=people.anna, started_on=date(2025, 4, 1), team="ZI", details=DETAILS
    )
    record.record_nka(blue_card=card, filled_on=date(2025, 4, 30), by=people.anna)
    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 6), by=people.anna)
    record.record_team_receipt(blue_card=card, on=date(2025, 5, 7), by=people.anna)
    card.refresh_from_db()
    return card


def _updates(card):
    return LogEntry.objects.get_for_object(card).filter(action=LogEntry.Action.UPDATE)


# --- the service ----------------------------------------------------------------------------


def test_corrects_the_start_details_and_step_dates_in_one_audit_entry(people, card):
    before = _updates(card).count()
    record.update_blue_card(
        blue_card=card,
        by=people.celina,
        started_on=date(2025, 3, 28),
        team="ZI Testowo, GDP 4",
        details="Nowy opis",
        nka_filled_on=date(2025, 4, 29),
        dispatched_on=date(2025, 5, 5),
        gdp_first_meeting_on=date(2025, 5, 12),
    )
    fresh = BlueCard.objects.get(pk=card.pk)
    assert (fresh.started_on, fresh.nka_filled_on, fresh.dispatched_on) == (
        date(2025, 3, 28),
        date(2025, 4, 29),
        date(2025, 5, 5),
    )
    assert fresh.team_received_on == date(2025, 5, 7)  # not given: unchanged
    assert fresh.gdp_first_meeting_on == date(2025, 5, 12)
    assert fresh.team == "ZI Testowo, GDP 4" and fresh.details == "Nowy opis"
    assert card.nka_filled_on == date(2025, 4, 29)  # the caller's instance follows
    assert _updates(card).count() == before + 1
    entry = _updates(card).latest("timestamp")
    assert set(entry.changes_dict) == {
        "started_on",
        "team",
        "details",
        "nka_filled_on",
        "dispatched_on",
        "gdp_first_meeting_on",
    }
    assert "Nowy opis" not in str(entry.changes)  # the details text is masked in the trail


def test_fields_not_given_stay_as_they_were(people, card):
    record.update_blue_card(blue_card=card, by=people.anna, dispatched_on=date(2025, 5, 7))
    fresh = BlueCard.objects.get(pk=card.pk)
    assert fresh.team == "ZI" and fresh.details == DETAILS
    assert fresh.started_on == date(2025, 4, 1) and fresh.dispatched_on == date(2025, 5, 7)


def test_the_last_recorded_step_may_be_cleared(people, card):
    record.update_blue_card(blue_card=card, by=people.anna, team_received_on=None)
    record.update_blue_card(blue_card=card, by=people.anna, dispatched_on=None)
    fresh = BlueCard.objects.get(pk=card.pk)
    assert fresh.dispatched_on is None and fresh.team_received_on is None
    assert fresh.nka_filled_on == date(2025, 4, 30)
    assert {"dispatched_on"} in [set(e.changes_dict) for e in _updates(card)]


def test_a_missing_step_may_be_filled_in_here_too(people, card):
    record.update_blue_card(blue_card=card, by=people.anna, gdp_first_meeting_on=date(2025, 5, 9))
    assert BlueCard.objects.get(pk=card.pk).gdp_first_meeting_on == date(2025, 5, 9)


def test_an_ended_procedure_can_be_corrected(people, card):
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 6, 30))
    record.update_blue_card(blue_card=card, by=people.anna, gdp_first_meeting_on=date(2025, 5, 9))
    with pytest.raises(ValidationError) as exc:
        record.update_blue_card(blue_card=card, by=people.anna, started_on=date(2025, 7, 1))
    assert "zakończenie procedury" in str(exc.value.message_dict["started_on"])
    assert BlueCard.objects.get(pk=card.pk).started_on == date(2025, 4, 1)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"started_on": None}, "started_on", "Podaj datę"),
        ({"started_on": TOMORROW}, "started_on", "w przyszłości"),
        ({"nka_filled_on": TOMORROW}, "nka_filled_on", "w przyszłości"),
        ({"gdp_first_meeting_on": TOMORROW}, "gdp_first_meeting_on", "w przyszłości"),
        # a changed step before the previous one: the message is next to the changed step
        ({"nka_filled_on": date(2025, 3, 31)}, "nka_filled_on", "przed wszczęciem"),
        ({"dispatched_on": date(2025, 4, 29)}, "dispatched_on", "wcześniejsze niż wypełnienie"),
        ({"team_received_on": date(2025, 5, 5)}, "team_received_on", "przed jego przekazaniem"),
        ({"gdp_first_meeting_on": date(2025, 5, 6)}, "gdp_first_meeting_on", "przed otrzymaniem"),
        # a changed step after the next one: next to the changed step too
        ({"started_on": date(2025, 5, 1)}, "started_on", "po wypełnieniu formularza"),
        ({"nka_filled_on": date(2025, 5, 7)}, "nka_filled_on", "po jego przekazaniu"),
        ({"dispatched_on": date(2025, 5, 8)}, "dispatched_on", "po otrzymaniu formularza"),
        # clearing a step while a later one is recorded
        ({"nka_filled_on": None}, "nka_filled_on", "nie można usunąć"),
        ({"dispatched_on": None}, "dispatched_on", "nie można usunąć"),
    ],
)
def test_bad_dates_are_refused_next_to_the_field_and_nothing_is_saved(
    people, card, fields, field, message
):
    before = _updates(card).count()
    with pytest.raises(ValidationError) as exc:
        record.update_blue_card(blue_card=card, by=people.anna, details="zmiana", **fields)
    assert message in " ".join(exc.value.message_dict[field])
    fresh = BlueCard.objects.get(pk=card.pk)
    assert fresh.details == DETAILS and fresh.started_on == date(2025, 4, 1)
    assert fresh.nka_filled_on == date(2025, 4, 30) and fresh.dispatched_on == date(2025, 5, 6)
    assert _updates(card).count() == before


def test_a_step_cannot_be_added_before_the_previous_one_is_recorded(people, family):
    card = record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 4, 1))
    with pytest.raises(ValidationError) as exc:
        record.update_blue_card(blue_card=card, by=people.anna, dispatched_on=date(2025, 5, 6))
    assert "Najpierw zapisz wypełnienie" in str(exc.value.message_dict["dispatched_on"])


def test_all_errors_come_at_once(people, card):
    with pytest.raises(ValidationError) as exc:
        record.update_blue_card(
            blue_card=card,
            by=people.anna,
            started_on=TOMORROW,
            dispatched_on=date(2025, 4, 1),
            gdp_first_meeting_on=TOMORROW,
        )
    assert set(exc.value.message_dict) == {"started_on", "dispatched_on", "gdp_first_meeting_on"}


# --- the edit page --------------------------------------------------------------------------


def _url(family, card):
    return reverse("families:blue_card_edit", args=[family.pk, card.pk])


def _form(**overrides):
    data = {
        "started_on": "2025-04-01",
        "team": "ZI",
        "details": DETAILS,
        "nka_filled_on": "2025-04-30",
        "dispatched_on": "2025-05-06",
        "team_received_on": "2025-05-07",
        "gdp_first_meeting_on": "",
    }
    return data | overrides


def _blue_card_reads(family):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        additional_data__section=privacy.SECTION_BLUE_CARD,
        additional_data__family=family.pk,
    )


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_another_assistant_and_another_centre_get_404(people, family, card, login, who):
    client = login(getattr(people, who))
    assert client.get(_url(family, card)).status_code == 404
    response = client.post(_url(family, card), _form(nka_filled_on="2025-04-29"))
    assert response.status_code == 404
    assert BlueCard.objects.get(pk=card.pk).nka_filled_on == date(2025, 4, 30)
    assert not _blue_card_reads(family).exists()


@pytest.mark.parametrize("who", ["edward", "urszula"])
def test_readers_may_not_correct(people, family, card, login, who):
    client = login(getattr(people, who))
    assert client.get(_url(family, card)).status_code == 403
    assert client.post(_url(family, card), _form(details="x")).status_code == 403
    assert BlueCard.objects.get(pk=card.pk).details == DETAILS


def test_a_card_of_another_family_is_404_through_this_family(people, family, card, login):
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota)
    foreign = record.start_blue_card(family=other, by=people.dorota, started_on=date(2025, 4, 1))
    assert login(people.anna).get(_url(family, foreign)).status_code == 404


def test_the_family_page_links_to_the_correction_for_writers_only(people, family, card, login):
    detail = reverse("families:detail", args=[family.pk])
    assert _url(family, card) in login(people.anna).get(detail).content.decode()
    assert _url(family, card) not in login(people.edward).get(detail).content.decode()


def test_the_form_shows_the_details_and_the_display_is_logged(people, family, card, login):
    page = login(people.anna).get(_url(family, card))
    html = page.content.decode()
    assert page.status_code == 200
    assert DETAILS in html and 'value="2025-04-30"' in html and 'value="2025-05-07"' in html
    (read,) = _blue_card_reads(family)
    assert read.actor == people.anna


def test_the_coordinator_corrects_through_the_page(people, family, card, login):
    client = login(people.celina)
    data = _form(dispatched_on="2025-05-05", details="Poprawiony opis", gdp_first_meeting_on="")
    response = client.post(_url(family, card), data)
    assert response.status_code == 302 and response.url.endswith("#niebieska-karta")
    fresh = BlueCard.objects.get(pk=card.pk)
    assert fresh.dispatched_on == date(2025, 5, 5) and fresh.details == "Poprawiony opis"
    entry = _updates(card).filter(actor=people.celina).get()
    assert set(entry.changes_dict) == {"dispatched_on", "details"}
    assert "Poprawiony opis" not in str(entry.changes)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"started_on": ""}, "started_on", "To pole jest wymagane"),
        ({"nka_filled_on": TOMORROW.isoformat()}, "nka_filled_on", "w przyszłości"),
        ({"dispatched_on": "2025-04-29"}, "dispatched_on", "wcześniejsze"),
        ({"nka_filled_on": ""}, "nka_filled_on", "nie można usunąć"),
        ({"started_on": "2025-05-02"}, "started_on", "po wypełnieniu formularza"),
    ],
)
def test_bad_input_comes_back_422_next_to_the_field(
    people, family, card, login, overrides, field, message
):
    before = _updates(card).count()
    response = login(people.anna).post(_url(family, card), _form(details="typed", **overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert "typed" in html  # what the user typed is kept
    fresh = BlueCard.objects.get(pk=card.pk)
    assert fresh.details == DETAILS and fresh.nka_filled_on == date(2025, 4, 30)
    assert _updates(card).count() == before
