"""Goals and actions of a draft plan, and the progress of an action of the plan in force."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import gettext as _

from asysta.core.http import AsystaRequest
from asysta.families.views._common import form_page
from asysta.plans import services
from asysta.plans.forms import ActionForm, ConfirmForm, GoalForm, ProgressForm
from asysta.plans.models import Action, Goal
from asysta.plans.views._common import (
    call,
    get_action_for,
    get_goal_for,
    get_plan_for,
    posted,
    to_plan,
)

FORM = "plans/item_form.html"
CONFIRM = "plans/step.html"


def goal_create(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = GoalForm(posted(request), instance=Goal(plan=plan))
    if request.method == "POST" and form.is_valid():
        goal = call(form, services.add_goal, plan=plan, by=request.user, **form.cleaned_data)
        if goal:
            messages.success(request, _("Dodano cel. Dodaj do niego działania."))
            return to_plan(plan, f"cel-{goal.pk}")
    context = {"family": plan.family, "plan": plan, "form": form, "title": _("Nowy cel")}
    return form_page(request, FORM, {**context, "possible": services.can(plan, "content")})


def goal_edit(request: AsystaRequest, pk: int, plan_pk: int, goal_pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk, plan_pk, goal_pk)
    plan = goal.plan
    form = GoalForm(posted(request), instance=goal)
    if request.method == "POST" and form.is_valid():
        if call(form, services.update_goal, goal=goal, by=request.user, **form.cleaned_data):
            messages.success(request, _("Zapisano cel."))
            return to_plan(plan, f"cel-{goal.pk}")
    context = {"family": plan.family, "plan": plan, "form": form, "title": _("Edycja celu")}
    return form_page(request, FORM, {**context, "possible": services.can(plan, "content")})


def goal_delete(request: AsystaRequest, pk: int, plan_pk: int, goal_pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk, plan_pk, goal_pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if call(form, services.remove_goal, goal=goal, by=request.user):
            messages.success(request, _("Usunięto cel wraz z jego działaniami."))
            return to_plan(goal.plan, "cele")
    context = {
        "family": goal.plan.family,
        "plan": goal.plan,
        "form": form,
        "title": _("Usunięcie celu"),
        "lead": _("Cel „%(g)s” zostanie usunięty razem z jego działaniami.") % {"g": goal},
        "button": _("Usuń cel"),
        "danger": True,
        "possible": services.can(goal.plan, "content"),
    }
    return form_page(request, CONFIRM, context)


def action_create(request: AsystaRequest, pk: int, plan_pk: int, goal_pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk, plan_pk, goal_pk)
    plan = goal.plan
    instance = Action(centre_id=plan.centre_id, goal=goal)
    form = ActionForm(posted(request), instance=instance, family=plan.family)
    if request.method == "POST" and form.is_valid():
        if call(form, services.add_action, goal=goal, by=request.user, **form.cleaned_data):
            messages.success(request, _("Dodano działanie."))
            return to_plan(plan, f"cel-{goal.pk}")
    context: dict[str, Any] = {"family": plan.family, "plan": plan, "goal": goal, "form": form}
    context |= {"title": _("Nowe działanie"), "possible": services.can(plan, "content")}
    return form_page(request, FORM, context)


def action_edit(request: AsystaRequest, pk: int, plan_pk: int, action_pk: int) -> HttpResponse:
    action = get_action_for(request.user, pk, plan_pk, action_pk)
    plan = action.goal.plan
    form = ActionForm(posted(request), instance=action, family=plan.family)
    if request.method == "POST" and form.is_valid():
        if call(form, services.update_action, action=action, by=request.user, **form.cleaned_data):
            messages.success(request, _("Zapisano działanie."))
            return to_plan(plan, f"cel-{action.goal_id}")
    context: dict[str, Any] = {
        "family": plan.family,
        "plan": plan,
        "goal": action.goal,
        "form": form,
    }
    context |= {"title": _("Edycja działania"), "possible": services.can(plan, "content")}
    return form_page(request, FORM, context)


def action_delete(request: AsystaRequest, pk: int, plan_pk: int, action_pk: int) -> HttpResponse:
    action = get_action_for(request.user, pk, plan_pk, action_pk)
    plan = action.goal.plan
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if call(form, services.remove_action, action=action, by=request.user):
            messages.success(request, _("Usunięto działanie."))
            return to_plan(plan, f"cel-{action.goal_id}")
    context: dict[str, Any] = {"family": plan.family, "plan": plan, "form": form, "danger": True}
    context |= {
        "title": _("Usunięcie działania"),
        "lead": _("Działanie „%(a)s” zostanie usunięte.") % {"a": action},
        "button": _("Usuń działanie"),
        "possible": services.can(plan, "content"),
    }
    return form_page(request, CONFIRM, context)


def action_progress(request: AsystaRequest, pk: int, plan_pk: int, action_pk: int) -> HttpResponse:
    action = get_action_for(request.user, pk, plan_pk, action_pk)
    plan = action.goal.plan
    initial = {"status": action.status, "note": action.progress_note}
    form = ProgressForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call(
            form,
            services.report_action_progress,
            action=action,
            status=data["status"],
            note=data["note"],
            by=request.user,
        ):
            messages.success(request, _("Zapisano stan realizacji działania."))
            return to_plan(plan, f"cel-{action.goal_id}")
    context: dict[str, Any] = {
        "family": plan.family,
        "plan": plan,
        "goal": action.goal,
        "form": form,
    }
    context |= {
        "title": _("Stan realizacji działania"),
        "lead": str(action),
        "possible": services.can(plan, "progress"),
    }
    return form_page(request, FORM, context)
