"""The closure page with its monitoring contacts costs the same number of queries with 1 contact
and with 50 (DESIGN.md §6); it shows 25 a page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from asysta.closure import services
from asysta.closure.tests.builders import closed
from asysta.core import testing

TODAY = timezone.localdate()


def _contacts(closure, people, n, *, start=0):
    for i in range(start, start + n):
        services.add_monitoring_contact(
            closure=closure,
            by=people.anna if i % 2 else people.celina,
            contacted_on=TODAY,
            form="phone",
            note=f"Kontakt {i:02d}",
        )


def test_closure_page_runs_the_same_queries_for_1_and_50_monitoring_contacts(people, family, login):
    closure = closed(family, by=people.anna)
    client = login(people.dorota)
    url = reverse("closure:detail", args=[family.pk, closure.pk])
    _contacts(closure, people, 1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Kontakt 00" in page and "Celina Koordynatorka" in page
    _contacts(closure, people, 49, start=1)
    many, page = testing.get_counted(client, url)
    assert "Kontakt 49" in page and "Kontakt 25" in page and "Kontakt 24" not in page
    assert "Anna Asystentka" in page
    assert many == one
    last, page = testing.get_counted(client, url, {"p": 2})
    assert "Kontakt 00" in page and last == one
