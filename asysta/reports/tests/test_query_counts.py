"""Every report costs the same number of queries for 10 families as for 500 (DESIGN.md §7).

The families come from `bulk.build` (assignments, reassignments, members, closures with
reasons, court orders, placements, "Za życiem" applications, contacts); the hand-computed
datasets check the figures themselves.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asysta.core import testing
from asysta.reports.base import REPORTS, Period, Report
from asysta.reports.models import SemiannualRow
from asysta.reports.tests import bulk

pytestmark = pytest.mark.django_db

PERIODS = {
    "semiannual": Period.half_year(2025, 2),
    "activity": Period.year(2025),
    "work_card": Period(date(2025, 3, 1), date(2025, 3, 31)),
}


def _run(people, name: str) -> tuple[int, Report]:
    with CaptureQueriesContext(connection) as ctx:
        report = REPORTS[name](people.centre, PERIODS[name])
    return len(ctx.captured_queries), report


@pytest.mark.parametrize("name", sorted(PERIODS))
def test_same_queries_for_10_and_500_families(people, name):
    assistants = [people.anna, people.bartek]
    assistants.append(
        testing.make_user("cezary", centre=people.centre, roles=["assistant"], first="Cezary")
    )
    # The centre's own rows are read once, however many there are.
    SemiannualRow.objects.create(
        centre=people.centre, code="own_1", label="Sąd", counts=["category:court"]
    )
    SemiannualRow.objects.create(
        centre=people.centre,
        code="ended_other",
        label="Inne",
        counts=["reason:other", "reason:moved_away"],
    )
    bulk.build(people.centre, families=10, assistants=assistants, by=people.dorota)
    few, small = _run(people, name)
    bulk.build(people.centre, families=490, assistants=assistants, by=people.dorota)
    many, large = _run(people, name)

    assert few == many, f"{name}: {few} queries for 10 families, {many} for 500"
    # The reports did see the families (the counts are not of an empty centre).
    biggest = max(len(f.items) for f in large.figures)
    assert biggest > 5 * max(len(f.items) for f in small.figures)
