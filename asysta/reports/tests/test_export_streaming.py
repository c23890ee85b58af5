"""Exports in constant memory: the report page reads no list, a CSV with long lists streams
from the database one figure at a time, the worker and the command line write through the same
`exports` functions as the download, and each list costs the same queries for 10 families as
for 50."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.core import testing
from asysta.reports import exports, services
from asysta.reports.base import Figure, Item, ItemSource, Period, Report
from asysta.reports.tests.activity_dataset import build

pytestmark = pytest.mark.django_db

YEAR = {"od": "2025-01-01", "do": "2025-12-31"}


class Counting(ItemSource):
    """A source that says how many items have been taken from it so far."""

    def __init__(self, n: int) -> None:
        super().__init__(None, Period.year(2025))
        self.n, self.taken = n, 0

    def items(self, key: str):
        for i in range(self.n):
            self.taken += 1
            yield Item("family", i, f"Rodzina {i}", "powód", Decimal(1))


def _report(source: ItemSource, value: int) -> Report:
    figure = Figure("families", "Rodziny", value=value, source=source)
    return Report("activity", "Zestawienie", 1, Period.year(2025), [figure])


def test_the_csv_writer_takes_the_items_as_it_writes_them(monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_BYTES", 200)
    source = Counting(1000)
    chunks = exports.to_csv(_report(source, 1000), items=True)
    first = next(chunks)
    assert first.startswith("\ufeff".encode()) and source.taken < 50
    rest = b"".join(chunks)
    assert source.taken == 1000
    assert (first + rest).decode("utf-8-sig").count("Rodzina ") == 1000


def test_an_export_does_not_keep_the_lists_it_writes():
    source = Counting(30)
    report = _report(source, 30)
    target = io.BytesIO()
    exports.write(report, "csv", target, items=True)
    exports.write(report, "xlsx", io.BytesIO(), items=True)
    assert not report.figures[0].items_kept  # read twice from the source, never kept
    assert source.taken == 60 and target.getvalue().count(b"Rodzina ") == 30


def test_the_report_page_reads_no_list(people, login):
    build(people)
    response = login(people.dorota).get(reverse("reports:report", args=["activity"]), YEAR)
    assert response.status_code == 200
    assert not any(f.items_kept for f in response.context["report"].figures)


def test_a_csv_with_long_lists_is_streamed_and_equals_the_whole_file(people, login, settings):
    build(people)
    client = login(people.dorota)
    url, query = (
        reverse("reports:export", args=["activity"]),
        {**YEAR, "format": "csv", "items": "1"},
    )
    whole = client.get(url, query)
    assert not whole.streaming
    settings.ASYSTA_REPORT_STREAM_ITEMS = 5
    streamed = client.get(url, query)
    assert isinstance(streamed, StreamingHttpResponse)
    assert streamed["Content-Disposition"] == whole["Content-Disposition"]
    assert b"".join(streamed.streaming_content) == whole.content


def test_command_worker_and_download_write_the_same_file(people, login):
    build(people)
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    out = io.StringIO()
    call_command(
        "report", "activity", "--centre", people.centre.terc, "--from", "2025-01-01",
        "--to", "2025-12-31", "--format", "csv", "--items", stdout=out,
    )  # fmt: skip
    download = login(people.dorota).get(
        reverse("reports:export", args=["activity"]), {**YEAR, "format": "csv", "items": "1"}
    )
    export = services.start_export(
        centre=people.centre, report="activity", period=period, fmt="csv", items=True,
        by=people.dorota,
    )  # fmt: skip
    with export.file.open("rb") as handle:
        stored = handle.read()
    assert stored == download.content == out.getvalue().encode("utf-8")
    assert stored.decode("utf-8-sig").count("families_total;family;") == 4
    assert export.file_name == "activity_2025-01-01_2025-12-31.csv"


def _families(people, count: int, start: int) -> None:
    for n in range(start, start + count):
        family = testing.make_family(centre=people.centre, by=people.dorota, surname=f"R{n:03d}")
        testing.make_member(family=family, by=people.dorota)
        testing.assign(
            family=family, assistant=people.anna, by=people.dorota, started_on=date(2025, 2, 1)
        )


@pytest.mark.parametrize("name", ["activity", "semiannual", "work_card"])
def test_every_list_costs_the_same_queries_for_10_and_50_families(people, settings, name):
    settings.CASELOAD_HARD_CAP = 1000
    period = Period.year(2025) if name != "semiannual" else Period.half_year(2025, 1)

    def queries() -> int:
        built = services.build_report(people.centre, name, period)  # lists not read yet
        with CaptureQueriesContext(connection) as ctx:
            for figure in built.figures:
                list(figure.iter_items())
        return len(ctx.captured_queries)

    _families(people, 10, 0)
    few = queries()
    _families(people, 40, 10)
    assert queries() == few
