"""The timeline: every source appears, filters by kind and period, and no free text leaks."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from asysta.chronology.tests.builders import NOTE, SAFETY, every_event
from asysta.chronology.timeline import EventKind, family_timeline

TODAY = timezone.localdate()


def test_every_kind_of_event_appears_with_a_link(people, family):
    objs = every_event(family, people)
    events = family_timeline(family)
    assert {e.kind for e in events} == set(EventKind.values)
    urls = {e.url for e in events}
    pk = family.pk
    assert reverse("intake:referral_detail", args=[pk, objs["referral"].pk]) in urls
    assert reverse("plans:detail", args=[pk, objs["plan"].pk]) in urls
    assert reverse("visits:contact_detail", args=[pk, objs["contact"].pk]) in urls
    assert reverse("assessments:diagnosis_detail", args=[pk, objs["diagnosis"].pk]) in urls
    assert reverse("assessments:detail", args=[pk, objs["assessment"].pk]) in urls
    assert reverse("assessments:meeting_detail", args=[pk, objs["meeting"].pk]) in urls
    assert reverse("court:request_detail", args=[pk, objs["court_request"].pk]) in urls
    assert reverse("court:notices", args=[pk]) in urls
    assert reverse("closure:detail", args=[pk, objs["closure"].pk]) in urls
    assert reverse("families:detail", args=[pk]) + "#niebieska-karta" in urls


def test_events_are_newest_first_and_carry_who(people, family):
    every_event(family, people)
    events = family_timeline(family)
    assert [e.on for e in events] == sorted((e.on for e in events), reverse=True)
    contact = next(e for e in family_timeline(family, kinds=[EventKind.CONTACT]))
    assert contact.who == people.anna
    assert contact.alert is True
    decision = next(e for e in events if e.title.startswith("Decyzja"))
    assert decision.who == people.dorota


def test_filter_by_kind(people, family):
    every_event(family, people)
    events = family_timeline(family, kinds=[EventKind.CONTACT, EventKind.BLUE_CARD])
    assert {e.kind for e in events} == {EventKind.CONTACT, EventKind.BLUE_CARD}


def test_filter_by_period(people, family):
    every_event(family, people)
    old = family_timeline(family, date_to=TODAY - timedelta(days=30))
    assert old and all(e.on <= TODAY - timedelta(days=30) for e in old)
    kinds = {e.kind for e in old}
    assert EventKind.PLACEMENT in kinds  # the placement of 10.01.2025
    assert EventKind.CONTACT not in kinds  # yesterday's contact
    recent = family_timeline(family, date_from=TODAY - timedelta(days=1), date_to=TODAY)
    assert recent and all(TODAY - timedelta(days=1) <= e.on <= TODAY for e in recent)
    assert EventKind.PLACEMENT not in {e.kind for e in recent}


def test_no_free_text_in_titles(people, family):
    every_event(family, people)
    titles = " ".join(e.title for e in family_timeline(family))
    assert NOTE not in titles
    assert SAFETY not in titles
