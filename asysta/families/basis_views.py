"""Pages of the legal-basis ledger under a family: consent, withdrawal, court order, Za życiem.

The family's assistant, the head, the coordinator and the family's own social worker record the
basis; the auditor reads it on the family page only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.families import basis
from asysta.families.access import can_write, get_family_for
from asysta.families.basis_forms import (
    ConsentForm,
    CourtOrderForm,
    WithdrawConsentForm,
    ZaZycieForm,
)
from asysta.families.models import Consent, CourtOrder, Family, ZaZycieApplication
from asysta.families.views._common import apply_service, form_page, to_detail

TEMPLATE = "families/basis_form.html"
SECTION = "podstawa"


def handles_casework(user: Any, family: Family) -> bool:
    """The head or coordinator of the family's centre, or the family's own social worker."""
    actor = actor_for(user)
    return actor.centre_id == family.centre_id and (
        actor.writes_whole_centre
        or (actor.has(Role.SOCIAL_WORKER) and family.social_worker_id == user.pk)
    )


def may_record_basis(user: Any, family: Family) -> bool:
    """Who records the basis: its assistant, the head, the coordinator, its social worker."""
    return can_write(user, family) or handles_casework(user, family)


def get_family_for_basis(user: Any, pk: int) -> Family:
    """The family `pk`: 404 unless the user sees it, 403 unless they may record its basis."""
    family = get_family_for(user, pk)
    if not may_record_basis(user, family):
        raise PermissionDenied
    return family


def _record(
    request: AsystaRequest, pk: int, form_class: Any, model: Any, service: Any, *, title: str
) -> HttpResponse:
    family = get_family_for_basis(request.user, pk)
    instance = model(centre_id=family.centre_id, family=family)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if apply_service(form, service, family=family, by=request.user, **form.cleaned_data):
            messages.success(request, _("Zapisano: %(t)s.") % {"t": title.lower()})
            return to_detail(family, SECTION)
    return form_page(request, TEMPLATE, {"family": family, "form": form, "title": title})


def consent_add(request: AsystaRequest, pk: int) -> HttpResponse:
    return _record(request, pk, ConsentForm, Consent, basis.add_consent, title=_("Zgoda rodziny"))


def court_order_add(request: AsystaRequest, pk: int) -> HttpResponse:
    return _record(
        request,
        pk,
        CourtOrderForm,
        CourtOrder,
        basis.add_court_order,
        title=_("Postanowienie sądu"),
    )


def za_zyciem_add(request: AsystaRequest, pk: int) -> HttpResponse:
    return _record(
        request,
        pk,
        ZaZycieForm,
        ZaZycieApplication,
        basis.add_za_zyciem_application,
        title=_("Wniosek „Za życiem”"),
    )


def consent_withdraw(request: AsystaRequest, pk: int, consent_pk: int) -> HttpResponse:
    family = get_family_for_basis(request.user, pk)
    consent = family.consents.filter(pk=consent_pk).first()
    if consent is None:
        raise Http404
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = apply_service(
            form,
            basis.withdraw_consent,
            consent=consent,
            by=request.user,
            on=data["withdrawn_on"],
            note=data["withdrawal_note"],
        )
        if done:
            messages.success(request, _("Zapisano wycofanie zgody."))
            return to_detail(family, SECTION)
    context = {"family": family, "form": form, "consent": consent, "title": _("Wycofanie zgody")}
    return form_page(request, TEMPLATE, context)
