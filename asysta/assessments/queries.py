"""Read queries of the app, shared by the views, the panels and other apps.

The six-month clock (`next_assessment_due`, `assessment_due_dates`, `overdue_assessments`) lives
in `asysta.assessments.schedule` and is re-exported here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from asysta.assessments.models import (
    COUNTED_STATUSES,
    Area,
    AreaScore,
    AssessmentStatus,
    PeriodicAssessment,
    TeamMeeting,
)
from asysta.assessments.schedule import (
    AssessmentDue,
    assessment_due_dates,
    next_assessment_due,
    overdue_assessments,
)
from asysta.core.models import Centre
from asysta.families.models import Family
from asysta.plans.models import Goal, PlanStatus, WorkPlan

__all__ = [
    "AssessmentDue",
    "achievements_of",
    "assessment_due_dates",
    "assessments_of",
    "awaiting_acknowledgement",
    "latest_counted",
    "meetings_of",
    "next_assessment_due",
    "ordered_scores",
    "overdue_assessments",
    "plan_goals",
    "previous_assessment",
    "previous_scores",
    "suggested_period",
]

_AREA_ORDER = {code: n for n, code in enumerate(Area.values)}


def ordered_scores(assessment: PeriodicAssessment) -> list[AreaScore]:
    """The assessment's scores in the order of the areas (uses prefetched `scores`)."""
    return sorted(assessment.scores.all(), key=lambda s: _AREA_ORDER.get(s.area, 99))


def awaiting_acknowledgement(centre: Centre) -> QuerySet[PeriodicAssessment]:
    """Assessments the assistants submitted and the head has not acknowledged, oldest first."""
    return (
        PeriodicAssessment.objects.filter(centre=centre, status=AssessmentStatus.SUBMITTED)
        .select_related("family", "made_by")
        .order_by("submitted_on", "pk")
    )


def assessments_of(family: Family) -> QuerySet[PeriodicAssessment]:
    """The family's assessments, newest first, with their authors and scores (three queries)."""
    return (
        family.assessments.select_related("made_by", "acknowledged_by")
        .prefetch_related("scores")
        .order_by("-period_to", "-pk")
    )


def meetings_of(family: Family) -> QuerySet[TeamMeeting]:
    """The family's team meetings, newest first, with participants and tasks."""
    return family.team_meetings.select_related("recorded_by", "placement__child").prefetch_related(
        "participants", "external_participants", "tasks__owner_user"
    )


def previous_assessment(
    family: Family, *, before: date, exclude: int | None = None
) -> PeriodicAssessment | None:
    """The latest assessment of the family that ended before `before`, with its scores."""
    rows = family.assessments.filter(period_to__lt=before).prefetch_related("scores")
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.order_by("-period_to").first()


def previous_scores(family: Family, *, before: date, exclude: int | None = None) -> dict[str, int]:
    """Area code -> score of the previous assessment (shown beside the new score)."""
    previous = previous_assessment(family, before=before, exclude=exclude)
    return {s.area: s.score for s in previous.scores.all()} if previous else {}


def latest_counted(family: Family) -> PeriodicAssessment | None:
    """The family's latest submitted or acknowledged assessment, with its scores."""
    return (
        family.assessments.filter(status__in=COUNTED_STATUSES)
        .prefetch_related("scores")
        .order_by("-period_to", "-pk")
        .first()
    )


def suggested_period(family: Family, *, today: date | None = None) -> tuple[date | None, date]:
    """A proposal for a new assessment's period: from the day after the previous one ended (or
    from the plan's start), to today."""
    today = today or timezone.localdate()
    last = family.assessments.order_by("-period_to").values_list("period_to", flat=True).first()
    if last is not None:
        return last + timedelta(days=1), today
    start = (
        WorkPlan.objects.filter(family=family, status=PlanStatus.IN_FORCE)
        .values_list("starts_on", flat=True)
        .first()
    )
    return start, today


def plan_goals(family: Family) -> list[Goal]:
    """Goals (with actions) of the plan in force, for rating their achievement."""
    plan = WorkPlan.objects.filter(family=family, status=PlanStatus.IN_FORCE).first()
    if plan is None:
        return []
    return list(plan.goals.prefetch_related("actions").order_by("order", "pk"))


def achievements_of(assessment: PeriodicAssessment) -> dict[str, Any]:
    """The ratings of goals and actions of the assessment, for its page (two queries)."""
    return {
        "goals": list(assessment.goal_achievements.select_related("goal")),
        "actions": list(assessment.action_achievements.select_related("action__goal")),
    }
