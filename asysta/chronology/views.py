"""The family's chronology page: every event, filtered by type and period, printable."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from asysta.audit.services import log_read
from asysta.chronology.forms import TimelineFilterForm
from asysta.chronology.timeline import EventKind, family_timeline
from asysta.core.http import AsystaRequest, query_without
from asysta.families.access import get_family_for

SECTION = "chronology"
# A long case has hundreds of events: a page at a time, all of them for printing.
PAGE_SIZE = 100
ALL = "wszystkie"


def family_chronology(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, section=SECTION, request=request)
    form = TimelineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = family_timeline(
        family,
        kinds=filters.get("kinds") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    everything = request.GET.get(ALL) == "1"
    page = None if everything else Paginator(events, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "family": family,
        "form": form,
        "events": events if page is None else page.object_list,
        "total": len(events),
        "page": page,
        "query": query_without(request, "p", ALL),
        "kind_labels": [EventKind(kind).label for kind in filters.get("kinds", [])],
        "period": (filters.get("date_from"), filters.get("date_to")),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(request, "chronology/family.html", context, status=status)
