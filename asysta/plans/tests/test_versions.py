"""Versions of the plan: a new version is a copy; entering into force supersedes the old one;
one version in force per family (also in the database)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from asysta.plans import services
from asysta.plans.models import Action, PlanStatus, WorkPlan
from asysta.plans.queries import plan_in_force
from asysta.plans.services import PlanError
from asysta.plans.tests import builders

TODAY = timezone.localdate()
START = TODAY - timedelta(days=200)


@pytest.fixture
def first(people, family):
    plan = builders.plan_in_force(family, people=people, on=START, goals=2, actions=3)
    action = plan.goals.first().actions.first()
    services.report_action_progress(action=action, status="done", note="Zrobione", by=people.anna)
    return plan


def test_new_version_copies_goals_and_actions(people, family, first):
    draft = services.new_version(plan=first, by=people.anna)
    assert (draft.version, draft.status, draft.based_on) == (2, PlanStatus.DRAFT, first)
    assert draft.consulted_on is None and draft.agreed_on is None
    assert draft.social_worker == people.edward
    old = [(g.area, g.description, g.order) for g in first.goals.all()]
    new = [(g.area, g.description, g.order) for g in draft.goals.all()]
    assert new == old
    fields = ("what", "responsible_kind", "deadline", "expected_effect", "status", "progress_note")
    old_actions = list(Action.objects.filter(goal__plan=first).order_by("pk").values(*fields))
    new_actions = list(Action.objects.filter(goal__plan=draft).order_by("pk").values(*fields))
    assert new_actions == old_actions and len(new_actions) == 6
    assert (
        LogEntry.objects.get_for_model(Action).filter(action=LogEntry.Action.CREATE).count() == 12
    )
    # editing the copy leaves the version in force as it was
    services.update_goal(goal=draft.goals.first(), by=people.anna, description="Nowy cel")
    assert first.goals.first().description == "Cel 1"


def test_only_one_version_in_preparation(people, family, first):
    services.new_version(plan=first, by=people.anna)
    with pytest.raises(PlanError, match="w przygotowaniu"):
        services.new_version(plan=first, by=people.anna)
    with pytest.raises(PlanError, match="w przygotowaniu"):
        services.create_draft(family=family, by=people.anna)


def test_a_fresh_draft_is_refused_while_a_plan_is_in_force(people, family, first):
    with pytest.raises(PlanError, match="nowej wersji"):
        services.create_draft(family=family, by=people.anna)


def test_putting_the_new_version_in_force_supersedes_the_old(people, family, first):
    draft = services.new_version(plan=first, by=people.anna, drawn_up_on=TODAY)
    services.record_consultation(
        plan=draft, social_worker=people.edward, on=TODAY, form="telefonicznie", by=people.anna
    )
    services.agree(plan=draft, on=TODAY, members=family.members.all(), by=people.anna)
    services.put_in_force(plan=draft, on=TODAY, by=people.anna)
    first.refresh_from_db()
    assert (first.status, first.ended_on) == (PlanStatus.SUPERSEDED, TODAY)
    assert plan_in_force(family) == draft
    assert draft.review_due_on == services.one_year_after(TODAY)
    changes = LogEntry.objects.get_for_object(first).filter(action=LogEntry.Action.UPDATE)
    assert any(e.changes_dict.get("status", [None, None])[1] == "superseded" for e in changes)


def test_a_new_version_cannot_start_before_the_old_one(people, family, first):
    first.starts_on = TODAY - timedelta(days=1)
    WorkPlan.objects.filter(pk=first.pk).update(starts_on=first.starts_on)
    draft = services.new_version(plan=first, by=people.anna, drawn_up_on=START)
    services.record_consultation(
        plan=draft, social_worker=people.edward, on=START, form="spotkanie", by=people.anna
    )
    services.agree(plan=draft, on=START, members=family.members.all(), by=people.anna)
    with pytest.raises(PlanError, match="Poprzednia wersja"):
        services.put_in_force(plan=draft, on=START, by=people.anna)
    first.refresh_from_db()
    assert first.status == PlanStatus.IN_FORCE


def test_the_database_allows_one_plan_in_force_per_family(people, family, first):
    draft = services.new_version(plan=first, by=people.anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPlan.objects.filter(pk=draft.pk).update(status=PlanStatus.IN_FORCE, starts_on=TODAY)
    # another family may have its own plan in force
    from asysta.core import testing

    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.make_member(family=other, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    assert builders.plan_in_force(other, people=people).status == PlanStatus.IN_FORCE


def test_the_database_keeps_versions_unique(people, family, first):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPlan.objects.create(
            centre=family.centre,
            family=family,
            version=1,
            drawn_up_on=TODAY,
            created_by=people.anna,
        )


def test_the_database_refuses_a_plan_in_force_without_start(people, family):
    plan = services.create_draft(family=family, by=people.anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_FORCE)
