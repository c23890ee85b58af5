"""What happens to an assessment after the assistant wrote it: the head acknowledges it, it is
dispatched (e.g. to the PCPR), and the plan's goals and actions are rated while it is a draft."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.assessments import queries, services
from asysta.assessments.forms import AcknowledgeForm, DispatchForm, RatingForm
from asysta.assessments.models import AssessmentStatus
from asysta.assessments.services.dispatches import pending_dispatches
from asysta.core.http import AsystaRequest
from asysta.families.views._common import apply_service, form_page

from ._common import assistant_family, one_of, refuse, writable_family


def assessment_acknowledge(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    """The head or the coordinator confirms they have read the submitted assessment."""
    family = writable_family(request, pk)
    assessment = one_of(family.assessments.select_related("made_by"), assessment_pk)
    detail = reverse("assessments:detail", args=[pk, assessment.pk])
    if not actor_for(request.user).writes_whole_centre:
        return refuse(request, _("Z oceną zapoznaje się kierownik lub koordynator."), detail)
    if assessment.status != AssessmentStatus.SUBMITTED:
        return refuse(request, _("Ta ocena nie czeka na zapoznanie się."), detail)
    form = AcknowledgeForm(request.POST or None, initial={"acknowledged_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            services.acknowledge_assessment,
            assessment=assessment,
            by=request.user,
            on=form.cleaned_data["acknowledged_on"],
            note=form.cleaned_data["note"],
        )
        if done is not None:
            messages.success(request, _("Potwierdzono zapoznanie się z oceną."))
            return redirect(detail)
    context = {"family": family, "assessment": assessment, "form": form}
    return form_page(request, "assessments/assessment_acknowledge.html", context)


def assessment_dispatch(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    """Record that the assessment was sent to another recipient (the PCPR, a court, ...)."""
    family = writable_family(request, pk)
    assessment = one_of(family.assessments.prefetch_related("dispatches"), assessment_pk)
    detail = reverse("assessments:detail", args=[pk, assessment.pk])
    if assessment.is_draft:
        return refuse(request, _("Roboczej oceny nie przekazuje się dalej."), detail)
    pending = pending_dispatches(assessment)
    initial = {
        "sent_on": timezone.localdate(),
        "recipient": pending[0].recipient if pending else "",
    }
    form = DispatchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            services.record_dispatch,
            assessment=assessment,
            by=request.user,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(
                request, _("Zapisano przekazanie oceny: %(r)s.") % {"r": done.recipient}
            )
            return redirect(detail)
    context = {"family": family, "assessment": assessment, "form": form, "pending": pending}
    return form_page(request, "assessments/assessment_dispatch.html", context)


def assessment_rate(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    """The assistant rates how far each goal and action of the plan in force was achieved."""
    family, refused = assistant_family(request, pk)
    if refused:
        return refused
    assessment = one_of(family.assessments.all(), assessment_pk)
    detail = reverse("assessments:detail", args=[pk, assessment.pk])
    if not assessment.is_draft:
        return refuse(request, _("Przekazanej oceny nie można już zmieniać."), detail)
    goals = queries.plan_goals(family)
    if not goals:
        return refuse(request, _("Rodzina nie ma obowiązującego planu z celami."), detail)
    current = {f"goal_{r.goal_id}": r for r in assessment.goal_achievements.all()}
    current |= {f"action_{r.action_id}": r for r in assessment.action_achievements.all()}
    form = RatingForm(request.POST or None, goals=goals, current=current)
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            form,
            services.rate_plan,
            assessment=assessment,
            by=request.user,
            goals=form.ratings("goal"),
            actions=form.ratings("action"),
        )
        if done is not None:
            messages.success(request, _("Zapisano realizację celów i działań."))
            return redirect(detail)
    context = {"family": family, "assessment": assessment, "form": form}
    return form_page(request, "assessments/assessment_rate.html", context)
