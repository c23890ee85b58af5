"""The chronology costs the same number of queries with 1 contact in its history and with 50
events of several kinds (DESIGN.md §6)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from asysta.assessments.tests.builders import assessment, meeting
from asysta.core import testing
from asysta.court.tests.builders import opinion_request
from asysta.visits.tests.builders import contact

TODAY = timezone.localdate()


def _events(page: str) -> int:
    found = re.search(r"(\d+) zdarze", page)
    assert found is not None, "the page says how many events it shows"
    return int(found.group(1))


def test_chronology_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.dorota)
    url = reverse("chronology:family", args=[family.pk])
    contact(family, by=people.anna, on=TODAY - timedelta(days=1))
    client.get(url)
    one, page = testing.get_counted(client, url)
    before = _events(page)  # the contact, the consent and the assignment
    assert "Anna Asystentka" in page
    for day in range(2, 42):
        contact(family, by=people.anna if day % 2 else people.dorota, on=TODAY - timedelta(day))
    for i in range(5):
        begin = date(2024, 1, 1) + timedelta(days=10 * i)
        assessment(family, by=people.anna, period_from=begin, period_to=begin + timedelta(days=9))
    for i in range(2):
        meeting(family, by=people.anna, held_on=TODAY - timedelta(days=50 + i))
        opinion_request(family, by=people.celina, file_number=f"III Nsm {i}/25")
    many, page = testing.get_counted(client, url)
    assert _events(page) >= before + 49
    assert "Dorota Kierowniczka" in page and "Celina Koordynatorka" in page
    assert many == one
