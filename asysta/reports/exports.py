"""Report exports: JSON (`Report.as_dict`), CSV for Polish Excel and XLSX in constant memory.

The rows come from `Report.as_dict()`, so every format shows the same figures as the UI.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# A cell starting with one of these is read as a formula by Excel / LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """`value` with a leading apostrophe when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _figure_header() -> list[str]:
    return [_("kod"), _("wskaźnik"), _("wartość")]


def _item_header() -> list[str]:
    return [_("kod"), _("rodzaj"), _("id"), _("pozycja"), _("powód"), _("kwota")]


def figure_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [[f["code"], f["label"], f["value"]] for f in data["figures"]]


def item_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [
        [f["code"], i["kind"], i["pk"], i["label"], i["reason"], i.get("amount", "")]
        for f in data["figures"]
        for i in f["items"]
    ]


def _title_rows(data: dict[str, Any]) -> list[list[Any]]:
    period = data["period"]
    return [[data["title"]], [_("okres"), period["start"], period["end"]], []]


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def to_csv(data: dict[str, Any], *, items: bool = False) -> bytes:
    """`;`-separated UTF-8 with a BOM (how Polish Excel opens it); with `items`, the list of
    families/assistants of every figure follows the figures."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    rows = [*_title_rows(data), _figure_header(), *figure_rows(data)]
    if items:
        rows += [[], _item_header(), *item_rows(data)]
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_row(sheet: Any, row: list[Any]) -> list[Any]:
    # Written as text cells, so a value starting with "=" stays text rather than a formula.
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def _number(value: Any) -> Any:
    """Sums travel as strings in `as_dict` (exact decimals); a spreadsheet wants numbers."""
    if isinstance(value, str) and value:
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def write_xlsx(data: dict[str, Any], path: Path, *, items: bool = False) -> None:
    """An XLSX workbook written row by row (openpyxl write-only mode: constant memory)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Wskaźniki"))
    for row in [*_title_rows(data), _figure_header()]:
        sheet.append(_sheet_row(sheet, row))
    for code, label, value in figure_rows(data):
        sheet.append(_sheet_row(sheet, [code, label, _number(value)]))
    if items:
        sheet = book.create_sheet(_("Pozycje"))
        sheet.append(_sheet_row(sheet, _item_header()))
        for row in item_rows(data):
            sheet.append(_sheet_row(sheet, [*row[:5], _number(row[5])]))
    book.save(path)
