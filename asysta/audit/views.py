from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from asysta.accounts.roles import actor_for
from asysta.audit.forms import LogFilterForm
from asysta.audit.services import entries_for_centre
from asysta.core.http import AsystaRequest


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_log(request: AsystaRequest) -> HttpResponse:
    """The centre's audit trail for the head and the auditor, filtered on the server."""
    actor = actor_for(request.user)
    entries = entries_for_centre(actor.centre_pk)
    form = LogFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            entries = entries.filter(actor__username=data["user"].strip())
        if data["case_number"]:
            entries = entries.filter(additional_data__case_number=data["case_number"].strip())
        if data["action"]:
            entries = entries.filter(action=int(data["action"]))
        if data["date_from"]:
            entries = entries.filter(timestamp__gte=_day_start(data["date_from"]))
        if data["date_to"]:
            end = _day_start(data["date_to"]) + timedelta(days=1)
            entries = entries.filter(timestamp__lt=end)
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    template = "audit/log.html#results" if request.htmx else "audit/log.html"
    return render(request, template, {"form": form, "page": page})
