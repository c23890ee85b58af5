"""Services of the initial diagnosis and of team meetings, with their audit rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.assessments import services
from asysta.assessments.models import (
    DiagnosisArea,
    ExternalParticipant,
    InitialDiagnosis,
    MeetingDecision,
    MeetingTask,
    TeamMeeting,
)
from asysta.assessments.tests.builders import diagnosis, meeting

TODAY = timezone.localdate()


# --- initial diagnosis -------------------------------------------------------------------------


def test_a_diagnosis_with_its_areas_is_recorded_and_audited(people, family):
    made = diagnosis(family, by=people.anna, child_risk="medium", child_risk_description="Opis.")
    assert made.made_by == people.anna
    assert {a.area for a in made.areas.all()} == {"childcare", "education"}
    assert LogEntry.objects.get_for_object(made).get().action == LogEntry.Action.CREATE
    area_entries = LogEntry.objects.get_for_model(DiagnosisArea)
    assert area_entries.count() == 2
    assert all(e.additional_data["family"] == family.pk for e in area_entries)


def test_correcting_a_diagnosis_changes_only_what_changed(people, family):
    made = diagnosis(family, by=people.anna)
    services.update_diagnosis(
        diagnosis=made,
        by=people.dorota,
        areas={"childcare": {"strengths": "Więź z dziećmi.", "problems": "Brak rutyny dnia."}},
        conclusions="Nowe wnioski.",
    )
    made.refresh_from_db()
    assert made.conclusions == "Nowe wnioski." and made.made_by == people.anna
    assert [a.area for a in made.areas.all()] == ["childcare"]
    deleted = LogEntry.objects.get_for_model(DiagnosisArea).filter(action=LogEntry.Action.DELETE)
    assert deleted.count() == 1
    update = LogEntry.objects.get_for_object(made).get(action=LogEntry.Action.UPDATE)
    assert set(update.changes_dict) == {"conclusions"}


@pytest.mark.parametrize(
    ("fields", "areas", "key"),
    [
        ({"child_risk": "high"}, None, "child_risk_description"),
        ({"made_on": TODAY + timedelta(days=1)}, None, "made_on"),
        ({}, {"childcare": {"strengths": " ", "problems": ""}}, "__all__"),
    ],
)
def test_bad_diagnoses_are_refused(people, family, fields, areas, key):
    data = {"made_on": TODAY, "conclusions": "W.", "proposed_goals": "C.", **fields}
    with pytest.raises(ValidationError) as exc:
        services.create_diagnosis(
            family=family,
            by=people.anna,
            areas=areas or {"childcare": {"strengths": "x", "problems": ""}},
            **data,
        )
    assert key in getattr(exc.value, "error_dict", {"__all__": "no field at fault"})
    assert not InitialDiagnosis.objects.exists()


@pytest.mark.parametrize("who", ["bartek", "edward", "urszula", "zofia"])
def test_only_writers_of_the_family_record_a_diagnosis(people, family, who):
    with pytest.raises(ValidationError, match="Nie możesz"):
        diagnosis(family, by=getattr(people, who))


# --- team meetings -----------------------------------------------------------------------------


def test_a_meeting_with_people_decision_and_task_is_recorded_and_audited(people, family):
    member = family.members.get()
    made = meeting(
        family,
        by=people.anna,
        participants=[people.anna, people.edward],
        family_attended=True,
        members_present=[member],
        decision=MeetingDecision.END,
        end_reason="no_cooperation",
    )
    assert set(made.participants.all()) == {people.anna, people.edward}
    assert list(made.members_present.all()) == [member]
    assert str(made.external_participants.get()) == "Joanna Pedagog (pedagog szkolny, SP nr 2)"
    task = made.tasks.get()
    assert task.owner == str(people.anna) and task.done_on is None
    for model in (TeamMeeting, ExternalParticipant, MeetingTask):
        # (the meeting's people may add update rows of its many-to-many fields)
        entry = LogEntry.objects.get_for_model(model).get(action=LogEntry.Action.CREATE)
        assert entry.additional_data["family"] == family.pk


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"decision": MeetingDecision.END}, "end_reason"),
        ({"held_on": TODAY + timedelta(days=1)}, "held_on"),
        ({"family_attended": False, "members_present": "member"}, "members_present"),
        ({"participants": "zofia"}, "participants"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_saved(people, family, fields, key):
    if fields.get("members_present") == "member":
        fields["members_present"] = [family.members.get()]
    if fields.get("participants") == "zofia":
        fields["participants"] = [people.zofia]
    with pytest.raises(ValidationError) as exc:
        meeting(family, by=people.anna, **fields)
    assert key in exc.value.message_dict
    assert not TeamMeeting.objects.exists() and not MeetingTask.objects.exists()


def test_a_task_before_the_meeting_or_without_owner_is_refused(people, family):
    with pytest.raises(ValidationError) as exc:
        early = {"what": "X", "due_on": TODAY - timedelta(days=1), "owner_text": "Ewa"}
        meeting(family, by=people.anna, tasks=[early])
    assert "due_on" in exc.value.message_dict
    assert not TeamMeeting.objects.exists()
    made = meeting(family, by=people.anna, tasks=[])
    with pytest.raises(ValidationError) as exc:
        services.add_meeting_task(meeting=made, by=people.anna, what="X", due_on=TODAY)
    assert "owner_text" in exc.value.message_dict


def test_updating_a_meeting_keeps_unchanged_external_people(people, family):
    made = meeting(family, by=people.anna)
    kept = made.external_participants.get()
    services.update_meeting(
        meeting=made,
        by=people.celina,
        participants=[people.anna, people.celina],
        members_present=[],
        external=[("Joanna Pedagog", "pedagog szkolny, SP nr 2"), ("Jan Kurator", "kurator")],
        findings="Nowe ustalenia.",
    )
    assert made.external_participants.count() == 2
    assert made.external_participants.filter(pk=kept.pk).exists()
    assert set(made.participants.all()) == {people.anna, people.celina}


def test_a_task_is_completed_once(people, family):
    task = meeting(family, by=people.anna).tasks.get()
    services.complete_meeting_task(task=task, by=people.dorota, on=TODAY)
    assert task.done_on == TODAY
    with pytest.raises(ValidationError, match="już"):
        services.complete_meeting_task(task=task, by=people.anna)
    update = LogEntry.objects.get_for_object(task).get(action=LogEntry.Action.UPDATE)
    assert set(update.changes_dict) == {"done_on"}


def test_another_assistant_records_no_meeting(people, family):
    with pytest.raises(ValidationError, match="Nie możesz"):
        meeting(family, by=people.bartek)
