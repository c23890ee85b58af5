"""What a report is: figures, each with the list of families or assistants it counts.

Every figure of every report is traceable: a `Figure` carries the `Item`s it counts, each with
the reason it was counted, and its value is the number of items (or, for a sum such as FTE or
hours, the sum of the items' `amount`). The UI links each figure to its list; the command line
prints the same figures; a submitted report freezes them with their lists.

The builders compute the values with SQL aggregates (a fixed number of queries, whatever the
number of families) and leave the lists to an `ItemSource`, read only when a list is shown or
exported; the values equal what the lists add up to (the tests check both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                {"end": _("Koniec okresu nie może być wcześniejszy niż jego początek.")}
            )

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        """1 Jan–30 Jun (half 1) or 1 Jul–31 Dec (half 2) of `year`."""
        if half not in (1, 2):
            raise ValidationError({"half": _("Półrocze to 1 albo 2.")})
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30))
        return cls(date(year, 7, 1), date(year, 12, 31))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Item:
    """One family or assistant counted by a figure, and why."""

    kind: str  # "family" | "assistant"
    pk: int
    label: str  # e.g. "Kowalscy (DAR.4011.7.2025)" or "Anna Borowiec"
    reason: str  # e.g. "przydział 03.02.2025–obecnie; postanowienie sądu III Nsm 1/25"
    amount: Decimal | None = None  # for sums (FTE, hours, children): this item's share


class ItemSource:
    """Lists the items of a report's figures when someone asks for them.

    A builder computes every figure's value in SQL and gives the figure a source instead of its
    items: a report page needs the values, not the tens of thousands of rows behind them, while a
    figure's list page needs one list and an export streams the lists one figure at a time.
    `items(key)` runs its queries only when iterated, a fixed number of them whatever the number
    of families. A source is made from the centre and period alone (no query), so a report whose
    values come from the cache (`asysta.reports.cache`) gets its lists the same way."""

    def __init__(self, centre: Any, period: Period) -> None:
        self.centre = centre
        self.period = period

    def items(self, key: str) -> Iterable[Item]:
        """The items of the figure `key` (its code, or what a configurable row counts)."""
        raise NotImplementedError


class Figure:
    """One figure: its value and the items it counts.

    Made by a builder with `value` (computed in SQL) and a `source` that lists the `items` on
    first use; made with `items` (a test, a frozen snapshot) its value is theirs: the number of
    items, or for a sum (`is_sum`: FTE, hours, children) the sum of their `amount`."""

    def __init__(
        self,
        code: str,  # stable, e.g. "families_total"
        label: str,
        items: Iterable[Item] | None = None,
        is_sum: bool = False,  # value = sum of amounts instead of the number of items
        *,
        value: int | Decimal | None = None,
        source: ItemSource | None = None,
        key: str = "",  # what `source` lists (the code unless a row says otherwise)
    ) -> None:
        self.code = code
        self.label = label
        self.is_sum = is_sum
        self.key = key or code
        self.source = source
        self._value = value
        self._items: list[Item] | None = list(items) if items is not None else None

    def __repr__(self) -> str:
        return f"Figure({self.code!r}, value={self.value!r})"

    @property
    def items(self) -> list[Item]:
        """Every item, read once from the source and kept (a list page, a snapshot)."""
        if self._items is None:
            self._items = list(self.iter_items())
        return self._items

    @items.setter
    def items(self, items: Iterable[Item]) -> None:
        self._items = list(items)

    @property
    def items_kept(self) -> bool:
        """Whether the items have been read and are kept (an export of a big period leaves
        them in the database)."""
        return self._items is not None

    def iter_items(self) -> Iterator[Item]:
        """The items one by one without keeping them (an export of a big period)."""
        if self._items is not None:
            return iter(self._items)
        if self.source is None:
            return iter(())
        return iter(self.source.items(self.key))

    @property
    def value(self) -> int | Decimal:
        if self._value is not None:
            return self._value
        if self.is_sum:
            return sum((i.amount or Decimal(0) for i in self.items), Decimal(0))
        return len(self.items)


@dataclass
class Report:
    name: str  # "semiannual", "activity", "work_card"
    title: str
    centre_id: int
    period: Period
    figures: list[Figure]

    def figure(self, code: str) -> Figure:
        return next(f for f in self.figures if f.code == code)

    def with_lists(self, lists: bool = True) -> Report:
        """The report with every figure's list read now (when `lists`): what the data holds at
        this moment, as a submitted snapshot or a comparison needs it."""
        if lists:
            for figure in self.figures:
                figure.items  # noqa: B018 (reads and keeps the list)
        return self

    def summary(self) -> dict[str, Any]:
        """The title and the figures without their items, as plain JSON data (what the cache
        keeps; `from_summary` makes the report again, its lists read from `source`)."""
        return {
            "title": self.title,
            "figures": [
                [f.code, f.label, str(f.value) if f.is_sum else f.value, f.is_sum, f.key]
                for f in self.figures
            ],
        }

    @classmethod
    def from_summary(
        cls, name: str, centre_id: int, period: Period, data: dict[str, Any], source: ItemSource
    ) -> Report:
        """The report of `summary()` data, its figures' lists read from `source` when used."""
        figures = [
            Figure(
                code,
                label,
                is_sum=is_sum,
                value=Decimal(value) if is_sum else value,
                key=key,
                source=source,
            )
            for code, label, value, is_sum, key in data["figures"]
        ]
        return cls(name, data["title"], centre_id, period, figures)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (for JSON, CSV, XLSX and the frozen snapshot)."""
        return {
            "name": self.name,
            "title": self.title,
            "centre": self.centre_id,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "figures": [
                {
                    "code": f.code,
                    "label": f.label,
                    "value": str(f.value) if f.is_sum else f.value,
                    "items": [
                        {
                            "kind": i.kind,
                            "pk": i.pk,
                            "label": i.label,
                            "reason": i.reason,
                            **({"amount": str(i.amount)} if i.amount is not None else {}),
                        }
                        for i in f.items
                    ],
                }
                for f in self.figures
            ],
        }


# name -> builder(centre, period, *, lists=True, **options) -> Report: with `lists=False` the
# figures' lists are read when first asked for (the pages and exports, through the cache).
REPORTS: dict[str, Callable[..., Report]] = {}
# name -> the class that lists the items of that report's figures (see `ItemSource`).
SOURCES: dict[str, type[ItemSource]] = {}
# name -> the tables ("app_label.Model") its figures are computed from: the cache
# (`asysta.reports.cache`) keeps the figures while none of these changes, so a new contact does
# not throw away a report that reads no contacts. A report registered without them is taken
# to read every table the cache knows of.
READS: dict[str, tuple[str, ...]] = {}


def register(
    name: str, *, items: type[ItemSource] | None = None, reads: Iterable[str] = ()
) -> Callable[[Callable[..., Report]], Callable[..., Report]]:
    """Register a builder under `name`, with the source of its figures' items and the tables
    its figures read."""

    def wrap(builder: Callable[..., Report]) -> Callable[..., Report]:
        REPORTS[name] = builder
        if items is not None:
            SOURCES[name] = items
        if reads:
            READS[name] = tuple(sorted(set(reads)))
        return builder

    return wrap
