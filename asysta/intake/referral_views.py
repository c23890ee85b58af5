"""Pages of the request for an assistant: the social worker's steps, the head's decision, the
queue. Each view starts with an access helper; a request is reached through its family."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.families.access import can_write, get_family_for
from asysta.families.basis import current_basis
from asysta.families.basis_views import handles_casework as may_handle
from asysta.intake import referral_forms as rf
from asysta.intake import referrals
from asysta.intake.models import Referral, ReferralStatus
from asysta.intake.referrals import ReferralError
from asysta.intake.services import capacity_table

STEP_TEMPLATE = "intake/referral_step.html"
QUEUE_PAGE_SIZE = 50


# --- access ---------------------------------------------------------------------------------


def get_referral_for(user: Any, pk: int, referral_pk: int, *, need: str = "read") -> Referral:
    """The request `referral_pk` of family `pk`: 404 unless the user sees the family; 403 when
    `need` is "handle" (social worker, head, coordinator) or "decide" (head, coordinator) and the
    user may not."""
    family = get_family_for(user, pk)
    referral = (
        family.referrals.select_related("social_worker", "decided_by", "assignment__assistant")
        .filter(pk=referral_pk)
        .first()
    )
    if referral is None:
        raise Http404
    referral.family = family
    if need == "handle" and not may_handle(user, family):
        raise PermissionDenied
    if need == "decide" and not actor_for(user).writes_whole_centre:
        raise PermissionDenied
    return referral


def detail_url(referral: Referral) -> str:
    return reverse("intake:referral_detail", args=[referral.family_id, referral.pk])


def add_error(form: forms.Form, exc: ReferralError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _step(
    request: AsystaRequest,
    referral: Referral,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    step: str,
    title: str,
    success: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The shape of every step: bound form → 422 when invalid or refused → service → redirect.
    A step not possible at the request's stage still shows, with a notice (the service refuses)."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ReferralError as exc:
            add_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(detail_url(referral))
    status = 422 if request.method == "POST" else 200
    context = {
        "family": referral.family,
        "referral": referral,
        "form": form,
        "title": title,
        "possible": referrals.can(referral, step),
    }
    return render(request, STEP_TEMPLATE, {**context, **(extra or {})}, status=status)


# --- the social worker's part ---------------------------------------------------------------


def referral_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    if not may_handle(request.user, family):
        raise PermissionDenied
    own = not actor_for(request.user).writes_whole_centre
    form = rf.ReferralForm(
        request.POST or None, centre_id=family.centre_id, fixed_social_worker=own
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referrals.create_referral(
                family=family,
                source=data["source"],
                source_detail=data["source_detail"],
                reported_on=data["reported_on"],
                social_worker=data.get("social_worker") or request.user,
                by=request.user,
            )
        except ReferralError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("Zapisano zgłoszenie rodziny."))
            return redirect(detail_url(referral))
    status = 422 if request.method == "POST" else 200
    has_assistant = family.assignments.filter(ended_on__isnull=True).exists()
    context = {"family": family, "form": form, "has_assistant": has_assistant}
    return render(request, "intake/referral_form.html", context, status=status)


def _course(referral: Referral) -> list[dict[str, Any]]:
    """Each change of state with when it was recorded and by whom (from the audit trail)."""
    labels = dict(ReferralStatus.choices)
    rows = []
    for entry in LogEntry.objects.get_for_object(referral).select_related("actor").order_by("pk"):
        change = entry.changes_dict.get("status")
        if change:
            rows.append(
                {"when": entry.timestamp, "who": entry.actor, "label": labels.get(change[1])}
            )
    return rows


def referral_detail(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk)
    log_read(user=request.user, obj=referral, section="referral", request=request)
    sections = referral.centre.analysis_sections
    context = {
        "family": referral.family,
        "referral": referral,
        "analysis": [(s["label"], referral.analysis.get(s["key"], "")) for s in sections],
        "course": _course(referral),
        "basis": current_basis(referral.family),
        "may_handle": may_handle(request.user, referral.family),
        "may_decide": actor_for(request.user).writes_whole_centre,
        "may_first_meeting": can_write(request.user, referral.family)
        or may_handle(request.user, referral.family),
        "next": {step: referrals.can(referral, step) for step in referrals.TRANSITIONS},
    }
    return render(request, "intake/referral_detail.html", context)


def referral_schedule(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="handle")
    form = rf.DateStepForm(request.POST or None, label=_("Planowana data wywiadu"))
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.schedule_interview(referral=referral, on=d["on"], by=request.user),
        step="schedule",
        title=_("Zaplanuj wywiad środowiskowy"),
        success=_("Zapisano termin wywiadu."),
    )


def referral_interview(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    """The interview held; for a request waiting in the queue, a new (renewed) interview."""
    referral = get_referral_for(request.user, pk, referral_pk, need="handle")
    service = (
        referrals.renew_interview
        if referral.status == ReferralStatus.QUEUED
        else referrals.record_interview
    )
    form = rf.DateStepForm(request.POST or None, label=_("Data wywiadu środowiskowego"))
    return _step(
        request,
        referral,
        form,
        lambda d: service(referral=referral, on=d["on"], by=request.user),
        step="renew_interview" if service is referrals.renew_interview else "interview",
        title=_("Wywiad środowiskowy przeprowadzony"),
        success=_("Zapisano datę wywiadu."),
    )


def referral_analysis(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="handle")
    sections = referral.centre.analysis_sections
    initial: dict[str, Any] = {
        rf.AnalysisForm.PREFIX + k: v for k, v in (referral.analysis or {}).items()
    }
    if referral.need_found is not None:
        initial["need_found"] = "yes" if referral.need_found else "no"
    form = rf.AnalysisForm(request.POST or None, sections=sections, initial=initial)
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.record_analysis(
            referral=referral, sections=form.sections(), need_found=d["need_found"], by=request.user
        ),
        step="analysis",
        title=_("Analiza sytuacji rodziny"),
        success=_("Zapisano analizę sytuacji rodziny."),
    )


def referral_close(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="handle")
    form = rf.CloseForm(request.POST or None)
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.close_no_need(
            referral=referral, reason=d["reason"], on=d["on"], by=request.user
        ),
        step="close",
        title=_("Zamknij — asystent nie jest potrzebny"),
        success=_("Zamknięto zgłoszenie z uzasadnieniem."),
    )


def referral_file(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="handle")
    form = rf.DateStepForm(request.POST or None, label=_("Data wniosku do kierownika"))
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.file_request(referral=referral, on=d["on"], by=request.user),
        step="file",
        title=_("Złóż wniosek o przydzielenie asystenta rodziny"),
        success=_("Wniosek trafił do kierownika."),
    )


def referral_first_meeting(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk)
    form = rf.FirstMeetingForm(request.POST or None)
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.record_first_meeting(
            referral=referral, on=d["on"], present=d["present"], by=request.user
        ),
        step="first_meeting",
        title=_("Pierwsze spotkanie z rodziną (w obecności pracownika socjalnego)"),
        success=_("Zapisano pierwsze spotkanie — rozpoczęła się praca z rodziną."),
    )


# --- the head's decision and the queue -------------------------------------------------------


def queue(request: AsystaRequest) -> HttpResponse:
    """The waiting queue (priority, then date) with the offers for free places on top."""
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    rows = capacity_table(centre)
    page = Paginator(referrals.queue(centre), QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "centre": centre,
        "page": page,
        "offers": referrals.queue_offers(centre, capacity=rows),
        "may_decide": actor_for(request.user).writes_whole_centre,
    }
    return render(request, "intake/queue.html", context)


def referral_assign_from_queue(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="decide")
    rows = capacity_table(referral.family.centre)
    initial = {"assistant": request.GET.get("assistant")}
    form = rf.ReferralAssignForm(request.POST or None, capacity_rows=rows, initial=initial)
    return _step(
        request,
        referral,
        form,
        lambda d: referrals.assign_from_queue(
            referral=referral, assistant=d["assistant"], on=d["on"], by=request.user
        ),
        step="assign_from_queue",
        title=_("Przydział asystenta z kolejki"),
        success=_("Przydzielono asystenta z kolejki."),
        extra={"capacity": rows},
    )
