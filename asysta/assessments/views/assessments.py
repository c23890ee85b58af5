"""The periodic assessment: list, write (the family's assistant), read, submit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.assessments import queries, schedule, services
from asysta.assessments.forms import AssessmentForm
from asysta.assessments.models import PeriodicAssessment, anchor
from asysta.core.http import AsystaRequest
from asysta.families.access import can_write
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page

from ._common import assistant_family, log_opened, one_of, readable_family, refuse

FORM = "assessments/assessment_form.html"
PAGE_SIZE = 20


def assessment_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = readable_family(request, pk)
    log_opened(request, family)
    page = Paginator(queries.assessments_of(family), PAGE_SIZE).get_page(request.GET.get("p"))
    for assessment in page:
        # For the template's score summary; not a model field.
        setattr(assessment, "ordered", queries.ordered_scores(assessment))  # noqa: B010
    context = {
        "family": family,
        "page": page,
        "due_on": schedule.next_assessment_due(family),
        "today": timezone.localdate(),
        "may_write": services.is_assistant_of(family, request.user),
    }
    return render(request, "assessments/assessment_list.html", context)


def _form_context(family: Family, form: AssessmentForm, title: str) -> dict[str, object]:
    return {"family": family, "form": form, "title": title}


def assessment_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family, refused = assistant_family(request, pk)
    if refused:
        return refused
    start, end = queries.suggested_period(family)
    today = timezone.localdate()
    form = AssessmentForm(
        request.POST or None,
        instance=PeriodicAssessment(centre_id=family.centre_id, family=family),
        initial={"period_from": start, "period_to": end, "made_on": today},
        previous=queries.previous_scores(family, before=start or today),
    )
    if request.method == "POST" and form.is_valid():
        fields = form.fields_for_service()
        assessment = apply_service(
            form,
            services.create_assessment,
            family=family,
            by=request.user,
            scores=form.scores(),
            **fields,
        )
        if assessment is not None:
            messages.success(request, _("Zapisano ocenę okresową (wersja robocza)."))
            return redirect("assessments:detail", pk=pk, assessment_pk=assessment.pk)
    return form_page(request, FORM, _form_context(family, form, _("Nowa ocena okresowa")))


def assessment_edit(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    family, refused = assistant_family(request, pk)
    if refused:
        return refused
    assessment = one_of(family.assessments.all(), assessment_pk)
    detail = reverse("assessments:detail", args=[pk, assessment.pk])
    if not assessment.is_draft:
        return refuse(request, _("Przekazanej oceny nie można już zmieniać."), detail)
    previous = queries.previous_scores(family, before=assessment.period_from, exclude=assessment.pk)
    form = AssessmentForm(request.POST or None, instance=assessment, previous=previous)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.update_assessment,
            assessment=assessment,
            by=request.user,
            scores=form.scores(),
            **form.fields_for_service(),
        )
        if saved is not None:
            messages.success(request, _("Zapisano zmiany w ocenie."))
            return redirect(detail)
    return form_page(request, FORM, _form_context(family, form, _("Ocena okresowa — edycja")))


def _score_rows(assessment: PeriodicAssessment, previous: dict[str, int]) -> list[dict]:
    return [
        {
            "score": s,
            "anchor": anchor(s.area, s.score),
            "previous": previous.get(s.area),
        }
        for s in queries.ordered_scores(assessment)
    ]


def assessment_detail(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    family = readable_family(request, pk)
    rows = family.assessments.select_related("made_by", "acknowledged_by").prefetch_related(
        "scores", "dispatches"
    )
    assessment = one_of(rows, assessment_pk)
    log_opened(request, assessment)
    previous = queries.previous_scores(family, before=assessment.period_from, exclude=assessment.pk)
    actor = actor_for(request.user)
    context = {
        "family": family,
        "assessment": assessment,
        "score_rows": _score_rows(assessment, previous),
        "achievements": queries.achievements_of(assessment),
        "is_author": services.is_assistant_of(family, request.user),
        "may_acknowledge": actor.writes_whole_centre and actor.centre_id == family.centre_id,
        "may_dispatch": can_write(request.user, family),
    }
    return render(request, "assessments/assessment_detail.html", context)


def assessment_submit(request: AsystaRequest, pk: int, assessment_pk: int) -> HttpResponse:
    family, refused = assistant_family(request, pk)
    if refused:
        return refused
    assessment = one_of(family.assessments.all(), assessment_pk)
    detail = reverse("assessments:detail", args=[pk, assessment.pk])
    if not assessment.is_draft:
        return refuse(request, _("Ta ocena została już przekazana kierownikowi."), detail)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        done = apply_service(
            form, services.submit_assessment, assessment=assessment, by=request.user
        )
        if done is not None:
            messages.success(request, _("Ocena została przekazana kierownikowi."))
            return redirect(detail)
    context = {"family": family, "assessment": assessment, "form": form}
    return form_page(request, "assessments/assessment_submit.html", context)
