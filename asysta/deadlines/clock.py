"""The statutory clock: what is due, for which family and assistant, by when.

Each casework area contributes a *provider*: a function that, for a centre and a day, returns its
deadlines with a bounded number of queries (never one per family). The assistant's "Moje
terminy" and the overdue board of the coordinator and head are built from all providers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from asysta.core.calendar import is_working_day
from asysta.core.models import Centre


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    family: Any
    due_on: date
    assistant: Any | None
    url: str

    def days_left(self, on: date) -> int:
        return (self.due_on - on).days

    def working_days_left(self, on: date) -> int:
        """Working days from `on` (exclusive) to the due day (inclusive); negative when late."""
        if self.due_on == on:
            return 0
        step = 1 if self.due_on > on else -1
        day, count = on, 0
        while day != self.due_on:
            day += timedelta(days=step)
            if is_working_day(day):
                count += step
        return count


Provider = Callable[[Centre, date], Iterable[Deadline]]
PROVIDERS: list[Provider] = []


def provider(func: Provider) -> Provider:
    """Register a deadline provider (used as a decorator in `asysta.deadlines.providers`)."""
    PROVIDERS.append(func)
    return func


@dataclass(frozen=True)
class CentreNotice:
    """A step due from the centre itself, not from one family (a report to the voivode).

    Other apps contribute them through `notice_provider`, so the deadlines app shows them
    without depending on those apps."""

    kind: str
    label: str
    due_on: date
    url: str

    def days_left(self, on: date) -> int:
        return (self.due_on - on).days


NoticeProvider = Callable[[Centre, date], Iterable[CentreNotice]]
NOTICE_PROVIDERS: list[NoticeProvider] = []


def notice_provider(func: NoticeProvider) -> NoticeProvider:
    """Register a provider of centre notices (an app calls it from its `AppConfig.ready`)."""
    if func not in NOTICE_PROVIDERS:
        NOTICE_PROVIDERS.append(func)
    return func


def centre_notices(centre: Centre, on: date) -> list[CentreNotice]:
    """The centre's own due steps each provider shows on `on` (late ones included)."""
    found = [item for source in NOTICE_PROVIDERS for item in source(centre, on)]
    return sorted(found, key=lambda n: (n.due_on, n.kind))


def centre_deadlines(centre: Centre, on: date) -> list[Deadline]:
    """Every open deadline of the centre, soonest first."""
    found = [item for source in PROVIDERS for item in source(centre, on)]
    return sorted(found, key=lambda d: (d.due_on, d.family.surname, d.kind))


def upcoming(centre: Centre, on: date, *, assistant: Any | None = None) -> list[Deadline]:
    """Deadlines due within the centre's lead time or already late (for one assistant)."""
    horizon = on + timedelta(days=centre.deadline_lead_days)
    items = [d for d in centre_deadlines(centre, on) if d.due_on <= horizon]
    if assistant is not None:
        items = [d for d in items if d.assistant is not None and d.assistant.pk == assistant.pk]
    return items


def overdue(centre: Centre, on: date) -> list[Deadline]:
    return [d for d in centre_deadlines(centre, on) if d.due_on < on]
