"""Ended work in the half-year report: closures by reason and the duration of cooperation.

Each closure with `closed_on` in the period counts once (a family closed twice counts twice).
The cooperation a closure ended started at the first assignment start after the family's
previous closure (so a family that ended and returned is measured from its return), and its
length falls in one of `DURATION_BUCKETS`. Five queries whatever the number of closures.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.base import Item, Period
from asysta.reports.common import add_months, by_family, d, family_item
from asysta.reports.semiannual_rows import DURATION_BUCKETS


def cooperation_starts(
    closures: list[Closure], in_period: QuerySet[Closure], period: Period
) -> dict[int, date]:
    """closure pk -> the first assignment start of the cooperation it ended (two queries,
    always: the families are a subquery, not a list that could be empty or too long)."""
    family_ids = in_period.values("family_id")
    assignments = by_family(
        Assignment.objects.filter(family_id__in=family_ids, started_on__lte=period.end).only(
            "pk", "family_id", "started_on"
        )
    )
    history = by_family(
        Closure.objects.filter(family_id__in=family_ids, closed_on__lte=period.end)
        .only("pk", "family_id", "closed_on", "assignment_id")
        .order_by("closed_on", "pk")
    )
    starts: dict[int, date] = {}
    for closure in closures:
        earlier = [
            c
            for c in history[closure.family_id]
            if (c.closed_on, c.pk) < (closure.closed_on, closure.pk)
        ]
        previous = earlier[-1] if earlier else None
        candidates = [
            a.started_on
            for a in assignments[closure.family_id]
            if a.started_on <= closure.closed_on
            and (
                previous is None
                or a.started_on > previous.closed_on
                or (a.started_on == previous.closed_on and a.pk != previous.assignment_id)
            )
        ]
        starts[closure.pk] = min(candidates, default=closure.closed_on)
    return starts


def ended_figures(
    centre: Centre, period: Period
) -> tuple[dict[str, list[Item]], list[tuple[str, Item]]]:
    """The rows of ended work, and every closure as (reason, item) for the rows that count
    chosen reasons."""
    in_period = Closure.objects.filter(
        centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
    )
    closures = list(
        in_period.select_related("family")
        .only("family", "closed_on", "reason", "family__surname", "family__case_number")
        .order_by("closed_on", "pk")
    )
    starts = cooperation_starts(closures, in_period, period)
    out: dict[str, list[Item]] = defaultdict(list)
    closures_by_reason: list[tuple[str, Item]] = []
    ended, lasted = _("zakończenie pracy %(d)s: %(r)s"), _("współpraca %(s)s–%(e)s")
    reasons = {value: str(label) for value, label in REASON_CHOICES}  # translated once
    for closure in closures:
        reason_label = reasons[closure.reason]
        why = ended % {"d": d(closure.closed_on), "r": reason_label}
        item = family_item(closure.family, why)
        out["families_ended"].append(item)
        out[f"ended_{closure.reason}"].append(item)
        closures_by_reason.append((closure.reason, item))
        start = starts[closure.pk]
        for code, months, _label in DURATION_BUCKETS:
            if months is None or closure.closed_on <= add_months(start, months):
                out[code].append(
                    family_item(closure.family, lasted % {"s": d(start), "e": d(closure.closed_on)})
                )
                break
    return out, closures_by_reason
