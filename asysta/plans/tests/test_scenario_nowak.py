"""domain.md §16 scenario 2 (the plan part): family Nowak, son Kacper (7) in a kinship foster
family (his grandmother, PCPR Oleśnica). The plan is drawn up with the mother, the social worker
and the PCPR foster-care coordinator and linked to Kacper's care plan; the assistant is invited
to the organiser's child-assessment meetings and their minutes are stored; the court returns
Kacper home after 14 months → a new version of the plan, later closed."""

from __future__ import annotations

from datetime import timedelta

from auditlog.models import LogEntry
from django.utils import timezone

from asysta.assessments import queries as meeting_queries
from asysta.assessments import services as meeting_services
from asysta.assessments.models import MeetingKind, ReturnHomeOpinion
from asysta.audit.masking import MASK
from asysta.chronology.sources import meeting_events
from asysta.core import testing
from asysta.families import record
from asysta.plans import queries, services
from asysta.plans.models import PlanStatus
from asysta.plans.services import PlanError
from asysta.plans.tests import builders

TODAY = timezone.localdate()
START = TODAY - timedelta(days=450)  # the plan took effect ~15 months ago
RETURN = START + timedelta(days=426)  # the court returns Kacper home 14 months later


def _nowak(people):
    family = testing.make_family(
        centre=people.centre, by=people.dorota, surname="Nowak", social_worker=people.edward
    )
    mother = testing.make_member(
        family=family, by=people.dorota, first_name="Magdalena", sex="F", relationship="mother"
    )
    kacper = testing.make_member(
        family=family,
        by=people.dorota,
        first_name="Kacper",
        role="child",
        relationship="son",
        birth_date=START.replace(year=START.year - 7),
        lives_in_household=False,
    )
    testing.assign(family=family, assistant=people.anna, by=people.dorota, started_on=START)
    builders.consent(family, by=people.anna, on=START)
    placement = record.add_placement(
        family=family,
        by=people.anna,
        child=kacper,
        kind="kinship",
        carer="Babcia Halina Nowak",
        pcpr="PCPR Oleśnica",
        coordinator="Jan Lis",
        since=START - timedelta(days=60),
    )
    return family, mother, kacper, placement


def _draw_up(family, mother, kacper, people):
    plan = services.create_draft(family=family, by=people.anna, drawn_up_on=START)
    goal = builders.goal(plan, by=people.anna, description="Powrót Kacpra do domu")
    builders.action(
        goal,
        by=people.anna,
        what="Cotygodniowe spotkania matki z Kacprem u babci",
        responsible_kind="member",
        responsible_member=mother,
        expected_effect="Odbudowana więź matki z synem",
    )
    builders.action(
        goal,
        by=people.anna,
        what="Kontakty dziecka z matką w planie pomocy dziecku",
        responsible_kind="institution",
        responsible_name="PCPR Oleśnica — koordynator",
        expected_effect="Kontakty ujęte w planie pomocy dziecku",
    )
    services.record_consultation(
        plan=plan, social_worker=people.edward, on=START, form="spotkanie", by=people.anna
    )
    return services.agree(plan=plan, on=START, members=[mother], by=people.anna)


def _organisers_meeting(family, placement, people, *, held_on, opinion, minutes):
    """PCPR Oleśnica's periodic assessment of Kacper's situation (art. 130-131 of the
    family-support act): Anna was invited ten days before and took part."""
    return meeting_services.create_meeting(
        family=family,
        by=people.anna,
        kind=MeetingKind.CHILD_ASSESSMENT,
        held_on=held_on,
        placement=placement,
        convened_by="PCPR Oleśnica — organizator rodzinnej pieczy zastępczej",
        invited_on=held_on - timedelta(days=10),
        assistant_attended=True,
        return_home_opinion=opinion,
        findings=minutes,
        participants=[people.anna],
        external=[
            ("Jan Lis", "koordynator rodzinnej pieczy zastępczej, PCPR Oleśnica"),
            ("Halina Nowak", "rodzina zastępcza spokrewniona"),
        ],
    )


def _assessed_at_the_organiser(family, placement, people):
    first = _organisers_meeting(
        family,
        placement,
        people,
        held_on=START + timedelta(days=120),
        opinion=ReturnHomeOpinion.STAY,
        minutes="Kacper zaaklimatyzowany u babci; matka odwiedza go co tydzień.",
    )
    second = _organisers_meeting(
        family,
        placement,
        people,
        held_on=RETURN - timedelta(days=40),
        opinion=ReturnHomeOpinion.RETURN_HOME,
        minutes="Matka realizuje plan; zespół widzi możliwość powrotu Kacpra do domu.",
    )
    # the minutes are kept on the meetings, linked to Kacper's placement, and never audited
    assert list(placement.assessment_meetings.order_by("held_on")) == [first, second]
    assert list(meeting_queries.meetings_of(family)) == [second, first]
    assert second.decision == "" and second.assistant_attended
    created = LogEntry.objects.get_for_object(second).get(action=LogEntry.Action.CREATE)
    assert created.changes_dict["findings"][1] == MASK
    assert {e.title for e in meeting_events(family)} == {
        "posiedzenie zespołu ds. okresowej oceny sytuacji dziecka (organizator pieczy): Kacper"
    }


def test_scenario_2_foster_care_and_reunification(people):
    family, mother, kacper, placement = _nowak(people)
    plan = _draw_up(family, mother, kacper, people)
    # the coordinator is missing: refused with the reason
    try:
        services.put_in_force(plan=plan, on=START, by=people.anna)
    except PlanError as refused:
        assert "koordynatora rodzinnej pieczy zastępczej" in refused.message
    else:
        raise AssertionError("a plan without the foster-care coordinator took effect")
    services.update_plan(
        plan=plan,
        by=people.anna,
        foster_coordinator="Jan Lis, PCPR Oleśnica",
        care_plan_child=kacper,
        care_plan_pcpr="PCPR Oleśnica",
        care_plan_date=START - timedelta(days=30),
    )
    services.put_in_force(plan=plan, on=START, by=people.anna)
    assert queries.plan_in_force(family) == plan
    assert list(plan.participants.all()) == [mother]

    # the organiser (PCPR) assesses Kacper's situation twice; Anna takes part, minutes stored
    _assessed_at_the_organiser(family, placement, people)

    # 14 months later the court returns Kacper home: the placement ends, the plan is revised
    record.end_placement(placement=placement, by=people.anna, until=RETURN)
    revised = services.new_version(plan=plan, by=people.anna, drawn_up_on=RETURN)
    assert revised.goals.get().actions.count() == 2
    goal = revised.goals.get()
    services.update_goal(goal=goal, by=people.anna, description="Kacper bezpieczny w domu")
    builders.action(goal, by=people.anna, what="Zapis Kacpra do szkoły w Oleśnicy")
    on = RETURN + timedelta(days=1)
    services.record_consultation(
        plan=revised, social_worker=people.edward, on=on, form="telefonicznie", by=people.anna
    )
    services.agree(plan=revised, on=on, members=[mother], by=people.anna)
    services.put_in_force(plan=revised, on=on, by=people.anna)  # no placement in force now
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.SUPERSEDED, on)
    assert queries.plan_in_force(family) == revised
    assert revised.based_on == plan and revised.care_plan_child == kacper  # the history stays

    # later the work ends (closure: goals achieved)
    services.close_plan(plan=revised, on=TODAY, by=people.anna)
    assert queries.plan_in_force(family) is None
    assert [p.status for p in family.workplans.order_by("version")] == ["superseded", "closed"]
