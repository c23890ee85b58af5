"""Read queries about closures, for the statutory clock, the reports and the pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from asysta.closure.models import Closure
from asysta.core.models import Centre
from asysta.families.models import Family


def current_closure(family: Family) -> Closure | None:
    """The family's closure that was not re-opened (None while the work goes on)."""
    return family.closures.filter(reopened=False).first()


def in_monitoring(centre: Centre, *, assistant: Any = None) -> QuerySet[Closure]:
    """Closures of `centre` whose monitoring runs, the soonest end first; `assistant` keeps
    those whose monitoring that assistant carries out."""
    rows = Closure.objects.filter(
        centre=centre,
        monitoring_until__isnull=False,
        monitoring_ended_on__isnull=True,
        reopened=False,
    )
    if assistant is not None:
        rows = rows.filter(
            family__assignments__assistant=assistant, family__assignments__ended_on__isnull=True
        )
    return rows.select_related("family").order_by("monitoring_until", "pk")


def monitoring_due(
    centre: Centre, on: date | None = None, *, within_days: int = 0
) -> QuerySet[Closure]:
    """Running monitoring whose planned end is on or before `on` + `within_days`."""
    on = on or timezone.localdate()
    return in_monitoring(centre).filter(monitoring_until__lte=on + timedelta(days=within_days))
