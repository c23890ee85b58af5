"""The lists of a family's assessments and team meetings cost the same number of queries with
1 row and with 50 (DESIGN.md §6); both show 20 a page."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from asysta.assessments.tests.builders import assessment, meeting
from asysta.core import testing


def _assessments(family, people, n, *, start=0):
    for i in range(start, start + n):
        begin = date(2020, 1, 1) + timedelta(days=10 * i)
        assessment(family, by=people.anna, period_from=begin, period_to=begin + timedelta(days=9))


def test_assessment_list_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.dorota)
    url = reverse("assessments:list", args=[family.pk])
    _assessments(family, people, 1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "01.01.2020 – 10.01.2020" in page and "Anna Asystentka" in page
    _assessments(family, people, 49, start=1)
    many, page = testing.get_counted(client, url)
    newest = date(2020, 1, 1) + timedelta(days=490)
    assert f"{newest:%d.%m.%Y} – " in page and page.count("/oceny/") >= 20
    assert many == one
    last, page = testing.get_counted(client, url, {"p": 3})
    assert "01.01.2020 – 10.01.2020" in page and last == one


def test_meeting_list_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.dorota)
    url = reverse("assessments:meeting_list", args=[family.pk])
    first = date(2024, 1, 1)
    meeting(family, by=people.anna, held_on=first)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Anna Asystentka; Joanna Pedagog" in page and first.strftime("%d.%m.%Y") in page
    for i in range(1, 50):
        meeting(family, by=people.anna if i % 2 else people.celina, held_on=first + timedelta(i))
    many, page = testing.get_counted(client, url)
    assert "Celina Koordynatorka" in page and page.count("Joanna Pedagog") == 20
    assert many == one
