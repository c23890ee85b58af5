"""Ended work in the half-year report: closures by reason and the duration of cooperation.

Each closure with `closed_on` in the period counts once (a family closed twice counts twice).
The cooperation a closure ended started at the first assignment start after the family's
previous closure (so a family that ended and returned is measured from its return), and its
length falls in one of `DURATION_BUCKETS`.

All of it is SQL: the previous closure and the first start are subqueries of each closure, and
the length is counted in whole months from the calendar fields, so the values are one grouped
query (by reason and months) and each list is one query.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan, IsNull
from django.utils.translation import gettext as _

from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.base import Item, Period
from asysta.reports.common import CHUNK, d, family_label
from asysta.reports.semiannual_rows import DURATION_BUCKETS

ENDED = "families_ended"
REASON_PREFIX = "ended_"
BUCKET_CODES = tuple(code for code, _months, _label in DURATION_BUCKETS)


@functools.cache
def _previous(field: str) -> Subquery:
    """`field` of the family's closure just before this one (by day, then by id)."""
    earlier = Closure.objects.filter(family=OuterRef("family")).filter(
        Q(closed_on__lt=OuterRef("closed_on"))
        | Q(closed_on=OuterRef("closed_on"), pk__lt=OuterRef("pk"))
    )
    return Subquery(earlier.order_by("-closed_on", "-pk").values(field)[:1])


def _cooperation() -> QuerySet[Assignment]:
    """The assignments of the cooperation the outer closure ended, the first first: started on
    or before it and after the previous closure — or on its day, when not the assignment that
    closure closed. (A LIMIT 1 rather than MIN: the bucket is computed on the same row.)"""
    after_previous = (
        Q(IsNull(OuterRef("previous_on"), True))
        | Q(GreaterThan(F("started_on"), OuterRef("previous_on")))
        | (
            Q(Exact(F("started_on"), OuterRef("previous_on")))
            & (
                Q(IsNull(OuterRef("previous_assignment"), True))
                | ~Q(Exact(F("pk"), OuterRef("previous_assignment")))
            )
        )
    )
    return (
        Assignment.objects.filter(family=OuterRef("family"), started_on__lte=OuterRef("closed_on"))
        .filter(after_previous)
        .order_by("started_on", "pk")
    )


def _months_started() -> Any:
    """Calendar months from the start to the closure, a month counted once its day is passed:
    `closed_on <= add_months(start, m)` exactly when this is at most m (`add_months` keeps the
    day or takes the month's last one, and a day of that month is never past its last day)."""
    closed, start = OuterRef("closed_on"), F("started_on")
    return (
        (ExtractYear(closed) - ExtractYear(start)) * 12
        + ExtractMonth(closed)
        - ExtractMonth(start)
        + Case(When(GreaterThan(ExtractDay(closed), ExtractDay(start)), then=1), default=0)
    )


@functools.cache
def _months() -> Coalesce:
    """The length of the closure's cooperation in months started (0 when no assignment
    started it: the cooperation then lasts no time). Made once: the expression does not depend
    on the centre or period, and each query that uses it resolves its own copy."""
    rows = _cooperation().annotate(months=_months_started())
    return Coalesce(Subquery(rows.values("months")[:1]), Value(0))


def bucket_of(months: int) -> str:
    """The code of the duration bucket of a cooperation of `months` months started."""
    for code, limit, _label in DURATION_BUCKETS:
        if limit is None or months <= limit:
            return code
    raise AssertionError("the last bucket has no limit")


def _in_bucket(code: str) -> Q:
    """Closures whose cooperation falls in the bucket `code`: over the previous limit, up to
    its own — as one comparison of the months (an IN list for a bounded bucket), so that the
    database evaluates, and the planner costs, the months' subquery once per closure."""
    limits = {c: limit for c, limit, _label in DURATION_BUCKETS}
    index = BUCKET_CODES.index(code)
    lower = limits[BUCKET_CODES[index - 1]] if index else None
    upper = limits[code]
    if lower is None:
        return Q(months__lte=upper)
    if upper is None:
        return Q(months__gt=lower)
    return Q(months__in=range(lower + 1, upper + 1))


def closures_in(centre: Centre, period: Period) -> QuerySet[Any]:
    """The closures of the period, each with its previous closure and the months its
    cooperation lasted."""
    return (
        Closure.objects.filter(
            centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
        )
        .annotate(previous_on=_previous("closed_on"), previous_assignment=_previous("assignment"))
        .annotate(months=_months())
    )


def ended_values(centre: Centre, period: Period) -> dict[str, int]:
    """families_ended, ended_<reason> and the duration buckets: one query grouping the
    closures by reason and months of cooperation (a few dozen rows), summed up here."""
    rows = closures_in(centre, period).order_by().values("reason", "months").annotate(n=Count("pk"))
    out = dict.fromkeys([ENDED, *(f"ended_{r}" for r, _label in REASON_CHOICES)], 0)
    out.update(dict.fromkeys(BUCKET_CODES, 0))
    for row in rows:
        out[ENDED] += row["n"]
        out[f"ended_{row['reason']}"] = out.get(f"ended_{row['reason']}", 0) + row["n"]
        out[bucket_of(row["months"])] += row["n"]
    return out


def ended_items(centre: Centre, period: Period, key: str) -> Iterator[Item]:
    """The closures a figure of ended work counts: `families_ended`, `ended_<reason>`,
    `reasons:<r>,<r>` (a row counting chosen reasons) or a duration bucket."""
    closures = closures_in(centre, period)
    if key in BUCKET_CODES:
        return _lasted(closures.filter(_in_bucket(key)))
    if key.startswith(REASON_PREFIX):
        closures = closures.filter(reason=key.removeprefix(REASON_PREFIX))
    elif key.startswith("reasons:"):
        closures = closures.filter(reason__in=key.removeprefix("reasons:").split(","))
    return _ended(closures)


def _rows(closures: QuerySet[Any], *columns: str) -> Iterator[Any]:
    return (
        closures.order_by("closed_on", "pk")
        .values_list("family_id", "family__surname", "family__case_number", "closed_on", *columns)
        .iterator(CHUNK)
    )


def _ended(closures: QuerySet[Any]) -> Iterator[Item]:
    ended = _("zakończenie pracy %(d)s: %(r)s")
    reasons = {value: str(label) for value, label in REASON_CHOICES}  # translated once
    for family_id, surname, case_number, closed_on, reason in _rows(closures, "reason"):
        why = ended % {"d": d(closed_on), "r": reasons[reason]}
        yield Item("family", family_id, family_label(surname, case_number), why)


def _lasted(closures: QuerySet[Any]) -> Iterator[Item]:
    started = Subquery(_cooperation().values("started_on")[:1])
    lasted = _("współpraca %(s)s–%(e)s")
    rows = _rows(closures.annotate(start=Coalesce(started, F("closed_on"))), "start")
    for family_id, surname, case_number, closed_on, start in rows:
        why = lasted % {"s": d(start), "e": d(closed_on)}
        yield Item("family", family_id, family_label(surname, case_number), why)
