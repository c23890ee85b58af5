"""Scenario 2 in a browser: the assistant records the foster-care organiser's child-assessment
meeting she was invited to; the organiser's fields appear only for that kind of meeting."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from asysta.assessments.models import MeetingKind, TeamMeeting
from asysta.families.models import Family

MINUTES = "Dziecko dobrze funkcjonuje u babci; zespół widzi możliwość powrotu do domu."


def test_assistant_records_the_organisers_meeting_with_its_minutes(page, login, demo, axe):
    family = Family.objects.filter(centre=demo, placements__isnull=False).distinct().get()
    placement = family.placements.get()
    held = timezone.localdate() - timedelta(days=3)
    login("asystent1")
    page.goto(f"/rodziny/{family.pk}/zespoly/nowe/")
    organiser = page.get_by_role("group", name="Posiedzenie u organizatora pieczy zastępczej")
    expect(organiser).to_be_hidden()  # another kind of meeting is chosen

    page.get_by_label("Rodzaj spotkania").select_option(MeetingKind.CHILD_ASSESSMENT.value)
    expect(organiser).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Data spotkania").fill(held.isoformat())
    organiser.get_by_label("Dziecko w pieczy zastępczej").select_option(str(placement.pk))
    organiser.get_by_label("Zwołał").fill("PCPR w Zielonej Dolinie")
    organiser.get_by_label("Zaproszenie otrzymano dnia").fill(
        (held - timedelta(days=10)).isoformat()
    )
    organiser.get_by_label("Opinia zespołu o powrocie").select_option("return_home")
    page.get_by_label("Ustalenia").fill(MINUTES)
    page.get_by_role("button", name="Zapisz").click()

    expect(page.locator("main")).to_contain_text(MINUTES)
    meeting = TeamMeeting.objects.get(family=family)
    assert meeting.kind == MeetingKind.CHILD_ASSESSMENT and meeting.placement == placement
    assert meeting.assistant_attended and meeting.decision == ""
    assert axe(page) == []
