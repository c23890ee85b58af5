"""The child-safety flag: an alert at once on the coordinator's and head's start page, acknowledged
there, audited; nobody outside the centre sees or acknowledges it."""

from __future__ import annotations

from datetime import time

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from asysta.visits import services
from asysta.visits.models import SafetyAlert
from asysta.visits.tests.builders import contact as make_contact


def test_a_flagged_contact_raises_one_alert(people, family):
    contact = make_contact(family, by=people.anna, child_safety=True, safety_actions=["nk_a"])
    alert = SafetyAlert.objects.get()
    assert alert.contact == contact and alert.family == family and alert.is_open
    assert contact.safety_action_labels == ["formularz „Niebieska Karta – A”"]
    # Editing the note again does not raise a second alert.
    services.update_contact(contact=contact, by=people.anna, end_time=time(11, 30))
    assert SafetyAlert.objects.count() == 1
    assert LogEntry.objects.get_for_object(alert).filter(action=LogEntry.Action.CREATE).exists()


def test_an_ordinary_contact_raises_none_but_flagging_it_later_does(people, family):
    contact = make_contact(family, by=people.anna)
    assert not SafetyAlert.objects.exists()
    services.update_contact(
        contact=contact,
        by=people.anna,
        child_safety=True,
        safety_actions=["intervention", "court_notice"],
        safety_description="Dzieci same w domu wieczorem.",
    )
    assert SafetyAlert.objects.get().contact == contact


@pytest.mark.parametrize("who", ["celina", "dorota"])
def test_the_alert_shows_on_the_coordinators_and_heads_start_page(people, family, login, who):
    contact = make_contact(family, by=people.anna, child_safety=True)
    html = login(getattr(people, who)).get(reverse("home")).content.decode()
    assert "alerty do potwierdzenia" in html
    assert reverse("visits:contact_detail", args=[family.pk, contact.pk]) in html
    assert reverse("visits:alert_acknowledge", args=[contact.safety_alert.pk]) in html


def test_the_head_of_another_centre_does_not_see_it(people, family, login):
    make_contact(family, by=people.anna, child_safety=True)
    html = login(people.zofia).get(reverse("home")).content.decode()
    assert "alerty do potwierdzenia" not in html


def test_acknowledged_on_the_start_page_it_disappears(people, family, login):
    contact = make_contact(family, by=people.anna, child_safety=True)
    alert = contact.safety_alert
    client = login(people.celina)
    response = client.post(reverse("visits:alert_acknowledge", args=[alert.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    alert.refresh_from_db()
    assert alert.acknowledged_by == people.celina and alert.acknowledged_at is not None
    entry = LogEntry.objects.get_for_object(alert).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people.celina and "acknowledged_by" in entry.changes_dict
    html = client.get(reverse("home")).content.decode()
    assert "alerty do potwierdzenia" not in html
    # The note shows who acknowledged it.
    detail = client.get(reverse("visits:contact_detail", args=[family.pk, contact.pk]))
    assert "Alert potwierdził(a): Celina Koordynatorka" in detail.content.decode()


def test_a_second_acknowledgement_is_refused(people, family):
    alert = make_contact(family, by=people.anna, child_safety=True).safety_alert
    with set_actor(people.dorota):
        services.acknowledge_alert(alert=alert, by=people.dorota)
    with pytest.raises(services.VisitsError):
        services.acknowledge_alert(alert=alert, by=people.celina)
    alert.refresh_from_db()
    assert alert.acknowledged_by == people.dorota


@pytest.mark.parametrize("who", ["anna", "bartek", "edward", "urszula"])
def test_only_the_coordinator_or_head_acknowledges(people, family, login, who):
    alert = make_contact(family, by=people.anna, child_safety=True).safety_alert
    response = login(getattr(people, who)).post(
        reverse("visits:alert_acknowledge", args=[alert.pk])
    )
    assert response.status_code == 403
    with pytest.raises(services.VisitsError):
        services.acknowledge_alert(alert=alert, by=getattr(people, who))
    alert.refresh_from_db()
    assert alert.is_open


def test_the_head_of_another_centre_gets_404(people, family, login):
    alert = make_contact(family, by=people.anna, child_safety=True).safety_alert
    response = login(people.zofia).post(reverse("visits:alert_acknowledge", args=[alert.pk]))
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.is_open


def test_the_head_acknowledges_from_the_note(people, family, login):
    contact = make_contact(family, by=people.anna, child_safety=True)
    client = login(people.dorota)
    url = reverse("visits:contact_detail", args=[family.pk, contact.pk])
    assert "Potwierdź zapoznanie się" in client.get(url).content.decode()
    response = client.post(
        reverse("visits:alert_acknowledge", args=[contact.safety_alert.pk]), {"next": "contact"}
    )
    assert response["Location"] == url
    assert not SafetyAlert.objects.filter(acknowledged_at__isnull=True).exists()
