"""Court pages: access (404 for someone else's family), bad input (422), the course of an opinion
through the pages, the family panel and constant query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.court import services
from asysta.court.models import CourtNotice, Opinion, OpinionRequest, RequestStatus
from asysta.court.tests.builders import opinion_request

TODAY = timezone.localdate()
REQUEST = {
    "court": "Sąd Rejonowy w Oławie",
    "file_number": "III Nsm 123/25",
    "received_on": (TODAY - timedelta(days=1)).isoformat(),
    "due_on": (TODAY + timedelta(days=20)).isoformat(),
    "due_in_days": "",
    "scope": "Opinia o rodzinie.",
}
NOTICE = {
    "court": "Sąd Rejonowy w Oławie",
    "file_number": "III Nsm 123/25",
    "subject": "Rodzina nie współpracuje",
    "content": "Rodzina odmawia wizyt.",
    "sent_on": TODAY.isoformat(),
    "sent_how": "post",
}


@pytest.fixture
def req(people, family):
    return opinion_request(family, by=people.anna)


def _urls(family, req):
    args = [family.pk, req.pk]
    """Every court URL with the data to post to it (None: a page that is only read)."""
    return [
        (reverse("court:list", args=[family.pk]), None),
        (reverse("court:request_create", args=[family.pk]), REQUEST),
        (reverse("court:request_detail", args=args), None),
        (reverse("court:request_edit", args=args), REQUEST),
        (reverse("court:opinion_draft", args=args), {}),
        (reverse("court:opinion_edit", args=args), {"conclusions": "x"}),
        (reverse("court:opinion_approve", args=args), {"on": TODAY.isoformat()}),
        (reverse("court:opinion_send", args=args), {"on": TODAY.isoformat(), "how": "post"}),
        (reverse("court:notices", args=[family.pk]), None),
        (reverse("court:notice_create", args=[family.pk]), NOTICE),
    ]


def _nothing_changed(req):
    req.refresh_from_db()
    assert req.status == RequestStatus.RECEIVED
    assert OpinionRequest.objects.count() == 1
    assert not Opinion.objects.exists() and not CourtNotice.objects.exists()


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_someone_elses_family_is_404_on_every_court_url(people, family, req, login, who):
    client = login(getattr(people, who))
    for url, data in _urls(family, req):
        assert client.get(url).status_code == 404, url
        if data is not None:
            assert client.post(url, data).status_code == 404, url
    _nothing_changed(req)


def test_a_request_of_another_family_is_404(people, family, login):
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    foreign = opinion_request(other, by=people.bartek)
    client = login(people.anna)
    url = reverse("court:request_detail", args=[family.pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_a_due_date_before_receipt_is_422_and_nothing_saved(people, family, login):
    data = {**REQUEST, "due_on": (TODAY - timedelta(days=5)).isoformat()}
    response = login(people.anna).post(reverse("court:request_create", args=[family.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_due_on_error"' in page and "nie może być wcześniejszy" in page
    assert 'value="III Nsm 123/25"' in page  # what the user typed stays
    assert not OpinionRequest.objects.exists()


def test_the_deadline_may_be_given_in_days(people, family, login):
    data = {**REQUEST, "due_on": "", "due_in_days": "21"}
    response = login(people.anna).post(reverse("court:request_create", args=[family.pk]), data)
    assert response.status_code == 302
    created = OpinionRequest.objects.get()
    assert created.due_on == TODAY - timedelta(days=1) + timedelta(days=21)
    assert response["Location"] == reverse("court:request_detail", args=[family.pk, created.pk])


def test_the_court_order_fills_in_the_court(people, family, login):
    from asysta.intake.tests.builders import court_order

    court_order(family, by=people.edward, on=TODAY, file_number="III Nsm 9/25")
    page = login(people.anna).get(reverse("court:request_create", args=[family.pk]))
    assert 'value="III Nsm 9/25"' in page.content.decode()


def test_the_whole_course_through_the_pages(people, family, req, login):
    args = [family.pk, req.pk]
    anna = login(people.anna)
    assert anna.post(reverse("court:opinion_draft", args=args)).status_code == 302
    edit = anna.get(reverse("court:opinion_edit", args=args)).content.decode()
    assert "Źródła" in edit and reverse("families:detail", args=[family.pk]) in edit
    data = {"period": "Od 2025 r.", "conclusions": "Rodzina współpracuje."}
    assert anna.post(reverse("court:opinion_edit", args=args), data).status_code == 302
    # the assistant and the coordinator are sent back: the head approves
    for who in (people.anna, people.celina):
        response = login(who).post(reverse("court:opinion_approve", args=args), {"on": "x"})
        assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.DRAFTED
    head = login(people.dorota)
    detail = head.get(reverse("court:request_detail", args=args)).content.decode()
    assert reverse("court:opinion_approve", args=args) in detail
    future = (TODAY + timedelta(days=1)).isoformat()
    assert head.post(reverse("court:opinion_approve", args=args), {"on": future}).status_code == 422
    ok = head.post(reverse("court:opinion_approve", args=args), {"on": TODAY.isoformat()})
    assert ok.status_code == 302
    send = reverse("court:opinion_send", args=args)
    assert login(people.anna).post(send, {"on": TODAY.isoformat(), "how": ""}).status_code == 422
    assert (
        login(people.anna).post(send, {"on": TODAY.isoformat(), "how": "post"}).status_code == 302
    )
    req.refresh_from_db()
    assert (req.status, req.sent_how, req.approved_by) == ("sent", "post", people.dorota)
    sent = LogEntry.objects.get_for_object(req).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert sent.changes_dict["status"] == ["approved", "sent"] and sent.actor == people.anna


def test_the_auditor_and_the_social_worker_read_but_do_not_write(people, family, req, login):
    for who in (people.urszula, people.edward):
        client = login(who)
        assert (
            client.get(reverse("court:request_detail", args=[family.pk, req.pk])).status_code == 200
        )
        page = client.get(reverse("court:list", args=[family.pk])).content.decode()
        assert "III Nsm 123/25" in page
        assert reverse("court:request_create", args=[family.pk]) not in page
        response = client.post(reverse("court:request_create", args=[family.pk]), REQUEST)
        assert response.status_code == 403
    assert OpinionRequest.objects.count() == 1


def test_a_notice_is_recorded_from_its_page(people, family, login):
    client = login(people.dorota)
    bad = client.post(reverse("court:notice_create", args=[family.pk]), {**NOTICE, "content": ""})
    assert bad.status_code == 422 and not CourtNotice.objects.exists()
    response = client.post(reverse("court:notice_create", args=[family.pk]), NOTICE)
    assert response.status_code == 302
    page = client.get(reverse("court:notices", args=[family.pk])).content.decode()
    assert "Rodzina nie współpracuje" in page


def test_the_family_page_shows_the_requests_with_their_deadlines(people, family, req, login):
    page = login(people.anna).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert reverse("court:request_detail", args=[family.pk, req.pk]) in page
    assert req.due_on.strftime("%d.%m.%Y") in page and "do terminu: 19 dni" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["court:list", "families:detail"])
def test_query_count_does_not_grow_with_requests(people, family, req, login, name):
    client = login(people.anna)
    url = reverse(name, args=[family.pk])
    one = _queries(client, url)
    for n in range(30):
        made = opinion_request(family, by=people.anna, file_number=f"III Nsm {n}/25")
        if n % 2:
            opinion = services.draft_opinion(request=made, by=people.anna)
            services.update_opinion(opinion=opinion, by=people.anna, conclusions="W.")
            services.approve_opinion(request=made, by=people.dorota, on=TODAY)
    assert _queries(client, url) == one
