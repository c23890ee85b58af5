"""Team meetings on the family: list, record (with people and tasks), read, correct."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from asysta.assessments import queries, services
from asysta.assessments.forms import (
    ExternalFormSet,
    MeetingForm,
    TaskForm,
    TaskFormSet,
    external_rows,
    task_rows,
)
from asysta.assessments.models import MeetingTask, TeamMeeting
from asysta.core.http import AsystaRequest
from asysta.families.access import can_write
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page

from ._common import log_opened, one_of, readable_family, writable_family

FORM = "assessments/meeting_form.html"
PAGE_SIZE = 20


def meeting_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = readable_family(request, pk)
    log_opened(request, family)
    page = Paginator(queries.meetings_of(family), PAGE_SIZE).get_page(request.GET.get("p"))
    context = {"family": family, "page": page, "can_write": can_write(request.user, family)}
    return render(request, "assessments/meeting_list.html", context)


def _external_initial(meeting: TeamMeeting | None) -> list[dict[str, str]]:
    if meeting is None:
        return []
    return [
        {"name": p.name, "institution": p.institution} for p in meeting.external_participants.all()
    ]


def meeting_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = writable_family(request, pk)
    data = request.POST or None
    form = MeetingForm(
        data,
        family=family,
        instance=TeamMeeting(centre_id=family.centre_id, family=family),
        initial={"held_on": timezone.localdate(), "participants": [request.user.pk]},
    )
    external = ExternalFormSet(data, prefix="ext")
    tasks = TaskFormSet(data, prefix="task", form_kwargs={"family": family})
    if request.method == "POST" and all([form.is_valid(), external.is_valid(), tasks.is_valid()]):
        meeting = apply_service(
            form,
            services.create_meeting,
            family=family,
            by=request.user,
            external=external_rows(external),
            tasks=task_rows(tasks),
            **form.fields_for_service(),
        )
        if meeting is not None:
            messages.success(request, _("Zapisano spotkanie zespołu."))
            return redirect("assessments:meeting_detail", pk=pk, meeting_pk=meeting.pk)
    context = _form_context(family, form, external, tasks, _("Spotkanie zespołu"))
    return form_page(request, FORM, context)


def _form_context(
    family: Family, form: MeetingForm, external: Any, tasks: Any, title: str
) -> dict[str, Any]:
    return {"family": family, "form": form, "external": external, "tasks": tasks, "title": title}


def meeting_edit(request: AsystaRequest, pk: int, meeting_pk: int) -> HttpResponse:
    family = writable_family(request, pk)
    meeting = one_of(family.team_meetings.all(), meeting_pk)
    data = request.POST or None
    form = MeetingForm(data, family=family, instance=meeting)
    external = ExternalFormSet(data, prefix="ext", initial=_external_initial(meeting))
    if request.method == "POST" and form.is_valid() and external.is_valid():
        saved = apply_service(
            form,
            services.update_meeting,
            meeting=meeting,
            by=request.user,
            external=external_rows(external),
            **form.fields_for_service(),
        )
        if saved is not None:
            messages.success(request, _("Zapisano zmiany w zapisie spotkania."))
            return redirect("assessments:meeting_detail", pk=pk, meeting_pk=meeting.pk)
    context = _form_context(family, form, external, None, _("Spotkanie zespołu — korekta"))
    return form_page(request, FORM, context)


def meeting_detail(request: AsystaRequest, pk: int, meeting_pk: int) -> HttpResponse:
    family = readable_family(request, pk)
    meeting = one_of(
        queries.meetings_of(family)
        .select_related("assessment")
        .prefetch_related("members_present"),
        meeting_pk,
    )
    log_opened(request, meeting)
    may_write = can_write(request.user, family)
    context = {
        "family": family,
        "meeting": meeting,
        "can_write": may_write,
        "task_form": TaskForm(family=family, required=True) if may_write else None,
        "today": timezone.localdate(),
    }
    return render(request, "assessments/meeting_detail.html", context)


def meeting_task_add(request: AsystaRequest, pk: int, meeting_pk: int) -> HttpResponse:
    family = writable_family(request, pk)
    meeting = one_of(family.team_meetings.all(), meeting_pk)
    form = TaskForm(request.POST or None, family=family, required=True)
    if request.method == "POST" and form.is_valid():
        task = apply_service(
            form, services.add_meeting_task, meeting=meeting, by=request.user, **form.cleaned_data
        )
        if task is not None:
            messages.success(request, _("Dodano zadanie: %(t)s.") % {"t": task.what})
            return redirect("assessments:meeting_detail", pk=pk, meeting_pk=meeting.pk)
    context = {"family": family, "meeting": meeting, "form": form}
    return form_page(request, "assessments/meeting_task_form.html", context)


@require_POST
def meeting_task_done(
    request: AsystaRequest, pk: int, meeting_pk: int, task_pk: int
) -> HttpResponse:
    """Mark a follow-up task done today (POST only)."""
    family = writable_family(request, pk)
    meeting = one_of(family.team_meetings.all(), meeting_pk)
    task: MeetingTask = one_of(meeting.tasks.all(), task_pk)
    try:
        services.complete_meeting_task(task=task, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Zadanie oznaczone jako wykonane."))
    return redirect("assessments:meeting_detail", pk=pk, meeting_pk=meeting.pk)
