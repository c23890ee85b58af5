"""The duration buckets of the half-year report are counted in SQL from the calendar fields;
on the edges they agree with `add_months` (the month's last day when the start day is missing
from it, 29 February included)."""

from __future__ import annotations

from datetime import date

import pytest

from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.reports.base import Period
from asysta.reports.common import add_months
from asysta.reports.semiannual import semiannual

pytestmark = pytest.mark.django_db

CASES = [
    # (started, closed, bucket)
    (date(2024, 8, 31), date(2025, 2, 28), "duration_upto_6m"),  # add_months gives 28.02
    (date(2024, 8, 31), date(2025, 3, 1), "duration_6_12m"),
    (date(2024, 2, 29), date(2025, 2, 28), "duration_6_12m"),  # 12 months to the day
    (date(2024, 3, 1), date(2025, 3, 1), "duration_6_12m"),
    (date(2024, 3, 1), date(2025, 3, 2), "duration_12_24m"),
    (date(2023, 1, 15), date(2025, 1, 15), "duration_12_24m"),
    (date(2023, 1, 15), date(2025, 1, 16), "duration_over_24m"),
]


def test_buckets_on_the_edges_agree_with_add_months(people) -> None:
    expected: dict[str, list[int]] = {}
    for n, (started, closed_on, bucket) in enumerate(CASES):
        family = testing.make_family(centre=people.centre, by=people.dorota, surname=f"K{n}")
        testing.make_member(family=family, by=people.dorota)
        testing.assign(family=family, assistant=people.anna, by=people.dorota, started_on=started)
        closed(family, by=people.dorota, on=closed_on)
        expected.setdefault(bucket, []).append(family.pk)
        months = next(m for m in (6, 12, 24, 10_000) if closed_on <= add_months(started, m))
        assert bucket.endswith({6: "upto_6m", 12: "6_12m", 24: "12_24m"}.get(months, "over_24m"))

    report = semiannual(people.centre, Period(date(2025, 1, 1), date(2025, 3, 31)))
    for code in ("duration_upto_6m", "duration_6_12m", "duration_12_24m", "duration_over_24m"):
        figure = report.figure(code)
        assert sorted(i.pk for i in figure.items) == sorted(expected.get(code, [])), code
        assert figure.value == len(expected.get(code, []))
