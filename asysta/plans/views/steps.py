"""The plan's course: consultation, agreement, approval, entry into force, new version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.families.views._common import form_page
from asysta.plans import services
from asysta.plans.forms import AgreeForm, ConfirmForm, ConsultationForm, DateForm
from asysta.plans.models import WorkPlan
from asysta.plans.views._common import call, get_plan_for, posted, to_list, to_plan

STEP = "plans/step.html"


def _page(
    request: AsystaRequest, plan: WorkPlan, form: forms.Form, step: str, **extra: Any
) -> HttpResponse:
    context = {"family": plan.family, "plan": plan, "form": form, "step": step}
    context["possible"] = services.can(plan, step)
    return form_page(request, STEP, {**context, **extra})


def consultation(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = ConsultationForm(posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call(
            form,
            services.record_consultation,
            plan=plan,
            social_worker=data["social_worker"],
            on=data["consulted_on"],
            form=data["consultation_form"],
            by=request.user,
        )
        if done:
            messages.success(request, _("Zapisano konsultację z pracownikiem socjalnym."))
            return to_plan(plan)
    lead = _("Plan sporządza się po konsultacji z pracownikiem socjalnym (art. 15 ust. 1 pkt 1).")
    return _page(request, plan, form, "consult", title=_("Konsultacja planu"), lead=lead)


def agree(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = AgreeForm(posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        on, members = data["agreed_on"], data["members"]
        if call(form, services.agree, plan=plan, on=on, members=members, by=request.user):
            messages.success(request, _("Zapisano uzgodnienie planu z rodziną."))
            return to_plan(plan)
    lead = _(
        "Plan sporządza się wspólnie z członkami rodziny. Po uzgodnieniu cele i działania "
        "można zmienić tylko po cofnięciu planu do projektu."
    )
    return _page(request, plan, form, "agree", title=_("Uzgodnienie z rodziną"), lead=lead)


def reopen(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if call(form, services.reopen, plan=plan, by=request.user):
            messages.success(request, _("Plan wrócił do projektu."))
            return to_plan(plan)
    lead = _(
        "Uzgodnienie z rodziną (i zatwierdzenie) zostanie cofnięte; po zmianach uzgodnij "
        "plan ponownie."
    )
    title, button = _("Cofnięcie do projektu"), _("Cofnij do projektu")
    return _page(request, plan, form, "reopen", title=title, lead=lead, button=button)


def approve(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    if not actor_for(request.user).writes_whole_centre:
        raise PermissionDenied
    form = DateForm(posted(request), label=_("Data zatwierdzenia"))
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["on"]
        if call(form, services.approve, plan=plan, on=on, by=request.user):
            messages.success(request, _("Zatwierdzono plan."))
            return to_plan(plan)
    return _page(request, plan, form, "approve", title=_("Zatwierdzenie planu"))


def put_in_force(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = DateForm(posted(request), label=_("Plan obowiązuje od"))
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["on"]
        if call(form, services.put_in_force, plan=plan, on=on, by=request.user):
            messages.success(
                request, _("Plan obowiązuje od %(d)s.") % {"d": on.strftime("%d.%m.%Y")}
            )
            return to_plan(plan)
    problems = services.readiness(plan) if request.method == "GET" and plan.is_open else []
    lead = _("Poprzednia obowiązująca wersja planu zostanie zastąpiona.")
    title = _("Wejście planu w życie")
    return _page(request, plan, form, "in_force", title=title, lead=lead, problems=problems)


def new_version(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        draft = call(form, services.new_version, plan=plan, by=request.user)
        if draft:
            messages.success(request, _("Utworzono nową wersję planu (kopię) jako projekt."))
            return to_plan(draft)
    lead = _(
        "Nowa wersja zaczyna się jako kopia celów i działań tej wersji. Konsultację z "
        "pracownikiem socjalnym i uzgodnienie z rodziną zapisuje się ponownie."
    )
    title, button = _("Nowa wersja planu"), _("Utwórz nową wersję")
    return _page(request, plan, form, "new_version", title=title, lead=lead, button=button)


def discard(request: AsystaRequest, pk: int, plan_pk: int) -> HttpResponse:
    plan = get_plan_for(request.user, pk, plan_pk, write=True)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if call(form, services.discard_draft, plan=plan, by=request.user):
            messages.success(request, _("Odrzucono projekt planu."))
            return to_list(plan.family)
    lead = _("Projekt (wersja %(v)s) zostanie usunięty wraz z celami i działaniami.") % {
        "v": plan.version
    }
    title, button = _("Odrzucenie projektu"), _("Odrzuć projekt")
    return _page(request, plan, form, "discard", title=title, lead=lead, button=button, danger=True)
