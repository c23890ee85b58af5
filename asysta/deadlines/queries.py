"""What each role sees of the statutory clock: SQL over the clock's table, so an assistant's
list costs what their own families hold and a manager's what one page holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for, centre_of
from asysta.core.models import Centre
from asysta.deadlines.clock import KINDS, CentreNotice, Deadline, centre_notices
from asysta.deadlines.models import DeadlineEntry

PAGE_SIZE = 50
# The board shows two parts (late, soon): a page of each stays short enough for a phone.
BOARD_PAGE_SIZE = 25
PANEL_ROWS = 10

# What a list shows of a step, its family and its assistant (not the whole records).
ENTRY_FIELDS = ("centre_id", "family_id", "assistant_id", "kind", "due_on", "source_id", "detail")

LATE = "po-terminie"
SOON = "wkrotce"


def _shown_on(on: date) -> Q:
    return (Q(shown_from__isnull=True) | Q(shown_from__lte=on)) & (
        Q(shown_until__isnull=True) | Q(shown_until__gte=on)
    )


def horizon(centre: Centre, on: date) -> date:
    """The last day the lists look ahead to (the centre's lead time)."""
    return on + timedelta(days=centre.deadline_lead_days)


def entries(
    centre: Centre,
    on: date,
    *,
    within_lead: bool = False,
    late: bool = False,
    assistant: Any = None,
    kind: str | None = None,
) -> QuerySet[DeadlineEntry]:
    """The centre's steps shown on `on`, soonest first; `within_lead` keeps those due within
    the lead time (late ones included), `late` only those past their day."""
    rows = DeadlineEntry.objects.filter(_shown_on(on), centre=centre)
    if late:
        rows = rows.filter(due_on__lt=on)
    elif within_lead:
        rows = rows.filter(due_on__lte=horizon(centre, on))
    if assistant is not None:
        rows = rows.filter(assistant=assistant)
    if kind:
        rows = rows.filter(kind=kind)
    shown = ("family__surname", "family__case_number", "assistant__first_name")
    return (
        rows.select_related("family", "assistant")
        .only(*ENTRY_FIELDS, *shown, "assistant__last_name", "assistant__username")
        .order_by("due_on", "family__surname", "kind", "pk")
    )


def as_deadline(row: DeadlineEntry) -> Deadline:
    kind = KINDS[row.kind]
    return Deadline(
        kind=row.kind,
        label=kind.label(row.detail),
        family=row.family,
        due_on=row.due_on,
        assistant=row.assistant,
        url=kind.url(row.family_id, row.source_id),
    )


def as_deadlines(rows: Iterable[DeadlineEntry]) -> list[Deadline]:
    return [as_deadline(row) for row in rows]


def _centre(user: Any) -> Centre | None:
    return centre_of(user) if actor_for(user).centre_id else None


def _mine(user: Any) -> QuerySet[DeadlineEntry] | None:
    centre = _centre(user)
    if centre is None or not actor_for(user).has(Role.ASSISTANT):
        return None
    return entries(centre, timezone.localdate(), within_lead=True, assistant=user)


def my_deadlines(user: Any) -> list[Deadline]:
    """The assistant's own deadlines within the lead time or late, soonest first."""
    rows = _mine(user)
    return [] if rows is None else as_deadlines(rows)


def my_page(user: Any, number: Any) -> Page | None:
    """One page of the assistant's own deadlines (rows as `Deadline`), or None for others."""
    rows = _mine(user)
    if rows is None:
        return None
    return _page(rows, number)


def my_panel(user: Any) -> tuple[list[Deadline], int]:
    """The first rows of the assistant's own deadlines and how many there are in all."""
    rows = _mine(user)
    if rows is None:
        return [], 0
    return as_deadlines(rows[:PANEL_ROWS]), rows.count()


@dataclass(frozen=True)
class BoardFilter:
    assistant_pk: int | None = None
    kind: str = ""
    state: str = ""  # LATE, SOON or both


@dataclass(frozen=True)
class Board:
    late_count: int
    soon_count: int
    late: Page | None
    soon: Page | None


def _board_rows(centre: Centre, on: date, chosen: BoardFilter) -> QuerySet[DeadlineEntry]:
    rows = entries(centre, on, within_lead=True, kind=chosen.kind or None)
    if chosen.assistant_pk is not None:
        rows = rows.filter(assistant_id=chosen.assistant_pk)
    return rows


def _counts(rows: QuerySet[DeadlineEntry], on: date) -> dict[str, int]:
    return rows.order_by().aggregate(
        late=Count("pk", filter=Q(due_on__lt=on)), soon=Count("pk", filter=Q(due_on__gte=on))
    )


def _page(
    rows: QuerySet[DeadlineEntry], number: Any, count: int | None = None, size: int = 0
) -> Page:
    """One page of `rows` as `Deadline`s (`count`: the number already counted, so the
    paginator does not count again)."""
    paginator = Paginator(rows, size or PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # fills the paginator's cached property
    found = paginator.get_page(number)
    return Page(as_deadlines(found.object_list), found.number, paginator)


def board(
    user: Any, chosen: BoardFilter | None = None, *, late_page: Any = 1, soon_page: Any = 1
) -> Board:
    """The centre's late and soon-due steps, filtered, one page of each (counts, paging and
    sorting in SQL)."""
    chosen = chosen or BoardFilter()
    centre = _centre(user)
    if centre is None:
        return Board(0, 0, None, None)
    on = timezone.localdate()
    rows = _board_rows(centre, on, chosen)
    counts = _counts(rows, on)
    late = counts["late"] and chosen.state != SOON
    soon = counts["soon"] and chosen.state != LATE
    return Board(
        late_count=counts["late"],
        soon_count=counts["soon"],
        late=_page(rows.filter(due_on__lt=on), late_page, counts["late"], BOARD_PAGE_SIZE)
        if late
        else None,
        soon=_page(rows.filter(due_on__gte=on), soon_page, counts["soon"], BOARD_PAGE_SIZE)
        if soon
        else None,
    )


def board_counts(user: Any) -> tuple[int, int]:
    """(late, due within the lead time) of the whole centre: one aggregate query."""
    centre = _centre(user)
    if centre is None:
        return 0, 0
    on = timezone.localdate()
    counts = _counts(entries(centre, on, within_lead=True), on)
    return counts["late"], counts["soon"]


def late_by_kind(centre: Centre, on: date) -> dict[str, int]:
    """How many steps of each kind are past their day (one GROUP BY)."""
    rows = entries(centre, on, late=True).order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def notices(user: Any) -> list[CentreNotice]:
    """The centre's own due steps (reports to submit), for its head and coordinator."""
    centre = _centre(user)
    if centre is None or not actor_for(user).has(Role.HEAD, Role.COORDINATOR):
        return []
    return centre_notices(centre, timezone.localdate())
