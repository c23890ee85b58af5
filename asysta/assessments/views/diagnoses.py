"""The initial diagnosis: record it, read it, correct it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.assessments import services
from asysta.assessments.forms import DiagnosisForm
from asysta.assessments.models import Area, InitialDiagnosis
from asysta.core.http import AsystaRequest
from asysta.families.access import can_write
from asysta.families.views._common import apply_service, form_page

from ._common import log_opened, one_of, readable_family, writable_family

FORM = "assessments/diagnosis_form.html"


def diagnosis_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = writable_family(request, pk)
    instance = InitialDiagnosis(centre_id=family.centre_id, family=family)
    form = DiagnosisForm(
        request.POST or None, instance=instance, initial={"made_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        diagnosis = apply_service(
            form,
            services.create_diagnosis,
            family=family,
            by=request.user,
            areas=form.areas(),
            **form.fields_for_service(),
        )
        if diagnosis is not None:
            messages.success(request, _("Zapisano ocenę wstępną rodziny."))
            return redirect("assessments:diagnosis_detail", pk=family.pk, diagnosis_pk=diagnosis.pk)
    context = {"family": family, "form": form, "title": _("Ocena wstępna (diagnoza)")}
    return form_page(request, FORM, context)


def diagnosis_detail(request: AsystaRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    family = readable_family(request, pk)
    diagnosis = one_of(family.diagnoses.select_related("made_by"), diagnosis_pk)
    log_opened(request, diagnosis)
    rows = {r.area: r for r in diagnosis.areas.all()}
    areas = [(label, rows[code]) for code, label in Area.choices if code in rows]
    context = {
        "family": family,
        "diagnosis": diagnosis,
        "areas": areas,
        "can_write": can_write(request.user, family),
    }
    return render(request, "assessments/diagnosis_detail.html", context)


def diagnosis_edit(request: AsystaRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    family = writable_family(request, pk)
    diagnosis = one_of(family.diagnoses.all(), diagnosis_pk)
    form = DiagnosisForm(request.POST or None, instance=diagnosis)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.update_diagnosis,
            diagnosis=diagnosis,
            by=request.user,
            areas=form.areas(),
            **form.fields_for_service(),
        )
        if saved is not None:
            messages.success(request, _("Zapisano zmiany w ocenie wstępnej."))
            return redirect("assessments:diagnosis_detail", pk=family.pk, diagnosis_pk=saved.pk)
    context = {"family": family, "form": form, "title": _("Korekta oceny wstępnej")}
    return form_page(request, FORM, context)
