"""What the generator steps share: the centre's counters and one family's story so far."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stdnum.pl import pesel as stdnum_pesel

from bench.city.people import Staff
from bench.city.writer import Rows


@dataclass
class Ctx:
    """One centre's build: where rows go, who works there, today, and the running counters."""

    rows: Rows
    staff: Staff
    today: date
    case_numbers: Counter[int] = field(default_factory=Counter)
    pesel_serials: Counter[tuple[date, str]] = field(default_factory=Counter)

    @property
    def centre_id(self) -> int:
        return self.staff.centre.pk

    def case_number(self, year: int) -> str:
        """The next number of the centre's pattern ({symbol}.{seq}.{year}, symbol AR)."""
        self.case_numbers[year] += 1
        return f"AR.{self.case_numbers[year]}.{year}"

    def pesel(self, birth: date, sex: str) -> str:
        """A valid PESEL for the birth date and sex, unique in the centre (python-stdnum)."""
        month = birth.month + {18: 80, 19: 0, 20: 20, 21: 40}[birth.year // 100]
        serial = self.pesel_serials[(birth, sex)]
        self.pesel_serials[(birth, sex)] += 1
        sex_digit = 2 * (serial % 5) + (1 if sex == "M" else 0)
        body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial // 5:03d}{sex_digit}"
        return body + stdnum_pesel.calc_check_digit(body)


@dataclass
class Person:
    id: int
    role: str
    sex: str
    birth: date
    first_name: str


@dataclass
class Span:
    """One assignment: an assistant with the family from `start` to `end` (None: open)."""

    id: int
    assistant: int
    start: date
    end: date | None


@dataclass
class PlanInfo:
    id: int
    status: str
    start: date | None
    end: date | None
    actions: list[tuple[int, date]] = field(default_factory=list)  # (id, deadline)


@dataclass
class Story:
    """One family as the steps build it up."""

    rng: random.Random
    family_id: int
    social_worker: int
    reported_on: date
    first_contact: date | None = None
    closed_on: date | None = None  # end of active work
    people: list[Person] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    plans: list[PlanInfo] = field(default_factory=list)
    court_order: tuple[int, date, date | None] | None = None  # (id, issued, ended)
    za_zyciem: bool = False

    def assistant_on(self, day: date) -> int:
        return self.span_on(day).assistant

    def span_on(self, day: date) -> Span:
        """The family's assignment on `day` (the new one on a hand-over day)."""
        chosen = self.spans[0]
        for span in self.spans:
            if span.start <= day:
                chosen = span
        return chosen

    def parents(self) -> list[Person]:
        return [p for p in self.people if p.role in ("parent", "guardian")]

    def children(self) -> list[Person]:
        return [p for p in self.people if p.role == "child"]

    def plan_on(self, day: date) -> PlanInfo | None:
        """The plan in force on `day`, if any."""
        for plan in self.plans:
            if plan.start and plan.start <= day and (plan.end is None or day < plan.end):
                return plan
        return None


def days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def weighted(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    """A value of `table` ((value, share), ...) drawn by the shares (which sum to 1)."""
    pick = rng.random()
    for value, share in table:
        if pick < share:
            return value
        pick -= share
    return table[0][0]
