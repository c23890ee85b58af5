"""What a report is: figures, each with the list of families or assistants it counts.

Every figure of every report is traceable: a `Figure` carries the `Item`s it counts, each with
the reason it was counted, and its value is the number of items (or, for a sum such as FTE or
hours, the sum of the items' `amount`). The UI links each figure to its list; the command line
prints the same figures; a submitted report freezes them with their lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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


@dataclass
class Figure:
    code: str  # stable, e.g. "families_total"
    label: str
    items: list[Item] = field(default_factory=list)
    is_sum: bool = False  # value = sum of amounts instead of the number of items

    @property
    def value(self) -> int | Decimal:
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


# name -> builder(centre, period, **options) -> Report; the command line and the UI use it.
REPORTS: dict[str, Callable[..., Report]] = {}


def register(name: str) -> Callable[[Callable[..., Report]], Callable[..., Report]]:
    def wrap(builder: Callable[..., Report]) -> Callable[..., Report]:
        REPORTS[name] = builder
        return builder

    return wrap
