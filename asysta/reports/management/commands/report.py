"""`python manage.py report NAME --centre TERC --from DATE --to DATE --format json|csv|xlsx`

Prints (or writes to --output) the same figures the UI shows, built by the same builder from
`asysta.reports.base.REPORTS` and written by the same `asysta.reports.exports` (CSV and XLSX
row by row, in constant memory), so a centre can automate its reports. Bad input stops with a
message and writes nothing.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from asysta.core.models import Centre
from asysta.reports import exports
from asysta.reports.base import REPORTS, Period
from asysta.reports.cache import get_report

FORMATS = ("json", "csv", "xlsx")


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"Nieprawidłowa data w {option}: „{value}” — podaj datę w formacie RRRR-MM-DD."
        ) from exc


def _atomic_write(path: Path, write: Any) -> None:
    """Write through a temporary file beside `path`, so a failure leaves nothing half-written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=path.suffix)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Oblicza sprawozdanie ośrodka za okres i zapisuje je jako JSON, CSV lub XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Nazwa sprawozdania, np. semiannual, activity, work_card.")
        parser.add_argument("--centre", required=True, help="Kod TERC ośrodka.")
        parser.add_argument("--from", dest="start", required=True, help="Początek okresu.")
        parser.add_argument("--to", dest="end", required=True, help="Koniec okresu.")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json")
        parser.add_argument("--output", help="Plik wynikowy (bez niego: standardowe wyjście).")
        parser.add_argument(
            "--items",
            action="store_true",
            help="CSV/XLSX: dołącz listy rodzin i asystentów każdego wskaźnika.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name, fmt, items = options["name"], options["fmt"], options["items"]
        if name not in REPORTS:
            known = ", ".join(sorted(REPORTS)) or "—"
            raise CommandError(f"Nieznane sprawozdanie „{name}”. Dostępne: {known}.")
        centre = Centre.objects.filter(terc=options["centre"]).first()
        if centre is None:
            raise CommandError(f"Nie ma ośrodka o kodzie TERC „{options['centre']}”.")
        start, end = _day(options["start"], "--from"), _day(options["end"], "--to")
        try:
            period = Period(start, end)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        output = Path(options["output"]) if options["output"] else None
        if output is None and fmt == "xlsx":
            raise CommandError("Format XLSX wymaga pliku wynikowego: podaj --output.")
        if output is not None and not output.parent.is_dir():
            raise CommandError(f"Katalog „{output.parent}” nie istnieje.")

        report = get_report(centre, name, period)
        if output is None:
            for chunk in exports.render(report, fmt, items=items):
                self.stdout.write(chunk.decode("utf-8"), ending="")
            return

        def write(path: Path) -> None:
            with path.open("wb") as handle:
                exports.write(report, fmt, handle, items=items)

        _atomic_write(output, write)
