"""One computation of the figures for a report page, its lists and its downloads: what the page
computed is reused while the data version stays the same, and any change to the data behind
the reports (an insert, an audited edit, an employment date) makes the next reader compute
again."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.accounts.models import Membership, Role
from asysta.core import testing
from asysta.reports import cache
from asysta.reports.activity import activity
from asysta.reports.base import Period
from asysta.reports.models import ReportCache
from asysta.reports.tests.activity_dataset import build
from asysta.visits.tests.builders import contact

pytestmark = pytest.mark.django_db

YEAR = {"od": "2025-01-01", "do": "2025-12-31"}
PERIOD = Period.year(2025)


def queries_of(client, url: str, query: dict) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, query).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.fixture
def head(people, login):
    build(people)
    return login(people.dorota)


def test_a_figure_list_after_the_report_page_reuses_its_figures(people, head):
    figure = reverse("reports:figure", args=["activity", "families_total"])
    cold = queries_of(head, figure, YEAR)  # nothing kept yet: computes and keeps the figures
    head.get(reverse("reports:report", args=["activity"]), YEAR)
    warm = queries_of(head, figure, YEAR)

    assert len(warm) < len(cold)
    assert not any("GROUP BY" in sql and "reporting_category" in sql for sql in warm)
    assert head.get(figure, YEAR).context["figure"].value == 4


def test_a_download_after_the_report_page_reads_only_the_lists(people, head):
    head.get(reverse("reports:report", args=["activity"]), YEAR)
    with CaptureQueriesContext(connection) as ctx:
        response = head.get(reverse("reports:export", args=["activity"]), {**YEAR, "format": "csv"})
    assert response.status_code == 200
    # The version, the kept figures and the logged read: no figure is computed again.
    assert not any(
        "reports_reportcache" in q["sql"] and "INSERT" in q["sql"] for q in ctx.captured_queries
    )
    assert "families_total;Liczba rodzin — razem;4" in response.content.decode("utf-8-sig")


def test_a_change_to_the_data_makes_the_figures_computed_again(people, head):
    report_page = reverse("reports:report", args=["activity"])
    figure = reverse("reports:figure", args=["activity", "contacts"])
    head.get(report_page, YEAR)
    warm = queries_of(head, figure, YEAR)
    fam = testing.make_family(centre=people.centre, by=people.dorota, surname="Nowi")
    testing.assign(family=fam, assistant=people.anna, by=people.dorota, started_on=date(2025, 2, 1))
    contact(fam, by=people.anna, on=date(2025, 9, 1), end_time=time(11, 0))

    after = queries_of(head, figure, YEAR)
    assert len(after) > len(warm)
    response = head.get(figure, YEAR)
    assert (
        response.context["figure"].value == activity(people.centre, PERIOD).figure("contacts").value
    )
    assert response.context["figure"].value == 4


def test_get_report_reuses_kept_figures_in_two_queries(people, django_assert_num_queries):
    build(people)
    fresh = cache.get_report(people.centre, "activity", PERIOD, fresh=True)
    with django_assert_num_queries(2):  # the data version and the kept figures
        kept = cache.get_report(people.centre, "activity", PERIOD)
    assert kept.as_dict() == fresh.as_dict() == activity(people.centre, PERIOD).as_dict()
    assert ReportCache.objects.filter(centre=people.centre, report="activity").count() == 1


def test_the_page_always_computes_and_replaces_what_was_kept(people):
    build(people)
    cache.get_report(people.centre, "semiannual", Period.half_year(2025, 1), fresh=True)
    first = ReportCache.objects.get()
    cache.get_report(people.centre, "semiannual", Period.half_year(2025, 1), fresh=True)
    again = ReportCache.objects.get()
    assert again.pk == first.pk and again.computed_at >= first.computed_at


def test_figures_kept_too_long_ago_are_computed_again(people, settings):
    build(people)
    cache.get_report(people.centre, "activity", PERIOD, fresh=True)
    settings.ASYSTA_REPORT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as ctx:
        cache.get_report(people.centre, "activity", PERIOD)
    assert any(
        "INSERT" in q["sql"] and "reports_reportcache" in q["sql"] for q in ctx.captured_queries
    )


def test_the_data_version_follows_inserts_edits_and_staff_changes(people):
    data = build(people)
    version = cache.data_version(people.centre)
    assert cache.data_version(people.centre) == version  # reading changes nothing

    testing.make_member(family=data.f1, by=people.dorota, first_name="Nowy")  # an insert
    after_insert = cache.data_version(people.centre)
    assert after_insert != version

    data.f1.reporting_category_override = "za_zyciem"  # an audited edit
    data.f1.save()
    after_edit = cache.data_version(people.centre)
    assert after_edit != after_insert

    role = Membership.objects.get(centre=people.centre, user=people.anna, role=Role.ASSISTANT)
    role.employed_until = date(2025, 5, 31)  # not audited: the staff fingerprint sees it
    role.save()
    assert cache.data_version(people.centre) != after_edit


def test_a_logged_read_does_not_change_the_data_version(people, head):
    version = cache.data_version(people.centre)
    head.get(reverse("reports:figure", args=["activity", "families_total"]), YEAR)
    assert cache.data_version(people.centre) == version
