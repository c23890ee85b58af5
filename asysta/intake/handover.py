"""Hand-over: moving one assistant's families to others (absence, workload, leaving the job).

The head sees a proposed distribution, adjusts it and confirms; the move is all-or-nothing and
respects every cap. Each family's previous assignment ends the day the new one starts, so the
reports can attribute every day of work to the right assistant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from asysta.accounts.models import User
from asysta.core.models import Centre
from asysta.intake.caseload import Capacity, capacity_table, families_phrase
from asysta.intake.models import Assignment
from asysta.intake.services import AssignmentError, assign_assistant


class HandoverError(Exception):
    """Refusal of a hand-over: `problems` maps an assignment pk to a Polish message."""

    def __init__(self, problems: dict[int, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass
class Move:
    assignment: Assignment
    target: User | None


def open_assignments_of(centre: Centre, assistant: User) -> list[Assignment]:
    return list(
        Assignment.objects.filter(centre=centre, assistant=assistant, ended_on__isnull=True)
        .select_related("family")
        .order_by("family__surname", "pk")
    )


def _preference(row: Capacity, extra: int) -> tuple[int, int, str]:
    load = row.open_families + extra
    over_soft = (
        1
        if row.soft_cap is not None and row.soft_unit == "families" and (load >= row.soft_cap)
        else 0
    )
    return (over_soft, load, str(row.assistant))


def propose_handover(*, centre: Centre, leaving: User, day: date | None = None) -> list[Move]:
    """Each of the leaving assistant's families goes to the assistant with the lowest load,
    preferring those under their soft cap; a family that fits nowhere gets no target."""
    rows = [r for r in capacity_table(centre, day) if r.assistant.pk != leaving.pk]
    added: Counter[int] = Counter()
    moves = []
    for assignment in open_assignments_of(centre, leaving):
        free = [r for r in rows if r.open_families + added[r.assistant.pk] < r.hard_cap]
        target = min(free, key=lambda r: _preference(r, added[r.assistant.pk]), default=None)
        if target is not None:
            added[target.assistant.pk] += 1
        moves.append(Move(assignment, target.assistant if target else None))
    return moves


def _check(centre: Centre, moves: list[Move]) -> dict[int, str]:
    """Every problem of the planned moves at once, so the head can fix them in one go."""
    rows = {r.assistant.pk: r for r in capacity_table(centre)}
    incoming = Counter(m.target.pk for m in moves if m.target is not None)
    problems: dict[int, str] = {}
    for move in moves:
        key = move.assignment.pk
        if move.target is None:
            problems[key] = _("Wybierz asystenta dla tej rodziny.")
        elif move.target.pk == move.assignment.assistant_id:
            problems[key] = _("Rodzina ma już tego asystenta.")
        elif move.target.pk not in rows:
            problems[key] = _("%(u)s nie jest aktywnym asystentem ośrodka.") % {"u": move.target}
        else:
            row = rows[move.target.pk]
            total = row.open_families + incoming[move.target.pk]
            if total > settings.CASELOAD_HARD_CAP:
                problems[key] = _("%(u)s miał(a)by %(count)s — ponad ustawowy limit %(cap)d.") % {
                    "u": move.target,
                    "count": families_phrase(total),
                    "cap": settings.CASELOAD_HARD_CAP,
                }
    return problems


@transaction.atomic
def hand_over(
    *, centre: Centre, moves: list[Move], by: Any, on: date, reason: str
) -> list[Assignment]:
    """Move the families as planned, all or nothing. Raises HandoverError listing every problem."""
    if not reason.strip():
        raise HandoverError({0: _("Podaj powód przekazania rodzin.")})
    problems = _check(centre, moves)
    if problems:
        raise HandoverError(problems)
    created = []
    for move in moves:
        assert move.target is not None
        try:
            created.append(
                assign_assistant(
                    family=move.assignment.family,
                    assistant=move.target,
                    by=by,
                    started_on=on,
                    reason=reason,
                )
            )
        except AssignmentError as exc:
            raise HandoverError({move.assignment.pk: str(exc)}) from exc
    return created
