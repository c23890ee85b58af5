"""The Niebieska Karta deadlines on the clock follow corrected dates and NK-A forms recorded
from a contact."""

from __future__ import annotations

from datetime import date

from asysta.deadlines.clock import centre_deadlines, upcoming
from asysta.families import record
from asysta.visits.tests.builders import contact

TODAY = date(2025, 6, 2)


def _due(people, family, kind):
    found = [
        d.due_on
        for d in centre_deadlines(people.centre, TODAY)
        if d.family == family and d.kind == kind
    ]
    return found[0] if found else None


def test_a_corrected_nka_date_moves_the_dispatch_deadline(people, family):
    card = record.record_nka(family=family, filled_on=date(2025, 4, 30), by=people.anna)
    assert _due(people, family, "nka_dispatch") == date(2025, 5, 8)
    record.update_blue_card(blue_card=card, by=people.anna, nka_filled_on=date(2025, 5, 2))
    assert _due(people, family, "nka_dispatch") == date(2025, 5, 9)


def test_clearing_or_correcting_later_steps_moves_the_clock(people, family):
    card = record.record_nka(family=family, filled_on=date(2025, 4, 30), by=people.anna)
    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 6), by=people.anna)
    record.record_team_receipt(blue_card=card, on=date(2025, 5, 7), by=people.anna)
    assert _due(people, family, "nka_dispatch") is None
    assert _due(people, family, "gdp_meeting") == date(2025, 5, 14)
    record.update_blue_card(blue_card=card, by=people.anna, team_received_on=date(2025, 5, 9))
    assert _due(people, family, "gdp_meeting") == date(2025, 5, 16)
    # Receipt cleared, then the dispatch: the group's deadline goes, the dispatch comes back.
    record.update_blue_card(blue_card=card, by=people.anna, team_received_on=None)
    assert _due(people, family, "gdp_meeting") is None
    record.update_blue_card(blue_card=card, by=people.anna, dispatched_on=None)
    assert _due(people, family, "nka_dispatch") == date(2025, 5, 8)


def test_an_nka_from_a_contact_puts_the_dispatch_on_the_assistants_clock(people, family):
    contact(
        family,
        by=people.anna,
        on=date(2025, 4, 30),
        child_safety=True,
        safety_actions=["nk_a"],
    )
    mine = upcoming(people.centre, TODAY, assistant=people.anna)
    (dispatch,) = [d for d in mine if d.kind == "nka_dispatch"]
    assert dispatch.due_on == date(2025, 5, 8) and dispatch.family == family
    assert dispatch.url.endswith("#niebieska-karta")
    assert not upcoming(people.centre, TODAY, assistant=people.bartek)
