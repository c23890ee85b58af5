"""Reminders of the half-year report: H1 due by 31 July, H2 by 31 January of the next year,
shown from 30 calendar days before until the period is marked as submitted; overdue after.
The test day is 18.11.2026: H1 2026 (due 31.07.2026) and H2 2025 (due 31.01.2026) are late."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from asysta.deadlines.clock import centre_notices
from asysta.reports import services
from asysta.reports.base import Period
from asysta.reports.tests.snapshot_builders import submission

H1_2026 = Period.half_year(2026, 1)
H2_2025 = Period.half_year(2025, 2)
H2_2026 = Period.half_year(2026, 2)


def _due(centre, on: date) -> list[date]:
    return [n.due_on for n in services.report_reminders(centre, on)]


def test_due_dates():
    assert services.half_year_due(H1_2026) == date(2026, 7, 31)
    assert services.half_year_due(H2_2026) == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # 30 June: H1 not yet; the two latest reminded are H1 and H2 of the year before
        (date(2026, 6, 30), [Period.half_year(2025, 1), H2_2025]),
        (date(2026, 7, 1), [H2_2025, H1_2026]),  # 30 days before 31 July
        (date(2026, 12, 31), [H2_2025, H1_2026]),  # H2 2026 not yet
        (date(2027, 1, 1), [H1_2026, H2_2026]),  # 30 days before 31 January
    ],
)
def test_reminder_window_edges(on, expected):
    assert services.reminded_periods(on) == expected


def test_reminder_shows_from_1_july_until_submitted(people):
    assert date(2026, 7, 31) not in _due(people.centre, date(2026, 6, 30))
    assert date(2026, 7, 31) in _due(people.centre, date(2026, 7, 1))

    submission(people, period=H1_2026)

    assert date(2026, 7, 31) not in _due(people.centre, date(2026, 7, 1))
    assert date(2026, 7, 31) not in _due(people.centre, date(2026, 8, 15))
    # another centre's reminder stays until it submits its own
    assert date(2026, 7, 31) in _due(people.centre_b, date(2026, 7, 1))


def test_reminder_has_the_link_to_the_report_of_the_period_and_goes_overdue(people):
    notices = {n.due_on: n for n in centre_notices(people.centre, date(2026, 8, 1))}
    notice = notices[date(2026, 7, 31)]
    assert notice.kind == "semiannual_report" and "I półrocze 2026" in notice.label
    assert notice.url.endswith("?od=2026-01-01&do=2026-06-30")
    assert notice.days_left(date(2026, 7, 31)) == 0
    assert notice.days_left(date(2026, 8, 1)) == -1  # overdue the day after
    assert notice.days_left(date(2026, 7, 1)) == 30


def test_reminder_for_h2_is_due_31_january_next_year(people):
    notice = next(
        n for n in services.report_reminders(people.centre, date(2027, 1, 1)) if "II" in n.label
    )
    assert notice.due_on == date(2027, 1, 31)
    assert notice.url.endswith("?od=2026-07-01&do=2026-12-31")


def test_board_and_start_page_show_the_reminders_to_head_and_coordinator(people, login):
    for user in (people.dorota, people.celina):
        client = login(user)
        board = client.get(reverse("deadlines:board")).content.decode()
        assert "Sprawozdanie półroczne za I półrocze 2026" in board
        assert "Sprawozdanie półroczne za II półrocze 2025" in board
        assert "31.07.2026" in board and "po terminie" in board
        home = client.get(reverse("home")).content.decode()
        assert "Sprawozdanie półroczne za I półrocze 2026" in home


def test_a_submitted_period_leaves_the_board(people, login):
    submission(people, period=H1_2026)
    board = login(people.dorota).get(reverse("deadlines:board")).content.decode()
    assert "za I półrocze 2026" not in board
    assert "za II półrocze 2025" in board


def test_the_auditor_reads_the_board_without_reminders(people, login):
    response = login(people.urszula).get(reverse("deadlines:board"))
    assert response.status_code == 200
    board = response.content.decode()
    assert "Terminy" in board and "Sprawozdanie półroczne" not in board


def test_reminders_are_of_the_own_centre(people, login):
    submission(people, period=H1_2026)
    board = login(people.zofia).get(reverse("deadlines:board")).content.decode()
    assert "za I półrocze 2026" in board  # centre B has not submitted its own


def test_reminders_cost_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.report_reminders(people.centre, date(2026, 11, 18))
