from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.families.access import can_write
from asysta.families.models import Family
from asysta.intake import handover, services
from asysta.intake.caseload import assistants_of, capacity_table
from asysta.intake.handover_forms import FirstContactForm, HandoverForm, target_field_name
from asysta.intake.models import Assignment


def handover_view(request: AsystaRequest, user_pk: int) -> HttpResponse:
    """Preview of moving all families of one assistant, adjustable, then all-or-nothing."""
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    membership = assistants_of(centre).filter(user_id=user_pk).select_related("user").first()
    leaving = membership.user if membership else None
    if leaving is None:
        raise Http404
    proposal = handover.propose_handover(centre=centre, leaving=leaving)
    form = HandoverForm(
        request.POST or None, proposal=proposal, capacity=capacity_table(centre), leaving=leaving
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = handover.hand_over(
                centre=centre,
                moves=form.moves(),
                by=request.user,
                on=form.cleaned_data["on"],
                reason=form.reason_text(),
            )
        except handover.HandoverError as exc:
            _attach_problems(form, exc)
        else:
            messages.success(request, _("Przekazano rodziny: %(n)d.") % {"n": len(moved)})
            return redirect("intake:capacity")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "leaving": leaving, "capacity": capacity_table(centre)}
    return render(request, "intake/handover.html", context, status=status)


def _attach_problems(form: HandoverForm, exc: handover.HandoverError) -> None:
    by_pk = {move.assignment.pk: move.assignment for move in form.proposal}
    for pk, message in exc.problems.items():
        if pk in by_pk:
            form.add_error(target_field_name(by_pk[pk]), message)
        else:
            form.add_error("reason", message)


def first_contact(request: AsystaRequest, assignment_pk: int) -> HttpResponse:
    """Record the new assistant's first meeting with the family."""
    visible = Family.objects.visible_to(request.user)
    assignment = (
        Assignment.objects.filter(pk=assignment_pk, family__in=visible)
        .select_related("family", "assistant")
        .first()
    )
    if assignment is None:
        raise Http404
    family = assignment.family
    if not can_write(request.user, family):
        raise PermissionDenied
    form = FirstContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_first_contact(
                assignment=assignment,
                on=form.cleaned_data["on"],
                present=form.cleaned_data["present"],
                by=request.user,
            )
        except services.AssignmentError as exc:
            form.add_error("on", str(exc))
        else:
            messages.success(request, _("Zapisano pierwsze spotkanie."))
            return redirect("families:detail", pk=family.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "assignment": assignment, "family": family}
    return render(request, "intake/first_contact.html", context, status=status)
