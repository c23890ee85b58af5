"""Access to plans and the shape shared by the plan views.

Every view starts with `get_family_for` (404 for a family the user may not see, 403 when they
may only read it) and reaches the plan, goal or action through that family (404 otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from asysta.families.access import get_family_for
from asysta.families.models import Family
from asysta.families.views._common import add_errors
from asysta.plans.models import Action, Goal, WorkPlan
from asysta.plans.services import PlanError

PLAN_RELATED = ("created_by", "social_worker", "approved_by", "care_plan_child", "based_on")


def get_plan_for(user: Any, pk: int, plan_pk: int, *, write: bool = False) -> WorkPlan:
    """The plan `plan_pk` of family `pk`, with its family attached."""
    family = get_family_for(user, pk, write=write)
    plan = get_object_or_404(family.workplans.select_related(*PLAN_RELATED), pk=plan_pk)
    plan.family = family
    return plan


def get_goal_for(user: Any, pk: int, plan_pk: int, goal_pk: int) -> Goal:
    plan = get_plan_for(user, pk, plan_pk, write=True)
    goal = get_object_or_404(plan.goals.all(), pk=goal_pk)
    goal.plan = plan
    return goal


def get_action_for(user: Any, pk: int, plan_pk: int, action_pk: int) -> Action:
    plan = get_plan_for(user, pk, plan_pk, write=True)
    action = Action.objects.filter(goal__plan=plan, pk=action_pk).select_related("goal").first()
    if action is None:
        raise Http404
    action.goal.plan = plan
    return action


def goals_with_actions(plan: WorkPlan) -> list[Goal]:
    """The plan's goals with their actions (two queries whatever the size)."""
    actions = Action.objects.select_related("responsible_member")
    return list(plan.goals.prefetch_related(Prefetch("actions", queryset=actions)))


def call(form: forms.BaseForm, service: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Call `service`; on a refusal put its message(s) on `form` and return None."""
    try:
        result = service(**kwargs)
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    except PlanError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        else:
            for message in exc.problems:
                form.add_error(None, message)
        return None
    return True if result is None else result


def plan_url(plan: WorkPlan, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[plan.family_id, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def to_plan(plan: WorkPlan, anchor: str = "") -> HttpResponse:
    return redirect(plan_url(plan, anchor))


def to_list(family: Family) -> HttpResponse:
    return redirect(reverse("plans:list", args=[family.pk]))


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, also when a POST is empty (a confirmation button), else None."""
    return request.POST if request.method == "POST" else None
