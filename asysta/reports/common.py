"""What the report builders share: how a day and hours are printed, which assignments count as
work with a family in a period, and the shape of a family's item."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from asysta.closure.models import Closure
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.base import Item, Period


def d(day: date | None) -> str:
    """dd.mm.rrrr, or "obecnie" for an open end."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if day else _("obecnie")


def hours(minutes: int | None) -> Decimal:
    """Minutes as hours with two decimals (the same rounding as the monthly work card)."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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


def family_item(family: Any, reason: str, amount: Decimal | None = None) -> Item:
    """An item of `family`: a Family, or any row with `pk` whose str is the family label."""
    return Item(kind="family", pk=family.pk, label=str(family), reason=reason, amount=amount)


def by_family(rows: Iterable[Any]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[row.family_id].append(row)
    return out
