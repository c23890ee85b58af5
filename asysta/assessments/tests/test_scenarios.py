"""Scenarios 7 and 8 of domain.md §16 at service level (the parts of this app)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from asysta.assessments import queries, schedule, services
from asysta.assessments.models import AssessmentStatus, MeetingDecision, PeriodicAssessment
from asysta.assessments.tests.builders import assessment
from asysta.core import testing
from asysta.families import basis
from asysta.intake.models import EndReason
from asysta.plans.tests.builders import plan_in_force


def test_scenario_7_periodic_assessment_overdue_then_late_with_a_reason(people, lewandowscy):
    """Plan for the Lewandowscy from 3 March 2025; assessment made 2 Sept 2025 for 3.03–2.09;
    on 3 March 2026 no new assessment → overdue; the late one records the delay reason."""
    family = lewandowscy
    plan_in_force(family, people=people, on=date(2025, 3, 3))
    assert schedule.next_assessment_due(family) == date(2025, 9, 3)

    first = assessment(
        family, by=people.anna, period_from=date(2025, 3, 3), period_to=date(2025, 9, 2)
    )
    services.submit_assessment(assessment=first, by=people.anna, on=date(2025, 9, 2))
    services.acknowledge_assessment(assessment=first, by=people.dorota, on=date(2025, 9, 3))
    assert not first.is_late
    assert schedule.next_assessment_due(family) == date(2026, 3, 2)  # Monday: on the day

    assert schedule.overdue_assessments(people.centre, date(2026, 3, 2)) == []
    overdue = schedule.overdue_assessments(people.centre, date(2026, 3, 3))
    assert [(d.family, d.assistant, d.due_on) for d in overdue] == [
        (family, people.anna, date(2026, 3, 2))
    ]

    period = {"period_from": date(2025, 9, 3), "period_to": date(2026, 3, 9)}
    with pytest.raises(ValidationError) as exc:
        assessment(family, by=people.anna, **period)
    assert "02.03.2026" in exc.value.message_dict["late_reason"][0]
    assert PeriodicAssessment.objects.filter(family=family).count() == 1

    late = assessment(
        family,
        by=people.anna,
        late_reason="Asystentka na zwolnieniu lekarskim 16.02–6.03.2026.",
        **period,
    )
    services.submit_assessment(assessment=late, by=people.anna, on=date(2026, 3, 9))
    late.refresh_from_db()
    assert late.is_late and late.due_on == date(2026, 3, 2)
    assert late.late_reason.startswith("Asystentka na zwolnieniu")
    assert late.status == AssessmentStatus.SUBMITTED
    assert list(queries.awaiting_acknowledgement(people.centre)) == [late]
    assert schedule.overdue_assessments(people.centre, date(2026, 3, 10)) == []
    assert schedule.next_assessment_due(family) == date(2026, 9, 9)


def test_scenario_8_team_meeting_decides_to_end_for_no_cooperation(people):
    """The Kamińscy (voluntary, consent signed) refuse further visits after four months; the
    team (the family invited, the school pedagogue, the social worker) decides to end the
    work with NO_COOPERATION and sets the follow-up."""
    family = testing.make_family(
        centre=people.centre, by=people.dorota, surname="Kamińscy", social_worker=people.edward
    )
    mother = testing.make_member(family=family, by=people.dorota, first_name="Iwona", sex="F")
    testing.assign(
        family=family, assistant=people.anna, by=people.dorota, started_on=date(2025, 3, 3)
    )
    basis.add_consent(
        family=family, by=people.anna, signed_by="Iwona Kamińska", signed_on=date(2025, 3, 3)
    )
    made = services.create_meeting(
        family=family,
        by=people.anna,
        kind="assessment_team",
        held_on=date(2025, 7, 10),
        participants=[people.anna, people.edward],
        family_attended=True,
        members_present=[mother],
        external=[("Małgorzata Nowak", "pedagog szkolny, SP nr 3")],
        findings="Rodzina odmawia dalszych wizyt od czerwca; matka potwierdza rezygnację.",
        decision=MeetingDecision.END,
        end_reason=EndReason.NO_COOPERATION,
        tasks=[
            {
                "what": "Pismo do rodziny o zakończeniu współpracy",
                "owner_user": people.anna,
                "due_on": date(2025, 7, 17),
            },
            {
                "what": "Obserwacja frekwencji dzieci",
                "owner_text": "Małgorzata Nowak (pedagog)",
                "due_on": date(2025, 9, 30),
            },
        ],
    )
    assert made.decision == MeetingDecision.END and made.end_reason == EndReason.NO_COOPERATION
    assert set(made.participants.all()) == {people.anna, people.edward}
    assert made.external_participants.get().institution == "pedagog szkolny, SP nr 3"
    assert [t.owner for t in made.tasks.all()] == [str(people.anna), "Małgorzata Nowak (pedagog)"]
    assert list(queries.meetings_of(family)) == [made]
