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
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
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
    changes = [(p.valid_from, p.fte) for p in membership.fte_periods.all()]
    return fte_among(changes, membership.fte, day)


def fte_among(changes: list[tuple[date, Decimal]], base: Decimal, day: date) -> Decimal:
    """The FTE in force on `day` among (valid from, FTE) changes; `base` before the first."""
    started = [change for change in changes if change[0] <= day]
    return max(started, key=lambda change: change[0])[1] if started else base


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


# The user's fields a capacity row shows, in the model's order (the rest are deferred, as
# with `.only()`).
USER_FIELDS = ["id", "username", "first_name", "last_name"]


def capacity_table(centre: Centre, day: date | None = None) -> list[Capacity]:
    """Each active assistant of the centre with counted families and points (three queries:
    the counts grouped over the open assignments only, the assistants, their FTE changes)."""
    day = day or timezone.localdate()
    loads = {
        row["assistant"]: row
        for row in Assignment.objects.filter(counted(centre), centre=centre)
        .order_by()
        .values("assistant")
        .annotate(n=Count("pk"), points=Sum("family__difficulty"))
    }
    # Plain rows: a city's 200 assistants as model instances cost more than the counts.
    rows = list(
        assistants_of(centre)
        .order_by("user__last_name", "user__first_name")
        .values_list(
            "pk", "fte", "user_id", "user__first_name", "user__last_name", "user__username"
        )
    )
    changes: dict[int, list[tuple[date, Decimal]]] = {}
    for membership_id, valid_from, fte in FtePeriod.objects.filter(
        membership__in=[row[0] for row in rows]
    ).values_list("membership_id", "valid_from", "fte"):
        changes.setdefault(membership_id, []).append((valid_from, fte))
    table = []
    for membership_id, base_fte, user_id, first_name, last_name, username in rows:
        fte = fte_among(changes.get(membership_id, []), base_fte, day)
        soft, unit = soft_cap_for(centre, fte)
        load: Any = loads.get(user_id, {})
        user = User.from_db(None, USER_FIELDS, (user_id, username, first_name, last_name))
        table.append(
            Capacity(
                assistant=user,
                fte=fte,
                open_families=load.get("n", 0),
                points=load.get("points") or 0,
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
