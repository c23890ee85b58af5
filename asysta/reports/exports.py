"""Report files — CSV for Polish Excel, XLSX, JSON and PDF — made in one place for the
download views, the background worker and `manage.py report`: `render` gives the file as chunks
of bytes, `write` writes it to an open file, `CONTENT_TYPES` and the two file names say what it
is.

CSV and XLSX are written in constant memory: the figures come from the report's values and the
lists one figure at a time, each read from its source as it is written (`Figure.iter_items`),
so ten years of a city's lists are never held at once — CSV as chunks of about 64 KB, XLSX
through openpyxl's write-only mode into a temporary file that is read back in chunks. JSON (the
report as data, equal to a submitted snapshot) and PDF hold the whole report.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from asysta.reports.base import Report

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK_BYTES = 64 * 1024
# A direct CSV download with lists streams when its figures count more items than this (a
# smaller one is sent whole, with its length).
STREAM_ITEMS = 2000
# A cell starting with one of these is read as a formula by Excel / LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """`value` with a leading apostrophe when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def download_name(report: Report, fmt: str, *, items: bool = False) -> str:
    """The name of a direct download, e.g. "sprawozdanie-activity-2025-01-01_2025-12-31.csv"."""
    period = f"{report.period.start.isoformat()}_{report.period.end.isoformat()}"
    suffix = "-z-listami" if items and fmt != "json" else ""
    return f"sprawozdanie-{report.name}-{period}{suffix}.{fmt}"


def stored_name(report: str, start: date, end: date, fmt: str) -> str:
    """The name of a background export's file, e.g. "semiannual_2025-01-01_2025-06-30.csv"."""
    return f"{report}_{start:%Y-%m-%d}_{end:%Y-%m-%d}.{fmt}"


def streams(report: Report, fmt: str, *, items: bool) -> bool:
    """Whether a direct download is sent as it is written: XLSX always (it is read back from
    its temporary file), CSV when its lists are long."""
    if fmt == "xlsx":
        return True
    if fmt != "csv" or not items:
        return False
    listed = sum(int(f.value) for f in report.figures if not f.is_sum)
    return listed > getattr(settings, "ASYSTA_REPORT_STREAM_ITEMS", STREAM_ITEMS)


def _figure_header() -> list[str]:
    return [_("kod"), _("wskaźnik"), _("wartość")]


def _item_header() -> list[str]:
    return [_("kod"), _("rodzaj"), _("id"), _("pozycja"), _("powód"), _("kwota")]


def _title_rows(report: Report) -> list[list[Any]]:
    period = report.period
    return [[report.title], [_("okres"), period.start.isoformat(), period.end.isoformat()], []]


def figure_rows(report: Report) -> Iterator[list[Any]]:
    """code, label, value — a sum as its exact decimal text, as in `Report.as_dict`."""
    for f in report.figures:
        yield [f.code, f.label, str(f.value) if f.is_sum else f.value]


def item_rows(report: Report) -> Iterator[list[Any]]:
    """Every figure's items, one figure after another, each list read as it is written."""
    for f in report.figures:
        for i in f.iter_items():
            amount = "" if i.amount is None else str(i.amount)
            yield [f.code, i.kind, i.pk, i.label, i.reason, amount]


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def to_csv(report: Report, *, items: bool = False) -> Iterator[bytes]:
    """`;`-separated UTF-8 with a BOM (how Polish Excel opens it), in chunks; with `items`,
    the list of families/assistants of every figure follows the figures."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    out.write("\ufeff")
    head = [*_title_rows(report), _figure_header()]
    for row in itertools.chain(head, figure_rows(report), _items_part(report) if items else ()):
        writer.writerow([escape_cell(cell) for cell in row])
        if out.tell() >= CHUNK_BYTES:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def _items_part(report: Report) -> Iterator[list[Any]]:
    yield []
    yield _item_header()
    yield from item_rows(report)


def _sheet_row(sheet: Any, row: list[Any]) -> list[Any]:
    # Written as text cells, so a value starting with "=" stays text rather than a formula.
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def write_xlsx(report: Report, target: Path | IO[bytes], *, items: bool = False) -> None:
    """An XLSX workbook written row by row (openpyxl write-only mode: constant memory); sums
    are numbers (exact decimals), everything else as it is."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Wskaźniki"))
    for row in [*_title_rows(report), _figure_header()]:
        sheet.append(_sheet_row(sheet, row))
    for f in report.figures:
        sheet.append(_sheet_row(sheet, [f.code, f.label, f.value]))
    if items:
        sheet = book.create_sheet(_("Pozycje"))
        sheet.append(_sheet_row(sheet, _item_header()))
        for f in report.figures:
            for i in f.iter_items():
                amount = i.amount if i.amount is not None else ""
                sheet.append(_sheet_row(sheet, [f.code, i.kind, i.pk, i.label, i.reason, amount]))
    book.save(target)


def _xlsx_chunks(report: Report, *, items: bool) -> Iterator[bytes]:
    """The workbook through a temporary file, removed once read (or when the reader stops)."""
    handle, name = tempfile.mkstemp(prefix="asysta-report-", suffix=".xlsx")
    os.close(handle)
    path = Path(name)
    try:
        write_xlsx(report, path, items=items)
        with path.open("rb") as source:
            while chunk := source.read(CHUNK_BYTES):
                yield chunk
    finally:
        path.unlink(missing_ok=True)


def render(
    report: Report, fmt: str, *, items: bool = False, centre: Any = None, author: Any = None
) -> Iterator[bytes]:
    """`report` as a file in `fmt` ("csv", "xlsx", "json" or "pdf"), chunk by chunk; the PDF
    names `centre` and `author` on its letterhead."""
    if fmt == "csv":
        return to_csv(report, items=items)
    if fmt == "xlsx":
        return _xlsx_chunks(report, items=items)
    if fmt == "json":
        return iter([to_json(report.as_dict())])
    if fmt == "pdf":
        from asysta.reports.pdf import report_pdf  # WeasyPrint only when a PDF is asked for

        return iter([report_pdf(report, centre=centre, author=author, items=items)])
    raise ValueError(f"unknown report format {fmt!r}")


def write(report: Report, fmt: str, handle: IO[bytes], **options: Any) -> None:
    """`render` into the open binary file `handle` (an XLSX straight into it)."""
    if fmt == "xlsx":
        write_xlsx(report, handle, items=options.get("items", False))
        return
    for chunk in render(report, fmt, **options):
        handle.write(chunk)
