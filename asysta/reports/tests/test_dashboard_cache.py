"""The head's page keeps its slow panels (`asysta.reports.cache`): the area-score trend, the
families by category and a big centre's caseload groups are read from what was kept while the
tables they read are unchanged, and follow every change of those tables. A big centre (more
than twenty assistants) sees its assistants grouped by their number of families.

Today is 18.11.2026 (the fixed clock of the suite).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.accounts.models import User
from asysta.assessments.services import acknowledge_assessment
from asysta.core.models import SoftCapRule
from asysta.core.testing import make_member, make_user
from asysta.families.record import add_placement
from asysta.intake.caseload import Capacity
from asysta.reports import dashboards as q
from asysta.reports.dashboard_caseload import SPREAD_ABOVE, caseload_spread
from asysta.reports.models import ReportCache
from asysta.reports.tests.test_dashboards import (
    FOSTER,
    HEAD,
    TODAY,
    assessment,
    assigned,
    chart,
    svg_values,
    table_values,
)

pytestmark = pytest.mark.django_db


# --- the trend ---------------------------------------------------------------------------------


def test_the_trend_is_kept_until_an_assessment_is_added(people, django_assert_num_queries):
    family = assigned(people, people.anna, on=date(2025, 1, 1))
    assessment(
        family,
        by=people.anna,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        value=2,
        late_reason="Zwłoka.",
    )
    first = q.kept_area_trends(people.centre)
    with django_assert_num_queries(2):  # the version and the kept averages
        kept = q.kept_area_trends(people.centre)
    assert kept == first == q.area_trends(people.centre)

    second = assessment(
        family,
        by=people.anna,
        start=date(2025, 7, 1),
        end=date(2025, 12, 31),
        value=4,
        late_reason="Zwłoka.",
    )
    acknowledge_assessment(assessment=second, by=people.dorota, on=TODAY)

    trends = {t.area: t.points for t in q.kept_area_trends(people.centre)}
    assert trends["safety"] == [(1, Decimal("2.00"), 1), (2, Decimal("4.00"), 1)]
    assert q.kept_area_trends(people.centre) == q.area_trends(people.centre)


def trend_computed(centre) -> bool:
    with CaptureQueriesContext(connection) as ctx:
        q.kept_area_trends(centre)
    return any("INSERT" in x["sql"] and "reports_reportcache" in x["sql"] for x in ctx)


def test_acknowledging_an_assessment_makes_the_trend_computed_again(people):
    family = assigned(people, people.anna, on=date(2025, 1, 1))
    submitted = assessment(
        family,
        by=people.anna,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        late_reason="Zwłoka.",
    )
    assert trend_computed(people.centre)
    assert not trend_computed(people.centre)
    acknowledge_assessment(assessment=submitted, by=people.dorota, on=TODAY)  # an audited edit
    assert trend_computed(people.centre)


def test_the_families_by_category_follow_a_new_assignment_and_the_day(
    people, django_assert_num_queries
):
    assigned(people, people.anna)
    first = q.kept_families_by_category(people.centre, TODAY)
    assert sum(n for _label, n in first) == 1
    with django_assert_num_queries(2):  # the kept counts and the version
        q.kept_families_by_category(people.centre, TODAY)

    assigned(people, people.bartek)
    kept = q.kept_families_by_category(people.centre, TODAY)
    assert kept == q.families_by_category(people.centre, TODAY)
    assert sum(n for _label, n in kept) == 2

    foster = assigned(people, people.bartek)
    child = make_member(family=foster, by=people.dorota, role="child", birth_date=date(2016, 3, 1))
    tomorrow = TODAY + timedelta(days=1)
    add_placement(
        family=foster, by=people.dorota, child=child, kind="kinship", carer="babcia", since=tomorrow
    )
    assert dict(q.kept_families_by_category(people.centre, TODAY))[FOSTER] == 0
    assert dict(q.kept_families_by_category(people.centre, tomorrow))[FOSTER] == 1
    assert ReportCache.objects.filter(report="pulpit:categories").count() == 1  # replaced


# --- the caseload of a big centre --------------------------------------------------------------


def row(families: int, soft_cap: int | None = None) -> Capacity:
    return Capacity(
        assistant=User(username=f"a{families}"),
        fte=Decimal(1),
        open_families=families,
        points=0,
        hard_cap=15,
        soft_cap=soft_cap,
        soft_unit="families",
    )


def test_assistants_are_grouped_by_their_families():
    rows = [row(0), row(4), row(5, soft_cap=4), row(14), row(15), row(15, soft_cap=12), row(16)]
    spread = caseload_spread(rows, 15)
    groups = [(g.low, g.high, g.assistants, g.over) for g in spread.groups]
    assert groups == [(0, 4, 2, 0), (5, 9, 1, 1), (10, 14, 1, 0), (15, 15, 2, 1), (16, None, 1, 0)]
    assert (spread.assistants, spread.full, spread.over_soft_cap) == (7, 3, 2)
    # Nobody above the cap: no group for it.
    assert [g.high for g in caseload_spread(rows[:-1], 15).groups] == [4, 9, 14, 15]


@pytest.fixture
def big_centre(people):
    """Anna, Bartek, nineteen more assistants and Pola on a tenth of a post (a limit of 2
    families in this centre) with 3 families: 22 assistants."""
    for n in range(SPREAD_ABOVE - 1):
        make_user(f"asystent{n}", centre=people.centre, roles=["assistant"], last=f"Nowak{n}")
    pola = make_user(
        "pola",
        centre=people.centre,
        roles=["assistant"],
        first="Pola",
        last="Polowa",
        fte=Decimal("0.1"),
    )
    for _ in range(3):
        assigned(people, pola)
    assigned(people, people.anna)
    return pola


def test_a_big_centre_sees_its_assistants_grouped(people, login, big_centre):
    html = login(people.dorota).get(HEAD).content.decode()
    caseload = chart(html, "obciazenie")

    assert svg_values(caseload) == table_values(caseload) == ["22", "0", "0", "0"]
    assert "0–4" in caseload and "15 — limit ustawowy" in caseload
    assert "1 ponad limit ośrodka" in caseload and 'role="img"' in caseload
    assert "<caption>Asystenci według liczby rodzin (limit ustawowy: 15)</caption>" in caseload
    assert "Pola Polowa" not in html  # the names are on the capacity page
    assert re.search(r'id="obciazenie-ponad-limit">1<', html)
    assert re.search(r'id="obciazenie-bez-miejsc">0<', html)
    assert f'href="{reverse("intake:capacity")}"' in html


def test_the_groups_follow_the_centres_own_limit(people, login, big_centre):
    client = login(people.dorota)
    assert client.get(HEAD).context["caseload_spread"].over_soft_cap == 1
    people.centre.soft_cap_rule = SoftCapRule.NONE  # no table version sees the centre's rule
    people.centre.save()
    assert client.get(HEAD).context["caseload_spread"].over_soft_cap == 0


def test_a_small_centre_keeps_a_bar_per_assistant(people, login, family):
    response = login(people.dorota).get(HEAD)
    assert response.context["caseload_spread"] is None
    bars = response.context["caseload_chart"].bars
    assert [(bar.label, bar.value) for bar in bars] == [
        ("Bartek Asystent", 0),
        ("Anna Asystentka", 1),
    ]
