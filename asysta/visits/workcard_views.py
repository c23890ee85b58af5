"""The monthly work card (karta pracy) and the acknowledgement of child-safety alerts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import Actor, actor_for
from asysta.core.http import AsystaRequest
from asysta.visits import queries, services
from asysta.visits.forms import AssistantPickForm
from asysta.visits.models import SafetyAlert

YEARS = range(2000, 2101)


def _month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _whose_card(request: AsystaRequest, actor: Actor) -> tuple[Any, AssistantPickForm | None]:
    """The assistant whose card is shown, and the picker for those who see the whole centre.

    An assistant sees only their own card; asking for someone else's is a 404, as is a user of
    another centre.
    """
    wanted = request.GET.get("asystent")
    if not actor.sees_whole_centre:
        if wanted and wanted != str(request.user.pk):
            raise Http404
        return request.user, None
    form = AssistantPickForm(request.GET or None, centre_id=actor.centre_pk)
    if wanted:
        if not form.is_valid() or form.cleaned_data["asystent"] is None:
            raise Http404
        return form.cleaned_data["asystent"], form
    mine = actor.has(Role.ASSISTANT)
    return (request.user if mine else None), form


def work_card_current(request: AsystaRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("visits:work_card", year=today.year, month=today.month)


def work_card(request: AsystaRequest, year: int, month: int) -> HttpResponse:
    actor = actor_for(request.user)
    if year not in YEARS or not 1 <= month <= 12:
        raise Http404
    assistant, picker = _whose_card(request, actor)
    card = None
    if assistant is not None:
        card = queries.work_card(
            assistant=assistant, centre=actor.centre_pk, year=year, month=month
        )
    suffix = f"?asystent={assistant.pk}" if assistant is not None and picker else ""
    card_source = None
    if assistant is not None:  # what the printable document of the card is made from
        from asysta.core.models import Centre
        from asysta.documents.kinds.workcard import WorkCardSource

        centre = Centre.objects.get(pk=actor.centre_pk)
        card_source = WorkCardSource(assistant, centre, year, month)
    context = {
        "card_source": card_source,
        "card": card,
        "assistant": assistant,
        "picker": picker,
        "year": year,
        "month": month,
        "month_name": MONTHS[month],
        "previous": _month_shift(year, month, -1),
        "next": _month_shift(year, month, 1),
        "suffix": suffix,
        "printed_at": timezone.localtime(),
    }
    return render(request, "visits/work_card.html", context)


def alert_acknowledge(request: AsystaRequest, alert_pk: int) -> HttpResponse:
    """The coordinator or head confirms a child-safety alert of their centre (POST only)."""
    actor = actor_for(request.user)
    alert = (
        SafetyAlert.objects.filter(centre_id=actor.centre_pk, pk=alert_pk)
        .select_related("contact")
        .first()
    )
    if alert is None:
        raise Http404
    try:
        services.acknowledge_alert(alert=alert, by=request.user)
    except services.VisitsError as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, _("Potwierdzono alert dotyczący bezpieczeństwa dziecka."))
    back = request.POST.get("next", "")
    if back == "contact":
        return redirect("visits:contact_detail", pk=alert.family_id, contact_pk=alert.contact_id)
    return redirect("home")
