"""domain.md §16, scenario 9: domestic violence discovered during a visit.

Anna visits the Dąbrowscy and sees signs of violence: she flags the contact for child safety
with the NK-A action — she fills in the "Niebieska Karta – A" form on Wednesday 30 April 2025,
and saving the contact starts the procedure on the family's record with that date.
The form must reach the interdisciplinary team within 5 working days — 1 May (a holiday), the
weekend with 3 May are skipped, so by Thursday 8 May. The diagnostic-and-support group meets
within 5 working days of the team's receipt. The case carries the NK flag: everyone who sees the
family sees that the procedure runs, the details only Anna, Celina and Dorota — each display
logged; Edward (social worker) and Urszula (auditor) do not see them.
"""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from asysta.core import testing
from asysta.deadlines.clock import centre_deadlines
from asysta.families import privacy, record
from asysta.visits.models import Contact
from asysta.visits.tests.builders import contact

DETAILS = "Ojciec pod wpływem alkoholu uderzył syna; matka boi się zgłosić na policję."


@pytest.fixture
def dabrowscy(people):
    family = testing.make_family(
        centre=people.centre, by=people.dorota, social_worker=people.edward, surname="Dąbrowscy"
    )
    testing.make_member(family=family, by=people.dorota)
    testing.assign(
        family=family, assistant=people.anna, by=people.dorota, started_on=date(2025, 3, 3)
    )
    return family


def _deadline(people, family, kind):
    found = [
        d
        for d in centre_deadlines(people.centre, date(2025, 5, 1))
        if d.family == family and d.kind == kind
    ]
    return found[0] if found else None


def _blue_card_reads(family):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        additional_data__section=privacy.SECTION_BLUE_CARD,
        additional_data__family=family.pk,
    )


def test_scenario_9_domestic_violence_found_during_a_visit(people, dabrowscy, login):
    visit = contact(
        dabrowscy,
        by=people.anna,
        on=date(2025, 4, 30),
        child_safety=True,
        safety_actions=["nk_a"],
    )
    assert Contact.objects.get(pk=visit.pk).child_safety

    # The NK-A action of the contact records the form: the procedure starts, the clock runs.
    card = record.active_blue_card(dabrowscy)
    assert card.started_on == card.nka_filled_on == date(2025, 4, 30)
    assert DETAILS not in card.details  # the card says where it came from, not the note
    # The assistant completes the details she may write down (restricted to who works with it).
    record.update_blue_card(blue_card=card, by=people.anna, details=DETAILS, team="ZI Testowo")
    assert card.dispatch_due_on == date(2025, 5, 8)  # skipping 1 May, 3 May and the weekend
    dispatch = _deadline(people, dabrowscy, "nka_dispatch")
    assert dispatch.due_on == date(2025, 5, 8) and dispatch.assistant == people.anna

    record.record_dispatch_to_team(blue_card=card, on=date(2025, 5, 6), by=people.anna)
    assert _deadline(people, dabrowscy, "nka_dispatch") is None
    record.record_team_receipt(blue_card=card, on=date(2025, 5, 7), by=people.anna)
    assert card.gdp_meeting_due_on == date(2025, 5, 14)
    assert _deadline(people, dabrowscy, "gdp_meeting").due_on == date(2025, 5, 14)
    record.record_gdp_first_meeting(blue_card=card, on=date(2025, 5, 13), by=people.anna)
    assert _deadline(people, dabrowscy, "gdp_meeting") is None
    card.refresh_from_db()
    assert not card.dispatch_late and not card.gdp_meeting_late

    # The NK flag: who may see the details, and every display of them logged.
    allowed = {p.username: privacy.can_see_blue_card_details(p, dabrowscy) for p in _staff(people)}
    assert allowed == {
        "anna": True,
        "celina": True,
        "dorota": True,
        "edward": False,
        "urszula": False,
    }
    url = reverse("families:detail", args=[dabrowscy.pk])
    for person in _staff(people):
        page = login(person).get(url).content.decode()
        assert "Procedura „Niebieskie Karty”" in page  # the flag is visible to all
        assert (DETAILS in page) is allowed[person.username]
    readers = {entry.actor.username for entry in _blue_card_reads(dabrowscy)}
    assert readers == {"anna", "celina", "dorota"}
    assert _blue_card_reads(dabrowscy).count() == 3


def _staff(people):
    return [people.anna, people.celina, people.dorota, people.edward, people.urszula]
