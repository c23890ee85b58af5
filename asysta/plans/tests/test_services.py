"""Plan services: the draft, goals and actions, consultation, agreement, approval, entry into
force; the statutory checks (art. 15 ust. 1 pkt 1–2, ust. 3) and the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from asysta.core import testing
from asysta.plans import services
from asysta.plans.models import Action, ActionStatus, Goal, PlanStatus, WorkPlan
from asysta.plans.services import PlanError
from asysta.plans.tests import builders

TODAY = timezone.localdate()
EARLIER = TODAY - timedelta(days=20)


def _actions(model):
    return list(
        LogEntry.objects.get_for_model(model).order_by("pk").values_list("action", flat=True)
    )


# --- the draft and its content ----------------------------------------------------------------


def test_create_draft_numbers_versions_and_defaults_the_social_worker(people, family):
    plan = services.create_draft(family=family, by=people.anna, diagnosis_summary="Bezradność")
    assert (plan.version, plan.status) == (1, PlanStatus.DRAFT)
    assert plan.social_worker == people.edward
    assert plan.drawn_up_on == TODAY
    entry = LogEntry.objects.get_for_object(plan).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.additional_data["family"] == family.pk
    assert "Bezradność" not in str(entry.changes)  # free text is masked


def test_a_second_draft_is_refused(people, family):
    services.create_draft(family=family, by=people.anna)
    with pytest.raises(PlanError, match="w przygotowaniu"):
        services.create_draft(family=family, by=people.anna)
    assert WorkPlan.objects.count() == 1


def test_only_the_familys_writers_may_draw_up_a_plan(people, family):
    for user in (people.bartek, people.edward, people.urszula, people.zofia):
        with pytest.raises(PlanError):
            services.create_draft(family=family, by=user)
    assert services.create_draft(family=family, by=people.celina).version == 1


def test_goals_and_actions_are_added_in_order_and_audited(people, family):
    plan = services.create_draft(family=family, by=people.anna)
    first = builders.goal(plan, by=people.anna)
    second = builders.goal(plan, by=people.anna, area="employment", description="Praca")
    act = builders.action(first, by=people.anna)
    assert (first.order, second.order, act.order) == (1, 2, 1)
    assert act.status == ActionStatus.PLANNED
    assert _actions(Goal) == [LogEntry.Action.CREATE] * 2
    entry = LogEntry.objects.get_for_object(act).get()
    assert entry.additional_data["family"] == family.pk
    assert entry.additional_data["goal"] == first.pk


@pytest.mark.parametrize(
    ("missing", "field"),
    [({"deadline": None}, "deadline"), ({"expected_effect": ""}, "expected_effect")],
)
def test_an_action_needs_a_deadline_and_an_expected_effect(people, family, missing, field):
    plan = services.create_draft(family=family, by=people.anna)
    goal = builders.goal(plan, by=people.anna)
    with pytest.raises(ValidationError) as caught:
        builders.action(goal, by=people.anna, **missing)
    assert field in caught.value.message_dict
    assert not Action.objects.exists()


def test_an_action_needs_a_responsible_party(people, family):
    plan = services.create_draft(family=family, by=people.anna)
    goal = builders.goal(plan, by=people.anna)
    with pytest.raises(ValidationError) as caught:
        builders.action(goal, by=people.anna, responsible_kind="member")
    assert "responsible_member" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        builders.action(goal, by=people.anna, responsible_kind="institution")
    assert "responsible_name" in caught.value.message_dict
    with pytest.raises(ValidationError):
        builders.action(goal, by=people.anna, responsible_kind="")
    member = family.members.first()
    done = builders.action(
        goal, by=people.anna, responsible_kind="member", responsible_member=member
    )
    assert done.responsible_label == str(member)
    assert Action.objects.count() == 1


def test_a_member_of_another_family_cannot_be_responsible(people, family):
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(family=other, by=people.dorota)
    goal = builders.goal(services.create_draft(family=family, by=people.anna), by=people.anna)
    with pytest.raises(ValidationError) as caught:
        builders.action(
            goal, by=people.anna, responsible_kind="member", responsible_member=stranger
        )
    assert "responsible_member" in caught.value.message_dict


def test_the_database_refuses_an_action_without_effect_or_responsible(people, family):
    goal = builders.goal(services.create_draft(family=family, by=people.anna), by=people.anna)
    base = {"centre": goal.centre, "goal": goal, "what": "x", "deadline": TODAY}
    for bad in (
        {"responsible_kind": "assistant", "expected_effect": ""},
        {"responsible_kind": "member", "expected_effect": "e"},
        {"responsible_kind": "institution", "expected_effect": "e", "responsible_name": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Action.objects.create(**base, **bad)


def test_remove_goal_deletes_its_actions_with_audit(people, family):
    plan = builders.draft_with_content(family, by=people.anna, goals=1, actions=2)
    services.remove_goal(goal=plan.goals.get(), by=people.anna)
    assert not Action.objects.exists()
    assert _actions(Action).count(LogEntry.Action.DELETE) == 2


def test_content_changes_only_in_a_draft(people, family):
    plan = builders.plan_in_force(family, people=people)
    goal = plan.goals.get()
    action = goal.actions.get()
    with pytest.raises(PlanError, match="obowiązuje"):
        builders.goal(plan, by=people.anna)
    with pytest.raises(PlanError):
        services.update_goal(goal=goal, by=people.anna, description="Inny")
    with pytest.raises(PlanError):
        services.remove_action(action=action, by=people.anna)
    with pytest.raises(PlanError, match="tylko stan realizacji"):
        services.update_action(action=action, by=people.anna, what="Coś innego")
    services.update_action(action=action, by=people.anna, status="in_progress")
    action.refresh_from_db()
    assert (action.status, action.what) == ("in_progress", "Działanie 1.1")


def test_report_action_progress_in_force_only(people, family):
    plan = builders.plan_in_force(family, people=people)
    action = plan.goals.get().actions.get()
    services.report_action_progress(
        action=action, status=ActionStatus.DONE, note="Jadłospis działa", by=people.anna
    )
    action.refresh_from_db()
    assert (action.status, action.progress_note) == ("done", "Jadłospis działa")
    assert LogEntry.objects.get_for_object(action).filter(action=LogEntry.Action.UPDATE).exists()
    with pytest.raises(PlanError):
        services.report_action_progress(action=action, status="bogus", by=people.anna)
    with pytest.raises(PlanError):
        services.report_action_progress(action=action, status="done", by=people.bartek)


def test_report_progress_refused_in_a_draft(people, family):
    plan = builders.draft_with_content(family, by=people.anna)
    action = plan.goals.get().actions.get()
    with pytest.raises(PlanError):
        services.report_action_progress(action=action, status="done", by=people.anna)


# --- consultation, agreement, approval --------------------------------------------------------


def test_record_consultation(people, family):
    plan = services.create_draft(family=family, by=people.anna)
    with pytest.raises(PlanError) as caught:
        services.record_consultation(
            plan=plan, social_worker=people.bartek, on=TODAY, form="spotkanie", by=people.anna
        )
    assert caught.value.field == "social_worker"
    with pytest.raises(PlanError) as caught:
        services.record_consultation(
            plan=plan,
            social_worker=people.edward,
            on=TODAY + timedelta(days=1),
            form="spotkanie",
            by=people.anna,
        )
    assert caught.value.field == "consulted_on"
    services.record_consultation(
        plan=plan, social_worker=people.edward, on=TODAY, form="telefonicznie", by=people.anna
    )
    plan.refresh_from_db()
    assert (plan.consulted_on, plan.consultation_form) == (TODAY, "telefonicznie")
    assert LogEntry.objects.get_for_object(plan).filter(action=LogEntry.Action.UPDATE).exists()


def test_agree_needs_content_and_members(people, family):
    plan = services.create_draft(family=family, by=people.anna, drawn_up_on=EARLIER)
    with pytest.raises(PlanError, match="celu"):
        services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    builders.goal(plan, by=people.anna)
    with pytest.raises(PlanError, match="działanie"):
        services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    builders.action(plan.goals.get(), by=people.anna)
    with pytest.raises(PlanError) as caught:
        services.agree(plan=plan, on=TODAY, members=[], by=people.anna)
    assert caught.value.field == "members"
    with pytest.raises(PlanError) as caught:
        services.agree(
            plan=plan, on=EARLIER - timedelta(days=1), members=family.members.all(), by=people.anna
        )
    assert caught.value.field == "agreed_on"
    services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_on) == (PlanStatus.AGREED, TODAY)
    assert list(plan.participants.all()) == list(family.members.all())
    # agreed: the content is frozen until reopened
    with pytest.raises(PlanError):
        builders.goal(plan, by=people.anna)
    services.reopen(plan=plan, by=people.anna)
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_on) == (PlanStatus.DRAFT, None)


def test_approval_only_where_the_centre_requires_it(people, family):
    plan = builders.agreed_plan(family, people=people, on=EARLIER)
    assert not services.can(plan, "approve")
    with pytest.raises(PlanError, match="nie wymaga"):
        services.approve(plan=plan, by=people.dorota)
    people.centre.plan_approval_required = True
    people.centre.save(update_fields=["plan_approval_required"])
    plan = WorkPlan.objects.get(pk=plan.pk)
    assert services.can(plan, "approve")
    builders.consent(family, by=people.anna, on=EARLIER)
    with pytest.raises(PlanError) as caught:
        services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    assert "zatwierdzenie" in caught.value.message
    with pytest.raises(PlanError, match="koordynator lub kierownik"):
        services.approve(plan=plan, by=people.anna)
    services.approve(plan=plan, by=people.celina)
    plan.refresh_from_db()
    assert (plan.approved_on, plan.approved_by) == (TODAY, people.celina)
    services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    assert plan.status == PlanStatus.IN_FORCE


# --- putting in force -------------------------------------------------------------------------


def test_put_in_force_sets_the_review_a_year_later(people, family):
    plan = builders.plan_in_force(family, people=people, on=EARLIER)
    plan.refresh_from_db()
    assert (plan.status, plan.starts_on) == (PlanStatus.IN_FORCE, EARLIER)
    assert plan.review_due_on == services.one_year_after(EARLIER)
    changes = LogEntry.objects.get_for_object(plan).filter(action=LogEntry.Action.UPDATE)
    assert any("status" in e.changes_dict for e in changes)


def test_one_year_after_a_leap_day():
    from datetime import date

    assert services.one_year_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_consultation_is_required(people, family):
    builders.consent(family, by=people.anna, on=EARLIER)
    plan = builders.draft_with_content(family, by=people.anna, drawn_up_on=EARLIER)
    services.agree(plan=plan, on=EARLIER, members=family.members.all(), by=people.anna)
    with pytest.raises(PlanError) as caught:
        services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    assert "pracownikiem socjalnym" in caught.value.message
    assert caught.value.field == "consulted_on"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED


def test_legal_basis_is_required(people, family):
    from asysta.families import basis

    # The family signed a consent before its assignment; it withdraws it before the plan.
    basis.withdraw_consent(consent=family.consents.get(), by=people.anna, on=EARLIER)
    plan = builders.agreed_plan(family, people=people, on=EARLIER)
    with pytest.raises(PlanError, match="podstawy prawnej"):
        services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    builders.consent(family, by=people.anna, on=EARLIER)
    services.put_in_force(plan=plan, on=TODAY, by=people.anna)


def test_put_in_force_needs_an_agreed_plan_and_no_future_date(people, family):
    builders.consent(family, by=people.anna, on=EARLIER)
    plan = builders.draft_with_content(family, by=people.anna)
    with pytest.raises(PlanError, match="projekt"):
        services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    services.record_consultation(
        plan=plan, social_worker=people.edward, on=TODAY, form="spotkanie", by=people.anna
    )
    services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    with pytest.raises(PlanError, match="przyszłości"):
        services.put_in_force(plan=plan, on=TODAY + timedelta(days=1), by=people.anna)
    with pytest.raises(PlanError, match="uzgodniono"):
        services.put_in_force(plan=plan, on=TODAY - timedelta(days=1), by=people.anna)


def test_readiness_lists_every_missing_step(people, family):
    testing.without_basis(family, by=people.anna)
    plan = services.create_draft(family=family, by=people.anna)
    fields = [f for f, _m in services.readiness(plan)]
    assert fields == ["", "consulted_on", "agreed_on", ""]  # content, consultation, family, basis


def test_close_plan(people, family):
    plan = builders.plan_in_force(family, people=people, on=EARLIER)
    with pytest.raises(PlanError):
        services.close_plan(plan=plan, on=EARLIER - timedelta(days=1), by=people.anna)
    services.close_plan(plan=plan, on=TODAY, by=people.dorota)
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.CLOSED, TODAY)
    with pytest.raises(PlanError):
        services.close_plan(plan=plan, on=TODAY, by=people.dorota)


def test_request_review_brings_the_date_forward_only(people, family):
    plan = builders.plan_in_force(family, people=people, on=EARLIER)
    yearly = plan.review_due_on
    services.request_review(plan=plan, due_on=yearly + timedelta(days=10), by=people.anna)
    assert plan.review_due_on == yearly
    services.request_review(plan=plan, due_on=TODAY + timedelta(days=14), by=people.anna)
    plan.refresh_from_db()
    assert plan.review_due_on == TODAY + timedelta(days=14)


def test_discard_draft(people, family):
    plan = builders.draft_with_content(family, by=people.anna)
    services.discard_draft(plan=plan, by=people.anna)
    assert not WorkPlan.objects.exists()
    assert LogEntry.Action.DELETE in _actions(WorkPlan)
