from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for, centre_of
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.families.access import get_family_for
from asysta.families.models import Family
from asysta.intake import services
from asysta.intake.caseload import most_loaded
from asysta.intake.forms import AssignForm

# The start page shows the most loaded assistants; the capacity page shows them all.
HOME_CAPACITY_ROWS = 10


def home(request: AsystaRequest) -> HttpResponse:
    """Each role's start page: the assistant's own families, the head's centre overview."""
    actor = actor_for(request.user)
    if actor.has(Role.HEAD, Role.COORDINATOR):
        centre = centre_of(request.user)
        capacity = services.capacity_table(centre)
        context = {
            "centre": centre,
            "capacity": capacity,
            "capacity_panel": most_loaded(capacity, HOME_CAPACITY_ROWS),
            "family_count": Family.objects.filter(centre=centre).count(),
        }
        return render(request, "intake/home_head.html", context)
    if actor.has(Role.ASSISTANT, Role.SOCIAL_WORKER, Role.AUDITOR):
        return redirect("families:list")
    if actor.has(Role.ADMIN):
        return redirect("admin:index")
    return render(request, "intake/home_other.html")


def capacity(request: AsystaRequest) -> HttpResponse:
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    return render(
        request,
        "intake/capacity.html",
        {"centre": centre, "capacity": services.capacity_table(centre)},
    )


def assign(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    rows = services.capacity_table(family.centre)
    form = AssignForm(request.POST or None, capacity_rows=rows)
    if request.method == "POST" and form.is_valid():
        assistant = form.cleaned_data["assistant"]
        try:
            services.assign_assistant(
                family=family,
                assistant=assistant,
                by=request.user,
                started_on=form.cleaned_data["started_on"],
                reason=form.cleaned_data["reason"],
            )
        except services.AssignmentError as exc:
            form.add_error("assistant", str(exc))
        else:
            messages.success(request, _("Przydzielono asystenta: %(u)s.") % {"u": assistant})
            if warning := services.soft_cap_warning(centre=family.centre, assistant=assistant):
                messages.warning(request, warning)
            return redirect("families:detail", pk=family.pk)
    current = family.assignments.filter(ended_on__isnull=True).select_related("assistant").first()
    status = 422 if request.method == "POST" else 200
    context = {"family": family, "form": form, "current": current, "capacity": rows}
    return render(request, "intake/assign.html", context, status=status)
