"""The NK-A steps of the Niebieska Karta procedure: the form filled in, sent to the
interdisciplinary team, received by it, the diagnostic-and-support group's first meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from asysta.core.http import AsystaRequest
from asysta.families import privacy, record
from asysta.families.access import get_family_for
from asysta.families.forms import BlueCardEditForm, BlueCardStepForm
from asysta.families.models import BlueCard, Family
from asysta.families.views._common import apply_service, form_page, to_detail

BLUE_CARD = "niebieska-karta"
TEMPLATE = "families/blue_card_step.html"


def _step_page(
    request: AsystaRequest,
    family: Family,
    *,
    field: str,
    title: Any,
    run: Callable[..., Any],
    blue_card: BlueCard | None = None,
) -> HttpResponse:
    """The shared GET/POST of one step: a date → the service → back to the family page."""
    form = BlueCardStepForm(request.POST or None, field=field, label=title)
    if request.method == "POST" and form.is_valid():
        if apply_service(form, run, on=form.date()):
            messages.success(request, _("Zapisano: %(step)s.") % {"step": title})
            return to_detail(family, BLUE_CARD)
    context = {"form": form, "family": family, "blue_card": blue_card, "title": title}
    return form_page(request, TEMPLATE, context)


def blue_card_nka(request: AsystaRequest, pk: int) -> HttpResponse:
    """The NK-A form filled in (starts the procedure when none is running)."""
    family = get_family_for(request.user, pk, write=True)

    def run(*, on: Any) -> BlueCard:
        return record.record_nka(family=family, filled_on=on, by=request.user)

    title = _l("wypełnienie formularza „Niebieska Karta – A”")
    return _step_page(request, family, field="nka_filled_on", title=title, run=run)


def _card_step(field: str, service: Callable[..., BlueCard], title: Any) -> Callable[..., Any]:
    def view(request: AsystaRequest, pk: int, blue_card_pk: int) -> HttpResponse:
        family = get_family_for(request.user, pk, write=True)
        blue_card = get_object_or_404(family.blue_cards, pk=blue_card_pk)

        def run(*, on: Any) -> BlueCard:
            return service(blue_card=blue_card, on=on, by=request.user)

        return _step_page(request, family, field=field, title=title, run=run, blue_card=blue_card)

    return view


blue_card_dispatch = _card_step(
    "dispatched_on",
    record.record_dispatch_to_team,
    _l("przekazanie formularza NK-A do zespołu interdyscyplinarnego"),
)
blue_card_receipt = _card_step(
    "team_received_on",
    record.record_team_receipt,
    _l("otrzymanie formularza NK-A przez zespół interdyscyplinarny"),
)
blue_card_gdp = _card_step(
    "gdp_first_meeting_on",
    record.record_gdp_first_meeting,
    _l("pierwsze posiedzenie grupy diagnostyczno-pomocowej"),
)


def blue_card_edit(request: AsystaRequest, pk: int, blue_card_pk: int) -> HttpResponse:
    """Correct a procedure: its start, team and details, the dates of the NK-A steps."""
    family = get_family_for(request.user, pk, write=True)
    blue_card = get_object_or_404(family.blue_cards, pk=blue_card_pk)
    show_details = privacy.can_see_blue_card_details(request.user, family)
    form = BlueCardEditForm(request.POST or None, blue_card=blue_card, show_details=show_details)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(
            form, record.update_blue_card, blue_card=blue_card, by=request.user, **data
        ):
            messages.success(request, _("Zapisano zmiany w procedurze „Niebieskie Karty”."))
            return to_detail(family, BLUE_CARD)
    if request.method == "GET" and show_details and (blue_card.details + blue_card.team).strip():
        # The form shows the stored team and details: a display of restricted data.
        privacy.log_blue_card_read(user=request.user, obj=family, request=request)
    context = {"form": form, "family": family, "blue_card": blue_card, "show_details": show_details}
    return form_page(request, "families/blue_card_edit.html", context)
