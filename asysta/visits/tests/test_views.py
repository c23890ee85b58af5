"""Contact pages: who gets what (404 outside, 403 read-only), logged reads, the quick form with
errors next to the fields (422, nothing saved), the browser draft hooks, constant query counts."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.visits.models import Contact, Correction, SafetyAlert
from asysta.visits.tests.builders import contact as make_contact

YESTERDAY = timezone.localdate() - timedelta(days=1)


def _post_data(**overrides):
    data = {
        "date": YESTERDAY.isoformat(),
        "start_time": "10:00",
        "end_time": "11:15",
        "form": "home_visit",
        "place": "home",
        "place_note": "",
        "others_present": "pracownik socjalny",
        "summary": "Omówiono plan dnia dzieci.",
        "tasks_family": "",
        "tasks_assistant": "",
        "kilometres": "8.5",
        "safety_description": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def contact(people, family):
    return make_contact(family, by=people.anna)


def _urls(family, contact):
    detail = [family.pk, contact.pk]
    return [
        ("GET", reverse("visits:contact_list", args=[family.pk])),
        ("GET", reverse("visits:contact_create", args=[family.pk])),
        ("POST", reverse("visits:contact_create", args=[family.pk])),
        ("GET", reverse("visits:contact_detail", args=detail)),
        ("GET", reverse("visits:contact_edit", args=detail)),
        ("POST", reverse("visits:contact_edit", args=detail)),
        ("GET", reverse("visits:correction_add", args=detail)),
        ("POST", reverse("visits:correction_add", args=detail)),
    ]


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_another_assistant_and_another_centre_get_404_everywhere(
    people, family, contact, login, who
):
    client = login(getattr(people, who))
    for method, url in _urls(family, contact):
        response = client.get(url) if method == "GET" else client.post(url, _post_data())
        assert response.status_code == 404, (who, method, url)
    assert Contact.objects.count() == 1
    assert not Correction.objects.exists()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_a_contact_of_another_family_is_404_through_this_family(people, family, login):
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota)
    foreign = make_contact(other, by=people.dorota)
    client = login(people.anna)
    for name in ("visits:contact_detail", "visits:contact_edit", "visits:correction_add"):
        assert client.get(reverse(name, args=[family.pk, foreign.pk])).status_code == 404


@pytest.mark.parametrize("who", ["edward", "urszula"])
def test_social_worker_and_auditor_read_but_cannot_write(people, family, contact, login, who):
    client = login(getattr(people, who))
    for method, url in _urls(family, contact):
        response = client.get(url) if method == "GET" else client.post(url, _post_data())
        if "kontakty/nowy" in url or "edycja" in url or "korekta" in url:
            assert response.status_code == 403, (method, url)
        else:
            assert response.status_code == 200, (method, url)
    assert Contact.objects.count() == 1


def test_reading_a_note_is_logged_without_its_text(people, family, contact, login):
    login(people.edward).get(reverse("visits:contact_detail", args=[family.pk, contact.pk]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == people.edward
    assert entry.additional_data["section"] == "contact"
    assert entry.additional_data["family"] == family.pk
    assert "plan dnia" not in str(entry.changes) and "plan dnia" not in str(entry.additional_data)


def test_the_assistant_records_a_contact_on_the_quick_form(people, family, login):
    member = family.members.first()
    client = login(people.anna)
    form = client.get(reverse("visits:contact_create", args=[family.pk])).content.decode()
    assert f'data-draft-key="contact:{family.pk}:{people.anna.pk}:new"' in form
    assert "visits/draft.js" in form and "Przywrócono niezapisany szkic" in form
    assert "<script>" not in form
    response = client.post(
        reverse("visits:contact_create", args=[family.pk]),
        _post_data(members_present=[member.pk]),
    )
    saved = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:contact_detail", args=[family.pk, saved.pk])
    assert saved.assistant == people.anna and saved.duration_minutes == 75
    assert list(saved.members_present.all()) == [member]
    entry = LogEntry.objects.get_for_object(saved).get(action=LogEntry.Action.CREATE)
    assert entry.actor == people.anna
    # The page after the save tells the script to forget the draft, once.
    page = client.get(response["Location"]).content.decode()
    assert f'data-draft-clear="contact:{family.pk}:{people.anna.pk}:new"' in page
    again = client.get(response["Location"]).content.decode()
    assert "data-draft-clear" not in again


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_time": "12:00", "end_time": "11:00"}, "end_time", "później"),
        (
            {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "date",
            "z przyszłości",
        ),
        ({"child_safety": "on", "safety_description": ""}, "safety_description", "Opisz"),
        ({"place": "other"}, "place_note", "Opisz, gdzie"),
    ],
)
def test_bad_input_comes_back_422_next_to_the_field(
    people, family, login, overrides, field, message
):
    response = login(people.anna).post(
        reverse("visits:contact_create", args=[family.pk]), _post_data(**overrides)
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert "Omówiono plan dnia dzieci." in html  # what was typed is kept
    assert 'data-draft-bound="true"' in html
    assert not Contact.objects.exists() and not SafetyAlert.objects.exists()


def test_a_flagged_contact_from_the_form_alerts(people, family, login):
    data = _post_data(
        child_safety="on", safety_actions=["intervention", "nk_a"], safety_description="Siniaki."
    )
    login(people.anna).post(reverse("visits:contact_create", args=[family.pk]), data)
    alert = SafetyAlert.objects.get()
    assert alert.contact.safety_actions == ["intervention", "nk_a"]


def test_the_author_edits_and_the_change_is_logged(people, family, contact, login):
    client = login(people.anna)
    url = reverse("visits:contact_edit", args=[family.pk, contact.pk])
    page = client.get(url).content.decode()
    assert f'data-draft-key="contact:{family.pk}:{people.anna.pk}:{contact.pk}"' in page
    read = LogEntry.objects.get(action=LogEntry.Action.ACCESS)  # the form shows the whole note
    assert read.additional_data["section"] == "contact" and read.actor == people.anna
    response = client.post(url, _post_data(end_time="12:00"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.duration_minutes == 120
    entry = LogEntry.objects.get_for_object(contact).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people.anna and "end_time" in entry.changes_dict


def test_a_bad_edit_is_422_and_changes_nothing(people, family, contact, login):
    url = reverse("visits:contact_edit", args=[family.pk, contact.pk])
    response = login(people.anna).post(url, _post_data(start_time="13:00", end_time="12:00"))
    assert response.status_code == 422
    contact.refresh_from_db()
    assert contact.end_time == time(11, 0)


def test_someone_elses_note_is_corrected_not_edited(people, family, login):
    note = make_contact(family, by=people.dorota)
    client = login(people.anna)
    detail = client.get(reverse("visits:contact_detail", args=[family.pk, note.pk]))
    html = detail.content.decode()
    assert "Edytuj notatkę" not in html and "Dodaj korektę" in html
    assert client.get(reverse("visits:contact_edit", args=[family.pk, note.pk])).status_code == 403
    url = reverse("visits:correction_add", args=[family.pk, note.pk])
    assert client.post(url, {"text": ""}).status_code == 422
    response = client.post(url, {"text": "Obecna była też babcia."})
    assert response.status_code == 302 and response["Location"].endswith("#korekty")
    page = client.get(reverse("visits:contact_detail", args=[family.pk, note.pk])).content.decode()
    assert "Obecna była też babcia." in page and "skorygowano" in page


def test_the_list_filters_by_period_and_form_newest_first(people, family, login):
    today = timezone.localdate()
    make_contact(family, by=people.anna, on=today - timedelta(days=40))
    make_contact(family, by=people.anna, on=today - timedelta(days=5), form="phone")
    make_contact(family, by=people.anna, on=today - timedelta(days=2))
    client = login(people.anna)
    url = reverse("visits:contact_list", args=[family.pk])
    html = client.get(url).content.decode()
    dates = [(today - timedelta(days=d)).strftime("%d.%m.%Y") for d in (2, 5, 40)]
    assert html.index(dates[0]) < html.index(dates[1]) < html.index(dates[2])
    since = (today - timedelta(days=10)).isoformat()
    filtered = client.get(url, {"date_from": since, "form": "home_visit"}).content.decode()
    assert dates[0] in filtered and dates[1] not in filtered and dates[2] not in filtered
    partial = client.get(url, {"form": "phone"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and dates[1] in partial


def _contacts(family, by, n):
    today = timezone.localdate()
    for i in range(n):
        make_contact(family, by=by, on=today - timedelta(days=i + 1))


def test_the_contacts_list_keeps_its_query_count_with_1_and_50_contacts(people, family, login):
    client = login(people.anna)
    url = reverse("visits:contact_list", args=[family.pk])
    _contacts(family, people.anna, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _contacts(family, people.dorota, 49)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Kontaktów: 50" in response.content.decode()
    assert len(many) == len(few)


def test_the_family_page_shows_the_latest_contacts_in_constant_queries(people, family, login):
    client = login(people.anna)
    url = reverse("families:detail", args=[family.pk])
    _contacts(family, people.anna, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert "Kontakty z rodziną" in html and "Wszystkie kontakty (1)" in html
    _contacts(family, people.anna, 20)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Wszystkie kontakty (21)" in html
    assert len(many) == len(few)
