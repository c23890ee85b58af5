"""Caseload rules: the statutory cap, the centre's soft cap, FTE in force on a day.

The hard cap is art. 15 ust. 4 of the Act on family support: at most 15 families at the same time,
"Za życiem" families included. Families in the monitoring period after closure do not count
unless the centre says so. The soft cap is the centre's own rule (15 × FTE rounded up, or family
difficulty points per FTE); it warns and never blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from asysta.accounts.models import FtePeriod, Membership, Role, User
from asysta.core.models import Centre, SoftCapRule
from asysta.intake.models import Assignment, Phase


def families_phrase(count: int) -> str:
    """'1 rodzinę', '3 rodziny', '15 rodzin' — the three Polish plural forms."""
    return ngettext("%(n)d rodzinę", "%(n)d rodzin", count) % {"n": count}


def counted(centre: Centre, prefix: str = "") -> Q:
    """Assignments that count toward the cap: open ones, monitoring-only per the centre."""
    condition = Q(**{f"{prefix}ended_on__isnull": True})
    if not centre.monitoring_counts_toward_cap:
        condition &= Q(**{f"{prefix}phase": Phase.ACTIVE})
    return condition


def counted_for(assistant: User, centre: Centre) -> QuerySet[Assignment]:
    return Assignment.objects.filter(counted(centre), assistant=assistant, centre=centre)


def assistants_of(centre: Centre) -> QuerySet[Membership]:
    return Membership.objects.filter(centre=centre, role=Role.ASSISTANT, is_active=True)


def fte_on(membership: Membership, day: date) -> Decimal:
    """The FTE in force on `day`: the latest change starting on or before it, else the FTE the
    role was created with. Uses prefetched `fte_periods` when present."""
    periods = [p for p in membership.fte_periods.all() if p.valid_from <= day]
    if not periods:
        return membership.fte
    return max(periods, key=lambda p: p.valid_from).fte


@dataclass(frozen=True)
class Capacity:
    assistant: User
    fte: Decimal
    open_families: int
    points: int
    hard_cap: int
    soft_cap: int | None
    soft_unit: str  # "families" or "points"

    @property
    def free(self) -> int:
        return max(self.hard_cap - self.open_families, 0)

    @property
    def over_soft_cap(self) -> bool:
        if self.soft_cap is None:
            return False
        load = self.points if self.soft_unit == "points" else self.open_families
        return load > self.soft_cap

    @property
    def soft_cap_label(self) -> str:
        if self.soft_cap is None:
            return "—"
        if self.soft_unit == "points":
            return _("%(n)d pkt") % {"n": self.soft_cap}
        return str(self.soft_cap)


def soft_cap_for(centre: Centre, fte: Decimal) -> tuple[int | None, str]:
    """The centre's warning-only limit for an assistant with `fte`, and its unit."""
    if centre.soft_cap_rule == SoftCapRule.FTE:
        return min(math.ceil(settings.CASELOAD_HARD_CAP * fte), settings.CASELOAD_HARD_CAP), (
            "families"
        )
    if centre.soft_cap_rule == SoftCapRule.POINTS:
        return math.ceil(centre.points_per_fte * fte), "points"
    return None, "families"


def capacity_table(centre: Centre, day: date | None = None) -> list[Capacity]:
    """Each active assistant of the centre with counted families and points (two queries).

    The counts are subqueries per assistant on the (centre, assistant, ended_on) index, so a
    city's ten years of ended assignments are never joined."""
    day = day or timezone.localdate()
    mine = (
        Assignment.objects.filter(counted(centre), centre=centre, assistant=OuterRef("user"))
        .order_by()
        .values("assistant")
    )
    rows = (
        assistants_of(centre)
        .select_related("user")
        .prefetch_related(Prefetch("fte_periods", queryset=FtePeriod.objects.all()))
        .annotate(
            open_families=Coalesce(Subquery(mine.annotate(n=Count("pk")).values("n")), 0),
            points=Subquery(mine.annotate(n=Sum("family__difficulty")).values("n")),
        )
        .order_by("user__last_name", "user__first_name")
    )
    table = []
    for row in rows:
        fte = fte_on(row, day)
        soft, unit = soft_cap_for(centre, fte)
        table.append(
            Capacity(
                assistant=row.user,
                fte=fte,
                open_families=row.open_families,
                points=row.points or 0,
                hard_cap=settings.CASELOAD_HARD_CAP,
                soft_cap=soft,
                soft_unit=unit,
            )
        )
    return table


def most_loaded(rows: list[Capacity], limit: int) -> list[Capacity]:
    """The `limit` assistants with the fewest free places (over the centre's limit first),
    in the table's order of names among equals."""
    ranked = sorted(rows, key=lambda row: (row.free, not row.over_soft_cap))
    return ranked[:limit]


def capacity_of(centre: Centre, assistant: User, day: date | None = None) -> Capacity | None:
    return next((r for r in capacity_table(centre, day) if r.assistant.pk == assistant.pk), None)


def soft_cap_warning(*, centre: Centre, assistant: User) -> str | None:
    """A warning when the assistant is past the centre's own limit (never a refusal)."""
    row = capacity_of(centre, assistant)
    if row is None or not row.over_soft_cap:
        return None
    if row.soft_unit == "points":
        return _(
            "Uwaga: %(u)s (etat %(fte)s) ma %(points)d pkt trudności — więcej niż limit ośrodka "
            "(%(soft)d pkt)."
        ) % {
            "u": assistant,
            "fte": number_format(row.fte, 2),
            "points": row.points,
            "soft": row.soft_cap,
        }
    return _(
        "Uwaga: %(u)s (etat %(fte)s) prowadzi %(count)s — więcej niż limit ośrodka (%(soft)d)."
    ) % {
        "u": assistant,
        "fte": number_format(row.fte, 2),
        "count": families_phrase(row.open_families),
        "soft": row.soft_cap,
    }
