from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asysta.core.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
    working_days_left,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 4, 21), False),  # Easter Monday
        (date(2025, 6, 19), False),  # Corpus Christi
        (date(2025, 11, 11), False),  # Independence Day
        (date(2025, 12, 24), False),  # Christmas Eve: a public holiday from 2025
        (date(2024, 12, 24), True),  # ... but not yet in 2024 (a Tuesday)
        (date(2025, 5, 3), False),  # Constitution Day (a Saturday anyway)
        (date(2025, 11, 8), False),  # Saturday
        (date(2025, 11, 12), True),  # an ordinary Wednesday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_next_working_day_skips_easter_weekend():
    assert next_working_day(date(2025, 4, 18)) == date(2025, 4, 22)


def test_add_working_days_across_christmas_2025():
    # Tue 23.12 + 1 working day: 24, 25, 26 are holidays, 27-28 the weekend -> Mon 29.12.
    assert add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 29)


def test_add_working_days_across_corpus_christi():
    # Wed 18.06.2025 + 2: Thu 19.06 is Corpus Christi -> Fri 20.06, Mon 23.06.
    assert add_working_days(date(2025, 6, 18), 2) == date(2025, 6, 23)


def test_five_working_days_over_may_holidays():
    # Scenario 9: a Blue Card form filled on 30.04.2025 is due 5 working days later,
    # skipping 1 May (Thu), 3 May (Sat) and the weekend -> 8.05.2025.
    assert add_working_days(date(2025, 4, 30), 5) == date(2025, 5, 8)


def test_add_zero_days_on_a_day_off_moves_to_the_next_working_day():
    assert add_working_days(date(2025, 11, 11), 0) == date(2025, 11, 12)
    assert add_working_days(date(2025, 11, 12), 0) == date(2025, 11, 12)


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 2), -1)


# --- the arithmetic against the definition: step through the calendar one day at a time ---------

DAYS = st.dates(min_value=date(2011, 1, 1), max_value=date(2040, 12, 31))
CHRISTMAS_EVES = st.sampled_from([date(year, 12, 24) for year in range(2024, 2041)])
NEAR = st.integers(min_value=-40, max_value=40).map(lambda n: timedelta(days=n))


def _stepping_left(on: date, due: date) -> int:
    """The definition: walk from `on` to `due`, counting the working days passed."""
    step = 1 if due > on else -1
    day, count = on, 0
    while day != due:
        day += timedelta(days=step)
        if is_working_day(day):
            count += step
    return count


def _stepping_add(day: date, count: int) -> date:
    if count == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


@settings(max_examples=400, deadline=None)
@given(on=DAYS, due=DAYS)
def test_working_days_left_matches_stepping_over_any_span(on, due):
    assert working_days_left(on, due) == _stepping_left(on, due)


@settings(max_examples=300, deadline=None)
@given(on=st.one_of(DAYS, CHRISTMAS_EVES), offset=NEAR)
def test_working_days_left_matches_stepping_near_holidays(on, offset):
    assert working_days_left(on, on + offset) == _stepping_left(on, on + offset)
    assert working_days_left(on + offset, on) == _stepping_left(on + offset, on)


@settings(max_examples=400, deadline=None)
@given(day=st.one_of(DAYS, CHRISTMAS_EVES), count=st.integers(min_value=0, max_value=400))
def test_add_working_days_matches_stepping(day, count):
    assert add_working_days(day, count) == _stepping_add(day, count)


def test_christmas_eve_counts_as_a_day_off_from_2025_only():
    # Mon 22.12.2025 -> Mon 29.12.2025: 23 (Tue) and 29 (Mon); 24-26 are holidays.
    assert working_days_between(date(2025, 12, 22), date(2025, 12, 29)) == 2
    # Mon 23.12.2024 -> Mon 30.12.2024: 24 (Tue, a working day in 2024), 27 and 30.
    assert working_days_between(date(2024, 12, 23), date(2024, 12, 30)) == 3
