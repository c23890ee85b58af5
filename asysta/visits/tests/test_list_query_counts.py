"""The work card costs the same number of queries with 1 family and with 50 (DESIGN.md §6).
The contacts list has its own test beside the contact pages' tests."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from asysta.core import testing
from asysta.visits.tests.builders import contact


def _families_with_a_contact(people, n, *, start=0):
    """Families with one contact of Dorota (a head records contacts of any family) in May 2025;
    an assistant's card of a month has more rows than 15 when families were handed over."""
    for i in range(start, start + n):
        family = testing.make_family(
            centre=people.centre, by=people.dorota, surname=f"Mazur{i:02d}"
        )
        contact(family, by=people.dorota, on=date(2025, 5, 5 + i % 20))


def test_work_card_runs_the_same_queries_for_1_and_50_rows(people, login):
    client = login(people.dorota)
    url = reverse("visits:work_card", args=[2025, 5])
    data = {"asystent": people.dorota.pk}
    _families_with_a_contact(people, 1)
    client.get(url, data)
    one, page = testing.get_counted(client, url, data)
    assert page.count('fw-normal">Mazur') == 1
    _families_with_a_contact(people, 49, start=1)
    many, page = testing.get_counted(client, url, data)
    assert page.count('fw-normal">Mazur') == 50
    assert many == one
