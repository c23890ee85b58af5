"""Who reaches which page of the app: another assistant and another centre get 404 everywhere,
readers read and change nothing, each role of the centre does only its own part."""

from __future__ import annotations

import pytest
from django.urls import reverse

from asysta.accounts.policy import POLICY
from asysta.assessments.models import (
    AssessmentStatus,
    InitialDiagnosis,
    MeetingTask,
    PeriodicAssessment,
    TeamMeeting,
)
from asysta.assessments.tests.builders import diagnosis, meeting, submitted_assessment
from asysta.core import testing

READ = ["diagnosis_detail", "list", "detail", "meeting_list", "meeting_detail"]


@pytest.fixture
def objects(people, family):
    made = meeting(family, by=people.anna)
    return {
        "pk": family.pk,
        "diagnosis_pk": diagnosis(family, by=people.anna).pk,
        "assessment_pk": submitted_assessment(family, by=people.anna).pk,
        "meeting_pk": made.pk,
        "task_pk": made.tasks.get().pk,
    }


def _urls(objects):
    """(URL name, URL) of every page of the app, with the arguments each one takes."""
    from asysta.accounts.tests.test_policy import _url_params

    params = _url_params()
    for name in sorted(n for n in params if n.startswith("assessments:")):
        yield name.split(":")[1], reverse(name, kwargs={k: objects[k] for k in params[name]})


def _snapshot():
    return (
        InitialDiagnosis.objects.count(),
        list(PeriodicAssessment.objects.values_list("status", "period_to")),
        TeamMeeting.objects.count(),
        list(MeetingTask.objects.values_list("done_on", flat=True)),
    )


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_another_assistant_and_another_centre_get_404_everywhere(people, objects, login, who):
    client = login(getattr(people, who))
    before = _snapshot()
    for name, url in _urls(objects):
        for method in POLICY[f"assessments:{name}"]:
            response = client.get(url) if method == "GET" else client.post(url, {})
            assert response.status_code == 404, (method, url)
    assert _snapshot() == before


def test_a_social_worker_not_linked_to_the_family_gets_404(people, objects, login):
    felicja = testing.make_user("felicja", centre=people.centre, roles=["social_worker"])
    client = login(felicja)
    for name, url in _urls(objects):
        if name in READ:
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["edward", "urszula"])
def test_the_social_worker_and_the_auditor_read_but_write_nothing(people, objects, login, who):
    client = login(getattr(people, who))
    before = _snapshot()
    for name, url in _urls(objects):
        if name in READ:
            assert client.get(url).status_code == 200, url
        else:
            assert client.post(url, {}).status_code == 403, url
    assert _snapshot() == before
    page = client.get(reverse("families:detail", args=[objects["pk"]])).content.decode()
    assert "Diagnoza i oceny sytuacji rodziny" in page
    assert reverse("assessments:create", args=[objects["pk"]]) not in page


def test_reading_an_assessment_is_logged(people, objects, login):
    from auditlog.models import LogEntry

    url = reverse("assessments:detail", args=[objects["pk"], objects["assessment_pk"]])
    login(people.edward).get(url)
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.additional_data["section"] == "assessments"
    assert entry.actor == people.edward and entry.additional_data["family"] == objects["pk"]


def test_the_head_does_not_write_the_assistants_assessment(people, family, login):
    client = login(people.dorota)
    response = client.get(reverse("assessments:create", args=[family.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:list", args=[family.pk])
    client.post(reverse("assessments:create", args=[family.pk]), {"period_from": "2025-01-01"})
    assert not PeriodicAssessment.objects.exists()
    page = client.get(reverse("assessments:list", args=[family.pk])).content.decode()
    assert "sporządza i przekazuje asystent rodziny" in page


def test_the_assistant_does_not_acknowledge(people, objects, login):
    url = reverse("assessments:acknowledge", args=[objects["pk"], objects["assessment_pk"]])
    response = login(people.anna).post(url, {"acknowledged_on": "2026-01-01"})
    assert response.status_code == 302
    assert PeriodicAssessment.objects.get().status == AssessmentStatus.SUBMITTED


def test_an_object_of_another_family_is_404_under_this_family(people, family, objects, login):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    client = login(people.anna)
    for name, url in [
        ("detail", reverse("assessments:detail", args=[other.pk, objects["assessment_pk"]])),
        ("diag", reverse("assessments:diagnosis_detail", args=[other.pk, objects["diagnosis_pk"]])),
        ("meet", reverse("assessments:meeting_detail", args=[other.pk, objects["meeting_pk"]])),
    ]:
        assert client.get(url).status_code == 404, name
