"""The court lists of a family (requests for an opinion, notices to the court) cost the same
number of queries with 1 row and with 50 (DESIGN.md §6); both show 25 a page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.court import services
from asysta.court.tests.builders import opinion_request

TODAY = timezone.localdate()


def _requests(family, people, n, *, start=0):
    for i in range(start, start + n):
        made = opinion_request(
            family, by=people.anna, file_number=f"III Nsm {i}/25", received_on=TODAY - timedelta(i)
        )
        if i % 2:  # every other one approved: the page names who approved it
            opinion = services.draft_opinion(request=made, by=people.anna)
            services.update_opinion(opinion=opinion, by=people.anna, conclusions="Współpracuje.")
            services.approve_opinion(request=made, by=people.dorota, on=TODAY)


def test_court_requests_run_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.anna)
    url = reverse("court:list", args=[family.pk])
    _requests(family, people, 1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "III Nsm 0/25" in page
    _requests(family, people, 49, start=1)
    many, page = testing.get_counted(client, url)
    assert "III Nsm 24/25" in page and "III Nsm 25/25" not in page  # 25 a page
    assert "Dorota Kierowniczka" in page
    assert many == one
    last, page = testing.get_counted(client, url, {"p": 2})
    assert "III Nsm 49/25" in page and last == one


def _notices(family, by, n, *, start=0):
    for i in range(start, start + n):
        services.send_notice(
            family=family,
            by=by,
            court="Sąd Rejonowy w Oławie",
            file_number="III Nsm 123/25",
            subject=f"Pismo {i:02d}",
            content="Rodzina odmawia wizyt.",
            sent_on=TODAY - timedelta(days=i),
            sent_how="post",
        )


def test_court_notices_run_the_same_queries_for_1_and_50_rows(people, family, login):
    client = login(people.anna)
    url = reverse("court:notices", args=[family.pk])
    _notices(family, people.anna, 1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Pismo 00" in page and 'name="kind" value="court_notice"' in page
    _notices(family, people.dorota, 49, start=1)
    many, page = testing.get_counted(client, url)
    assert page.count("<article") == 25 and "Pismo 24" in page and "Dorota Kierowniczka" in page
    assert page.count('name="kind" value="court_notice"') == 25
    assert many == one
