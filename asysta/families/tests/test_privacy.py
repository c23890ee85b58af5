"""Special-category data and Niebieska Karta details: who sees them, and that each display is
logged (domain.md §13)."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from asysta.core import testing
from asysta.families import privacy, record
from asysta.families.forms import MemberForm

DISABILITY = "Orzeczenie o umiarkowanym stopniu 05-R"
HEALTH = "Cukrzyca typu 1, insulinoterapia"
BLUE_DETAILS = "Zgłoszenie szkoły: ślady pobicia"
BLUE_TEAM = "Grupa diagnostyczno-pomocowa nr 7"
ALLOWED = ["anna", "celina", "dorota"]
NOT_ALLOWED = ["edward", "urszula"]


@pytest.fixture
def sick(people, family):
    return testing.make_member(
        family=family,
        by=people.anna,
        first_name="Ola",
        role="child",
        sex="F",
        birth_date=date(2014, 6, 1),
        disability=DISABILITY,
        health_notes=HEALTH,
    )


@pytest.fixture
def blue_card(people, family):
    return record.start_blue_card(
        family=family,
        by=people.anna,
        started_on=date(2025, 2, 1),
        team=BLUE_TEAM,
        details=BLUE_DETAILS,
    )


def _reads(section: str):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__section=section)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anna", True),
        ("celina", True),
        ("dorota", True),
        ("edward", False),
        ("urszula", False),
        ("bartek", False),
        ("zofia", False),
        ("adam", False),
    ],
)
def test_who_may_see_restricted_data(people, family, who, expected):
    user = getattr(people, who)
    assert privacy.can_see_special(user, family) is expected
    assert privacy.can_see_blue_card_details(user, family) is expected


def test_a_former_assistant_no_longer_sees_special_data(people, family):
    testing.assign(family=family, assistant=people.bartek, by=people.dorota)
    assert not privacy.can_see_special(people.anna, family)
    assert privacy.can_see_special(people.bartek, family)


@pytest.mark.parametrize("who", ALLOWED)
def test_special_fields_shown_and_logged_for_those_who_work_with_the_family(
    people, family, sick, login, who
):
    user = getattr(people, who)
    html = login(user).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert DISABILITY in html and HEALTH in html
    entry = _reads("special").get()
    assert entry.actor == user
    assert entry.additional_data["family"] == family.pk
    assert HEALTH not in str(entry.additional_data) and not entry.changes


@pytest.mark.parametrize("who", NOT_ALLOWED)
def test_special_fields_hidden_from_social_worker_and_auditor(people, family, sick, login, who):
    html = login(getattr(people, who)).get(reverse("families:detail", args=[family.pk]))
    html = html.content.decode()
    assert "Ola" in html  # the person is listed
    assert DISABILITY not in html and HEALTH not in html
    assert "brak dostępu" in html
    assert not _reads("special").exists()


def test_no_special_read_is_logged_when_there_is_nothing_to_show(people, family, login):
    login(people.anna).get(reverse("families:detail", args=[family.pk]))
    assert not _reads("special").exists()
    assert _reads("record").count() == 1


def test_health_problem_areas_follow_the_special_category_rule(people, family, login):
    record.set_problems(
        family=family, by=people.anna, areas={"addiction": "alkohol — ojciec", "income": ""}
    )
    url = reverse("families:detail", args=[family.pk])
    html = login(people.edward).get(url).content.decode()
    assert "ubóstwo" in html and "alkohol" not in html and "uzależnienie" not in html
    assert not _reads("special").exists()
    html = login(people.anna).get(url).content.decode()
    assert "alkohol — ojciec" in html
    assert _reads("special").get().actor == people.anna


def test_member_form_shows_special_fields_to_the_assistant_and_logs_it(people, family, sick, login):
    url = reverse("families:member_edit", args=[family.pk, sick.pk])
    html = login(people.anna).get(url).content.decode()
    assert DISABILITY in html and HEALTH in html
    entry = _reads("special").get()
    assert entry.object_pk == str(sick.pk) and entry.additional_data["family"] == family.pk


@pytest.mark.parametrize("who", NOT_ALLOWED)
def test_member_form_is_closed_to_social_worker_and_auditor(people, family, sick, login, who):
    url = reverse("families:member_edit", args=[family.pk, sick.pk])
    response = login(getattr(people, who)).get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert DISABILITY not in html and HEALTH not in html
    assert not _reads("special").exists()


def test_member_form_without_access_neither_shows_nor_changes_special_fields(people, sick):
    data = {
        "first_name": "Ola",
        "last_name": "Kowalska",
        "sex": "F",
        "birth_date": "2014-06-01",
        "role": "child",
        "lives_in_household": "on",
        "disability": "",
        "health_notes": "nadpisane",
    }
    form = MemberForm(data, instance=sick, show_special=False)
    assert "disability" not in form.fields and HEALTH not in form.as_div()
    assert form.is_valid(), form.errors
    assert "health_notes" not in form.cleaned_data
    sick.refresh_from_db()
    assert sick.health_notes == HEALTH


@pytest.mark.parametrize("who", ALLOWED)
def test_blue_card_details_shown_and_logged(people, family, blue_card, login, who):
    user = getattr(people, who)
    html = login(user).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "Procedura „Niebieskie Karty”" in html and "text-bg-danger" in html
    assert BLUE_DETAILS in html and BLUE_TEAM in html
    entry = _reads("blue_card").get()
    assert entry.actor == user and entry.additional_data["family"] == family.pk


@pytest.mark.parametrize("who", NOT_ALLOWED)
def test_blue_card_badge_without_details(people, family, blue_card, login, who):
    html = login(getattr(people, who)).get(reverse("families:detail", args=[family.pk]))
    html = html.content.decode()
    assert "Procedura „Niebieskie Karty”" in html
    assert BLUE_DETAILS not in html and BLUE_TEAM not in html
    assert not _reads("blue_card").exists()


def test_ended_blue_card_has_no_badge(people, family, blue_card, login):
    record.end_blue_card(blue_card=blue_card, by=people.anna, ended_on=date(2025, 6, 1))
    html = login(people.edward).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "text-bg-danger" not in html
    assert "01.02.2025 – 01.06.2025" in html


def test_another_assistant_sees_neither(people, family, sick, blue_card, login):
    client = login(people.bartek)
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 404
    url = reverse("families:member_edit", args=[family.pk, sick.pk])
    assert client.get(url).status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
