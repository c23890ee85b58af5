"""The figures of the dashboards (pulpit): the head's and coordinator's view of the centre and
the assistant's view of their own work.

Every aggregate is computed in SQL (annotate / aggregate / values + Count, Avg): the number of
queries of each panel is fixed whatever the number of families. The overdue statutory steps come
from the deadline providers of `asysta.deadlines.clock` (each a bounded number of queries).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import gettext_lazy

from asysta.assessments.models import COUNTED_STATUSES, Area, AreaScore, PeriodicAssessment
from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.deadlines.clock import Deadline, overdue
from asysta.families.models import Family, ReportingCategory
from asysta.families.record import with_reporting_category
from asysta.intake.caseload import Capacity, capacity_table
from asysta.intake.models import Assignment, Phase, QueuePriority, Referral, ReferralStatus
from asysta.reports.base import Period
from asysta.visits.models import Contact

# NIK's audit of family assistance (P/14/048): in the audited centres about one closure in five
# ended because the goals of the work plan were achieved (12 of 61, 4 of 20; domain.md §6.1).
NIK_GOALS_ACHIEVED_PERCENT = Decimal(20)
GOALS_ACHIEVED = "goals_achieved"
# The trend panel shows the first periodic assessments of each family, up to this one.
MAX_SEQUENCE = 6

# Names of the kinds of statutory steps on the overdue board (the label of a single deadline
# may carry the step's own details, e.g. the text of a plan action).
DEADLINE_KINDS: dict[str, Any] = {
    "first_meeting": gettext_lazy("pierwsze spotkanie z rodziną"),
    "plan_review": gettext_lazy("przegląd planu pracy z rodziną"),
    "plan_action": gettext_lazy("działania planu po terminie"),
    "court_opinion": gettext_lazy("opinie dla sądu"),
    "monitoring_end": gettext_lazy("zakończenie monitoringu"),
    "assessment": gettext_lazy("okresowa ocena sytuacji rodziny"),
    "nka_dispatch": gettext_lazy("przekazanie formularza NK-A"),
    "gdp_meeting": gettext_lazy("posiedzenie grupy diagnostyczno-pomocowej"),
}


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent with one decimal (None when there is nothing to divide)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- head and coordinator ----------------------------------------------------------------------


def caseload(centre: Centre, on: date) -> list[Capacity]:
    """Families counted toward the cap per assistant (the intake's capacity table)."""
    return capacity_table(centre, on)


@dataclass(frozen=True)
class QueueSummary:
    waiting: int
    oldest_since: date | None
    oldest_days: int | None
    by_priority: list[tuple[str, int]]  # (priority label, count) in the order of the queue


def queue_summary(centre: Centre, on: date) -> QueueSummary:
    """Requests waiting for an assistant: how many, since when the oldest, by priority (one
    aggregate query)."""
    columns: dict[str, Any] = {"waiting": Count("pk"), "oldest": Min("queued_on")}
    for priority in QueuePriority:
        columns[f"p{priority.value}"] = Count("pk", filter=Q(queue_priority=priority.value))
    row = Referral.objects.filter(centre=centre, status=ReferralStatus.QUEUED).aggregate(**columns)
    oldest = row["oldest"]
    return QueueSummary(
        waiting=row["waiting"],
        oldest_since=oldest,
        oldest_days=(on - oldest).days if oldest else None,
        by_priority=[(str(p.label), row[f"p{p.value}"]) for p in QueuePriority],
    )


def kind_label(deadline: Deadline) -> str:
    return str(DEADLINE_KINDS.get(deadline.kind, deadline.label))


def overdue_by_kind(centre: Centre, on: date) -> list[tuple[str, int]]:
    """Overdue statutory steps of the centre by kind, the most numerous first (the same list as
    the overdue board)."""
    counts = Counter(kind_label(d) for d in overdue(centre, on))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _by_category(families: QuerySet[Family], on: date) -> list[tuple[str, int]]:
    rows = (
        with_reporting_category(families, on=on)
        .order_by()
        .values("reporting_category")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {row["reporting_category"]: row["n"] for row in rows}
    return [(str(c.label), counts.get(c.value, 0)) for c in ReportingCategory]


def families_by_category(centre: Centre, on: date) -> list[tuple[str, int]]:
    """Families in work with an assistant today (open assignment, not in monitoring), by the
    reporting category on `on` (one query)."""
    in_work = Assignment.objects.filter(
        family=OuterRef("pk"), ended_on__isnull=True, phase=Phase.ACTIVE
    )
    return _by_category(Family.objects.filter(Exists(in_work), centre=centre), on)


@dataclass(frozen=True)
class ClosureSummary:
    period: Period
    by_reason: list[tuple[str, int]]  # every closure reason, zeros included
    total: int
    achieved: int

    @property
    def achieved_percent(self) -> Decimal | None:
        return percent(self.achieved, self.total)


def closures(centre: Centre, period: Period) -> ClosureSummary:
    """Closures of the period by reason (one grouped query). A family closed, reopened and
    closed again counts once per closure, as in the activity report."""
    rows = (
        Closure.objects.filter(
            centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
        )
        .order_by()
        .values("reason")
        .annotate(n=Count("pk"))
    )
    counts = {row["reason"]: row["n"] for row in rows}
    return ClosureSummary(
        period=period,
        by_reason=[(str(label), counts.get(value, 0)) for value, label in REASON_CHOICES],
        total=sum(counts.values()),
        achieved=counts.get(GOALS_ACHIEVED, 0),
    )


@dataclass(frozen=True)
class AreaTrend:
    area: str
    label: str
    points: list[tuple[int, Decimal, int]]  # (sequence number, average score, assessments)


def _sequence_number() -> Subquery:
    """The place of a score's assessment among its family's counted assessments (1 = first),
    by the end of the assessed period."""
    own = "assessment__"
    earlier = (
        PeriodicAssessment.objects.filter(
            family=OuterRef(f"{own}family"), status__in=COUNTED_STATUSES
        )
        .filter(
            Q(period_to__lt=OuterRef(f"{own}period_to"))
            | Q(period_to=OuterRef(f"{own}period_to"), pk__lte=OuterRef("assessment_id"))
        )
        .order_by()
        .values("family")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(earlier, output_field=IntegerField())


def area_trends(centre: Centre) -> list[AreaTrend]:
    """The average score (1–5) of each area at the 1st, 2nd, 3rd... periodic assessment of the
    centre's families (submitted or acknowledged ones), in one grouped query."""
    rows = (
        AreaScore.objects.filter(centre=centre, assessment__status__in=COUNTED_STATUSES)
        .annotate(seq=_sequence_number())
        .filter(seq__lte=MAX_SEQUENCE)
        .order_by()
        .values("area", "seq")
        .annotate(avg=Avg("score"), n=Count("pk"))
        .order_by("area", "seq")
    )
    points: dict[str, list[tuple[int, Decimal, int]]] = {}
    for row in rows:
        average = Decimal(str(row["avg"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        points.setdefault(row["area"], []).append((row["seq"], average, row["n"]))
    return [AreaTrend(a.value, str(a.label), points[a.value]) for a in Area if a.value in points]


# --- the assistant -----------------------------------------------------------------------------


def my_families_by_category(user: Any, on: date) -> list[tuple[str, int]]:
    """The families the assistant sees (assigned now, monitoring included) by category."""
    return _by_category(Family.objects.visible_to(user), on)


@dataclass(frozen=True)
class MonthSummary:
    first_day: date
    last_day: date
    contacts: int
    minutes: int
    families: int

    @property
    def hours_label(self) -> str:
        return f"{self.minutes // 60}:{self.minutes % 60:02d}"


def my_month(user: Any, centre: Centre, first: date, last: date) -> MonthSummary:
    """The assistant's contacts, time and families met in the month (one aggregate query, the
    same rows as the monthly work card's totals)."""
    row = Contact.objects.filter(
        centre=centre, assistant=user, date__gte=first, date__lte=last
    ).aggregate(
        contacts=Count("pk"),
        minutes=Sum("duration_minutes"),
        families=Count("family", distinct=True),
    )
    return MonthSummary(first, last, row["contacts"], row["minutes"] or 0, row["families"])
