"""The chronology page: access, the read log, filters (422 on a bad period), printing, no
note text, and a query count that does not grow with the family's history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.assessments.tests.builders import assessment
from asysta.chronology.tests.builders import NOTE, SAFETY, every_event
from asysta.visits.tests.builders import contact

TODAY = timezone.localdate()


def _url(family):
    return reverse("chronology:family", args=[family.pk])


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_someone_elses_family_is_404(people, family, login, who):
    assert login(getattr(people, who)).get(_url(family)).status_code == 404


@pytest.mark.parametrize("who", ["anna", "celina", "dorota", "edward", "urszula"])
def test_readers_see_the_chronology_and_the_read_is_logged(people, family, login, who):
    contact(family, by=people.anna)
    response = login(getattr(people, who)).get(_url(family))
    assert response.status_code == 200
    assert reverse("visits:contact_detail", args=[family.pk, family.contacts.get().pk]) in (
        response.content.decode()
    )
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.actor == getattr(people, who)
    assert entry.additional_data["section"] == "chronology"


def test_page_lists_every_kind_with_links_and_no_note_text(people, family, login):
    objs = every_event(family, people)
    response = login(people.anna).get(_url(family))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Drukuj" in body and "chronology/print.js" in body
    for name in ("referral", "contact", "assessment", "meeting", "closure"):
        assert f"/{objs[name].pk}/" in body, name
    assert NOTE not in body
    assert SAFETY not in body
    assert "zagrożenie bezpieczeństwa dziecka" in body


def test_filter_by_kind_and_period_on_the_page(people, family, login):
    old = contact(family, by=people.anna, on=TODAY - timedelta(days=40))
    new = contact(family, by=people.anna, on=TODAY - timedelta(days=2))
    client = login(people.anna)
    old_url = reverse("visits:contact_detail", args=[family.pk, old.pk])
    new_url = reverse("visits:contact_detail", args=[family.pk, new.pk])
    since = (TODAY - timedelta(days=10)).isoformat()
    body = client.get(_url(family), {"kinds": "contact", "date_from": since}).content.decode()
    assert new_url in body and old_url not in body
    assert "Przydział asystenta" not in body  # the assignment kind was not asked for
    body = client.get(_url(family), {"kinds": "assignment"}).content.decode()
    assert new_url not in body and "Przydział asystenta" in body


def test_a_bad_period_is_422(people, family, login):
    response = login(people.anna).get(
        _url(family), {"date_from": TODAY.isoformat(), "date_to": "2020-01-01"}
    )
    assert response.status_code == 422
    assert "nie może być wcześniejsza" in response.content.decode()


def test_family_page_links_to_the_chronology(people, family, login):
    body = login(people.urszula).get(reverse("families:detail", args=[family.pk])).content
    assert _url(family).encode() in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _assessments(family, people, n):
    start = date(2024, 1, 1)
    for i in range(n):
        period_from = start + timedelta(days=30 * i)
        assessment(
            family, by=people.anna, period_from=period_from,
            period_to=period_from + timedelta(days=29),
        )  # fmt: skip


def test_query_count_does_not_grow_with_the_events(people, family, login):
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota, social_worker=people.edward)
    testing.make_member(family=other, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    contact(family, by=people.anna)
    _assessments(family, people, 1)
    for day in range(30):
        contact(other, by=people.anna, on=TODAY - timedelta(days=day + 1))
    _assessments(other, people, 5)
    client = login(people.anna)
    client.get(_url(family))  # warm the session and caches
    assert _queries(client, _url(family)) == _queries(client, _url(other))


def test_a_long_case_is_paged_and_printed_whole(people, family, login, monkeypatch):
    from asysta.chronology import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    made = [contact(family, by=people.anna, on=TODAY - timedelta(days=n + 1)) for n in range(4)]
    client = login(people.anna)
    first = client.get(_url(family), {"kinds": "contact"}).content.decode()
    assert "4 zdarzenia" in first and "Strona 1 z 2" in first
    newest = reverse("visits:contact_detail", args=[family.pk, made[0].pk])
    oldest = reverse("visits:contact_detail", args=[family.pk, made[3].pk])
    assert newest in first and oldest not in first
    assert "kinds=contact&amp;wszystkie=1#drukuj" in first  # printing takes every event
    second = client.get(_url(family), {"kinds": "contact", "p": 2}).content.decode()
    assert oldest in second and newest not in second
    whole = client.get(_url(family), {"kinds": "contact", "wszystkie": 1}).content.decode()
    assert newest in whole and oldest in whole and "Strona" not in whole
    assert "data-print>Drukuj</button>" in whole
