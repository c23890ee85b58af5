"""The figures of the dashboards (pulpit): the head's and coordinator's view of the centre and
the assistant's view of their own work.

Every aggregate is computed in SQL (annotate / aggregate / values + Count, Avg): the number of
queries of each panel is fixed whatever the number of families. The overdue statutory steps come
from the statutory clock's table (`asysta.deadlines.queries`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber

from asysta.assessments.models import COUNTED_STATUSES, Area, AreaScore, PeriodicAssessment
from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.deadlines.clock import KINDS
from asysta.deadlines.queries import late_by_kind
from asysta.families.models import Family, ReportingCategory
from asysta.families.record import with_reporting_category
from asysta.intake.caseload import Capacity, capacity_table
from asysta.intake.models import Assignment, Phase, QueuePriority, Referral, ReferralStatus
from asysta.reports.base import Period
from asysta.reports.cache import cached
from asysta.visits.models import Contact

# NIK's audit of family assistance (P/14/048): in the audited centres about one closure in five
# ended because the goals of the work plan were achieved (12 of 61, 4 of 20; domain.md §6.1).
NIK_GOALS_ACHIEVED_PERCENT = Decimal(20)
GOALS_ACHIEVED = "goals_achieved"
# The trend panel shows the first periodic assessments of each family, up to this one.
MAX_SEQUENCE = 6
# The tables the kept panels are computed from (`asysta.reports.cache`).
TREND_READS = ("assessments.PeriodicAssessment", "assessments.AreaScore")
CATEGORY_READS = (
    "families.Family",
    "families.ChildPlacement",
    "families.ZaZycieApplication",
    "intake.Assignment",
)


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


def overdue_by_kind(centre: Centre, on: date) -> list[tuple[str, int]]:
    """Overdue statutory steps of the centre by kind, the most numerous first (the same steps
    as the board's "Po terminie"; one GROUP BY over the clock's table)."""
    counts: Counter[str] = Counter()
    for kind, n in late_by_kind(centre, on).items():
        counts[str(KINDS[kind].name) if kind in KINDS else kind] += n
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _category_counts(families: QuerySet[Family], on: date) -> dict[str, int]:
    """category value -> number of `families` in it on `on` (one grouped query)."""
    rows = (
        with_reporting_category(families, on=on)
        .order_by()
        .values("reporting_category")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["reporting_category"]: row["n"] for row in rows}


def _labelled(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every category with its label (in the reader's language) and count, zeros included."""
    return [(str(c.label), counts.get(c.value, 0)) for c in ReportingCategory]


def _in_work_counts(centre: Centre, on: date) -> dict[str, int]:
    in_work = Assignment.objects.filter(
        family=OuterRef("pk"), ended_on__isnull=True, phase=Phase.ACTIVE
    )
    return _category_counts(Family.objects.filter(Exists(in_work), centre=centre), on)


def families_by_category(centre: Centre, on: date) -> list[tuple[str, int]]:
    """Families in work with an assistant today (open assignment, not in monitoring), by the
    reporting category on `on` (one query)."""
    return _labelled(_in_work_counts(centre, on))


def _same(counts: dict[str, int]) -> dict[str, int]:
    return counts


def kept_families_by_category(centre: Centre, on: date) -> list[tuple[str, int]]:
    """`families_by_category` as kept (`asysta.reports.cache`) while none of the tables it
    reads has changed since it was computed for `on`: the head's page shows it on every visit
    and it groups all the centre's families."""
    counts: dict[str, int] = cached(
        centre,
        "pulpit:categories",
        reads=CATEGORY_READS,
        compute=lambda: _in_work_counts(centre, on),
        dump=_same,
        load=_same,
        extra=on.isoformat(),  # one kept row per centre, replaced when the day changes
    )
    return _labelled(counts)


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


def _ranked_assessments(centre: Centre) -> QuerySet[Any]:
    """The centre's counted periodic assessments (submitted or acknowledged), each numbered
    within its family by the end of the assessed period (1 = first): a window function, one
    pass over the (centre, family, period_to) index."""
    return (
        PeriodicAssessment.objects.filter(centre=centre, status__in=COUNTED_STATUSES)
        .annotate(
            seq=Window(
                RowNumber(),
                partition_by=[F("family_id")],
                order_by=[F("period_to").asc(), F("pk").asc()],
            )
        )
        .order_by()
        .values("seq", assessment=F("pk"))
    )


def _trend_sql(centre: Centre) -> tuple[str, list[Any]]:
    """The scores of the first `MAX_SEQUENCE` assessments of each family, summed and counted
    by area and place. The numbering is the ORM's window query; joining the scores to it and
    grouping needs a derived table, which the ORM cannot express, so the outer SELECT is
    written here — plain SQL, the same on SQLite and PostgreSQL, names from the models."""
    ranked, params = _ranked_assessments(centre).query.sql_with_params()
    quote = connection.ops.quote_name
    scores = AreaScore._meta
    column = {f.name: quote(str(f.column)) for f in scores.concrete_fields}
    sql = (
        f"SELECT s.{column['area']}, r.seq, SUM(s.{column['score']}), COUNT(*) "  # noqa: S608
        f"FROM ({ranked}) r JOIN {quote(scores.db_table)} s "
        f"ON s.{column['assessment']} = r.assessment "
        f"WHERE r.seq <= %s AND s.{column['centre']} = %s "
        f"GROUP BY s.{column['area']}, r.seq ORDER BY s.{column['area']}, r.seq"
    )
    return sql, [*params, MAX_SEQUENCE, centre.pk]


Points = dict[str, list[tuple[int, Decimal, int]]]


def _trend_points(centre: Centre) -> Points:
    """area -> (sequence number, average, count) of each place, in one grouped query."""
    sql, params = _trend_sql(centre)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    points: Points = {}
    for area, seq, total, n in rows:
        average = (Decimal(total) / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        points.setdefault(area, []).append((seq, average, n))
    return points


def _trends(points: Points) -> list[AreaTrend]:
    return [AreaTrend(a.value, str(a.label), points[a.value]) for a in Area if a.value in points]


def area_trends(centre: Centre) -> list[AreaTrend]:
    """The average score (1–5) of each area at the 1st, 2nd, 3rd... periodic assessment of the
    centre's families (submitted or acknowledged ones), in one grouped query; the average is
    the exact quotient of the sum and the count, rounded half up to two places."""
    return _trends(_trend_points(centre))


def _dump_points(points: Points) -> dict[str, list[list[Any]]]:
    return {area: [[seq, str(avg), n] for seq, avg, n in row] for area, row in points.items()}


def _load_points(data: dict[str, list[list[Any]]]) -> Points:
    return {area: [(seq, Decimal(avg), n) for seq, avg, n in row] for area, row in data.items()}


def kept_area_trends(centre: Centre) -> list[AreaTrend]:
    """`area_trends` as kept (`asysta.reports.cache`) while no periodic assessment nor area
    score has changed: it reads every score of ten years of assessments, which change a few
    times a day, while the head's page is opened many times a day."""
    points = cached(
        centre,
        "pulpit:area_trends",
        reads=TREND_READS,
        compute=lambda: _trend_points(centre),
        dump=_dump_points,
        load=_load_points,
    )
    return _trends(points)


# --- the assistant -----------------------------------------------------------------------------


def my_families_by_category(user: Any, on: date) -> list[tuple[str, int]]:
    """The families the assistant sees (assigned now, monitoring included) by category."""
    return _labelled(_category_counts(Family.objects.visible_to(user), on))


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
