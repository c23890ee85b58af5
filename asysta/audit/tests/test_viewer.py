"""The audit viewer and the per-family "who opened this record" page."""

from __future__ import annotations

from datetime import timedelta

from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.audit.services import log_read
from asysta.core import testing


def test_head_sees_the_centres_trail_only(people, family, login):
    other = testing.make_family(
        centre=people.centre_b, by=people.zofia, surname="Obcy", case_number="B.1.2025"
    )
    log_read(user=people.zofia, obj=other)
    html = login(people.dorota).get(reverse("audit:log")).content.decode()
    assert family.case_number in html
    assert "B.1.2025" not in html


def test_filters_by_user_case_action_and_date(people, family, login):
    second = testing.make_family(centre=people.centre, by=people.dorota, case_number="X.9.2025")
    log_read(user=people.anna, obj=family)
    log_read(user=people.edward, obj=second)
    client = login(people.urszula)
    url = reverse("audit:log")

    html = client.get(url, {"user": "edward"}).content.decode()
    assert "X.9.2025" in html and family.case_number not in html

    html = client.get(url, {"case_number": family.case_number, "action": "3"}).content.decode()
    assert html.count('data-label="Czynność">otwarcie') == 1 and "X.9.2025" not in html

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = client.get(url, {"date_from": tomorrow}).content.decode()
    assert "Brak wpisów" in html


def test_family_access_page_lists_who_opened_the_record(people, family, login):
    login(people.anna).get(reverse("families:detail", args=[family.pk]))
    html = (
        login(people.dorota).get(reverse("families:access_log", args=[family.pk])).content.decode()
    )
    assert "Anna Asystentka" in html and "otwarcie" in html


def test_access_entries_keep_no_values(people, family):
    entry = log_read(user=people.anna, obj=family)
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.serialized_data is None
    assert not entry.changes


def test_assistant_has_no_audit_viewer(people, family, login):
    client = login(people.anna)
    assert client.get(reverse("audit:log")).status_code == 403
    assert client.get(reverse("families:access_log", args=[family.pk])).status_code == 403


def test_log_page_query_count_is_constant(people, family, login):
    client = login(people.dorota)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:log"))
    for _ in range(49):
        log_read(user=people.anna, obj=family)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("audit:log")).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.count('data-label="Czynność">otwarcie') == 49 and "Anna Asystentka" in page


def test_changes_and_reads_record_the_same_client_address_behind_a_proxy(
    people, family, login, settings
):
    settings.ASYSTA_PROXY_COUNT = 1
    client = login(people.anna)
    headers = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}
    client.get(reverse("families:detail", args=[family.pk]), **headers)
    client.post(
        reverse("families:member_create", args=[family.pk]),
        {
            "first_name": "Ola",
            "last_name": "Kowalska",
            "role": "child",
            "sex": "F",
            "birth_date": "2015-01-01",
            "pesel": "",
        },
        **headers,
    )
    read = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    created = LogEntry.objects.filter(action=LogEntry.Action.CREATE).latest("pk")
    assert read.remote_addr == created.remote_addr == "203.0.113.7"


def test_free_text_and_special_values_never_enter_the_trail(people, family):
    from asysta.families.services import update_member

    member = family.members.first()
    secret = "Leczenie odwykowe od marca, terapia w poradni"
    update_member(
        member=member,
        by=people.anna,
        notes=secret,
        health_notes=secret,
        disability="umiarkowany stopień",
    )
    entry = LogEntry.objects.get_for_object(member).filter(action=LogEntry.Action.UPDATE).get()
    assert set(entry.changes_dict) >= {"notes", "health_notes", "disability"}
    assert "odwykowe" not in str(entry.changes) and "umiarkowany" not in str(entry.changes)
    assert entry.changes_dict["notes"][1] == "[ukryte]"
