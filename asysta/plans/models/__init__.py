"""The work plan with the family (plan pracy z rodziną, art. 15 ust. 1 pkt 1–2 i ust. 3 UWR)."""

from asysta.plans.models.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalArea,
    PlanStatus,
    Responsible,
    WorkPlan,
)

__all__ = [
    "Action",
    "ActionStatus",
    "Goal",
    "GoalArea",
    "PlanStatus",
    "Responsible",
    "WorkPlan",
]
