"""Closure pages: access (404 for someone else's family), bad input (422), closing, monitoring
and re-opening through the pages, the family panel, the admin's report categories."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.closure.models import Closure, MonitoringContact, ReportCategoryMap
from asysta.closure.tests.builders import closed
from asysta.intake.models import Referral
from asysta.intake.tests.builders import court_order

TODAY = timezone.localdate()
CLOSE = {
    "closed_on": TODAY.isoformat(),
    "reason": "goals_achieved",
    "reason_other": "",
    "goals_achieved": "Cele osiągnięte.",
    "area_childcare": "Rodzice dbają o dzieci.",
    "recommendations": "",
    "monitoring_until": (TODAY + timedelta(days=180)).isoformat(),
    "monitoring_frequency": "raz w miesiącu",
    "no_monitoring_reason": "",
    "court_position": "",
    "court_position_on": "",
    "new_centre": "",
    "new_centre_letter_on": "",
    "disclosure_basis": "",
}
CONTACT = {"contacted_on": TODAY.isoformat(), "form": "phone", "note": "Rodzina radzi sobie."}
REOPEN = {"source": "family", "source_detail": "", "reported_on": TODAY.isoformat()}


def _urls(family, closure):
    """Every closure URL with the data to post to it (None: a page that is only read)."""
    args = [family.pk, closure.pk]
    return [
        (reverse("closure:close", args=[family.pk]), CLOSE),
        (reverse("closure:detail", args=args), None),
        (reverse("closure:monitoring_add", args=args), CONTACT),
        (reverse("closure:monitoring_end", args=args), {"on": TODAY.isoformat()}),
        (reverse("closure:reopen", args=args), {**REOPEN, "social_worker": ""}),
    ]


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_someone_elses_family_is_404_on_every_closure_url(people, family, login, who):
    closure = closed(family, by=people.anna)
    client = login(getattr(people, who))
    for url, data in _urls(family, closure):
        assert client.get(url).status_code == 404, url
        if data is not None:
            assert client.post(url, data).status_code == 404, url
    closure.refresh_from_db()
    assert closure.in_monitoring and not closure.reopened
    assert not MonitoringContact.objects.exists() and not Referral.objects.exists()


def test_closing_a_court_obliged_family_for_no_cooperation_without_the_court_is_422(
    people, family, login
):
    court_order(family, by=people.edward, on=TODAY - timedelta(days=30))
    data = {**CLOSE, "reason": "no_cooperation"}
    client = login(people.anna)
    form = client.get(reverse("closure:close", args=[family.pk])).content.decode()
    assert "zobowiązana do współpracy" in form  # warned before submitting
    response = client.post(reverse("closure:close", args=[family.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_court_position_error"' in page and "bez stanowiska sądu" in page
    assert "Rodzice dbają o dzieci." in page  # what the user typed stays
    assert not Closure.objects.exists()
    assert family.assignments.get().phase == "active"


def test_closing_without_any_area_of_the_final_situation_is_422(people, family, login):
    data = {**CLOSE, "area_childcare": ""}
    response = login(people.anna).post(reverse("closure:close", args=[family.pk]), data)
    assert response.status_code == 422
    assert 'id="id_area_childcare_error"' in response.content.decode()
    assert not Closure.objects.exists()


def test_closing_monitoring_and_its_end_through_the_pages(people, family, login):
    client = login(people.anna)
    detail_page = reverse("families:detail", args=[family.pk])
    assert reverse("closure:close", args=[family.pk]) in client.get(detail_page).content.decode()
    response = client.post(reverse("closure:close", args=[family.pk]), CLOSE)
    closure = Closure.objects.get()
    assert response["Location"] == reverse("closure:detail", args=[family.pk, closure.pk])
    # the assistant still opens the family during monitoring, and sees its status
    family_page = client.get(detail_page)
    assert family_page.status_code == 200 and "monitoring do" in family_page.content.decode()
    # a second closure is not offered: the close page leads to the closure
    again = client.get(reverse("closure:close", args=[family.pk]))
    assert again.status_code == 302 and again["Location"].endswith(f"/{closure.pk}/")
    args = [family.pk, closure.pk]
    assert client.post(reverse("closure:monitoring_add", args=args), CONTACT).status_code == 302
    bad = client.post(reverse("closure:monitoring_end", args=args), {"on": ""})
    assert bad.status_code == 422
    assert (
        client.post(
            reverse("closure:monitoring_end", args=args), {"on": TODAY.isoformat()}
        ).status_code
        == 302
    )
    closure.refresh_from_db()
    assert closure.monitoring_ended_on == TODAY and MonitoringContact.objects.count() == 1
    assert client.get(detail_page).status_code == 404  # no longer Anna's family
    head_page = login(people.dorota).get(reverse("closure:detail", args=args)).content.decode()
    assert "Rodzina radzi sobie." in head_page and "zakończenie — osiągnięcie celów" in head_page


def test_reopening_is_for_the_social_worker_and_the_managers(people, family, login):
    closure = closed(family, by=people.anna)
    url = reverse("closure:reopen", args=[family.pk, closure.pk])
    anna = login(people.anna).post(url, REOPEN)
    assert anna.status_code == 302 and anna["Location"].endswith(f"/{closure.pk}/")
    assert not Referral.objects.exists()
    response = login(people.edward).post(url, REOPEN)
    referral = Referral.objects.get()
    assert response["Location"] == reverse("intake:referral_detail", args=[family.pk, referral.pk])
    assert referral.social_worker == people.edward
    closure.refresh_from_db()
    assert closure.reopened and closure.reopen_referral == referral


def test_the_reopen_button_shows_only_to_those_who_may(people, family, login):
    closure = closed(family, by=people.anna)
    url = reverse("closure:detail", args=[family.pk, closure.pk])
    assert "Wznów (nowy wniosek)" not in login(people.anna).get(url).content.decode()
    assert "Wznów (nowy wniosek)" in login(people.dorota).get(url).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_closure_page_query_count_does_not_grow(people, family, login):
    from asysta.closure import services

    closure = closed(family, by=people.anna)
    client = login(people.anna)
    url = reverse("closure:detail", args=[family.pk, closure.pk])
    services.add_monitoring_contact(
        closure=closure, by=people.anna, contacted_on=TODAY, form="phone", note="Pierwszy."
    )
    one = _queries(client, url)
    for n in range(30):
        services.add_monitoring_contact(
            closure=closure, by=people.anna, contacted_on=TODAY, form="phone", note=f"K {n}"
        )
    assert _queries(client, url) == one


def test_the_administrator_maps_reasons_to_report_categories(people, login):
    ReportCategoryMap.objects.create(centre=people.centre_b, reason="other", category="B: inne")
    client = login(people.adam)
    add = reverse("admin:closure_reportcategorymap_add")
    assert "zakończenie — zmiana miejsca" in client.get(add + "?reason=moved_away").content.decode()
    response = client.post(add, {"reason": "moved_away", "category": "wiersz 7: zmiana"})
    assert response.status_code == 302
    row = ReportCategoryMap.objects.get(centre=people.centre)
    assert (row.reason, row.category) == ("moved_away", "wiersz 7: zmiana")
    duplicate = client.post(add, {"reason": "moved_away", "category": "znowu"})
    assert duplicate.status_code == 200 and "ma już swoją kategorię" in duplicate.content.decode()
    listing = client.get(reverse("admin:closure_reportcategorymap_changelist")).content.decode()
    assert "wiersz 7: zmiana" in listing and "B: inne" not in listing
