"""The area-score trend of the head's dashboard: a family's n-th counted assessment is numbered
by a window over its assessments, the first six are shown, and the query count does not grow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asysta.reports import dashboards as q
from asysta.reports.tests.test_dashboards import assessment, assigned

pytestmark = pytest.mark.django_db


def half_years(people, family, count: int, first: date, value: int = 3) -> None:
    for n in range(count):
        start = first + relativedelta(months=6 * n)
        end = start + relativedelta(months=6, days=-1)
        assessment(
            family, by=people.anna, start=start, end=end, value=value + n % 2, late_reason="Zwłoka."
        )


def test_only_the_first_six_assessments_of_a_family_are_shown(people):
    family = assigned(people, people.anna, on=date(2023, 1, 1))
    half_years(people, family, 7, date(2023, 1, 1))
    other = assigned(people, people.anna, on=date(2025, 1, 1))
    half_years(people, other, 2, date(2025, 1, 1), value=1)

    points = {t.area: t.points for t in q.area_trends(people.centre)}["safety"]
    assert [seq for seq, _average, _n in points] == [1, 2, 3, 4, 5, 6]
    assert points[0] == (1, Decimal("2.00"), 2)  # 3 and 1
    assert points[1] == (2, Decimal("3.00"), 2)  # 4 and 2
    assert points[2] == (3, Decimal("3.00"), 1)


def test_the_trend_is_one_query_whatever_the_number_of_families(people):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            q.area_trends(people.centre)
        return len(ctx.captured_queries)

    half_years(people, assigned(people, people.anna, on=date(2025, 1, 1)), 2, date(2025, 1, 1))
    few = queries()
    for _ in range(3):
        half_years(people, assigned(people, people.anna, on=date(2025, 1, 1)), 2, date(2025, 1, 1))
    assert queries() == few == 1
