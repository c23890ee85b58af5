"""The head's decision on a request (art. 11 ust. 4): one page with the four options, each
posted to its own URL (assign, pass on, queue, refuse)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from asysta.core.http import AsystaRequest
from asysta.families.basis import current_basis
from asysta.intake import referral_forms as rf
from asysta.intake import referrals
from asysta.intake.models import Referral
from asysta.intake.referral_views import add_error, detail_url, get_referral_for
from asysta.intake.referrals import ReferralError
from asysta.intake.services import capacity_table, soft_cap_warning

FORMS: dict[str, Any] = {
    "assign": rf.ReferralAssignForm,
    "pass_on": rf.PassOnForm,
    "queue": rf.QueueForm,
    "refuse": rf.RefuseForm,
}


def _page(
    request: AsystaRequest, referral: Referral, bound: str | None = None
) -> tuple[dict[str, forms.Form], dict[str, Any]]:
    """The four forms (only `bound` gets the posted data) and the page context."""
    rows = capacity_table(referral.family.centre)
    built: dict[str, forms.Form] = {}
    for key, form_class in FORMS.items():
        data = request.POST if key == bound else None
        kwargs: dict[str, Any] = {"capacity_rows": rows} if key == "assign" else {}
        built[key] = form_class(data, prefix=key, **kwargs)
    context = {
        "family": referral.family,
        "referral": referral,
        "forms": built,
        "capacity": rows,
        "suggestions": referrals.suggestions(rows),
        "basis": current_basis(referral.family),
        # The forms on offer; a refused one stays shown so its message is seen.
        "next": {step: step == bound or referrals.can(referral, step) for step in FORMS},
    }
    return built, context


def referral_decide(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="decide")
    _forms, context = _page(request, referral)
    return render(request, "intake/referral_decide.html", context)


def _decide(
    request: AsystaRequest,
    pk: int,
    referral_pk: int,
    key: str,
    call: Callable[[Referral, dict[str, Any]], Referral],
    success: str,
) -> HttpResponse:
    referral = get_referral_for(request.user, pk, referral_pk, need="decide")
    built, context = _page(request, referral, bound=key)
    form = built[key]
    if form.is_valid():
        try:
            call(referral, form.cleaned_data)
        except ReferralError as exc:
            add_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(detail_url(referral))
    return render(request, "intake/referral_decide.html", context, status=422)


def decide_assign(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    def call(referral: Referral, d: dict[str, Any]) -> Referral:
        done = referrals.decide_assign(
            referral=referral, assistant=d["assistant"], on=d["on"], by=request.user
        )
        warning = soft_cap_warning(centre=referral.family.centre, assistant=d["assistant"])
        if warning:
            messages.warning(request, warning)
        return done

    return _decide(request, pk, referral_pk, "assign", call, _("Przydzielono asystenta."))


def decide_pass_on(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        referral_pk,
        "pass_on",
        lambda r, d: referrals.decide_pass_on(
            referral=r, addressee=d["addressee"], note=d["note"], on=d["on"], by=request.user
        ),
        _("Zapisano przekazanie wniosku."),
    )


def decide_queue(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        referral_pk,
        "queue",
        lambda r, d: referrals.decide_queue(
            referral=r, priority=d["priority"], note=d["note"], on=d["on"], by=request.user
        ),
        _("Wniosek czeka w kolejce."),
    )


def decide_refuse(request: AsystaRequest, pk: int, referral_pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        referral_pk,
        "refuse",
        lambda r, d: referrals.decide_refuse(
            referral=r, reason=d["reason"], on=d["on"], by=request.user
        ),
        _("Zapisano odmowę przydziału."),
    )
