"""What the report builders share: how a day and hours are printed, which assignments count as
work with a family in a period, the shape of a family's item, and the SQL pieces the values are
computed with (hours rounded per row, a counted subquery) and the lists read with (rows grouped
as they stream from a query)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from asysta.accounts.models import FtePeriod, Membership, Role
from asysta.closure.models import Closure
from asysta.core.models import Centre
from asysta.families.models import Family
from asysta.intake.models import Assignment
from asysta.reports.base import Item, Period

T = TypeVar("T")
# Rows fetched at a time when a list streams from the database (an export of ten years).
CHUNK = 2000


def d(day: date | None) -> str:
    """dd.mm.rrrr, or "obecnie" for an open end."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if day else _("obecnie")


def hours(minutes: int | None) -> Decimal:
    """Minutes as hours with two decimals (the same rounding as the monthly work card)."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def hour_cents(minutes: Any) -> ExpressionWrapper:
    """SQL for `hours(minutes)` in hundredths of an hour: minutes × 100 / 60 rounded half up is
    (10 × minutes + 3) div 6 in integers, exact on SQLite and PostgreSQL alike."""
    total = Coalesce(minutes, Value(0))
    return ExpressionWrapper((total * 10 + 3) / 6, output_field=IntegerField())


def cents_to_hours(cents: int | None, *, listed: bool) -> Decimal:
    """A sum of hours from its hundredths, written as the sum of the items' `hours()` is: with
    two decimals when something is listed, a plain 0 for an empty list."""
    if not listed:
        return Decimal(0)
    return Decimal(cents or 0).scaleb(-2)


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the month's last day when it has none."""
    return day + relativedelta(months=months)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February becomes the 28th)."""
    return day - relativedelta(years=years)


def served_assignments(centre: Centre, period: Period) -> QuerySet[Assignment]:
    """Assignments of `centre` during which the work with the family went on in some day of
    `period`. After a closure with monitoring the assignment stays open in the monitoring
    phase; the work itself ended on the closure day, so an assignment closed before the period
    does not count."""
    closed_before = Closure.objects.filter(assignment=OuterRef("pk"), closed_on__lt=period.start)
    return (
        Assignment.objects.filter(centre=centre, started_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .exclude(Exists(closed_before))
    )


def served_families(centre: Centre, period: Period) -> QuerySet[Family]:
    """Families of `centre` that worked with an assistant in `period` (each once)."""
    served = served_assignments(centre, period).filter(family=OuterRef("pk"))
    return Family.objects.filter(Exists(served), centre=centre)


def assistants_on(centre: Centre, day: date) -> QuerySet[Any]:
    """Assistant roles of `centre` employed on `day` (`Membership.employed_on`), each annotated
    with `fte_now`: the FTE in force that day (the latest change on or before it, else the
    role's own), the rule of `intake.caseload.fte_on` in SQL."""
    changes = FtePeriod.objects.filter(membership=OuterRef("pk"), valid_from__lte=day)
    latest = Subquery(changes.order_by("-valid_from").values("fte")[:1])
    return Membership.objects.filter(
        Membership.employed_on(day), centre=centre, role=Role.ASSISTANT
    ).annotate(fte_now=Coalesce(latest, F("fte")))


class SubqueryCount(Subquery):
    """The number of rows of a queryset (a union too) as a value of the outer query; with
    `distinct`, the number of different values of that column of its rows."""

    template = "(SELECT COUNT(%(counted)s) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset: Any, distinct: str = "", **extra: Any) -> None:
        counted = f"DISTINCT {connection.ops.quote_name(distinct)}" if distinct else "*"
        super().__init__(queryset, counted=counted, **extra)


# The order of every list of families: surname, case number, then the id (ties broken).
FAMILY_ORDER = ("surname", "case_number", "pk")
# The same from a row that belongs to a family.
BY_FAMILY_ORDER = ("family__surname", "family__case_number", "family_id")


def family_label(surname: str, case_number: str) -> str:
    """As `Family.__str__`, from the two columns."""
    return f"{surname} ({case_number})"


def family_item(family: Any, reason: str, amount: Decimal | None = None) -> Item:
    """An item of `family`: a Family, or any row with `pk` whose str is the family label."""
    return Item(kind="family", pk=family.pk, label=str(family), reason=reason, amount=amount)


def runs(rows: Iterable[T], key: Callable[[T], Any]) -> Iterator[tuple[Any, list[T]]]:
    """Rows streamed in order, one run of the same `key` at a time (a family's assignments):
    only one run is held in memory."""
    for value, run in itertools.groupby(rows, key=key):
        yield value, list(run)
