"""Pages of the request for an assistant: who gets what, bad input (422), queue query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.intake import referrals
from asysta.intake.models import Assignment, QueuePriority, Referral
from asysta.intake.models import ReferralStatus as S
from asysta.intake.tests import builders

TODAY = timezone.localdate()
ISO = TODAY.isoformat()


@pytest.fixture
def fam(people):
    return testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Nowakowie",
    )


def _url(name, referral):
    return reverse(f"intake:{name}", args=[referral.family_id, referral.pk])


# Every page of a request with a valid POST body (so a wrong answer would change something).
def _pages(referral, people):
    return [
        ("referral_detail", "GET", {}),
        ("referral_schedule", "POST", {"on": ISO}),
        ("referral_interview", "POST", {"on": ISO}),
        ("referral_analysis", "POST", {"section_needs": "x", "need_found": "yes"}),
        ("referral_close", "POST", {"reason": "x", "on": ISO}),
        ("referral_file", "POST", {"on": ISO}),
        ("referral_decide", "GET", {}),
        ("referral_decide_refuse", "POST", {"refuse-reason": "x", "refuse-on": ISO}),
        ("referral_assign_from_queue", "POST", {"assistant": people.bartek.pk, "on": ISO}),
        ("referral_first_meeting", "POST", {"on": ISO, "present": "Edward"}),
    ]


def _call(client, method, url, data):
    return client.get(url) if method == "GET" else client.post(url, data)


def test_another_assistant_gets_404(people, family, login):
    """Bartek does not see Anna's family: 404 where assistants may go, else the policy's 403."""
    referral = builders.assigned_referral_of_fixture_family(family, people)
    client = login(people.bartek)
    for name, method, data in _pages(referral, people):
        response = _call(client, method, _url(name, referral), data)
        expected = 404 if name in ("referral_detail", "referral_first_meeting") else 403
        assert response.status_code == expected, name
    assert client.get(reverse("intake:referral_create", args=[family.pk])).status_code == 403
    referral.refresh_from_db()
    assert referral.status == S.ASSIGNED and referral.assignment.first_contact_on is None


def test_head_of_another_centre_gets_404(people, family, login):
    referral = builders.assigned_referral_of_fixture_family(family, people)
    client = login(people.zofia)
    for name, method, data in _pages(referral, people):
        assert _call(client, method, _url(name, referral), data).status_code == 404, name
    create = reverse("intake:referral_create", args=[family.pk])
    assert client.post(create, {"source": "family", "reported_on": ISO}).status_code == 404
    assert Referral.objects.filter(family=family).count() == 1


def test_a_social_worker_sees_only_requests_of_families_linked_to_them(people, fam, login):
    felicja = testing.make_user("felicja", centre=people.centre, roles=["social_worker"])
    referral = builders.filed_referral(fam, social_worker=people.edward)
    client = login(felicja)
    for name in ("referral_detail", "referral_file", "referral_analysis"):
        assert client.get(_url(name, referral)).status_code == 404, name
    assert client.get(reverse("intake:referral_create", args=[fam.pk])).status_code == 404
    assert client.get(reverse("intake:queue")).status_code == 403
    edward = login(people.edward)
    assert edward.get(_url("referral_detail", referral)).status_code == 200


def test_the_social_worker_takes_the_request_to_the_head(people, fam, login):
    client = login(people.edward)
    page = client.get(reverse("intake:referral_create", args=[fam.pk]))
    assert page.status_code == 200 and 'name="social_worker"' not in page.content.decode()
    response = client.post(
        reverse("intake:referral_create", args=[fam.pk]),
        {"source": "school", "source_detail": "SP 3", "reported_on": ISO},
    )
    referral = Referral.objects.get(family=fam)
    assert response.status_code == 302 and referral.social_worker == people.edward
    assert client.post(_url("referral_interview", referral), {"on": ISO}).status_code == 302
    analysis = client.get(_url("referral_analysis", referral)).content.decode()
    assert "Potrzeby rodziny" in analysis and "Wnioski" in analysis
    data = {"section_needs": "Opieka nad niemowlęciem", "need_found": "yes"}
    assert client.post(_url("referral_analysis", referral), data).status_code == 302
    assert client.post(_url("referral_file", referral), {"on": ISO}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.REQUEST_FILED and referral.analysis["needs"].startswith("Opieka")
    detail = client.get(_url("referral_detail", referral)).content.decode()
    assert "wniosek złożony do kierownika" in detail and "Brak podstawy prawnej" in detail
    read = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert read.actor == people.edward and read.additional_data["section"] == "referral"


def test_the_analysis_form_follows_the_centres_own_sections(people, fam, login):
    people.centre.analysis_sections = [
        {"key": "housing", "label": "Sytuacja mieszkaniowa"},
        {"key": "summary", "label": "Podsumowanie"},
    ]
    people.centre.save()
    referral = referrals.create_referral(
        family=fam,
        source="family",
        reported_on=TODAY,
        social_worker=people.edward,
        by=people.edward,
    )
    referrals.record_interview(referral=referral, on=TODAY, by=people.edward)
    client = login(people.edward)
    url = _url("referral_analysis", referral)
    page = client.get(url).content.decode()
    assert "Sytuacja mieszkaniowa" in page and "Potrzeby rodziny" not in page
    assert client.post(url, {"section_housing": "Ciasno"}).status_code == 422  # no conclusion
    assert Referral.objects.get(pk=referral.pk).status == S.INTERVIEW_DONE
    response = client.post(url, {"section_housing": "Ciasno", "need_found": "no"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.analysis == {"housing": "Ciasno", "summary": ""}
    assert referral.need_found is False


def test_a_request_for_a_family_with_an_assistant_is_refused_with_422(people, family, login):
    response = login(people.dorota).post(
        reverse("intake:referral_create", args=[family.pk]),
        {"source": "family", "reported_on": ISO, "social_worker": people.edward.pk},
    )
    assert response.status_code == 422
    assert "ma już przydzielonego asystenta" in response.content.decode()
    assert not Referral.objects.filter(family=family).exists()


def test_a_decision_without_a_legal_basis_is_422_and_saves_nothing(people, fam, login):
    referral = builders.filed_referral(fam, social_worker=people.edward)
    client = login(people.dorota)
    page = client.get(_url("referral_decide", referral)).content.decode()
    assert "Brak podstawy prawnej" in page and "Anna Asystentka (15)" in page
    data = {"assign-assistant": people.bartek.pk, "assign-on": ISO}
    response = client.post(_url("referral_decide_assign", referral), data)
    assert response.status_code == 422 and "Brak podstawy prawnej:" in response.content.decode()
    assert not Assignment.objects.filter(family=fam).exists()
    builders.court_order(fam, by=people.edward, on=TODAY)
    response = client.post(_url("referral_decide_assign", referral), data)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.ASSIGNED and referral.assignment.assistant == people.bartek


def test_deciding_a_request_not_filed_gives_a_clear_message(people, fam, login):
    referral = builders.filed_referral(fam, social_worker=people.edward)
    builders.court_order(fam, by=people.edward, on=TODAY)
    client = login(people.celina)
    queue = {"queue-priority": QueuePriority.COURT_ORDER, "queue-on": ISO}
    assert client.post(_url("referral_decide_queue", referral), queue).status_code == 302
    response = client.post(_url("referral_decide_queue", referral), queue)
    assert response.status_code == 422
    assert "na obecnym etapie wniosku" in response.content.decode()


def test_a_decision_date_before_the_request_is_shown_next_to_the_date(people, fam, login):
    referral = builders.filed_referral(fam, social_worker=people.edward)
    data = {"refuse-reason": "Brak zgody", "refuse-on": (TODAY - timedelta(days=30)).isoformat()}
    response = login(people.dorota).post(_url("referral_decide_refuse", referral), data)
    assert response.status_code == 422
    assert 'id="id_refuse-on_error"' in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == S.REQUEST_FILED


def test_the_assistant_records_the_first_meeting(people, family, login):
    referral = builders.assigned_referral_of_fixture_family(family, people)
    client = login(people.anna)
    assert client.post(_url("referral_first_meeting", referral), {"on": ISO}).status_code == 422
    data = {"on": ISO, "present": "Edward Pracownik (pracownik socjalny), matka"}
    assert client.post(_url("referral_first_meeting", referral), data).status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.ACTIVE and referral.assignment.first_contact_on == TODAY


def test_the_queue_page_offers_the_head_of_the_queue(people, login):
    fam = testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Kolejkowi",
    )
    builders.queued_referral(fam, people=people, on=TODAY, priority=QueuePriority.COURT_ORDER)
    page = login(people.dorota).get(reverse("intake:queue")).content.decode()
    assert "Wolne miejsce u: Anna Asystentka — proponowany wniosek: rodzina Kolejkowi" in page
    home = login(people.dorota).get(reverse("home")).content.decode()
    assert "proponowany wniosek: rodzina Kolejkowi" in home


def _queue_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("intake:queue")).status_code == 200
    return len(ctx.captured_queries)


def test_queue_page_query_count_does_not_grow(people, login):
    def add(n):
        for _ in range(n):
            fam = testing.make_family(
                consent=False, centre=people.centre, by=people.dorota, social_worker=people.edward
            )
            builders.queued_referral(fam, people=people, on=TODAY, priority=QueuePriority.OTHER)

    client = login(people.celina)
    add(1)
    one = _queue_queries(client)
    add(49)
    assert _queue_queries(client) == one
    page = client.get(reverse("intake:queue")).content.decode()
    assert page.count('<td data-label="#">') == 50  # every waiting request (50 a page)


def test_the_start_page_offers_the_queue_to_a_few_assistants_and_counts_the_rest(
    people, login, monkeypatch
):
    from asysta.intake.templatetags import intake_queue

    fam = testing.make_family(
        consent=False, centre=people.centre, by=people.dorota, social_worker=people.edward
    )
    builders.queued_referral(fam, people=people, on=TODAY, priority=QueuePriority.COURT_ORDER)
    client = login(people.dorota)
    offers = client.get(reverse("intake:queue")).content.decode().count("Wolne miejsce u:")
    assert offers >= 2
    monkeypatch.setattr(intake_queue, "PANEL_OFFERS", 1)
    home = client.get(reverse("home")).content.decode()
    assert home.count("Wolne miejsce u:") == 1
    assert f"wolne miejsca u kolejnych asystentów: {offers - 1}" in home
