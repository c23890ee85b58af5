"""The app's pages at work: forms (422 on bad input, nothing saved), the acknowledge flow, the
panels of the family page and the head's start page, constant query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.assessments.models import (
    AssessmentStatus,
    Dispatch,
    InitialDiagnosis,
    MeetingTask,
    PeriodicAssessment,
    TeamMeeting,
)
from asysta.assessments.tests.builders import assessment, meeting
from asysta.plans.tests.builders import plan_in_force

TEXT = {"changes": "Lepsza organizacja dnia.", "cooperation": "Dobra.", "institutions": ""}


def _post_data(period_from, period_to, made_on=None, score="3", **extra):
    data = {
        "period_from": period_from.isoformat(),
        "period_to": period_to.isoformat(),
        "made_on": (made_on or period_to).isoformat(),
        "recommendation": "continue",
        "end_reason": "",
        "conclusions": "",
        "late_reason": "",
        **TEXT,
    }
    for code in (
        "childcare",
        "household",
        "material",
        "employment",
        "health",
        "relations",
        "safety",
        "education",
    ):
        data[f"score_{code}"] = score
        data[f"comment_{code}"] = ""
    data.update(extra)
    return data


@pytest.fixture
def plan(people, lewandowscy):
    return plan_in_force(lewandowscy, people=people, on=date(2025, 3, 3))


def _first(family, people):
    made = assessment(
        family, by=people.anna, period_from=date(2025, 3, 3), period_to=date(2025, 9, 2)
    )
    from asysta.assessments import services

    return services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 2))


# --- the assessment form -----------------------------------------------------------------------


def test_the_form_shows_anchors_and_the_previous_score(people, lewandowscy, plan, login):
    _first(lewandowscy, people)
    page = login(people.anna).get(reverse("assessments:create", args=[lewandowscy.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dzieci są bezpieczne; brak sygnałów zagrożenia." in html  # the anchor of safety 5
    assert "Poprzednia ocena: <strong>3</strong>" in html
    assert 'value="2025-09-03"' in html  # the period proposed from the previous one


def test_the_assistant_saves_submits_and_the_head_acknowledges(people, lewandowscy, plan, login):
    anna = login(people.anna)
    url = reverse("assessments:create", args=[lewandowscy.pk])
    response = anna.post(url, _post_data(date(2025, 3, 3), date(2025, 9, 2)))
    assert response.status_code == 302
    made = PeriodicAssessment.objects.get()
    assert made.scores.count() == 8 and made.made_by == people.anna
    submit = reverse("assessments:submit", args=[lewandowscy.pk, made.pk])
    assert anna.get(submit).status_code == 200
    assert anna.post(submit).status_code == 302
    made.refresh_from_db()
    assert made.status == AssessmentStatus.SUBMITTED

    head = login(people.dorota)
    home = head.get(reverse("home")).content.decode()
    assert "Oceny do zapoznania" in home and "Lewandowscy" in home
    ack = reverse("assessments:acknowledge", args=[lewandowscy.pk, made.pk])
    assert head.get(ack).status_code == 200
    response = head.post(ack, {"acknowledged_on": date.today().isoformat(), "note": "OK"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == AssessmentStatus.ACKNOWLEDGED and made.acknowledged_by == people.dorota
    assert "Oceny do zapoznania" not in head.get(reverse("home")).content.decode()


def test_an_overlapping_period_is_422_with_the_message_and_nothing_saved(
    people, lewandowscy, plan, login
):
    _first(lewandowscy, people)
    url = reverse("assessments:create", args=[lewandowscy.pk])
    data = _post_data(date(2025, 8, 1), date(2026, 2, 27))
    response = login(people.anna).post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_period_from_error"' in html and "nakłada się" in html
    assert 'value="2026-02-27"' in html  # what was typed stays
    assert PeriodicAssessment.objects.count() == 1


def test_a_late_assessment_without_a_reason_is_422_and_with_one_is_saved(
    people, lewandowscy, plan, login
):
    client = login(people.anna)
    url = reverse("assessments:create", args=[lewandowscy.pk])
    data = _post_data(date(2025, 3, 3), date(2025, 9, 10))
    response = client.post(url, data)
    assert response.status_code == 422
    assert 'id="id_late_reason_error"' in response.content.decode()
    assert not PeriodicAssessment.objects.exists()
    response = client.post(url, {**data, "late_reason": "Choroba asystentki."})
    assert response.status_code == 302
    assert PeriodicAssessment.objects.get().is_late


def test_ending_without_a_reason_and_a_future_date_are_422(people, lewandowscy, plan, login):
    client = login(people.anna)
    url = reverse("assessments:create", args=[lewandowscy.pk])
    future = date.today() + timedelta(days=3)
    for extra in ({"recommendation": "end"}, {"made_on": future}):
        response = client.post(url, _post_data(date(2025, 3, 3), date(2025, 9, 2), **extra))
        assert response.status_code == 422
    assert not PeriodicAssessment.objects.exists()


def test_a_submitted_assessment_is_not_edited_but_dispatched(people, lewandowscy, plan, login):
    made = _first(lewandowscy, people)
    client = login(people.anna)
    edit = reverse("assessments:edit", args=[lewandowscy.pk, made.pk])
    assert client.get(edit).status_code == 302
    dispatch = reverse("assessments:dispatch", args=[lewandowscy.pk, made.pk])
    bad = client.post(dispatch, {"recipient": "", "sent_on": "2025-09-04", "way": "post"})
    assert bad.status_code == 422 and not Dispatch.objects.exists()
    ok = client.post(
        dispatch, {"recipient": "PCPR Oleśnica", "sent_on": "2025-09-04", "way": "post"}
    )
    assert ok.status_code == 302
    detail = client.get(reverse("assessments:detail", args=[lewandowscy.pk, made.pk]))
    assert "PCPR Oleśnica — 04.09.2025" in detail.content.decode()


def test_the_plans_goals_are_rated_on_their_page(people, lewandowscy, plan, login):
    made = assessment(
        lewandowscy, by=people.anna, period_from=date(2025, 3, 3), period_to=date(2025, 9, 2)
    )
    goal = plan.goals.get()
    action = goal.actions.get()
    url = reverse("assessments:rate", args=[lewandowscy.pk, made.pk])
    client = login(people.anna)
    assert "Cel 1" in client.get(url).content.decode()
    data = {
        f"goal_{goal.pk}": "achieved",
        f"goal_{goal.pk}_comment": "Tak.",
        f"action_{action.pk}": "partly",
        f"action_{action.pk}_comment": "",
    }
    assert client.post(url, data).status_code == 302
    assert made.goal_achievements.get().achievement == "achieved"
    assert made.action_achievements.get().achievement == "partly"


# --- diagnosis and meetings --------------------------------------------------------------------


def test_a_diagnosis_is_recorded_and_a_risk_without_description_is_422(people, family, login):
    client = login(people.anna)
    url = reverse("assessments:diagnosis_create", args=[family.pk])
    data = {
        "made_on": date.today().isoformat(),
        "child_risk": "high",
        "child_risk_description": "",
        "conclusions": "Wnioski.",
        "proposed_goals": "Cele.",
        "problems_childcare": "Brak rutyny.",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert 'id="id_child_risk_description_error"' in response.content.decode()
    assert not InitialDiagnosis.objects.exists()
    response = client.post(url, {**data, "child_risk_description": "Dzieci same w domu."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Brak rutyny." in page and "Wysokie" in page


def test_a_meeting_is_recorded_with_people_and_tasks(people, family, login):
    client = login(people.anna)
    url = reverse("assessments:meeting_create", args=[family.pk])
    assert client.get(url).status_code == 200
    data = {
        "kind": "assessment_team",
        "held_on": date.today().isoformat(),
        "participants": [people.anna.pk, people.edward.pk],
        "family_attended": "on",
        "members_present": [family.members.get().pk],
        "findings": "Rodzina rezygnuje.",
        "decision": "end",
        "end_reason": "",
        "ext-TOTAL_FORMS": "3",
        "ext-INITIAL_FORMS": "0",
        "ext-0-name": "Joanna Pedagog",
        "ext-0-institution": "pedagog szkolny",
        "task-TOTAL_FORMS": "2",
        "task-INITIAL_FORMS": "0",
        "task-0-what": "Pismo do rodziny",
        "task-0-owner_user": people.anna.pk,
        "task-0-due_on": (date.today() + timedelta(days=7)).isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 422 and 'id="id_end_reason_error"' in response.content.decode()
    assert not TeamMeeting.objects.exists()
    response = client.post(url, {**data, "end_reason": "no_cooperation"})
    assert response.status_code == 302
    made = TeamMeeting.objects.get()
    assert made.external_participants.get().name == "Joanna Pedagog"
    task = made.tasks.get()
    done = reverse("assessments:meeting_task_done", args=[family.pk, made.pk, task.pk])
    assert client.post(done).status_code == 302
    assert MeetingTask.objects.get().done_on == date.today()
    page = client.get(reverse("assessments:meeting_detail", args=[family.pk, made.pk]))
    assert "brak współpracy" in page.content.decode()


def test_a_task_without_owner_is_422(people, family, login):
    made = meeting(family, by=people.anna, tasks=[])
    url = reverse("assessments:meeting_task_add", args=[family.pk, made.pk])
    response = login(people.celina).post(url, {"what": "X", "due_on": date.today().isoformat()})
    assert response.status_code == 422 and not MeetingTask.objects.exists()


# --- panels and query counts -------------------------------------------------------------------


def test_the_family_page_shows_the_due_date_and_the_latest_scores(people, lewandowscy, plan, login):
    _first(lewandowscy, people)
    page = login(people.anna).get(reverse("families:detail", args=[lewandowscy.pk]))
    html = page.content.decode()
    assert "Następna ocena najpóźniej" in html and "02.03.2026" in html
    assert "po terminie" in html  # today is after 2 March 2026 in this test's clock
    assert '<abbr title="bezpieczeństwo dzieci">bezpieczeństwo</abbr> <strong>3</strong>' in html


def _many(family, people, n, start=date(2020, 1, 1)):
    for i in range(n):
        begin = start + timedelta(days=10 * i)
        assessment(family, by=people.anna, period_from=begin, period_to=begin + timedelta(days=9))


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["anna", "dorota"])
def test_the_assessment_list_query_count_does_not_grow(people, family, login, who):
    client = login(getattr(people, who))
    url = reverse("assessments:list", args=[family.pk])
    _many(family, people, 1)
    one = _queries(client, url)
    _many(family, people, 19, start=date(2021, 1, 1))
    assert _queries(client, url) == one


def test_the_family_page_query_count_does_not_grow_with_assessments(people, family, login):
    client = login(people.anna)
    url = reverse("families:detail", args=[family.pk])
    _many(family, people, 1)
    meeting(family, by=people.anna)
    one = _queries(client, url)
    _many(family, people, 5, start=date(2021, 1, 1))
    meeting(family, by=people.anna)
    assert _queries(client, url) == one


def test_the_meeting_list_query_count_does_not_grow(people, family, login):
    client = login(people.dorota)
    url = reverse("assessments:meeting_list", args=[family.pk])
    meeting(family, by=people.anna)
    one = _queries(client, url)
    for _ in range(5):
        meeting(family, by=people.anna)
    assert _queries(client, url) == one


@pytest.mark.parametrize("rows", [1, 2, 10])
def test_the_start_page_counts_every_assessment_waiting_whatever_it_lists(
    people, lewandowscy, plan, login, monkeypatch, rows
):
    from asysta.assessments import services
    from asysta.assessments.templatetags import assessments_panels

    for start, end in ((date(2025, 3, 3), date(2025, 9, 2)), (date(2025, 9, 3), date(2026, 3, 1))):
        made = assessment(lewandowscy, by=people.anna, period_from=start, period_to=end)
        services.submit_assessment(assessment=made, by=people.anna, on=end)
    monkeypatch.setattr(assessments_panels, "HEAD_PANEL_ROWS", rows)
    home = login(people.dorota).get(reverse("home")).content.decode()
    assert 'Oceny do zapoznania <span class="badge text-bg-primary">2</span>' in home
    assert home.count("przekazana") == min(rows, 2)
