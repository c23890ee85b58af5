"""Plan actions addressed in a contact: listed on the form from the plan in force, linked to the
contact, and their progress reported to the plan through `plans.services`."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.plans.models import Action, ActionStatus
from asysta.plans.tests import builders as plan_builders
from asysta.visits import services
from asysta.visits.models import Contact, ContactAction
from asysta.visits.tests.builders import contact as make_contact

YESTERDAY = timezone.localdate() - timedelta(days=1)


@pytest.fixture
def plan(people, family):
    return plan_builders.plan_in_force(family, people=people, actions=2)


def _actions(plan):
    return list(Action.objects.filter(goal__plan=plan).order_by("order", "pk"))


def test_the_service_links_actions_and_reports_progress(people, family, plan):
    first, second = _actions(plan)
    contact = make_contact(
        family,
        by=people.anna,
        actions=[(first, ActionStatus.IN_PROGRESS, "Jadłospis na pierwszy tydzień gotowy.")],
    )
    link = ContactAction.objects.get()
    assert (link.contact, link.action, link.status_after) == (contact, first, "in_progress")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ActionStatus.IN_PROGRESS
    assert first.progress_note == "Jadłospis na pierwszy tydzień gotowy."
    assert second.status == ActionStatus.PLANNED
    assert list(first.contacts.all()) == [contact]


def test_an_action_of_another_familys_plan_is_refused_and_nothing_saved(people, family, plan):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.make_member(family=other, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    foreign = _actions(plan_builders.plan_in_force(other, people=people))[0]
    with pytest.raises(services.VisitsError):
        make_contact(family, by=people.anna, actions=[(foreign, ActionStatus.DONE, "")])
    assert not Contact.objects.exists() and not ContactAction.objects.exists()
    foreign.refresh_from_db()
    assert foreign.status == ActionStatus.PLANNED


def test_the_form_lists_open_actions_and_saving_reports_them(people, family, plan, login):
    first, second = _actions(plan)
    client = login(people.anna)
    url = reverse("visits:contact_create", args=[family.pk])
    html = client.get(url).content.decode()
    assert "Działania planu omówione w kontakcie" in html
    assert first.what in html and second.what in html
    data = {
        "date": YESTERDAY.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "form": "home_visit",
        "place": "home",
        "summary": "Planowanie posiłków.",
        f"plan-a{second.pk}": "on",
        f"plan-a{second.pk}_status": "done",
        f"plan-a{second.pk}_note": "Dzieci jedzą śniadania.",
        f"plan-a{first.pk}_status": "not_done",  # not ticked: left alone
    }
    response = client.post(url, data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == ActionStatus.DONE and first.status == ActionStatus.PLANNED
    contact = Contact.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Dzieci jedzą śniadania." in page and second.what in page
    # A done action is no longer offered on the next contact.
    assert second.what not in client.get(url).content.decode()
    assert contact.action_reports.count() == 1


def test_a_bad_contact_reports_no_progress(people, family, plan, login):
    first = _actions(plan)[0]
    data = {
        "date": YESTERDAY.isoformat(),
        "start_time": "12:00",
        "end_time": "11:00",
        "form": "home_visit",
        "place": "home",
        "summary": "x",
        f"plan-a{first.pk}": "on",
        f"plan-a{first.pk}_status": "done",
    }
    response = login(people.anna).post(reverse("visits:contact_create", args=[family.pk]), data)
    assert response.status_code == 422
    first.refresh_from_db()
    assert first.status == ActionStatus.PLANNED
    assert not Contact.objects.exists()


def test_without_a_plan_in_force_the_form_has_no_action_list(people, family, login):
    html = login(people.anna).get(reverse("visits:contact_create", args=[family.pk]))
    assert "Działania planu omówione" not in html.content.decode()


def test_unsuccessful_visit_needs_no_plan(people, family):
    contact = make_contact(
        family, by=people.anna, form="unsuccessful", start_time=time(9), end_time=time(9, 10)
    )
    assert contact.action_reports.count() == 0
