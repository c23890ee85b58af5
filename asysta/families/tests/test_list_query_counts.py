"""The family list pages cost the same number of queries with 1 row and with 50 (DESIGN.md §6)."""

from __future__ import annotations

from django.urls import reverse

from asysta.audit.services import log_read
from asysta.core import testing


def _assistants(people, n):
    """Anna, Bartek and more assistants: 50 families need several (15 at most each)."""
    more = [
        testing.make_user(f"asystent{i}", centre=people.centre, roles=["assistant"])
        for i in range(n - 2)
    ]
    return [people.anna, people.bartek, *more]


def _families(people, assistants, n, *, start=0):
    for i in range(start, start + n):
        family = testing.make_family(
            centre=people.centre, by=people.dorota, surname=f"Mazur{i:02d}"
        )
        testing.assign(family=family, assistant=assistants[i % len(assistants)], by=people.dorota)


def test_family_list_runs_the_same_queries_for_1_and_50_rows(people, login):
    assistants = _assistants(people, 4)
    client = login(people.dorota)
    url = reverse("families:list")
    _families(people, assistants, 1)
    client.get(url)  # the first request of a session fills caches
    one, page = testing.get_counted(client, url)
    assert "Mazur00" in page and "Anna Asystentka" in page and "Wyników: 1" in page
    _families(people, assistants, 49, start=1)
    many, page = testing.get_counted(client, url)
    assert "Wyników: 50" in page and "Mazur24" in page and "Bartek Asystent" in page
    assert many == one
    second, page = testing.get_counted(client, url, {"p": 2})
    assert "Mazur49" in page and second == one


def test_access_report_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.dorota)
    url = reverse("families:access_log", args=[family.pk])
    log_read(user=people.anna, obj=family)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert page.count("otwarcie") == 1 and "Anna Asystentka" in page
    for who in [people.bartek, people.edward, people.celina] * 16 + [people.urszula]:
        log_read(user=who, obj=family)
    many, page = testing.get_counted(client, url)
    assert page.count("otwarcie") == 50 and "Urszula Audytorka" in page
    assert many == one
