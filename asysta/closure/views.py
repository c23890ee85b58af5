"""Closure pages under a family: close the case, the closure with its monitoring, the correction
of the closing report, monitoring contacts, the end of monitoring and re-opening (a new request
for an assistant).

Each view starts with the family's access helper; a closure is reached through its family (404
otherwise). Reading the closure part of a family's file is logged (section "closure").
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.closure import forms as cf
from asysta.closure import services
from asysta.closure.categories import report_category
from asysta.closure.models import Closure
from asysta.closure.queries import current_closure
from asysta.core.http import AsystaRequest
from asysta.court.record_casework import plan_section
from asysta.families.access import can_write, get_family_for
from asysta.families.basis import current_basis
from asysta.families.basis_views import handles_casework
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page
from asysta.intake.referral_forms import ReferralForm

SECTION = "closure"
PAGE_SIZE = 25


def get_closure_for(user: Any, pk: int, closure_pk: int, *, write: bool = False) -> Closure:
    """The closure `closure_pk` of family `pk`: 404 unless the user sees the family (and the
    closure is the family's), 403 when `write` and the user may not change the family."""
    family = get_family_for(user, pk, write=write)
    found = (
        family.closures.select_related("closed_by", "court_order", "reopen_referral")
        .filter(pk=closure_pk)
        .first()
    )
    if found is None:
        raise Http404
    found.family = family
    return found


def detail_url(closure: Closure) -> str:
    return reverse("closure:detail", args=[closure.family_id, closure.pk])


def _close_initial(family: Family) -> dict[str, Any]:
    basis = current_basis(family)
    initial: dict[str, Any] = {"goals_achieved": plan_section(family).text}
    if basis.valid:
        initial["disclosure_basis"] = basis.label
    return initial


def close(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    if (existing := current_closure(family)) is not None:
        return redirect(detail_url(existing))
    form = cf.CloseForm(request.POST or None, initial=_close_initial(family))
    if request.method == "POST" and form.is_valid():
        closure = apply_service(
            form, services.close_case, family=family, by=request.user, **form.cleaned_data
        )
        if closure is not None:
            messages.success(request, _("Zakończono pracę z rodziną."))
            return redirect(detail_url(closure))
    context = {"family": family, "form": form, "court_order": current_basis(family).court_order}
    return form_page(request, "closure/close_form.html", context)


def detail(request: AsystaRequest, pk: int, closure_pk: int) -> HttpResponse:
    closure = get_closure_for(request.user, pk, closure_pk)
    log_read(user=request.user, obj=closure, section=SECTION, request=request)
    contacts = closure.monitoring_contacts.select_related("by").order_by("-contacted_on", "-pk")
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("p"))
    writer = can_write(request.user, closure.family)
    context = {
        "family": closure.family,
        "closure": closure,
        "page": page,
        "category": report_category(closure.family.centre, closure.reason),
        "may_monitor": writer and closure.in_monitoring,
        "may_correct": writer and not closure.reopened,
        "may_reopen": not closure.reopened and handles_casework(request.user, closure.family),
    }
    return render(request, "closure/detail.html", context)


def report_edit(request: AsystaRequest, pk: int, closure_pk: int) -> HttpResponse:
    """Correct the closing report (and, while the monitoring runs, its end and frequency)."""
    closure = get_closure_for(request.user, pk, closure_pk, write=True)
    allowed = services.correctable_fields(closure)
    if not allowed:
        messages.error(request, _("Praca została wznowiona — tej oceny końcowej się nie poprawia."))
        return redirect(detail_url(closure))
    form = cf.ReportForm(request.POST or None, closure=closure, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(
            form, services.update_closure_report, closure=closure, by=request.user, **data
        ):
            messages.success(request, _("Zapisano poprawioną ocenę końcową."))
            return redirect(detail_url(closure))
    context = {"family": closure.family, "closure": closure, "form": form}
    return form_page(request, "closure/report_form.html", context)


def monitoring_add(request: AsystaRequest, pk: int, closure_pk: int) -> HttpResponse:
    closure = get_closure_for(request.user, pk, closure_pk, write=True)
    form = cf.MonitoringContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(
            form, services.add_monitoring_contact, closure=closure, by=request.user, **data
        ):
            messages.success(request, _("Zapisano kontakt w okresie monitoringu."))
            return redirect(detail_url(closure))
    title = _("Kontakt w okresie monitoringu")
    context = {"family": closure.family, "closure": closure, "form": form, "title": title}
    return form_page(request, "closure/form.html", context)


def monitoring_end(request: AsystaRequest, pk: int, closure_pk: int) -> HttpResponse:
    closure = get_closure_for(request.user, pk, closure_pk, write=True)
    form = cf.EndMonitoringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, services.end_monitoring, closure=closure, by=request.user, **data):
            messages.success(request, _("Zakończono monitoring rodziny."))
            return redirect(detail_url(closure))
    title = _("Zakończenie monitoringu")
    context = {"family": closure.family, "closure": closure, "form": form, "title": title}
    return form_page(request, "closure/form.html", context)


def reopen(request: AsystaRequest, pk: int, closure_pk: int) -> HttpResponse:
    closure = get_closure_for(request.user, pk, closure_pk)
    family = closure.family
    if not handles_casework(request.user, family):
        messages.error(
            request,
            _(
                "Wznowienie (nowy wniosek) zakłada pracownik socjalny rodziny, koordynator lub "
                "kierownik — poproś ich o to."
            ),
        )
        return redirect(detail_url(closure))
    own = not actor_for(request.user).writes_whole_centre
    form = ReferralForm(request.POST or None, centre_id=family.centre_id, fixed_social_worker=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.setdefault("social_worker", request.user)
        referral = apply_service(
            form, services.reopen_case, closure=closure, by=request.user, **data
        )
        if referral is not None:
            messages.success(request, _("Wznowiono sprawę: założono nowy wniosek o asystenta."))
            return redirect("intake:referral_detail", pk=family.pk, referral_pk=referral.pk)
    title = _("Wznów (nowy wniosek)")
    context = {"family": family, "closure": closure, "form": form, "title": title}
    return form_page(request, "closure/form.html", context)
