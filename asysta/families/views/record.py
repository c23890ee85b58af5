"""Children living outside the family, problem areas and the Niebieska Karta procedure."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from asysta.core.http import AsystaRequest
from asysta.families import privacy, record
from asysta.families.access import get_family_for
from asysta.families.forms import (
    BlueCardEndForm,
    BlueCardStartForm,
    PlacementEndForm,
    PlacementForm,
    ProblemsForm,
)
from asysta.families.models import ChildPlacement
from asysta.families.views._common import apply_service, form_page, to_detail

PLACEMENTS = "poza-rodzina"
PROBLEMS = "problemy"
BLUE_CARD = "niebieska-karta"


def placement_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    instance = ChildPlacement(centre_id=family.centre_id, family=family)
    form = PlacementForm(request.POST or None, instance=instance, family=family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, record.add_placement, family=family, by=request.user, **data):
            messages.success(request, _("Zapisano dziecko przebywające poza rodziną."))
            return to_detail(family, PLACEMENTS)
    context = {"form": form, "family": family, "placement": None}
    return form_page(request, "families/placement_form.html", context)


def placement_edit(request: AsystaRequest, pk: int, placement_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    placement = get_object_or_404(family.placements.select_related("child"), pk=placement_pk)
    form = PlacementForm(request.POST or None, instance=placement, family=family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(
            form, record.update_placement, placement=placement, by=request.user, **data
        ):
            messages.success(request, _("Zapisano zmiany."))
            return to_detail(family, PLACEMENTS)
    context = {"form": form, "family": family, "placement": placement}
    return form_page(request, "families/placement_form.html", context)


def placement_end(request: AsystaRequest, pk: int, placement_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    placement = get_object_or_404(family.placements.select_related("child"), pk=placement_pk)
    form = PlacementEndForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        until = form.cleaned_data["until"]
        if apply_service(
            form, record.end_placement, placement=placement, by=request.user, until=until
        ):
            messages.success(request, _("Zapisano zakończenie pobytu poza rodziną."))
            return to_detail(family, PLACEMENTS)
    context = {"form": form, "family": family, "placement": placement}
    return form_page(request, "families/placement_end.html", context)


def problems_edit(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    special = privacy.can_see_special(request.user, family)
    current = {p.area: p.note for p in family.problems.all()}
    hidden = (
        {} if special else {a: n for a, n in current.items() if a in privacy.SPECIAL_PROBLEM_AREAS}
    )
    shown = {a: n for a, n in current.items() if a not in hidden}
    form = ProblemsForm(
        request.POST or None,
        current=shown,
        hide=set() if special else privacy.SPECIAL_PROBLEM_AREAS,
    )
    if request.method == "POST" and form.is_valid():
        areas = form.areas() | hidden  # areas the user may not see stay as they were
        if apply_service(form, record.set_problems, family=family, by=request.user, areas=areas):
            messages.success(request, _("Zapisano obszary problemowe."))
            return to_detail(family, PROBLEMS)
    if special and any(a in privacy.SPECIAL_PROBLEM_AREAS for a in current):
        privacy.log_special_read(user=request.user, obj=family, request=request)
    return form_page(request, "families/problems_form.html", {"form": form, "family": family})


def blue_card_start(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    show_details = privacy.can_see_blue_card_details(request.user, family)
    form = BlueCardStartForm(request.POST or None, show_details=show_details)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_service(form, record.start_blue_card, family=family, by=request.user, **data):
            messages.success(request, _("Zapisano wszczęcie procedury „Niebieskie Karty”."))
            return to_detail(family, BLUE_CARD)
    context = {"form": form, "family": family, "show_details": show_details}
    return form_page(request, "families/blue_card_start.html", context)


def blue_card_end(request: AsystaRequest, pk: int, blue_card_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    blue_card = get_object_or_404(family.blue_cards, pk=blue_card_pk)
    form = BlueCardEndForm(request.POST or None, blue_card=blue_card)
    if request.method == "POST" and form.is_valid():
        ended_on = form.cleaned_data["ended_on"]
        if apply_service(
            form, record.end_blue_card, blue_card=blue_card, by=request.user, ended_on=ended_on
        ):
            messages.success(request, _("Zapisano zakończenie procedury „Niebieskie Karty”."))
            return to_detail(family, BLUE_CARD)
    context = {"form": form, "family": family, "blue_card": blue_card}
    return form_page(request, "families/blue_card_end.html", context)
