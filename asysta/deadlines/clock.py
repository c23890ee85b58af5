"""The statutory clock: what is due, for which family and assistant, by when.

Each casework area contributes a *provider* (`asysta.deadlines.providers`): a function that, for
a scope (a centre, or some families), yields the steps due with a bounded number of queries, and
names the records whose change alters them. The steps are kept in a table
(`asysta.deadlines.models.DeadlineEntry`, refreshed by `asysta.deadlines.store`), so reading them
costs what the reader sees; `Deadline` is one step as the pages show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model

from asysta.core.calendar import working_days_left
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
        return working_days_left(on, self.due_on)


@dataclass(frozen=True)
class Kind:
    """A kind of step: its name in lists and filters, the label of one step (which may name
    the step's detail) and the page where it is done."""

    code: str
    name: Any  # lazy translation: the kind as a group ("opinie dla sądu")
    label: Callable[[str], str]  # detail -> the label of one step
    url: Callable[[int, int], str]  # (family pk, source pk) -> the step's page
    view: str  # the URL name of that page (whether the reader's roles may open it)


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


@dataclass(frozen=True)
class Due:
    """One step a provider found: the row it becomes in the clock's table."""

    centre_id: int
    family_id: int
    kind: str
    due_on: date
    source_id: int
    detail: str = ""
    shown_from: date | None = None
    shown_until: date | None = None


@dataclass(frozen=True)
class Scope:
    """What a provider computes for: every family of a centre, or the listed families."""

    centre_id: int | None = None
    family_ids: tuple[int, ...] | None = None

    def narrow(self, rows: Any, family: str = "family") -> Any:
        """`rows` limited to the scope (`family` is the lookup of the row's family)."""
        if self.centre_id is not None:
            rows = rows.filter(centre_id=self.centre_id)
        if self.family_ids is not None:
            rows = rows.filter(**{f"{family}__in": self.family_ids})
        return rows


FamilyOf = Callable[[Any], int | None]


def own_family(instance: Any) -> int | None:
    return instance.family_id


@dataclass(frozen=True)
class Provider:
    func: Callable[[Scope], Iterable[Due]]
    kinds: tuple[str, ...]
    # The records whose save or delete changes this provider's steps, and how to find the
    # family of such a record.
    watches: tuple[tuple[type[Model], FamilyOf], ...] = field(default=())


PROVIDERS: list[Provider] = []


def provider(
    *kinds: str, watches: tuple[tuple[type[Model], FamilyOf], ...] = ()
) -> Callable[[Callable[[Scope], Iterable[Due]]], Callable[[Scope], Iterable[Due]]]:
    """Register a deadline provider of `kinds` (used as a decorator in
    `asysta.deadlines.providers`)."""

    def register(func: Callable[[Scope], Iterable[Due]]) -> Callable[[Scope], Iterable[Due]]:
        PROVIDERS.append(Provider(func=func, kinds=kinds, watches=watches))
        return func

    return register


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
    """Every open deadline of the centre shown on `on`, soonest first (the whole list: for
    commands and tests; pages read a page of `queries.entries`)."""
    from asysta.deadlines import queries

    return queries.as_deadlines(queries.entries(centre, on))


def upcoming(centre: Centre, on: date, *, assistant: Any | None = None) -> list[Deadline]:
    """Deadlines due within the centre's lead time or already late (for one assistant)."""
    from asysta.deadlines import queries

    rows = queries.entries(centre, on, within_lead=True, assistant=assistant)
    return queries.as_deadlines(rows)


def overdue(centre: Centre, on: date) -> list[Deadline]:
    from asysta.deadlines import queries

    return queries.as_deadlines(queries.entries(centre, on, late=True))
