"""Read queries about court requests, for the statutory clock and the pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from asysta.core.models import Centre
from asysta.court.models import OpinionRequest, RequestStatus
from asysta.intake.models import Assignment


def _current_assistant() -> Subquery:
    """The id of the assistant the family has now (monitoring included), for each row."""
    open_one = Assignment.objects.filter(family=OuterRef("family_id"), ended_on__isnull=True)
    return Subquery(open_one.values("assistant_id")[:1])


def due_requests(
    centre: Centre,
    on: date | None = None,
    *,
    within_days: int | None = None,
    assistant: Any = None,
) -> QuerySet[OpinionRequest]:
    """Requests of `centre` whose opinion has not been sent yet, soonest deadline first.

    `within_days` keeps those due by `on` + that many days (overdue ones included);
    `assistant` keeps the families that assistant has now (monitoring included). Each row
    carries `current_assistant_id` (None for a family without an assistant, e.g. closed).
    """
    on = on or timezone.localdate()
    rows = OpinionRequest.objects.filter(centre=centre).exclude(status=RequestStatus.SENT)
    if within_days is not None:
        rows = rows.filter(due_on__lte=on + timedelta(days=within_days))
    if assistant is not None:
        rows = rows.filter(
            family__assignments__assistant=assistant, family__assignments__ended_on__isnull=True
        )
    rows = rows.annotate(current_assistant_id=_current_assistant())
    return rows.select_related("family").order_by("due_on", "pk")


def overdue_requests(centre: Centre, on: date | None = None) -> QuerySet[OpinionRequest]:
    """Requests past the court's deadline (before `on`) with the opinion not sent."""
    on = on or timezone.localdate()
    return due_requests(centre, on).filter(due_on__lt=on)
