"""The report pages: the list with its period pickers, a report's figures, the list behind a
figure (adding up to it, linking the families the user may open), the downloads, who may read
them and that a centre sees only its own figures."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from asysta.core import testing
from asysta.reports.access import SECTION_REPORT_EXPORT, SECTION_REPORT_VIEW
from asysta.reports.activity import activity
from asysta.reports.base import Period
from asysta.reports.forms import last_ended_half_year, previous_month
from asysta.reports.semiannual import semiannual
from asysta.reports.tests.activity_dataset import build
from asysta.reports.views import visible_family_ids

pytestmark = pytest.mark.django_db

H1 = {"od": "2025-01-01", "do": "2025-06-30"}
YEAR = {"od": "2025-01-01", "do": "2025-12-31"}


def report_url(name: str = "semiannual") -> str:
    return reverse("reports:report", args=[name])


def figure_url(name: str, figure: str) -> str:
    return reverse("reports:figure", args=[name, figure])


def export_url(name: str = "semiannual") -> str:
    return reverse("reports:export", args=[name])


@pytest.fixture
def data(people):
    """The activity dataset of centre A (2025) and one family of centre B (Zofia's)."""
    dataset = build(people)
    zenon = testing.make_user("zenon", centre=people.centre_b, roles=["assistant"], first="Zenon")
    other = testing.make_family(centre=people.centre_b, by=people.zofia, surname="Bejscy")
    testing.make_member(family=other, by=people.zofia)
    testing.assign(family=other, assistant=zenon, by=people.zofia, started_on=date(2025, 2, 1))
    dataset.other = other  # type: ignore[attr-defined]
    return dataset


def reads(section: str) -> list[dict]:
    """The logged reads of `section`, each with the centre read (the entry's object)."""
    return [
        {**e.additional_data, "centre": int(e.object_pk)}
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
        if e.additional_data.get("section") == section
    ]


# --- the list of reports and the period pickers --------------------------------------------------


def test_defaults_of_the_period_pickers():
    # The test clock stands at 18.11.2026.
    assert last_ended_half_year(date(2026, 11, 18)) == Period.half_year(2026, 1)
    assert last_ended_half_year(date(2026, 3, 1)) == Period.half_year(2025, 2)
    assert last_ended_half_year(date(2026, 7, 1)) == Period.half_year(2026, 1)
    assert previous_month(date(2026, 1, 15)) == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_index_lists_the_reports_with_their_default_periods(people, login):
    response = login(people.dorota).get(reverse("reports:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Sprawozdanie półroczne", "działalności asystentów", "Karty pracy asystentów"):
        assert title in page
    forms = response.context["pickers"]
    assert [p["name"] for p in forms] == ["semiannual", "activity", "work_card"]
    assert forms[0]["form"].initial == {"rok": 2026, "polrocze": 1}
    assert forms[1]["form"].initial == {"rok": 2025}
    assert forms[2]["form"].initial == {"od": date(2026, 10, 1), "do": date(2026, 10, 31)}
    assert f'action="{report_url("semiannual")}"' in page


def test_year_and_half_year_choose_the_period(people, login):
    client = login(people.dorota)
    response = client.get(report_url(), {"rok": "2025", "polrocze": "2"})
    assert response.context["period"] == Period.half_year(2025, 2)
    response = client.get(report_url("activity"), {"rok": "2024"})
    assert response.context["period"] == Period.year(2024)
    # Dates win over the year.
    response = client.get(report_url("activity"), {"rok": "2024", **H1})
    assert response.context["period"] == Period(date(2025, 1, 1), date(2025, 6, 30))
    # Nothing chosen: the default period of the report.
    assert client.get(report_url()).context["period"] == Period.half_year(2026, 1)
    assert client.get(report_url("work_card")).context["period"] == Period(
        date(2026, 10, 1), date(2026, 10, 31)
    )


@pytest.mark.parametrize(
    ("name", "query", "field", "message"),
    [
        ("semiannual", {"od": "2025-06-30", "do": "2025-01-01"}, "do", "nie może być wcześniejszy"),
        ("activity", {"od": "2025-13-01", "do": "2025-12-31"}, "od", "poprawną datę"),
        ("work_card", {"od": "2025-01-01"}, "do", "Podaj koniec okresu"),
        ("semiannual", {"rok": "2025"}, "polrocze", "Wybierz półrocze"),
        ("activity", {"rok": "dwa"}, "rok", "liczbę całkowitą"),
    ],
)
def test_bad_period_reshows_the_picker_with_the_message_by_the_field(
    people, login, name, query, field, message
):
    client = login(people.dorota)
    for url in (report_url(name), figure_url(name, "x"), export_url(name)):
        response = client.get(url, query)
        assert response.status_code == 422
        form = next(p["form"] for p in response.context["pickers"] if p["name"] == name)
        assert message in " ".join(form.errors[field])
        page = response.content.decode()
        assert f'id="{name}_{field}_error"' in page  # the message sits by the field
        assert 'aria-invalid="true"' in page
    assert not reads(SECTION_REPORT_EXPORT) and not reads(SECTION_REPORT_VIEW)


def test_unknown_report_or_figure_is_404(people, login):
    client = login(people.dorota)
    assert client.get(report_url("nieznane")).status_code == 404
    assert client.get(figure_url("semiannual", "nieznany"), H1).status_code == 404
    assert client.get(export_url("nieznane")).status_code == 404
    assert client.get(export_url(), {**H1, "format": "exe"}).status_code == 404


# --- the report page -----------------------------------------------------------------------------


def test_report_page_shows_every_figure_linked_to_its_list(people, login, data):
    response = login(people.dorota).get(report_url(), H1)
    assert response.status_code == 200
    page = response.content.decode()
    expected = semiannual(people.centre, Period.half_year(2025, 1))
    assert response.context["report"].as_dict() == expected.as_dict()
    for figure in expected.figures:
        assert f"{figure_url('semiannual', figure.code)}?od=2025-01-01&amp;do=2025-06-30" in page
        assert f'data-code="{figure.code}" data-value="{figure.value}"' in page
    assert people.centre.name in page
    assert "01.01.2025–30.06.2025" in page
    assert "z bieżących danych ewidencji" in page
    for fmt in ("csv", "xlsx", "pdf", "json"):
        assert f"format={fmt}" in page


# --- the list behind a figure --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "query", "code"),
    [
        ("semiannual", H1, "families_served"),
        ("semiannual", H1, "children"),
        ("activity", YEAR, "families_total"),
        ("activity", YEAR, "hours"),
        ("activity", YEAR, "assistants_fte"),
    ],
)
def test_figure_list_adds_up_to_the_figure(people, login, data, name, query, code):
    response = login(people.dorota).get(figure_url(name, code), query)
    assert response.status_code == 200
    figure = response.context["figure"]
    report = semiannual if name == "semiannual" else activity
    expected = report(
        people.centre, Period(date.fromisoformat(query["od"]), date.fromisoformat(query["do"]))
    )
    assert figure.value == expected.figure(code).value and figure.items
    rows = response.context["rows"]
    if figure.is_sum:
        assert sum(item.amount for item, _link in rows) == figure.value
    else:
        assert len(rows) == figure.value
    page = response.content.decode()
    assert f'id="razem" data-value="{figure.value}"' in page
    for item, _link in rows:
        assert item.label in page


def test_family_items_link_to_the_family_and_the_read_is_logged(people, login, data):
    page = login(people.urszula).get(figure_url("activity", "families_total"), YEAR)
    content = page.content.decode()
    for family in (data.f1, data.f2, data.f3, data.f6):
        assert reverse("families:detail", args=[family.pk]) in content
    assert reverse("families:detail", args=[data.f5.pk]) not in content  # served from 2026
    logged = reads(SECTION_REPORT_VIEW)
    assert logged == [
        {
            "centre": people.centre.pk,
            "report": "activity",
            "period": "2025-01-01–2025-12-31",
            "format": "html",
            "figure": "families_total",
            "section": SECTION_REPORT_VIEW,
        }
    ]


def test_assistant_items_are_not_links(people, login, data):
    response = login(people.dorota).get(figure_url("activity", "assistants_total"), YEAR)
    assert [openable for _item, openable in response.context["rows"]] == [False, False]


def test_only_families_the_user_may_open_are_links(people, data):
    """The list links a family only when its reader may open it (one query for the page)."""
    pks = {data.f1.pk, data.f3.pk, data.f6.pk, data.other.pk}
    with CaptureQueriesContext(connection) as ctx:
        head_sees = visible_family_ids(people.dorota, pks)
    assert head_sees == {data.f1.pk, data.f3.pk, data.f6.pk}
    assert len([q for q in ctx.captured_queries if "families_family" in q["sql"]]) == 1
    # Anna is assigned to F1 now; F6 went to Bartek, F3 was always Bartek's.
    assert visible_family_ids(people.anna, pks) == {data.f1.pk}
    assert visible_family_ids(people.adam, pks) == set()
    assert visible_family_ids(people.zofia, pks) == {data.other.pk}


# --- downloads -----------------------------------------------------------------------------------


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_with_and_without_lists(people, login, data):
    client = login(people.dorota)
    response = client.get(export_url(), {**H1, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="sprawozdanie-semiannual-2025-01-01_2025-06-30.csv"'
    )
    rows = _csv_rows(response.content)
    report = semiannual(people.centre, Period.half_year(2025, 1))
    values = {row[0]: row[2] for row in rows if len(row) == 3}
    assert values["families_served"] == str(report.figure("families_served").value)
    assert not any("Lewandowscy" in cell for row in rows for cell in row)

    with_lists = client.get(export_url(), {**H1, "format": "csv", "items": "1"})
    assert "-z-listami.csv" in with_lists["Content-Disposition"]
    listed = _csv_rows(with_lists.content)
    served = [row for row in listed if len(row) == 6 and row[0] == "families_served"]
    assert len(served) == report.figure("families_served").value
    assert [e["format"] for e in reads(SECTION_REPORT_EXPORT)] == ["csv", "csv"]


@pytest.mark.parametrize("items", [False, True])
def test_xlsx_export_is_streamed_and_its_temporary_file_removed(
    people, login, data, monkeypatch, tmp_path, items
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    query = {**YEAR, "format": "xlsx", **({"items": "1"} if items else {})}
    response = login(people.dorota).get(export_url("activity"), query)
    assert response.status_code == 200 and response.streaming
    content = b"".join(response.streaming_content)  # the client closes the file at the end
    assert list(tmp_path.glob("asysta-report-*")) == []
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert len(book.sheetnames) == (2 if items else 1)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    values = {row[0]: row[2] for row in rows if len(row) >= 3 and row[0]}
    report = activity(people.centre, Period(date(2025, 1, 1), date(2025, 12, 31)))
    assert values["families_total"] == report.figure("families_total").value
    assert Decimal(str(values["hours"])) == report.figure("hours").value
    assert reads(SECTION_REPORT_EXPORT)[0]["format"] == "xlsx"


def test_json_export_is_the_report_data(people, login, data):
    response = login(people.celina).get(export_url("activity"), {**YEAR, "format": "json"})
    assert response["Content-Type"] == "application/json"
    report = activity(people.centre, Period(date(2025, 1, 1), date(2025, 12, 31)))
    assert json.loads(response.content) == report.as_dict()
    assert reads(SECTION_REPORT_EXPORT)[0]["format"] == "json"


def test_pdf_export(people, login, data):
    response = login(people.dorota).get(export_url(), {**H1, "format": "pdf", "items": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert (
        "sprawozdanie-semiannual-2025-01-01_2025-06-30-z-listami.pdf"
        in (response["Content-Disposition"])
    )
    assert reads(SECTION_REPORT_EXPORT)[0]["format"] == "pdf"


# --- who reads reports; each centre its own ------------------------------------------------------


@pytest.mark.parametrize("who", ["anna", "bartek", "edward", "halina", "adam"])
def test_other_roles_are_refused(people, login, who):
    client = login(getattr(people, who))
    for url in (reverse("reports:index"), report_url(), figure_url("semiannual", "children")):
        assert client.get(url).status_code == 403
    assert client.get(export_url(), {"format": "csv"}).status_code == 403
    assert not reads(SECTION_REPORT_EXPORT)


def test_zofia_sees_the_figures_of_centre_b_only(people, login, data):
    client = login(people.zofia)
    a_names = ("Nowakowie", "Wiśniewscy", "Zielińscy", "Lewandowscy", "Przyszli", "Starzy")
    page = client.get(report_url(), H1)
    assert page.context["report"].centre_id == people.centre_b.pk
    assert page.context["report"].figure("families_served").value == 1
    assert people.centre_b.name in page.content.decode()
    listing = client.get(figure_url("semiannual", "families_served"), H1).content.decode()
    assert "Bejscy" in listing
    exported = client.get(export_url(), {**H1, "format": "json"}).content.decode()
    csv_lists = client.get(export_url(), {**H1, "format": "csv", "items": "1"}).content.decode()
    for content in (page.content.decode(), listing, exported, csv_lists):
        assert not any(name in content for name in a_names)
    assert reads(SECTION_REPORT_EXPORT)[0]["centre"] == people.centre_b.pk


def test_another_centres_family_behind_a_figure_answers_404(people, login, data):
    """Dorota's list links her families; the same link answers 404 for Zofia (centre B)."""
    listing = login(people.dorota).get(figure_url("semiannual", "families_served"), H1)
    link = reverse("families:detail", args=[data.f1.pk])
    assert link in listing.content.decode()
    assert login(people.zofia).get(link).status_code == 404


# --- query counts --------------------------------------------------------------------------------


def _families(people, count: int, start: int) -> None:
    for n in range(start, start + count):
        family = testing.make_family(centre=people.centre, by=people.dorota, surname=f"Rodzina{n}")
        testing.make_member(family=family, by=people.dorota)
        testing.make_member(
            family=family,
            by=people.dorota,
            first_name="Ola",
            role="child",
            sex="F",
            birth_date=date(2015, 1, 1),
        )
        who = people.anna if n % 2 else people.bartek
        testing.assign(family=family, assistant=who, by=people.dorota, started_on=date(2025, 2, 1))


def _counts(client) -> tuple[int, ...]:
    counts = []
    for url, query in (
        (report_url(), H1),
        (figure_url("semiannual", "families_served"), H1),
        (report_url("activity"), YEAR),
        (figure_url("activity", "families_total"), YEAR),
    ):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, query).status_code == 200
        counts.append(len(ctx.captured_queries))
    return tuple(counts)


def test_query_counts_do_not_grow_with_families(people, login, settings):
    settings.CASELOAD_HARD_CAP = 1000
    client = login(people.dorota)
    _families(people, 10, 0)
    few = _counts(client)
    _families(people, 40, 10)
    response = client.get(figure_url("semiannual", "families_served"), H1)
    assert response.context["figure"].value == 50
    assert _counts(client) == few
