"""The plan panel of the family page and the colours of plan and action statuses."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.families.models import Family
from asysta.plans import queries
from asysta.plans.models import ActionStatus, PlanStatus

register = template.Library()

PLAN_BADGES: dict[str, str] = {
    PlanStatus.DRAFT: "text-bg-secondary",
    PlanStatus.AGREED: "text-bg-info",
    PlanStatus.IN_FORCE: "text-bg-success",
    PlanStatus.SUPERSEDED: "text-bg-light border",
    PlanStatus.CLOSED: "text-bg-dark",
}
ACTION_BADGES: dict[str, str] = {
    ActionStatus.PLANNED: "text-bg-secondary",
    ActionStatus.IN_PROGRESS: "text-bg-primary",
    ActionStatus.DONE: "text-bg-success",
    ActionStatus.NOT_DONE: "text-bg-danger",
    ActionStatus.CANCELLED: "text-bg-light border",
}


@register.filter
def plan_badge(status: str) -> str:
    return PLAN_BADGES.get(status, "text-bg-secondary")


@register.filter
def action_badge(status: str) -> str:
    return ACTION_BADGES.get(status, "text-bg-secondary")


@register.inclusion_tag("plans/family_panel_body.html", takes_context=True)
def plan_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The plan in force with its progress and next review, and a version in preparation
    (at most three small queries, whatever the size of the plan)."""
    current = queries.current_versions(family)
    in_force = next((p for p in current if p.status == PlanStatus.IN_FORCE), None)
    preparing = next((p for p in current if p.status != PlanStatus.IN_FORCE), None)
    return {
        "family": family,
        "in_force": in_force,
        "preparing": preparing,
        "progress": queries.progress(in_force) if in_force else None,
        "overdue": queries.overdue_actions(family=family).count() if in_force else 0,
        "can_write": context.get("can_write", False),
    }
