"""Plan queries: the plan in force, progress numbers, overdue actions, reviews due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from asysta.core import testing
from asysta.plans import queries, services
from asysta.plans.models import WorkPlan
from asysta.plans.tests import builders

TODAY = timezone.localdate()
START = TODAY - timedelta(days=90)


@pytest.fixture
def plan(people, family):
    """Two goals of three actions; deadlines 10 days ago (goal 1) and in 60 days (goal 2)."""
    draft = services.create_draft(family=family, by=people.anna, drawn_up_on=START)
    for g, deadline in ((1, TODAY - timedelta(days=10)), (2, TODAY + timedelta(days=60))):
        goal = builders.goal(draft, by=people.anna, description=f"Cel {g}")
        for a in range(3):
            builders.action(goal, by=people.anna, what=f"D {g}.{a}", deadline=deadline)
    services.record_consultation(
        plan=draft, social_worker=people.edward, on=START, form="spotkanie", by=people.anna
    )
    services.agree(plan=draft, on=START, members=family.members.all(), by=people.anna)
    builders.consent(family, by=people.anna, on=START)
    return services.put_in_force(plan=draft, on=START, by=people.anna)


def _report(plan, statuses, by):
    actions = [a for g in plan.goals.all() for a in g.actions.all()]
    for action, status in zip(actions, statuses, strict=False):
        services.report_action_progress(action=action, status=status, by=by)


def test_plan_in_force(people, family, plan):
    assert queries.plan_in_force(family) == plan
    services.close_plan(plan=plan, on=TODAY, by=people.anna)
    assert queries.plan_in_force(family) is None


def test_progress_numbers(people, plan):
    _report(plan, ["done", "done", "cancelled", "in_progress", "not_done"], people.anna)
    result = queries.progress(plan)
    assert result.total == 6
    assert (result.done, result.counted) == (2, 5)
    assert result.count("planned") == 1 and result.count("cancelled") == 1
    assert result.percent == 40
    assert [row[2] for row in result.by_status()] == [1, 1, 2, 1, 1]
    goals, total = queries.progress_by_goal(plan)
    first, second = plan.goals.all()
    assert (goals[first.pk].done, goals[first.pk].counted, goals[first.pk].percent) == (2, 2, 100)
    assert (goals[second.pk].done, goals[second.pk].percent) == (0, 0)
    assert total.counts == result.counts


def test_progress_of_an_empty_plan(people, family):
    plan = services.create_draft(family=family, by=people.anna)
    assert (queries.progress(plan).total, queries.progress(plan).percent) == (0, 0)


def test_overdue_actions(people, family, plan):
    _report(plan, ["done", "in_progress"], people.anna)  # D 1.0 done, D 1.1 still going
    overdue = queries.overdue_actions(family=family)
    assert [a.what for a in overdue] == ["D 1.1", "D 1.2"]
    assert list(queries.overdue_actions(centre=people.centre)) == list(overdue)
    assert not queries.overdue_actions(centre=people.centre_b).exists()
    # on an earlier day nothing was overdue yet
    assert not queries.overdue_actions(family=family, on=TODAY - timedelta(days=10)).exists()
    # a draft or a superseded version does not count
    draft = services.new_version(plan=plan, by=people.anna)
    assert queries.overdue_actions(family=family).count() == 2
    services.close_plan(plan=plan, on=TODAY, by=people.anna)
    assert not queries.overdue_actions(family=family).exists()
    assert draft.status == "draft"


def test_overdue_actions_of_another_family_stay_apart(people, family, plan):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    assert not queries.overdue_actions(family=other).exists()


def test_reviews_due_and_first_start(people, family, plan):
    assert not queries.reviews_due(centre=people.centre).exists()
    services.request_review(plan=plan, due_on=TODAY, by=people.anna)
    assert list(queries.reviews_due(centre=people.centre)) == [plan]
    assert WorkPlan.objects.get(pk=plan.pk).is_review_overdue is False
    assert queries.first_plan_start(family) == START


def test_open_actions_of_the_plan_in_force(people, family, plan):
    _report(plan, ["done", "cancelled"], people.anna)
    assert [a.what for a in queries.open_actions(family)] == ["D 1.2", "D 2.0", "D 2.1", "D 2.2"]
    services.new_version(plan=plan, by=people.anna)  # a draft adds nothing
    assert queries.open_actions(family).count() == 4
