"""Read queries about plans, used by the plan pages, the family page, the visits, the periodic
assessments and the statutory clock. Counts are aggregated in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from asysta.core.scope import remembered
from asysta.families.models import Family
from asysta.plans.models import Action, ActionStatus, PlanStatus, WorkPlan

# States of an action that still count as work to do (past the deadline they are overdue).
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


@dataclass
class Progress:
    """How far the actions got: counts by status and the share done (cancelled ones aside)."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts.get(ActionStatus.DONE, 0)

    @property
    def counted(self) -> int:
        """Actions that count towards the share: all but the cancelled ones."""
        return self.total - self.counts.get(ActionStatus.CANCELLED, 0)

    @property
    def share(self) -> float:
        return self.done / self.counted if self.counted else 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    def by_status(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every status, in the order of `ActionStatus`."""
        return [(s.value, str(s.label), self.counts.get(s.value, 0)) for s in ActionStatus]


CURRENT_STATUSES = (PlanStatus.IN_FORCE, PlanStatus.DRAFT, PlanStatus.AGREED)


def current_versions(family: Family) -> list[WorkPlan]:
    """The version in force and any in preparation, newest first: read once per request for
    the panels that ask (the plan panel, the six-month clock); a change of a plan forgets it
    (`PlansConfig.ready`)."""
    return remembered(
        ("current-plans", family.pk),
        lambda: list(family.workplans.filter(status__in=CURRENT_STATUSES).order_by("-version")),
    )


def plan_in_force(family: Family) -> WorkPlan | None:
    """The version of the family's plan in force now, if any."""
    return family.workplans.filter(status=PlanStatus.IN_FORCE).first()


def progress(plan: WorkPlan) -> Progress:
    """Counts of the plan's actions by status and the share done (one query)."""
    rows = Action.objects.filter(goal__plan=plan).values("status").annotate(n=Count("pk"))
    return Progress(counts={r["status"]: r["n"] for r in rows})


def progress_by_goal(plan: WorkPlan) -> tuple[dict[int, Progress], Progress]:
    """Progress of each goal (by id) and of the whole plan, from one query."""
    rows = (
        Action.objects.filter(goal__plan=plan).values("goal_id", "status").annotate(n=Count("pk"))
    )
    goals: dict[int, Progress] = {}
    total = Progress()
    for r in rows:
        goals.setdefault(r["goal_id"], Progress()).counts[r["status"]] = r["n"]
        total.counts[r["status"]] = total.counts.get(r["status"], 0) + r["n"]
    return goals, total


def open_actions(family: Family) -> QuerySet[Action]:
    """Actions of the family's plan in force still to do (planned or in progress), in the plan's
    order: what a visit note can report progress on."""
    return (
        Action.objects.filter(
            goal__plan__family=family,
            goal__plan__status=PlanStatus.IN_FORCE,
            status__in=OPEN_ACTION_STATUSES,
        )
        .select_related("goal", "responsible_member")
        .order_by("goal__order", "goal_id", "order", "pk")
    )


def overdue_actions(
    *, centre: Any = None, family: Family | None = None, on: date | None = None
) -> QuerySet[Action]:
    """Actions of plans in force whose deadline passed before `on` and that are neither done
    nor cancelled (nor reported as not done), soonest deadline first."""
    on = on or timezone.localdate()
    actions = Action.objects.filter(
        goal__plan__status=PlanStatus.IN_FORCE,
        deadline__lt=on,
        status__in=OPEN_ACTION_STATUSES,
    )
    if family is not None:
        actions = actions.filter(goal__plan__family=family)
    if centre is not None:
        actions = actions.filter(centre=centre)
    return actions.select_related("goal__plan__family", "responsible_member").order_by(
        "deadline", "pk"
    )


def reviews_due(*, centre: Any, on: date | None = None) -> QuerySet[WorkPlan]:
    """Plans in force whose yearly (or requested) review falls on or before `on`."""
    on = on or timezone.localdate()
    return (
        WorkPlan.objects.filter(centre=centre, status=PlanStatus.IN_FORCE, review_due_on__lte=on)
        .select_related("family")
        .order_by("review_due_on", "pk")
    )


def first_plan_start(family: Family) -> date | None:
    """When the family's first plan took effect (the six-month assessment clock starts here)."""
    return family.workplans.exclude(starts_on=None).aggregate(d=Min("starts_on"))["d"]
