"""One computation of the figures for a report page, its lists and its downloads: what was
computed is reused while the data version of that report stays the same — the page included —
and a change to the tables the report reads (an insert, an audited edit, an employment date, a
contact dated within the period) makes the next reader compute again; a change to a table it
does not read (a contact, for the half-year report) or a contact dated outside its period does
not."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from asysta.accounts.models import Membership, Role
from asysta.core import testing
from asysta.families.models import Family
from asysta.reports import cache
from asysta.reports.activity import activity
from asysta.reports.base import Period
from asysta.reports.models import ReportCache
from asysta.reports.tests.activity_dataset import build
from asysta.visits.models import Contact
from asysta.visits.services import update_contact
from asysta.visits.tests.builders import contact

pytestmark = pytest.mark.django_db

YEAR = {"od": "2025-01-01", "do": "2025-12-31"}
YEAR_DATES = (date(2025, 1, 1), date(2025, 12, 31))
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


def test_the_report_page_reuses_the_figures_kept_at_the_same_data_version(people, head):
    # Written first for "the page always computes"; the page now reads what was kept while
    # the data are unchanged (issue 11), as the list and the downloads already did.
    page = reverse("reports:report", args=["activity"])
    cold = queries_of(head, page, YEAR)
    warm = queries_of(head, page, YEAR)

    assert len(warm) < len(cold)
    assert not any("GROUP BY" in sql and "reporting_category" in sql for sql in warm)
    assert not any("INSERT" in sql and "reports_reportcache" in sql for sql in warm)
    assert head.get(page, YEAR).context["report"].figure("families_total").value == 4


def test_a_submission_computes_now_and_replaces_what_was_kept(people):
    build(people)
    cache.get_report(people.centre, "semiannual", Period.half_year(2025, 1))
    first = ReportCache.objects.get()
    cache.get_report(people.centre, "semiannual", Period.half_year(2025, 1), fresh=True)
    again = ReportCache.objects.get()
    assert again.pk == first.pk and again.computed_at > first.computed_at


def test_a_figure_list_keeps_nothing_and_a_download_keeps_the_figures(people, head):
    head.get(reverse("reports:figure", args=["activity", "families_total"]), YEAR)
    assert not ReportCache.objects.exists()
    head.get(reverse("reports:export", args=["activity"]), {**YEAR, "format": "csv"})
    kept = ReportCache.objects.get()
    assert (kept.report, kept.period_start, kept.period_end) == ("activity", *YEAR_DATES)


def test_figures_kept_too_long_ago_are_computed_again(people, settings):
    build(people)
    cache.get_report(people.centre, "activity", PERIOD, fresh=True)
    settings.ASYSTA_REPORT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as ctx:
        cache.get_report(people.centre, "activity", PERIOD)
    assert any(
        "INSERT" in q["sql"] and "reports_reportcache" in q["sql"] for q in ctx.captured_queries
    )


def test_figures_past_the_age_limit_are_deleted_when_new_ones_are_kept(people, settings):
    """Every period someone chose would otherwise stay in the table for good; another centre's
    rows are left alone."""
    from datetime import timedelta

    from django.utils import timezone

    build(people)
    other = testing.make_centre(terc="0201011", name="Inny ośrodek")
    for centre in (people.centre, other):
        for year in (2023, 2024):
            cache.get_report(centre, "activity", Period.year(year), fresh=True)
    old = timezone.now() - timedelta(seconds=cache.MAX_AGE_SECONDS + 60)
    ReportCache.objects.filter(period_start__year=2023).update(computed_at=old)

    cache.get_report(people.centre, "activity", PERIOD, fresh=True)

    kept = {(r.centre_id, r.period_start.year) for r in ReportCache.objects.all()}
    assert kept == {(people.centre.pk, 2024), (people.centre.pk, 2025)} | {
        (other.pk, 2023),
        (other.pk, 2024),
    }


def computed_again(centre, name: str = "activity", period: Period = PERIOD) -> bool:
    """Whether `get_report` computes the figures (and keeps them) rather than reading them."""
    with CaptureQueriesContext(connection) as ctx:
        cache.get_report(centre, name, period)
    return any(
        "INSERT" in q["sql"] and "reports_reportcache" in q["sql"] for q in ctx.captured_queries
    )


def test_the_kept_figures_follow_inserts_edits_and_staff_changes(people):
    # Written first as "the data version changes"; an audited edit now shows in the changes
    # since the kept figures' audit mark rather than in the version itself (issue 11).
    data = build(people)
    assert computed_again(people.centre)
    assert not computed_again(people.centre)  # reading changes nothing

    version = cache.report_version(people.centre, "activity", PERIOD)
    testing.make_member(family=data.f1, by=people.dorota, first_name="Nowy")  # an insert
    assert cache.report_version(people.centre, "activity", PERIOD).text != version.text
    assert computed_again(people.centre)

    data.f1.reporting_category_override = "za_zyciem"  # an audited edit
    data.f1.save()
    assert computed_again(people.centre)
    assert not computed_again(people.centre)

    role = Membership.objects.get(centre=people.centre, user=people.anna, role=Role.ASSISTANT)
    role.employed_until = date(2025, 5, 31)  # not audited: the staff fingerprint sees it
    role.save()
    assert computed_again(people.centre)


def test_a_logged_read_leaves_the_figures_kept(people, head):
    head.get(reverse("reports:report", args=["activity"]), YEAR)
    head.get(reverse("reports:figure", args=["activity", "families_total"]), YEAR)
    assert not computed_again(people.centre)


# --- each report watches the tables it reads; contacts by their date ----------------------------


def test_a_contact_makes_only_the_reports_that_count_contacts_computed_again(people):
    data = build(people)
    half = Period.half_year(2025, 2)
    for name, period in (("semiannual", half), ("activity", PERIOD), ("work_card", PERIOD)):
        cache.get_report(people.centre, name, period)

    contact(data.f1, by=people.anna, on=date(2025, 9, 2))

    assert not computed_again(people.centre, "semiannual", half)
    assert computed_again(people.centre, "activity", PERIOD)
    assert computed_again(people.centre, "work_card", PERIOD)


def test_the_half_year_page_is_not_computed_again_after_a_contact(people, head):
    page = reverse("reports:report", args=["semiannual"])
    half = {"rok": "2025", "polrocze": "2"}
    head.get(page, half)
    contact(Family.objects.get(surname="Nowakowie"), by=people.anna, on=date(2025, 9, 2))
    assert not any(
        "INSERT" in sql and "reports_reportcache" in sql for sql in queries_of(head, page, half)
    )


def test_a_contact_dated_outside_the_period_leaves_the_figures_kept(
    people, django_assert_num_queries
):
    data = build(people)
    cache.get_report(people.centre, "activity", PERIOD)
    contact(data.f1, by=people.anna, on=date(2026, 11, 3))  # this year's: not in 2025

    with django_assert_num_queries(2):  # the version and the kept figures
        kept = cache.get_report(people.centre, "activity", PERIOD)
    assert kept.figure("contacts").value == 3

    contact(data.f1, by=people.anna, on=date(2025, 10, 1))  # recorded late, dated in 2025
    again = cache.get_report(people.centre, "activity", PERIOD)
    assert again.figure("contacts").value == 4
    assert again.as_dict() == activity(people.centre, PERIOD).as_dict()


def test_an_edited_or_deleted_contact_makes_the_figures_computed_again(people):
    data = build(people)
    first = Contact.objects.get(family=data.f1, date=date(2025, 3, 1))
    other_year = Contact.objects.get(family=data.f1, date=date(2026, 1, 10))
    cache.get_report(people.centre, "activity", PERIOD)

    update_contact(contact=first, by=people.anna, end_time=time(12, 0))  # 1 h -> 2 h
    assert cache.get_report(people.centre, "activity", PERIOD).figure("hours").value == Decimal(
        "4.25"
    )
    update_contact(contact=other_year, by=people.anna, date=date(2025, 12, 1))  # moved into 2025
    moved = cache.get_report(people.centre, "activity", PERIOD)
    assert moved.figure("contacts").value == 4
    assert moved.as_dict() == activity(people.centre, PERIOD).as_dict()


def test_figures_kept_in_one_language_are_worded_again_in_another(people):
    build(people)
    cache.get_report(people.centre, "activity", PERIOD)
    assert not computed_again(people.centre)
    with translation.override("en"):  # the kept title and labels are Polish
        assert computed_again(people.centre)
