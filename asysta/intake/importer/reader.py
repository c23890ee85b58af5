"""Reading an import file into rows of text: XLSX (openpyxl) or CSV (';' or ',').

CSV encodings: UTF-8 with or without a BOM, otherwise Windows-1250 (what Polish Excel writes as
"CSV"). Nothing is ever evaluated: a cell that holds a formula is read as its text ("=A1+1"),
numbers and dates become text in a fixed form, so validation sees one kind of value.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
XLSX_SHEET = "Osoby"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Polish."""


@dataclass
class Table:
    """The header cells and the data rows, each with its row number as in the spreadsheet."""

    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A cell as text: dates as rrrr-mm-dd, whole numbers without '.0', the rest as written."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time.min else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, when that fails, Windows-1250."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1250", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read_csv(data: bytes) -> Table:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ImportFileError(_("Nie udało się odczytać pliku CSV: %(e)s") % {"e": exc}) from exc
    return _table([[cell.strip() for cell in record] for record in records])


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        # read_only streams the sheet; data_only=False keeps a formula as its text.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise ImportFileError(
            _("Nie udało się odczytać pliku XLSX (czy to na pewno arkusz Excela?).")
        ) from exc
    try:
        sheet = book[XLSX_SHEET] if XLSX_SHEET in book.sheetnames else book.worksheets[0]
        records = []
        for values in sheet.iter_rows(values_only=True):
            records.append([cell_text(v) for v in values])
            if len(records) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    return _table(records)


def _table(records: list[list[str]]) -> Table:
    if not records or not any(records[0]):
        raise ImportFileError(_("Plik jest pusty albo pierwszy wiersz nie zawiera nagłówków."))
    table = Table(headers=records[0])
    for number, record in enumerate(records[1:], start=2):
        if any(record):
            table.rows.append((number, record))
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError(
            _("Plik ma więcej niż %(n)d wierszy — podziel go na części.") % {"n": MAX_ROWS}
        )
    return table


def read_table(data: bytes, filename: str = "") -> Table:
    """Read an XLSX or CSV file (recognised by content, the name only as a hint)."""
    if not data:
        raise ImportFileError(_("Plik jest pusty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Plik jest za duży (limit 5 MB)."))
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return read_xlsx(data)
    if filename.lower().endswith((".xls", ".ods")):
        raise ImportFileError(
            _("Obsługiwane są pliki XLSX i CSV. Zapisz arkusz jako „Skoroszyt programu Excel”.")
        )
    return read_csv(data)
