from datetime import date

import pytest

from asysta.core.calendar import add_working_days, is_working_day, next_working_day


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
