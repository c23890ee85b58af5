"""The family's plans (versions), one plan's page, a new draft and the plan's header."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.families.access import can_write, get_family_for
from asysta.families.views._common import form_page
from asysta.plans import queries, services
from asysta.plans.forms import PlanForm
from asysta.plans.models import PlanStatus, WorkPlan
from asysta.plans.views._common import call, get_plan_for, goals_with_actions, posted, to_plan

PAGE_SIZE = 20
SECTION = "plan"


def plan_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    done = Count("goals__actions", filter=Q(goals__actions__status="done"))
    plans = family.workplans.annotate(actions=Count("goals__actions"), done=done).order_by(
        "-version"
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("p"))
    writer = can_write(request.user, family)
    current = [p for p in page if p.status in (PlanStatus.DRAFT, PlanStatus.AGREED)]
    in_force = [p for p in page if p.status == PlanStatus.IN_FORCE]
    context = {
        "family": family,
        "page": page,
        "can_write": writer,
        "may_create": writer and page.number == 1 and not current and not in_force,
    }
    return render(request, "plans/list.html", context)


def plan_detail(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk)
    by_goal, total = queries.progress_by_goal(plan)
    goals = [(g, by_goal.get(g.pk, queries.Progress())) for g in goals_with_actions(plan)]
    writer = can_write(request.user, plan.family)
    context = {
        "family": plan.family,
        "plan": plan,
        "goals": goals,
        "total": total,
        "participants": list(plan.participants.all()),
        "problems": services.readiness(plan) if plan.is_open else [],
        "can_write": writer,
        "steps": {s: writer and services.can(plan, s) for s in services.TRANSITIONS},
        "may_approve": services.can(plan, "approve")
        and actor_for(request.user).writes_whole_centre,
        "approval_required": services.approval_required(plan.centre),
    }
    log_read(user=request.user, obj=plan, section=SECTION, request=request)
    return render(request, "plans/detail.html", context)


def plan_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = PlanForm(posted(request), family=family, instance=WorkPlan(family=family))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = call(form, services.create_draft, family=family, by=request.user, **data)
        if plan:
            messages.success(request, _("Utworzono projekt planu pracy z rodziną."))
            return to_plan(plan)
    context = {"family": family, "form": form, "plan": None, "title": _("Nowy plan pracy")}
    return form_page(request, "plans/plan_form.html", context)


def plan_edit(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = PlanForm(posted(request), family=plan.family, instance=plan)
    if request.method == "POST" and form.is_valid():
        if call(form, services.update_plan, plan=plan, by=request.user, **form.cleaned_data):
            messages.success(request, _("Zapisano zmiany planu."))
            return to_plan(plan)
    context = {"family": plan.family, "form": form, "plan": plan, "title": _("Dane planu")}
    return form_page(request, "plans/plan_form.html", context)
