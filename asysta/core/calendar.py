"""Working-day arithmetic for statutory deadlines: weekends and Polish public holidays are off.

`holidays.PL` knows every statutory holiday, including 24 December (a public holiday since 2025).

Every function here costs the same whatever the distance between its dates: weekdays are counted
with week arithmetic on the proleptic ordinal (day 1 is a Monday), and the holidays that fall on
weekdays are counted by bisecting a sorted list per year. A deadline list of thousands of rows
thus never walks the calendar day by day.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays

WORK_WEEK = 5


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("PL", years=year)


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> tuple[int, ...]:
    """Ordinals of the holidays of `year` that fall Monday–Friday, sorted."""
    return tuple(sorted(d.toordinal() for d in _holidays_for(year) if d.weekday() < WORK_WEEK))


def is_working_day(day: date) -> bool:
    """True on Monday–Friday that is not a Polish public holiday."""
    return day.weekday() < WORK_WEEK and day not in _holidays_for(day.year)


def _weekdays_before(ordinal: int) -> int:
    """Monday–Friday days from day 1 (a Monday) up to `ordinal` (exclusive)."""
    weeks, rest = divmod(ordinal - 1, 7)
    return weeks * WORK_WEEK + min(rest, WORK_WEEK)


def _holidays_through(ordinal: int) -> int:
    """Weekday holidays of the year of `ordinal` on or before it."""
    return bisect_right(_weekday_holidays(date.fromordinal(ordinal).year), ordinal)


def _weekday_holidays_between(start: date, end: date) -> int:
    """Weekday holidays in the half-open interval (start, end]; `start` <= `end`."""
    if start.year == end.year:
        return _holidays_through(end.toordinal()) - _holidays_through(start.toordinal())
    count = len(_weekday_holidays(start.year)) - _holidays_through(start.toordinal())
    count += sum(len(_weekday_holidays(year)) for year in range(start.year + 1, end.year))
    return count + _holidays_through(end.toordinal())


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]: after `start`, up to and including `end` (0 when
    `end` <= `start`)."""
    if end <= start:
        return 0
    weekdays = _weekdays_before(end.toordinal() + 1) - _weekdays_before(start.toordinal() + 1)
    return weekdays - _weekday_holidays_between(start, end)


def working_days_left(on: date, due: date) -> int:
    """Working days from `on` (exclusive) to `due` (inclusive); when `due` has passed, minus the
    working days from `due` (inclusive) to `on` (exclusive) — a step due on a Monday and seen on
    the Tuesday is one working day late."""
    if due >= on:
        return working_days_between(on, due)
    return -working_days_between(due - timedelta(days=1), on - timedelta(days=1))


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1)


def add_working_days(day: date, count: int) -> date:
    """`count` working days after `day` (the day itself is not counted). `count` may be 0.

    With a start on a day off and count 0, the answer is the next working day.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return day if is_working_day(day) else add_working_days(day, 1)
    # Jump over whole weeks and the remaining weekdays, then over the holidays met on the way;
    # each round can only meet the holidays of a few days, so this ends after a round or two.
    end, missing = day, count
    while missing:
        target = _add_weekdays(end, missing)
        missing = _weekday_holidays_between(end, target)
        end = target
    return end


def _add_weekdays(day: date, count: int) -> date:
    """The `count`-th Monday–Friday after `day` (holidays not considered); `count` >= 1."""
    weeks, rest = divmod(count, WORK_WEEK)
    if rest == 0:  # land on the Friday-equivalent of the last whole week, not past it
        weeks, rest = weeks - 1, WORK_WEEK
    day += timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < WORK_WEEK:
            rest -= 1
    return day
