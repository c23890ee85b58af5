"""The dashboards against hand-computed centres: each panel's figures, who may open which page,
the period picker, constant query counts, and charts whose SVG and table carry the same numbers.

Today is 18.11.2026 (the fixed clock of the suite).
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.assessments import services as assessment_services
from asysta.assessments.tests.builders import scores
from asysta.closure.tests.builders import closed
from asysta.core.testing import assign, make_family, make_member, make_user
from asysta.families.models import ReportingCategory
from asysta.families.record import add_placement
from asysta.intake.models import QueuePriority
from asysta.intake.services import record_first_contact
from asysta.intake.tests.builders import queued_referral
from asysta.reports import dashboards as q
from asysta.reports.base import Period
from asysta.visits.tests.builders import contact

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 18)
HEAD = reverse("reports:dashboard")
MINE = reverse("reports:dashboard_mine")
PROBLEM, FOSTER, ZZ = (str(c.label) for c in ReportingCategory)


@pytest.fixture
def wiktor(people):
    """An assistant of centre B."""
    return make_user("wiktor", centre=people.centre_b, roles=["assistant"], last="Bowski")


def fam(people, *, centre=None, **fields):
    centre = centre or people.centre
    by = people.dorota if centre == people.centre else people.zofia
    family = make_family(centre=centre, by=by, **fields)
    make_member(family=family, by=by)
    return family


def assigned(people, assistant, *, on=TODAY, met=True, centre=None, **fields):
    """A family assigned to `assistant` on `on` (first meeting recorded the same day)."""
    family = fam(people, centre=centre, **fields)
    by = people.dorota if (centre or people.centre) == people.centre else people.zofia
    assignment = assign(family=family, assistant=assistant, by=by, started_on=on)
    if met:
        record_first_contact(assignment=assignment, on=on, present="matka", by=assistant)
    return family


def counts(rows):
    return dict(rows)


# --- the panels ---------------------------------------------------------------------------------


def test_caseload_per_assistant_against_the_cap(people, family):
    assigned(people, people.anna)
    assigned(people, people.bartek)
    closed(assigned(people, people.bartek, on=date(2026, 1, 5)), by=people.bartek)  # monitoring

    rows = {str(r.assistant): r for r in q.caseload(people.centre, TODAY)}
    assert rows["Anna Asystentka"].open_families == 2
    assert rows["Bartek Asystent"].open_families == 1  # the family in monitoring does not count
    assert rows["Anna Asystentka"].free == 13


def test_queue_count_and_oldest_waiting_days(people):
    queued_referral(
        fam(people, social_worker=people.edward), people=people, on=date(2026, 10, 19), priority=1
    )
    queued_referral(
        fam(people, social_worker=people.edward), people=people, on=date(2026, 11, 8), priority=4
    )
    queued_referral(
        fam(people, social_worker=people.edward), people=people, on=date(2026, 11, 10), priority=4
    )

    summary = q.queue_summary(people.centre, TODAY)
    assert summary.waiting == 3
    assert summary.oldest_since == date(2026, 10, 19)
    assert summary.oldest_days == 30
    by_priority = counts(summary.by_priority)
    assert by_priority[str(QueuePriority.COURT_ORDER.label)] == 1
    assert by_priority[str(QueuePriority.OTHER.label)] == 2
    assert q.queue_summary(people.centre_b, TODAY).waiting == 0


def test_empty_queue(people):
    summary = q.queue_summary(people.centre, TODAY)
    assert (summary.waiting, summary.oldest_days) == (0, None)


def test_overdue_steps_by_kind(people, wiktor):
    # First meeting due 7 working days after the assignment; the periodic assessment six
    # months after the first meeting.
    assigned(people, people.anna, on=date(2026, 10, 1), met=False)  # first meeting late
    assigned(people, people.anna, on=date(2026, 1, 5))  # assessment late (due 06.07.2026)
    assigned(people, people.bartek, on=date(2025, 12, 1), met=False)  # both late
    assigned(people, people.bartek, on=TODAY, met=False)  # nothing late yet
    assigned(people, wiktor, on=date(2026, 1, 5), met=False, centre=people.centre_b)

    by_kind = counts(q.overdue_by_kind(people.centre, TODAY))
    assert by_kind == {
        "pierwsze spotkanie z rodziną": 2,
        "okresowa ocena sytuacji rodziny": 2,
    }


def test_families_by_reporting_category(people, wiktor):
    assigned(people, people.anna)
    assigned(people, people.anna, reporting_category_override=ReportingCategory.ZA_ZYCIEM)
    foster = assigned(people, people.bartek)
    child = make_member(
        family=foster,
        by=people.dorota,
        first_name="Kacper",
        role="child",
        birth_date=date(2016, 3, 1),
    )
    add_placement(
        family=foster,
        by=people.dorota,
        child=child,
        kind="kinship",
        carer="babcia",
        since=date(2026, 2, 1),
    )
    fam(people)  # in the register, never assigned
    closed(assigned(people, people.bartek, on=date(2026, 1, 5)), by=people.bartek)  # monitoring
    assigned(people, wiktor, centre=people.centre_b)

    assert counts(q.families_by_category(people.centre, TODAY)) == {PROBLEM: 1, FOSTER: 1, ZZ: 1}
    assert counts(q.families_by_category(people.centre_b, TODAY)) == {PROBLEM: 1, FOSTER: 0, ZZ: 0}


def closures_dataset(people, wiktor):
    """Centre A: in 2026 goals achieved twice (one on 30 June) and no cooperation once; in 2025
    goals achieved on 31 December. Centre B: one closure in 2026."""
    for on, reason in (
        (date(2026, 3, 2), "goals_achieved"),
        (date(2026, 6, 30), "goals_achieved"),
        (date(2026, 9, 1), "no_cooperation"),
        (date(2025, 12, 31), "goals_achieved"),
    ):
        family = assigned(people, people.anna, on=date(2025, 6, 2))
        closed(family, by=people.anna, on=on, reason=reason)
    other = assigned(people, wiktor, on=date(2025, 6, 2), centre=people.centre_b)
    closed(other, by=wiktor, on=date(2026, 5, 4), reason="no_effects")


def test_closures_by_reason_and_share_achieved(people, wiktor):
    closures_dataset(people, wiktor)
    summary = q.closures(people.centre, Period.year(2026))
    by_reason = counts(summary.by_reason)
    assert by_reason["osiągnięcie celów planu"] == 2
    assert by_reason["brak współpracy / rezygnacja rodziny"] == 1
    assert by_reason["brak efektów pracy"] == 0  # centre B's closure is not counted
    assert (summary.total, summary.achieved) == (3, 2)
    assert summary.achieved_percent == Decimal("66.7")

    last_year = q.closures(people.centre, Period.year(2025))
    assert (last_year.total, last_year.achieved_percent) == (1, Decimal("100.0"))
    assert q.closures(people.centre, Period.year(2024)).achieved_percent is None


def assessment(family, *, by, start, end, status="submitted", late_reason="", **by_area):
    draft = assessment_services.create_assessment(
        family=family,
        by=by,
        scores=scores(by_area.pop("value", 3), **by_area),
        period_from=start,
        period_to=end,
        made_on=end,
        changes="Poprawa organizacji dnia.",
        cooperation="Rodzina współpracuje.",
        recommendation="continue",
        late_reason=late_reason,
    )
    if status == "draft":
        return draft
    return assessment_services.submit_assessment(assessment=draft, by=by, on=end)


def test_area_score_averages_per_assessment_sequence(people, wiktor):
    one = assigned(people, people.anna, on=date(2025, 9, 1))
    two = assigned(people, people.anna, on=date(2026, 1, 5))
    # Entered out of order: the sequence follows the assessed periods, not the entry order.
    assessment(
        one,
        by=people.anna,
        start=date(2026, 2, 28),
        end=date(2026, 8, 27),
        value=3,
        childcare=4,
        late_reason="Wpisana przed oceną za poprzedni okres.",
    )
    assessment(
        one, by=people.anna, start=date(2025, 9, 1), end=date(2026, 2, 27), value=2, childcare=1
    )
    assessment(two, by=people.anna, start=date(2026, 1, 5), end=date(2026, 6, 30), value=4)
    # A draft is not counted; nor is another centre's assessment.
    assessment(
        two, by=people.anna, start=date(2026, 7, 1), end=date(2026, 11, 17), value=1, status="draft"
    )
    other = assigned(people, wiktor, on=date(2026, 1, 5), centre=people.centre_b)
    assessment(other, by=wiktor, start=date(2026, 1, 5), end=date(2026, 6, 30), value=1)

    trends = {t.area: t.points for t in q.area_trends(people.centre)}
    assert trends["childcare"] == [(1, Decimal("2.50"), 2), (2, Decimal("4.00"), 1)]
    assert trends["household"] == [(1, Decimal("3.00"), 2), (2, Decimal("3.00"), 1)]
    assert len(trends) == 8
    assert {t.area: t.points for t in q.area_trends(people.centre_b)}["safety"] == [
        (1, Decimal("1.00"), 1)
    ]


def test_assistant_month_and_families(people, family):
    second = assigned(people, people.anna, reporting_category_override=ReportingCategory.ZA_ZYCIEM)
    contact(family, by=people.anna, on=date(2026, 11, 3))
    contact(second, by=people.anna, on=date(2026, 11, 17), end_time=time(12, 30))
    contact(family, by=people.anna, on=date(2026, 10, 31))  # last month
    bartek_family = assigned(people, people.bartek)
    contact(bartek_family, by=people.bartek, on=date(2026, 11, 4))

    month = q.my_month(people.anna, people.centre, date(2026, 11, 1), date(2026, 11, 30))
    assert (month.contacts, month.minutes, month.families) == (2, 60 + 150, 2)
    assert month.hours_label == "3:30"
    assert counts(q.my_families_by_category(people.anna, TODAY)) == {PROBLEM: 1, FOSTER: 0, ZZ: 1}
    assert counts(q.my_families_by_category(people.bartek, TODAY))[PROBLEM] == 1


# --- the pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["edward", "halina", "adam", "anna"])
def test_head_dashboard_refused_by_policy(people, login, who):
    assert login(getattr(people, who)).get(HEAD).status_code == 403


@pytest.mark.parametrize("who", ["dorota", "celina", "edward", "halina", "urszula"])
def test_assistant_dashboard_refused_by_policy(people, login, who):
    assert login(getattr(people, who)).get(MINE).status_code == 403


@pytest.mark.parametrize("who", ["dorota", "celina", "urszula"])
def test_head_coordinator_and_auditor_open_the_dashboard(people, login, family, who):
    response = login(getattr(people, who)).get(HEAD)
    assert response.status_code == 200
    assert response.context["families_total"] == 1


def chart(html: str, slug: str) -> str:
    match = re.search(rf'<figure[^>]*id="wykres-{slug}".*?</figure>', html, re.S)
    assert match, slug
    return match.group(0)


def svg_values(figure: str) -> list[str]:
    return [
        re.sub(r" \(.*\)$", "", v.strip())
        for v in re.findall(r'class="report-chart-value"[^>]*>([^<]*)<', figure)
    ]


def table_values(figure: str) -> list[str]:
    return [v.strip() for v in re.findall(r'class="text-end report-chart-cell">([^<]*)<', figure)]


def test_zofia_sees_only_centre_b(people, login, wiktor, family):
    closures_dataset(people, wiktor)
    queued_referral(fam(people, social_worker=people.edward), people=people, on=TODAY, priority=4)
    response = login(people.zofia).get(HEAD)
    assert response.status_code == 200
    ctx = response.context
    assert ctx["families_total"] == 0  # centre B's only family is in monitoring
    assert ctx["queue"].waiting == 0
    assert (ctx["closures"].total, ctx["closures"].achieved) == (1, 0)
    assert [bar.label for bar in ctx["caseload_chart"].bars] == ["Wiktor Bowski"]
    assert "Anna Asystentka" not in response.content.decode()
    # ...and Dorota never sees centre B's closure.
    assert login(people.dorota).get(HEAD).context["closures"].total == 3


def test_head_page_shows_every_panel_with_svg_and_table_agreeing(people, login, wiktor, family):
    closures_dataset(people, wiktor)
    assigned(people, people.bartek, reporting_category_override=ReportingCategory.ZA_ZYCIEM)
    queued_referral(
        fam(people, social_worker=people.edward), people=people, on=date(2026, 11, 8), priority=1
    )
    response = login(people.dorota).get(HEAD)
    html = response.content.decode()
    assert response.status_code == 200

    categories = chart(html, "kategorie")
    assert (
        'role="img"' in categories and "<caption>Rodziny według kategorii</caption>" in categories
    )
    assert svg_values(categories) == table_values(categories) == ["1", "0", "1"]
    assert f"{PROBLEM}: 1" in re.search(r'aria-label="([^"]*)"', categories).group(1)

    caseload = chart(html, "obciazenie")
    assert svg_values(caseload) == table_values(caseload) == ["1", "1"]  # Anna, Bartek
    assert "Limit ustawowy: 15 rodzin" in caseload

    reasons = chart(html, "powody")
    assert svg_values(reasons) == table_values(reasons)
    assert table_values(reasons)[:3] == ["2", "1", "0"]  # achieved, no cooperation, no effects

    achieved = chart(html, "cele-osiagniete")
    assert svg_values(achieved) == table_values(achieved) == ["66,7%"]
    assert "NIK: ok. 20% w kontrolowanych ośrodkach" in achieved

    assert re.search(r'id="kolejka-liczba">1<', html)
    assert re.search(r'id="kolejka-dni">10<', html)
    assert 'id="zakonczenia-liczba">3<' in html
    for th in re.findall(r"<th(?:\s[^>]*)?>", categories):
        assert "scope=" in th


def test_period_picker_chooses_the_closures(people, login, wiktor):
    closures_dataset(people, wiktor)
    response = login(people.dorota).get(HEAD, {"od": "2025-12-31", "do": "2026-06-30"})
    assert response.status_code == 200
    closures = response.context["closures"]
    assert (closures.total, closures.achieved) == (3, 3)  # 31.12.2025, 02.03 and 30.06.2026


@pytest.mark.parametrize(
    "params",
    [
        {"od": "2026-12-31", "do": "2026-01-01"},
        {"od": "2026-13-01", "do": "2026-12-31"},
        {"od": ""},
    ],
)
def test_bad_period_is_422_with_the_rest_of_the_page(people, login, family, params):
    response = login(people.dorota).get(HEAD, params)
    assert response.status_code == 422
    html = response.content.decode()
    assert response.context["closures"] is None
    assert 'class="invalid-feedback d-block"' in html
    assert 'id="wykres-kategorie"' in html and 'id="wykres-obciazenie"' in html
    if params.get("do") == "2026-01-01":
        assert 'id="id_do_error">Koniec okresu nie może być wcześniejszy niż jego początek.' in html
        assert 'value="2026-12-31"' in html  # what the user typed stays


def test_assistant_dashboard(people, login, family):
    contact(family, by=people.anna, on=date(2026, 11, 3))
    late = assigned(people, people.anna, on=date(2026, 10, 1), met=False)
    assigned(people, people.bartek)
    response = login(people.anna).get(MINE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="moje-rodziny-liczba">2<' in html
    assert 'id="miesiac-kontakty">1<' in html and 'id="miesiac-czas">1:00<' in html
    assert [d.family.pk for d in response.context["late"]] == [late.pk]
    assert reverse("visits:work_card", args=[2026, 11]) in html
    mine = chart(html, "moje-kategorie")
    assert svg_values(mine) == table_values(mine) == ["2", "0", "0"]


def test_another_assistant_does_not_see_annas_families(people, login, family):
    contact(family, by=people.anna, on=date(2026, 11, 3))
    response = login(people.bartek).get(MINE)
    assert response.context["families_total"] == 0
    assert response.context["month"].contacts == 0
    assert family.surname not in response.content.decode()


def build_centre(people, n: int) -> None:
    """`n` families spread over both assistants and the three categories, with contacts,
    closures, queue entries and assessments."""
    overrides = ["", ReportingCategory.ZA_ZYCIEM, ReportingCategory.FOSTER_CARE]
    for i in range(n):
        assistant = (people.anna, people.bartek)[i % 2]
        family = assigned(
            people,
            assistant,
            on=date(2026, 1, 5),
            met=i % 3 != 0,
            reporting_category_override=overrides[i % 3],
            social_worker=people.edward,
        )
        contact(family, by=assistant, on=date(2026, 11, 2))
        if i % 4 == 0:
            assessment(family, by=assistant, start=date(2026, 1, 5), end=date(2026, 6, 30))
        if i % 5 == 0:
            closed(family, by=assistant, on=date(2026, 9, 1))
        if i % 7 == 0:
            queued = fam(people, social_worker=people.edward)
            queued_referral(queued, people=people, on=date(2026, 10, 1), priority=1 + i % 4)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_count_does_not_grow_with_the_families(people, login, settings):
    settings.CASELOAD_HARD_CAP = 100
    build_centre(people, 5)
    head = login(people.dorota)
    few_head = queries_of(head, HEAD)
    assistant = login(people.anna)
    few_mine = queries_of(assistant, MINE)

    build_centre(people, 40)
    head = login(people.dorota)
    assert queries_of(head, HEAD) == few_head
    assistant = login(people.anna)
    assert queries_of(assistant, MINE) == few_mine


def test_bar_chart_geometry_and_summary():
    from asysta.reports.templatetags.report_charts import VALUE_ROOM, Bar, BarChart, Reference

    chart = BarChart(
        slug="t",
        title="Rodziny",
        label_header="Asystent",
        value_header="Rodziny",
        bars=[Bar("Anna", 15, flag="brak miejsc", emphasis=True), Bar("Bartek", 5)],
        maximum=15,
        reference=Reference(15, "Limit ustawowy: 15 rodzin"),
    )
    first, second = chart.rows
    assert first["width"] == chart.width - VALUE_ROOM == chart.reference_x
    assert second["width"] == round((chart.width - VALUE_ROOM) / 3)
    assert chart.summary == (
        "Wykres słupkowy: Rodziny. Anna: 15 (brak miejsc); Bartek: 5. Limit ustawowy: 15 rodzin"
    )
