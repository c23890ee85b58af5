"""Periodic assessment services: who writes, the period rules, lateness, submit and acknowledge,
routing to the PCPR, the plan's goals — each change in the audit trail."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from asysta.assessments import queries, services
from asysta.assessments.models import (
    AreaScore,
    AssessmentStatus,
    Dispatch,
    GoalAchievement,
    PeriodicAssessment,
    Recommendation,
)
from asysta.assessments.tests.builders import assessment, scores
from asysta.families import record
from asysta.plans.tests.builders import plan_in_force

PLAN_START = date(2025, 3, 3)


@pytest.fixture
def plan(people, lewandowscy):
    return plan_in_force(lewandowscy, people=people, on=PLAN_START)


def _first(family, by, **fields):
    """The first assessment of scenario 7: 3.03–2.09.2025, made on 2.09.2025."""
    data = {"period_from": PLAN_START, "period_to": date(2025, 9, 2), **fields}
    return assessment(family, by=by, **data)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --- writing -----------------------------------------------------------------------------------


def test_the_assistant_writes_a_draft_and_it_is_audited_without_its_text(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    assert made.status == AssessmentStatus.DRAFT and made.made_by == people.anna
    assert made.due_on == date(2025, 9, 3) and not made.is_late
    assert made.scores.count() == 8
    entry = LogEntry.objects.get_for_object(made).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.additional_data["family"] == lewandowscy.pk
    assert "współpracuje" not in str(entry.changes)  # free text is masked
    score_entries = LogEntry.objects.get_for_model(AreaScore)
    assert score_entries.count() == 8
    assert {e.additional_data["family"] for e in score_entries} == {lewandowscy.pk}


@pytest.mark.parametrize("who", ["dorota", "celina", "bartek", "edward"])
def test_only_the_familys_assistant_writes_an_assessment(people, lewandowscy, plan, who):
    with pytest.raises(ValidationError, match="asystent rodziny"):
        _first(lewandowscy, getattr(people, who))
    assert not PeriodicAssessment.objects.exists()


def test_an_overlapping_period_is_refused_and_nothing_is_saved(people, lewandowscy, plan):
    _first(lewandowscy, people.anna)
    with pytest.raises(ValidationError) as exc:
        assessment(
            lewandowscy,
            by=people.anna,
            period_from=date(2025, 9, 2),  # the last day of the previous period
            period_to=date(2026, 2, 27),
            made_on=date(2026, 2, 27),
        )
    assert "03.03.2025–02.09.2025" in _errors(exc)["period_from"][0]
    assert "03.09.2025" in _errors(exc)["period_from"][0]
    assert PeriodicAssessment.objects.count() == 1
    assert AreaScore.objects.count() == 8


def _submitted_first(family, by):
    return services.submit_assessment(assessment=_first(family, by), by=by, on=date(2025, 9, 2))


def test_the_next_period_may_start_the_day_after(people, lewandowscy, plan):
    _submitted_first(lewandowscy, people.anna)
    second = assessment(
        lewandowscy, by=people.anna, period_from=date(2025, 9, 3), period_to=date(2026, 2, 27)
    )
    assert second.pk


def test_an_edit_into_an_overlap_is_refused(people, lewandowscy, plan):
    _submitted_first(lewandowscy, people.anna)
    second = assessment(
        lewandowscy, by=people.anna, period_from=date(2025, 9, 3), period_to=date(2026, 2, 27)
    )
    with pytest.raises(ValidationError, match="nakłada się"):
        services.update_assessment(
            assessment=second, by=people.anna, scores=scores(), period_from=date(2025, 8, 1)
        )
    second.refresh_from_db()
    assert second.period_from == date(2025, 9, 3)


def test_the_database_refuses_overlaps_on_postgresql(people, lewandowscy, plan):
    """PostgreSQL has an exclusion constraint; SQLite relies on the service (checked above)."""
    made = _first(lewandowscy, people.anna)
    twin = PeriodicAssessment(
        centre=made.centre,
        family=lewandowscy,
        made_by=people.anna,
        period_from=date(2025, 6, 1),
        period_to=date(2025, 12, 1),
        made_on=date(2025, 12, 1),
        changes="x",
        cooperation="x",
        recommendation=Recommendation.CONTINUE,
        late_reason="x",
    )
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            twin.save()
    else:
        twin.save()
        assert services.overlapping(twin) == made


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"period_to": date(2025, 3, 1)}, "period_to", "przed jego początkiem"),
        ({"made_on": date(2025, 9, 1)}, "made_on", "po zakończeniu"),
        ({"recommendation": Recommendation.END}, "end_reason", "powód"),
    ],
)
def test_bad_periods_and_an_end_without_reason_are_refused(
    people, lewandowscy, plan, fields, field, message
):
    with pytest.raises(ValidationError) as exc:
        _first(lewandowscy, people.anna, **fields)
    assert message in _errors(exc)[field][0]
    assert not PeriodicAssessment.objects.exists()


def test_a_date_in_the_future_is_refused(people, family):
    today = date.today()
    with pytest.raises(ValidationError) as exc:
        assessment(
            family,
            by=people.anna,
            period_from=today,
            period_to=today + timedelta(days=2),
        )
    assert "przyszłości" in _errors(exc)["made_on"][0]


def test_scores_outside_1_to_5_or_none_at_all_are_refused(people, lewandowscy, plan):
    data = {"period_from": PLAN_START, "period_to": date(2025, 9, 2), "made_on": date(2025, 9, 2)}
    common = {"changes": "x", "cooperation": "x", "recommendation": "continue"}
    with pytest.raises(ValidationError, match="od 1 do 5"):
        services.create_assessment(
            family=lewandowscy, by=people.anna, scores=scores(safety=6), **data, **common
        )
    empty = {code: {"score": None, "comment": ""} for code in scores()}
    with pytest.raises(ValidationError, match="co najmniej w jednym"):
        services.create_assessment(
            family=lewandowscy, by=people.anna, scores=empty, **data, **common
        )
    assert not PeriodicAssessment.objects.exists()


# --- lateness ----------------------------------------------------------------------------------


def test_a_late_assessment_needs_the_reason_for_the_delay(people, lewandowscy, plan):
    late = {"period_to": date(2025, 9, 10), "made_on": date(2025, 9, 10)}
    with pytest.raises(ValidationError) as exc:
        _first(lewandowscy, people.anna, **late)
    assert "03.09.2025" in _errors(exc)["late_reason"][0]
    assert not PeriodicAssessment.objects.exists()
    made = _first(lewandowscy, people.anna, late_reason="Choroba asystentki.", **late)
    assert made.is_late and made.due_on == date(2025, 9, 3)


# --- submit and acknowledge --------------------------------------------------------------------


def test_submit_then_acknowledge(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 3))
    assert made.status == AssessmentStatus.SUBMITTED and made.submitted_on == date(2025, 9, 3)
    assert list(queries.awaiting_acknowledgement(people.centre)) == [made]
    assert not queries.awaiting_acknowledgement(people.centre_b).exists()
    with pytest.raises(ValidationError, match="już przekazana"):
        services.update_assessment(assessment=made, by=people.anna, scores=scores(4))
    services.acknowledge_assessment(
        assessment=made, by=people.dorota, on=date(2025, 9, 5), note="Zgoda na kontynuację."
    )
    made.refresh_from_db()
    assert made.status == AssessmentStatus.ACKNOWLEDGED
    assert (made.acknowledged_by, made.acknowledged_on) == (people.dorota, date(2025, 9, 5))
    assert not queries.awaiting_acknowledgement(people.centre).exists()
    updates = LogEntry.objects.get_for_object(made).filter(action=LogEntry.Action.UPDATE)
    assert [set(e.changes_dict) >= {"status"} for e in updates] == [True, True]


def test_acknowledge_rules(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    with pytest.raises(ValidationError, match="nie roboczą"):
        services.acknowledge_assessment(assessment=made, by=people.dorota)
    services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 3))
    for who in (people.anna, people.urszula, people.zofia):
        with pytest.raises(ValidationError, match="kierownik lub koordynator"):
            services.acknowledge_assessment(assessment=made, by=who)
    with pytest.raises(ValidationError) as exc:
        services.acknowledge_assessment(assessment=made, by=people.celina, on=date(2025, 9, 1))
    assert "acknowledged_on" in _errors(exc)
    services.acknowledge_assessment(assessment=made, by=people.celina, on=date(2025, 9, 4))
    with pytest.raises(ValidationError):
        services.acknowledge_assessment(assessment=made, by=people.dorota)


def test_only_the_assistant_submits_a_draft_once(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    with pytest.raises(ValidationError):
        services.submit_assessment(assessment=made, by=people.dorota)
    with pytest.raises(ValidationError, match="przed datą"):
        services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 1))
    services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 2))
    with pytest.raises(ValidationError):
        services.submit_assessment(assessment=made, by=people.anna)


# --- routing to the PCPR -----------------------------------------------------------------------


def _child_in_care(family, people):
    child = family.members.get(first_name="Kuba")
    return record.add_placement(
        family=family,
        by=people.anna,
        child=child,
        kind="kinship",
        carer="Babcia Zofia",
        pcpr="PCPR Oleśnica",
        since=date(2025, 1, 10),
    )


def test_the_pcpr_rule_is_off_by_default(people, lewandowscy, plan):
    assert services.ASSESSMENT_TO_PCPR_DEFAULT is False
    assert services.routes_to_pcpr(SimpleNamespace()) is False  # a centre without the setting
    _child_in_care(lewandowscy, people)
    made = _first(lewandowscy, people.anna)
    services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 2))
    assert not Dispatch.objects.exists()


def test_with_the_rule_on_a_dispatch_to_the_pcpr_is_prepared_and_recorded(
    people, lewandowscy, plan
):
    people.centre.assessment_to_pcpr = True
    people.centre.save()
    lewandowscy.centre.refresh_from_db()
    _child_in_care(lewandowscy, people)
    made = _first(lewandowscy, people.anna)
    services.submit_assessment(assessment=made, by=people.anna, on=date(2025, 9, 2))
    pending = Dispatch.objects.get()
    assert (pending.recipient, pending.sent_on) == ("PCPR Oleśnica", None)
    with pytest.raises(ValidationError) as exc:
        services.record_dispatch(
            assessment=made,
            by=people.anna,
            recipient="PCPR Oleśnica",
            sent_on=date(2025, 9, 1),
            way="post",
        )
    assert "sent_on" in _errors(exc)
    done = services.record_dispatch(
        assessment=made,
        by=people.anna,
        recipient="pcpr oleśnica",
        sent_on=date(2025, 9, 4),
        way="post",
    )
    assert done.pk == pending.pk and done.sent_on == date(2025, 9, 4)
    court = services.record_dispatch(
        assessment=made,
        by=people.dorota,
        recipient="Sąd Rejonowy w Oleśnicy",
        sent_on=date(2025, 9, 5),
        way="epuap",
    )
    assert Dispatch.objects.count() == 2 and court.recorded_by == people.dorota
    assert LogEntry.objects.get_for_model(Dispatch).count() == 3  # create, update, create


def test_a_draft_is_not_dispatched(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    with pytest.raises(ValidationError, match="Robocza"):
        services.record_dispatch(
            assessment=made,
            by=people.anna,
            recipient="PCPR",
            sent_on=date(2025, 9, 4),
            way="post",
        )


# --- the plan's goals and actions --------------------------------------------------------------


def test_the_plans_goals_and_actions_are_rated(people, lewandowscy, plan):
    made = _first(lewandowscy, people.anna)
    goal = plan.goals.get()
    action = goal.actions.get()
    services.rate_plan(
        assessment=made,
        by=people.anna,
        goals={goal.pk: {"achievement": "partly", "comment": "Posiłki nieregularne."}},
        actions={action.pk: {"achievement": "achieved", "comment": ""}},
    )
    assert made.goal_achievements.get().achievement == "partly"
    assert made.action_achievements.get().action == action
    services.rate_plan(
        assessment=made, by=people.anna, goals={goal.pk: {"achievement": ""}}, actions={}
    )
    assert not GoalAchievement.objects.exists()
    entries = LogEntry.objects.get_for_model(GoalAchievement)
    assert [e.action for e in entries.order_by("pk")] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.DELETE,
    ]


def test_goals_of_another_family_cannot_be_rated(people, lewandowscy, plan, family):
    other_plan = plan_in_force(family, people=people)
    made = _first(lewandowscy, people.anna)
    with pytest.raises(ValidationError, match="tej rodziny"):
        services.rate_plan(
            assessment=made,
            by=people.anna,
            goals={other_plan.goals.get().pk: {"achievement": "achieved"}},
            actions={},
        )


def test_previous_scores_are_those_of_the_assessment_before(people, lewandowscy, plan):
    first = _submitted_first(lewandowscy, people.anna)
    second = assessment(
        lewandowscy,
        by=people.anna,
        period_from=date(2025, 9, 3),
        period_to=date(2026, 2, 27),
        value=4,
    )
    assert queries.previous_scores(lewandowscy, before=second.period_from) == dict.fromkeys(
        scores(), 3
    )
    assert queries.previous_scores(lewandowscy, before=first.period_from) == {}


def test_an_assessment_asking_to_change_the_plan_brings_its_review_forward(
    people, lewandowscy, plan
):
    yearly = plan.review_due_on
    draft = _first(lewandowscy, people.anna, recommendation=Recommendation.CHANGE_PLAN)
    services.submit_assessment(assessment=draft, by=people.anna, on=date(2025, 9, 2))
    plan.refresh_from_db()
    assert plan.review_due_on == date(2025, 10, 2) < yearly
