"""Court pages under a family: the requests for an opinion, the opinion, notices to the court.

Each view starts with the family's access helper; a request is reached through its family (404
otherwise). Reading the court part of a family's file is logged (section "court").
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.court import forms as cf
from asysta.court import services
from asysta.court.models import OpinionRequest
from asysta.families.access import can_write, get_family_for
from asysta.families.basis import current_basis
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page

SECTION = "court"
PAGE_SIZE = 25
FORM_TEMPLATE = "court/form.html"


def get_request_for(user: Any, pk: int, request_pk: int, *, write: bool = False) -> OpinionRequest:
    """The request `request_pk` of family `pk`: 404 unless the user sees the family (and the
    request is the family's), 403 when `write` and the user may not change the family."""
    family = get_family_for(user, pk, write=write)
    found = (
        family.opinion_requests.select_related("approved_by", "created_by")
        .filter(pk=request_pk)
        .first()
    )
    if found is None:
        raise Http404
    found.family = family
    return found


def detail_url(req: OpinionRequest) -> str:
    return reverse("court:request_detail", args=[req.family_id, req.pk])


def _court_initial(family: Family) -> dict[str, str]:
    order = current_basis(family).court_order
    return {"court": order.court, "file_number": order.file_number} if order else {}


def request_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, section=SECTION, request=request)
    rows = family.opinion_requests.select_related("approved_by").order_by("-received_on", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {"family": family, "page": page, "can_write": can_write(request.user, family)}
    return render(request, "court/list.html", context)


def request_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = cf.RequestForm(request.POST or None, initial=_court_initial(family))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "due_in_days"}
        created = apply_service(
            form, services.register_request, family=family, by=request.user, **data
        )
        if created is not None:
            messages.success(request, _("Zapisano wniosek sądu o opinię."))
            return redirect(detail_url(created))
    title = _("Wniosek sądu o opinię o rodzinie")
    return form_page(request, FORM_TEMPLATE, {"family": family, "form": form, "title": title})


def request_edit(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk, write=True)
    form = cf.RequestForm(request.POST or None, instance=req)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "due_in_days"}
        if apply_service(form, services.update_request, request=req, by=request.user, **data):
            messages.success(request, _("Zapisano zmiany wniosku."))
            return redirect(detail_url(req))
    context = {"family": req.family, "form": form, "title": _("Zmiana danych wniosku sądu")}
    context["possible"] = services.can(req, "edit_request")
    return form_page(request, FORM_TEMPLATE, context)


def request_detail(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk)
    log_read(user=request.user, obj=req, section=SECTION, request=request)
    opinion = getattr(req, "opinion", None) if req.status != "received" else None
    actor = actor_for(request.user)
    writer = can_write(request.user, req.family)
    context = {
        "family": req.family,
        "req": req,
        "opinion": opinion,
        "may": {
            "edit": writer and services.can(req, "edit_request"),
            "draft": writer and services.can(req, "draft"),
            "edit_opinion": writer and services.can(req, "edit_opinion"),
            "approve": services.can(req, "approve") and actor.has(Role.HEAD),
            "send": writer and services.can(req, "send"),
        },
    }
    return render(request, "court/request_detail.html", context)


def opinion_draft(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk, write=True)
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        if apply_service(form, services.draft_opinion, request=req, by=request.user):
            messages.success(request, _("Przygotowano projekt opinii na podstawie dokumentacji."))
            return redirect("court:opinion_edit", pk=req.family_id, court_request_pk=req.pk)
    context = {"family": req.family, "req": req, "form": form}
    context["possible"] = services.can(req, "draft")
    return form_page(request, "court/opinion_draft.html", context)


def opinion_edit(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk, write=True)
    opinion = getattr(req, "opinion", None)
    if opinion is None:
        return redirect("court:opinion_draft", pk=req.family_id, court_request_pk=req.pk)
    opinion.request = req
    log_read(user=request.user, obj=req, section=SECTION, request=request)
    form = cf.OpinionForm(request.POST or None, instance=opinion)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, services.update_opinion, opinion=opinion, by=request.user, **data):
            messages.success(request, _("Zapisano opinię."))
            return redirect(detail_url(req))
    context = {"family": req.family, "req": req, "opinion": opinion, "form": form}
    context["possible"] = services.can(req, "edit_opinion")
    return form_page(request, "court/opinion_form.html", context)


def _step(
    request: AsystaRequest, req: OpinionRequest, form: Any, service: Any, **kwargs: Any
) -> HttpResponse | None:
    """POST with a valid form → the service → back to the request; None to re-render."""
    if request.method == "POST" and form.is_valid():
        done = apply_service(form, service, request=req, by=request.user, **form.cleaned_data)
        if done is not None:
            messages.success(request, kwargs["success"])
            return redirect(detail_url(req))
    return None


def opinion_approve(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk)
    if not actor_for(request.user).has(Role.HEAD):
        messages.error(request, _("Opinię dla sądu zatwierdza kierownik ośrodka."))
        return redirect(detail_url(req))
    form = cf.ApproveForm(request.POST or None)
    done = _step(request, req, form, services.approve_opinion, success=_("Opinia zatwierdzona."))
    if done is not None:
        return done
    log_read(user=request.user, obj=req, section=SECTION, request=request)
    context = {"family": req.family, "req": req, "form": form, "step": "approve"}
    context |= {"opinion": getattr(req, "opinion", None), "possible": services.can(req, "approve")}
    return form_page(request, "court/step.html", context)


def opinion_send(request: AsystaRequest, pk: int, court_request_pk: int) -> HttpResponse:
    req = get_request_for(request.user, pk, court_request_pk, write=True)
    form = cf.SendForm(request.POST or None)
    done = _step(
        request, req, form, services.send_opinion, success=_("Zapisano wysłanie opinii do sądu.")
    )
    if done is not None:
        return done
    log_read(user=request.user, obj=req, section=SECTION, request=request)
    context = {"family": req.family, "req": req, "form": form, "step": "send"}
    context |= {"opinion": getattr(req, "opinion", None), "possible": services.can(req, "send")}
    return form_page(request, "court/step.html", context)


def notice_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, section=SECTION, request=request)
    rows = family.court_notices.select_related("sent_by").order_by("-sent_on", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {"family": family, "page": page, "can_write": can_write(request.user, family)}
    return render(request, "court/notices.html", context)


def notice_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = cf.NoticeForm(request.POST or None, initial=_court_initial(family))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, services.send_notice, family=family, by=request.user, **data):
            messages.success(request, _("Zapisano pismo do sądu."))
            return redirect("court:notices", pk=family.pk)
    title = _("Pismo do sądu")
    return form_page(request, FORM_TEMPLATE, {"family": family, "form": form, "title": title})
