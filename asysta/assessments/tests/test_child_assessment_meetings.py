"""The foster-care organiser's child-assessment meeting (art. 130-131 of the family-support act):
the assistant was invited and took part, the minutes are stored, linked to the child's placement;
the centre makes no decision there (domain.md §4.9, §16 scenario 2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from asysta.assessments import services
from asysta.assessments.models import (
    MeetingDecision,
    MeetingKind,
    ReturnHomeOpinion,
    TeamMeeting,
)
from asysta.assessments.tests.builders import MINUTES, child_assessment, meeting
from asysta.audit.masking import MASK
from asysta.chronology.sources import meeting_events

TODAY = timezone.localdate()


def test_the_organisers_meeting_is_recorded_with_minutes_and_audited(people, family, placement):
    made = child_assessment(
        family,
        by=people.anna,
        placement=placement,
        return_home_opinion=ReturnHomeOpinion.RETURN_HOME,
        convened_by="  PCPR w Oleśnicy  ",
    )
    made.refresh_from_db()
    assert made.kind == MeetingKind.CHILD_ASSESSMENT and made.is_child_assessment
    assert (made.placement, made.convened_by) == (placement, "PCPR w Oleśnicy")
    assert made.invited_on == TODAY - timedelta(days=10) and made.assistant_attended
    assert made.findings == MINUTES and made.decision == ""
    assert made.get_return_home_opinion_display() == "powrót dziecka do rodziny możliwy"
    assert list(placement.assessment_meetings.all()) == [made]
    entry = LogEntry.objects.get_for_object(made).get(action=LogEntry.Action.CREATE)
    assert entry.additional_data["family"] == family.pk
    assert entry.changes_dict["findings"][1] == MASK  # the minutes never reach the trail
    assert "Kacper dobrze" not in str(entry.changes)
    assert entry.changes_dict["convened_by"][1] == "PCPR w Oleśnicy"


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"placement": None}, "placement", "Wskaż dziecko w pieczy zastępczej"),
        ({"placement": "other"}, "placement", "z tej rodziny"),
        ({"held_on": date(2025, 2, 1)}, "placement", "przed umieszczeniem dziecka w pieczy"),
        ({"invited_on": TODAY + timedelta(days=1)}, "invited_on", "przyszłości"),
        ({"held_on": TODAY - timedelta(days=3), "invited_on": TODAY}, "invited_on", "po posie"),
        ({"convened_by": "   "}, "convened_by", "kto zwołał posiedzenie"),
    ],
)
def test_bad_organisers_meetings_are_refused_and_nothing_is_saved(
    people, family, placement, other_placement, fields, key, message
):
    if fields.get("placement") == "other":
        fields["placement"] = other_placement
    before = LogEntry.objects.get_for_model(TeamMeeting).count()
    with pytest.raises(ValidationError) as exc:
        child_assessment(family, by=people.anna, **{"placement": placement, **fields})
    assert message in " ".join(exc.value.message_dict[key])
    assert not TeamMeeting.objects.exists()
    assert LogEntry.objects.get_for_model(TeamMeeting).count() == before


def test_the_centres_own_meetings_still_need_a_decision(people, family):
    with pytest.raises(ValidationError) as exc:
        meeting(family, by=people.anna, decision="")
    assert exc.value.message_dict["decision"] == ["Wybierz decyzję zespołu."]
    assert not TeamMeeting.objects.exists()


def test_a_decision_may_still_be_noted_at_the_organisers_meeting(people, family, placement):
    made = child_assessment(
        family, by=people.anna, placement=placement, decision=MeetingDecision.CHANGE_PLAN
    )
    assert made.get_decision_display() == "zmiana planu pracy z rodziną"


def test_other_kinds_keep_nothing_of_the_organisers_meeting(people, family, placement):
    made = child_assessment(family, by=people.anna, placement=placement)
    services.update_meeting(
        meeting=made,
        by=people.celina,
        participants=[people.anna],
        members_present=[],
        external=[],
        kind=MeetingKind.ASSESSMENT_TEAM,
        decision=MeetingDecision.CONTINUE,
    )
    made.refresh_from_db()
    assert made.placement is None and made.convened_by == "" and made.invited_on is None
    assert not made.assistant_attended and made.return_home_opinion == ""
    updates = LogEntry.objects.get_for_object(made).filter(action=LogEntry.Action.UPDATE)
    update = next(e for e in updates if "kind" in e.changes_dict)
    assert {"kind", "placement", "convened_by", "decision"} <= set(update.changes_dict)


def test_a_placement_given_to_another_kind_is_dropped(people, family, placement):
    made = meeting(family, by=people.anna, placement=placement, convened_by="PCPR")
    assert made.placement is None and made.convened_by == ""


@pytest.mark.parametrize(
    "change",
    [
        {"decision": ""},  # a centre's own meeting without a decision
        {"kind": MeetingKind.CHILD_ASSESSMENT},  # the organiser's meeting without a placement
        {"invited_on": TODAY + timedelta(days=1)},  # invited after the meeting
    ],
)
def test_the_database_refuses_what_the_service_refuses(people, family, change):
    made = meeting(family, by=people.anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMeeting.objects.filter(pk=made.pk).update(**change)


def test_the_database_refuses_an_organisers_meeting_without_organiser(people, family, placement):
    made = child_assessment(family, by=people.anna, placement=placement)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMeeting.objects.filter(pk=made.pk).update(convened_by="")


def test_the_chronology_names_the_child_of_the_organisers_meeting(people, family, placement):
    child_assessment(family, by=people.anna, placement=placement)
    meeting(family, by=people.anna)
    titles = sorted(event.title for event in meeting_events(family))
    assert titles == [
        "posiedzenie zespołu ds. okresowej oceny sytuacji dziecka (organizator pieczy): Kacper",
        "zespół ds. oceny sytuacji rodziny: kontynuacja pracy z rodziną",
    ]


def test_another_assistant_records_no_organisers_meeting(people, family, placement):
    with pytest.raises(ValidationError, match="Nie możesz"):
        child_assessment(family, by=people.bartek, placement=placement)
    assert not TeamMeeting.objects.exists()
