"""Who worked with which family when: assistant posts, their holders and their caseload.

Each assistant post has `slots` places for families in active work (fewer for a half-time
post), never more than the statutory 15. A place holds one family from its assignment to the
end of the active work, stays empty for a while (waiting for the next decision), then takes the
next family; so no assistant ever has more than 15 families in active work, on any day. The
monitoring after closure does not take a place (the caseload rule counts active work only).

A post's holder changes now and then (someone leaves, a successor takes over the same day):
the families of the post, in active work or in monitoring, move to the successor, as the
hand-over does. The number of families is set by the waiting time between two families of a
place, found by bisection (`calibrate`), so a preset's family count is met whatever its growth.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from asysta.core.calendar import is_working_day
from bench.city.presets import FIRST_DAY, Preset

# Active work, in days: some families stop cooperating within months, most take a year or two.
DURATIONS = ((0.15, 30, 150), (0.45, 150, 540), (0.40, 540, 1400))
TENURE_DAYS = 5 * 365  # mean time one assistant holds a post
FILL_DAYS = 90  # a new post takes its families within about three months


def working_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass
class Holder:
    number: int  # the assistant's number in the centre (their user comes from people.py)
    start: date
    end: date | None  # the last day in the post; None = holds it today
    fte: str = "1.00"


@dataclass
class Post:
    number: int
    opened_on: date
    part_time: bool
    holders: list[Holder] = field(default_factory=list)

    def holder_spans(self, start: date, end: date | None) -> list[tuple[Holder, date, date | None]]:
        """(holder, from, to) covering [start, end]; each hand-over day starts the next span."""
        spans = []
        for holder in self.holders:
            changes_on = holder.end + timedelta(days=1) if holder.end else None
            if changes_on is not None and changes_on <= start:
                continue
            if end is not None and spans and holder.start >= end:
                break
            span_end = end
            if changes_on is not None and (end is None or changes_on < end):
                span_end = changes_on
            spans.append((holder, max(start, holder.start), span_end))
        return spans


@dataclass
class Case:
    """One family's time with an assistant post: from the assignment to the end of active work."""

    post: Post
    start: date
    closed_on: date | None  # None: still in active work today


def _opened_on(preset: Preset, k: int, today: date) -> date:
    if k < preset.posts_first:
        return FIRST_DAY
    share = (k - preset.posts_first + 1) / (preset.posts_now - preset.posts_first + 1)
    span = (today - FIRST_DAY).days - 60
    return working_on_or_after(FIRST_DAY + timedelta(days=int(span * share ** (1 / preset.growth))))


def _holders(post: Post, rng: random.Random, today: date, counter: list[int]) -> None:
    start = post.opened_on
    while True:
        tenure = max(365, int(rng.expovariate(1 / TENURE_DAYS)))
        end = start + timedelta(days=tenure)
        counter[0] += 1
        fte = "0.50" if post.part_time else ("0.75" if rng.random() < 0.05 else "1.00")
        if end >= today:
            post.holders.append(Holder(counter[0], start, None, fte))
            return
        post.holders.append(Holder(counter[0], start, end, fte))
        start = end + timedelta(days=1)


def posts(preset: Preset, rng: random.Random, today: date) -> list[Post]:
    """The centre's assistant posts with their holders; assistant numbers count from 1."""
    made, counter = [], [0]
    for k in range(preset.posts_now):
        post = Post(k, _opened_on(preset, k, today), rng.random() < preset.part_time_share)
        _holders(post, rng, today, counter)
        made.append(post)
    return made


def duration(rng: random.Random) -> int:
    pick = rng.random()
    for share, low, high in DURATIONS:
        if pick < share:
            return rng.randint(low, high)
        pick -= share
    return rng.randint(DURATIONS[-1][1], DURATIONS[-1][2])


def simulate(posts_: list[Post], preset: Preset, seed: str, gap: float, today: date) -> list[Case]:
    """Every family's stay in a place of a post, for a mean wait of `gap` days between two."""
    rng = random.Random(seed)
    cases = []
    for post in posts_:
        places = math.ceil(preset.slots / 2) if post.part_time else preset.slots
        for _place in range(places):
            day = working_on_or_after(post.opened_on + timedelta(days=rng.randint(0, FILL_DAYS)))
            while day < today:
                end = day + timedelta(days=duration(rng))
                closed_on = working_on_or_after(end) if end < today else None
                if closed_on is not None and closed_on > today:
                    closed_on = None
                cases.append(Case(post, day, closed_on))
                if closed_on is None:
                    break
                wait = 1 + int(rng.expovariate(1 / gap))
                day = working_on_or_after(closed_on + timedelta(days=wait))
    return sorted(cases, key=lambda c: (c.start, c.post.number))


def calibrate(posts_: list[Post], preset: Preset, seed: str, today: date) -> list[Case]:
    """The simulation whose number of families is nearest to the preset's."""
    low, high = 1.0, 4000.0
    best = simulate(posts_, preset, seed, high, today)
    for _ in range(20):
        gap = (low + high) / 2
        cases = simulate(posts_, preset, seed, gap, today)
        if abs(len(cases) - preset.assigned_families) < abs(len(best) - preset.assigned_families):
            best = cases
        if len(cases) > preset.assigned_families:
            low = gap
        else:
            high = gap
        if abs(len(cases) - preset.assigned_families) <= preset.assigned_families // 400:
            return cases
    return best
