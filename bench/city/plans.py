"""Work plans with goals and actions, versioned yearly, whose actions' statuses move over time
as real plans' do: the actions of past versions are finished (done, not done, cancelled), those
of the plan in force are mostly in progress or planned, and a few are past their deadline."""

from __future__ import annotations

import random
from datetime import date, timedelta

from asysta.accounts.models import Role
from asysta.plans.models import Action, Goal, GoalArea, WorkPlan
from asysta.plans.services.lifecycle import one_year_after
from bench.city import texts
from bench.city.context import Ctx, PlanInfo, Story, days, weighted
from bench.city.writer import stamp

OVERDUE_REVIEW = 0.15  # of families whose yearly review fell in the last 4 months: not done yet
NEW_DRAFT = 0.05  # current families whose next version is being drafted
FINISHED = (("done", 0.66), ("not_done", 0.16), ("cancelled", 0.18))
PAST_DEADLINE = (("done", 0.74), ("not_done", 0.08), ("cancelled", 0.10), ("in_progress", 0.08))
FUTURE = (("in_progress", 0.55), ("planned", 0.40), ("done", 0.05))
RESPONSIBLE = (("member", 0.4), ("assistant", 0.3), ("social_worker", 0.1), ("institution", 0.2))


def _status(rng: random.Random, plan: PlanInfo, deadline: date, today: date) -> str:
    if plan.status in ("superseded", "closed"):
        return weighted(rng, FINISHED)
    if plan.status in ("draft", "agreed"):
        return "planned"
    return weighted(rng, PAST_DEADLINE if deadline < today else FUTURE)


def _action(ctx: Ctx, story: Story, plan: PlanInfo, goal_id: int, order: int) -> None:
    rng = story.rng
    what, effect = texts.pick(rng, texts.ACTIONS)  # type: ignore[arg-type]
    base = plan.start or ctx.today
    deadline = base + days(rng, 30, 330)
    status = _status(rng, plan, deadline, ctx.today)
    kind = weighted(rng, RESPONSIBLE)
    parents = story.parents()
    ctx.rows.add(
        Action,
        id=(action_id := ctx.rows.ids.next(Action)),
        centre_id=ctx.centre_id,
        goal_id=goal_id,
        what=what,
        responsible_kind=kind,
        responsible_member_id=rng.choice(parents).id if kind == "member" else None,
        responsible_name=texts.pick(rng, texts.INSTITUTIONS) if kind == "institution" else "",
        deadline=deadline,
        expected_effect=effect,
        status=status,
        progress_note="Zrealizowano zgodnie z planem." if status == "done" else "",
        order=order,
        updated_at=stamp(min(deadline, ctx.today)),
    )
    plan.actions.append((action_id, deadline))


def _content(ctx: Ctx, story: Story, plan: PlanInfo) -> None:
    rng = story.rng
    areas = rng.sample(GoalArea.values, 3 if rng.random() < 0.45 else 2)
    for n, area in enumerate(areas):
        goal_id = ctx.rows.add(
            Goal,
            centre_id=ctx.centre_id,
            plan_id=plan.id,
            area=area,
            description=texts.GOALS[area],
            is_main=n == 0,
            order=n,
        )
        for order in range(rng.choice((1, 2, 2, 3))):
            _action(ctx, story, plan, goal_id, order)


def _plan_row(ctx: Ctx, story: Story, plan: PlanInfo, drawn: date, version: int, based_on) -> None:
    rng = story.rng
    agreed = plan.start or (
        min(drawn + days(rng, 1, 10), ctx.today) if plan.status == "agreed" else None
    )
    approved = plan.start is not None and rng.random() < 0.25
    author = story.assistant_on(drawn)
    ctx.rows.add(
        WorkPlan,
        id=plan.id,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        version=version,
        status=plan.status,
        drawn_up_on=drawn,
        starts_on=plan.start,
        ended_on=plan.end,
        review_due_on=one_year_after(plan.start) if plan.start else None,
        agreed_on=agreed,
        approved_on=agreed if approved else None,
        approved_by_id=ctx.staff.one(rng, Role.COORDINATOR) if approved else None,
        consulted_on=min(drawn + days(rng, 0, 3), agreed or ctx.today),
        consultation_form="spotkanie",
        social_worker_id=story.social_worker,
        diagnosis_summary="Trudności opiekuńczo-wychowawcze i finansowe.",
        based_on_id=based_on,
        created_by_id=author,
        created_at=stamp(drawn),
    )
    for parent in story.parents():
        ctx.rows.add(WorkPlan.participants.through, workplan_id=plan.id, member_id=parent.id)


def _versions(story: Story, work_end: date | None, today: date) -> list[tuple[date, PlanInfo]]:
    """(drawn up on, plan) of each version; statuses and dates, no rows yet."""
    rng, versions = story.rng, []
    assert story.first_contact is not None
    drawn = story.first_contact + days(rng, 10, 30)
    limit = work_end or today
    while drawn <= limit:
        start = drawn + days(rng, 7, 20)
        if start > limit:  # not yet in force: being agreed with the family
            if work_end is None:
                status = "agreed" if rng.random() < 0.4 else "draft"
                versions.append((drawn, PlanInfo(0, status, None, None)))
            break
        plan = PlanInfo(0, "in_force", start, None)
        if versions:
            versions[-1][1].status, versions[-1][1].end = "superseded", start
        versions.append((drawn, plan))
        review = one_year_after(start)
        drawn = review - days(rng, 10, 35)
        if work_end is None and today - timedelta(days=120) < review <= today:
            if rng.random() < OVERDUE_REVIEW:
                break  # the review is late: no new version yet
    if work_end is not None and versions and versions[-1][1].status == "in_force":
        versions[-1][1].status, versions[-1][1].end = "closed", work_end
    elif work_end is None and versions and versions[-1][1].start and rng.random() < NEW_DRAFT:
        versions.append((today - days(rng, 0, 25), PlanInfo(0, "draft", None, None)))
    return versions


def add_plans(ctx: Ctx, story: Story) -> None:
    """Every version of the family's work plan with its goals and actions."""
    if story.first_contact is None:
        return
    previous = None
    for version, (drawn, plan) in enumerate(_versions(story, story.closed_on, ctx.today), 1):
        plan.id = ctx.rows.ids.next(WorkPlan)
        _plan_row(ctx, story, plan, drawn, version, previous)
        _content(ctx, story, plan)
        story.plans.append(plan)
        previous = plan.id
