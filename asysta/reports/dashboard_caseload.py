"""The caseload panel of a big centre: assistants counted by their number of families.

With two hundred assistants one bar per assistant is a page of bars nobody reads (and 160 kB of
HTML); a head wants to know how many have room, how many are full and how many are over the
centre's own limit, and opens the capacity table (`intake:capacity`) for the names. The groups
are 0–4, 5–9, 10–14 families, then the statutory cap itself (no free place) and — should the
data ever hold it — above the cap.

The groups come from the intake's capacity table (the same counts as the capacity page) and
are kept (`asysta.reports.cache`) while the assignments, the families' difficulty points and
the assistants' roles and FTE are unchanged: the table builds a row per assistant, which is
most of the cost of the head's page in a city.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from asysta.core.models import Centre
from asysta.intake.caseload import Capacity, capacity_table
from asysta.reports.cache import cached

# Above this many assistants the panel shows the groups instead of one bar per assistant.
SPREAD_ABOVE = 20
SPREAD_STEP = 5  # families per group below the cap: 0–4, 5–9, 10–14
SPREAD_READS = (
    "accounts.FtePeriod",
    "accounts.Membership",
    "families.Family",
    "intake.Assignment",
)


@dataclass(frozen=True)
class Group:
    """Assistants with `low`..`high` families counted toward the cap (`high` None: above the
    cap), `over` of them over the centre's own limit."""

    low: int
    high: int | None
    assistants: int
    over: int


@dataclass(frozen=True)
class Spread:
    groups: list[Group]
    cap: int

    def is_full(self, group: Group) -> bool:
        """The group has no free place: at the statutory cap or above it."""
        return group.low >= self.cap

    @property
    def assistants(self) -> int:
        return sum(group.assistants for group in self.groups)

    @property
    def over_soft_cap(self) -> int:
        return sum(group.over for group in self.groups)

    @property
    def full(self) -> int:
        return sum(group.assistants for group in self.groups if self.is_full(group))


def _group(low: int, high: int | None, rows: list[Capacity]) -> Group:
    chosen = [
        r for r in rows if low <= r.open_families and (high is None or r.open_families <= high)
    ]
    return Group(low, high, len(chosen), sum(row.over_soft_cap for row in chosen))


def caseload_spread(rows: list[Capacity], cap: int) -> Spread:
    """The assistants of `rows` grouped by their families counted toward the cap `cap`; the
    group above the cap only when someone is in it."""
    groups = [
        _group(low, min(low + SPREAD_STEP, cap) - 1, rows) for low in range(0, cap, SPREAD_STEP)
    ]
    groups.append(_group(cap, cap, rows))
    above = _group(cap + 1, None, rows)
    if above.assistants:
        groups.append(above)
    return Spread(groups, cap)


def _compute(centre: Centre, on: date) -> Spread | None:
    rows = capacity_table(centre, on)
    if len(rows) <= SPREAD_ABOVE:
        return None
    return caseload_spread(rows, settings.CASELOAD_HARD_CAP)


def _dump(spread: Spread | None) -> dict[str, Any]:
    if spread is None:
        return {"spread": None}
    groups = [[g.low, g.high, g.assistants, g.over] for g in spread.groups]
    return {"spread": {"cap": spread.cap, "groups": groups}}


def _load(data: dict[str, Any]) -> Spread | None:
    kept = data["spread"]
    if kept is None:
        return None
    return Spread([Group(*group) for group in kept["groups"]], kept["cap"])


def kept_caseload_spread(centre: Centre, on: date) -> Spread | None:
    """The caseload groups of `centre` on `on`, None for a centre of `SPREAD_ABOVE` assistants
    or fewer (its panel draws a bar per assistant). The day, the centre's caseload settings
    and the statutory cap, which no table version covers, are part of the version."""
    rules = [
        on.isoformat(),  # the FTE in force that day; one kept row, replaced when the day changes
        settings.CASELOAD_HARD_CAP,
        centre.soft_cap_rule,
        centre.points_per_fte,
        centre.monitoring_counts_toward_cap,
    ]
    return cached(
        centre,
        "pulpit:caseload",
        reads=SPREAD_READS,
        compute=lambda: _compute(centre, on),
        dump=_dump,
        load=_load,
        extra=":".join(str(rule) for rule in rules),
    )
