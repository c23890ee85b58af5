"""Working-day arithmetic for statutory deadlines: weekends and Polish public holidays are off.

`holidays.PL` knows every statutory holiday, including 24 December (a public holiday since 2025).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("PL", years=year)


def is_working_day(day: date) -> bool:
    """True on Monday–Friday that is not a Polish public holiday."""
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """`count` working days after `day` (the day itself is not counted). `count` may be 0.

    With a start on a day off and count 0, the answer is the next working day.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return day if is_working_day(day) else next_working_day(day)
    for _ in range(count):
        day = next_working_day(day)
    return day
