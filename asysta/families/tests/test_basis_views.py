"""Legal-basis pages under a family: who records, bad input (422), the panel on the family page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.families import basis
from asysta.families.models import Consent, CourtOrder, ZaZycieApplication

TODAY = timezone.localdate()
COURT = {
    "court": "Sąd Rejonowy w Oławie",
    "file_number": "III Nsm 123/25",
    "issued_on": "2025-06-02",
    "obligation": "assistant",
    "obligation_note": "",
    "kurator": "",
    "ended_on": "",
}
CONSENT = {"signed_by": "Ewa Kowalska", "signed_on": "2025-06-03", "scope": "współpraca"}
ZZ = {"filed_on": "2025-06-04", "applicant": "Anna Wiśniewska", "pregnancy_week": "22"}


def _urls(family, consent):
    return [
        (reverse("families:basis_consent", args=[family.pk]), CONSENT),
        (reverse("families:basis_court", args=[family.pk]), COURT),
        (reverse("families:basis_za_zyciem", args=[family.pk]), ZZ),
        (
            reverse("families:basis_withdraw", args=[family.pk, consent.pk]),
            {"withdrawn_on": "2025-07-01"},
        ),
    ]


@pytest.fixture
def consent(people, family):
    return basis.add_consent(
        family=family, by=people.anna, signed_by="Marek Kowalski", signed_on=date(2025, 5, 1)
    )


def _nothing_changed(family, consent):
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert family.consents.count() == 2  # the one the family signed before its assignment, and this
    assert not CourtOrder.objects.filter(family=family).exists()
    assert not ZaZycieApplication.objects.filter(family=family).exists()


def test_another_assistant_gets_404(people, family, consent, login):
    client = login(people.bartek)
    for url, data in _urls(family, consent):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    _nothing_changed(family, consent)


def test_head_of_another_centre_gets_404(people, family, consent, login):
    client = login(people.zofia)
    for url, data in _urls(family, consent):
        assert client.post(url, data).status_code == 404, url
    _nothing_changed(family, consent)


def test_a_social_worker_not_linked_to_the_family_gets_404(people, family, consent, login):
    felicja = testing.make_user("felicja", centre=people.centre, roles=["social_worker"])
    client = login(felicja)
    for url, data in _urls(family, consent):
        assert client.post(url, data).status_code == 404, url
    _nothing_changed(family, consent)


def test_the_auditor_reads_the_basis_but_records_nothing(people, family, consent, login):
    client = login(people.urszula)
    for url, data in _urls(family, consent):
        assert client.post(url, data).status_code == 403, url
    page = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "Podstawa" in page and "zgoda rodziny z 01.05.2025" in page
    assert reverse("families:basis_consent", args=[family.pk]) not in page
    _nothing_changed(family, consent)


def test_the_panel_is_red_without_a_basis_and_green_with_one(people, login):
    family = testing.make_family(consent=False, centre=people.centre, by=people.dorota)
    client = login(people.dorota)
    detail = reverse("families:detail", args=[family.pk])
    assert "Brak podstawy prawnej" in client.get(detail).content.decode()
    response = client.post(reverse("families:basis_consent", args=[family.pk]), CONSENT)
    assert response.status_code == 302 and response["Location"].endswith("#podstawa")
    page = client.get(detail).content.decode()
    assert "alert-success" in page and "zgoda rodziny z 03.06.2025" in page
    entry = LogEntry.objects.get_for_model(Consent).latest("pk")
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.dorota


def test_the_social_worker_records_a_court_order(people, family, login):
    response = login(people.edward).post(reverse("families:basis_court", args=[family.pk]), COURT)
    assert response.status_code == 302
    order = CourtOrder.objects.get(family=family)
    assert order.file_number == "III Nsm 123/25"
    assert LogEntry.objects.get_for_object(order).get().actor == people.edward


def test_a_court_order_ending_before_it_was_issued_is_422(people, family, login):
    data = {**COURT, "ended_on": "2025-05-01"}
    response = login(people.dorota).post(reverse("families:basis_court", args=[family.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_ended_on_error"' in page and "nie może być wcześniejsza" in page
    assert 'value="III Nsm 123/25"' in page  # what the user typed stays
    assert not CourtOrder.objects.filter(family=family).exists()


def test_dates_in_the_future_and_odd_pregnancy_weeks_are_refused(people, family, login):
    client = login(people.celina)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("families:basis_consent", args=[family.pk]), {**CONSENT, "signed_on": tomorrow}
    )
    assert response.status_code == 422 and 'id="id_signed_on_error"' in response.content.decode()
    response = client.post(
        reverse("families:basis_za_zyciem", args=[family.pk]), {**ZZ, "pregnancy_week": "60"}
    )
    assert response.status_code == 422 and "od 1 do 45" in response.content.decode()
    assert family.consents.count() == 1  # only the one signed before the assignment
    assert not family.zz_applications.exists()


def test_withdrawing_consent(people, family, consent, login):
    client = login(people.anna)
    url = reverse("families:basis_withdraw", args=[family.pk, consent.pk])
    response = client.post(url, {"withdrawn_on": "2025-04-01"})
    assert response.status_code == 422
    assert 'id="id_withdrawn_on_error"' in response.content.decode()
    response = client.post(url, {"withdrawn_on": "2025-07-01", "withdrawal_note": "Rezygnacja"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2025, 7, 1)
    again = client.post(url, {"withdrawn_on": "2025-08-01"})
    assert again.status_code == 422 and "już wycofana" in again.content.decode()


def test_a_consent_of_another_family_is_404(people, family, login):
    other = testing.make_family(consent=False, centre=people.centre, by=people.dorota)
    foreign = basis.add_consent(
        family=other, by=people.dorota, signed_by="X", signed_on=date(2025, 1, 1)
    )
    url = reverse("families:basis_withdraw", args=[family.pk, foreign.pk])
    assert login(people.dorota).get(url).status_code == 404
