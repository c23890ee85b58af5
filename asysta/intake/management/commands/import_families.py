"""python manage.py import_families FILE --centre TERC [--dry-run] [--by LOGIN]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditlog.context import set_actor
from django.core.management.base import BaseCommand, CommandError

from asysta.accounts.models import Membership, Role, User
from asysta.core.models import Centre
from asysta.intake.importer import ImportOutcome, run_import
from asysta.intake.importer.validate import Issue


def issue_line(issue: Issue) -> str:
    where = f"wiersz {issue.row}" if issue.row else "plik"
    column = f", kolumna „{issue.column}”" if issue.column else ""
    return f"{where}{column}: {issue.message}"


class Command(BaseCommand):
    help = (
        "Importuje rodziny z arkusza (XLSX lub CSV) do ośrodka — wszystko albo nic. "
        "Przy błędach nic nie jest zapisywane, a kod wyjścia jest różny od zera."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="plik .xlsx lub .csv (wzór: /import/wzor.xlsx)")
        parser.add_argument("--centre", required=True, help="kod TERC ośrodka (7 cyfr)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="sprawdź i wykonaj próbny zapis, a potem go wycofaj (nic nie zostaje w bazie)",
        )
        parser.add_argument(
            "--by",
            help="login kierownika lub koordynatora, w którego imieniu wykonuje się import "
            "(domyślnie: kierownik ośrodka)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        centre = Centre.objects.filter(terc=options["centre"]).first()
        if centre is None:
            raise CommandError(f"Nie ma ośrodka o kodzie TERC {options['centre']}.")
        by = self._by(centre, options["by"])
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Nie można odczytać pliku {path}: {exc.strerror}") from exc
        with set_actor(by):  # the audit trail names the importing user, as on the page
            outcome = run_import(data, path.name, centre=centre, by=by, dry_run=options["dry_run"])
        self._print(outcome)
        if not outcome.ok:
            count = len(outcome.report.error_rows)
            raise CommandError(f"Plik odrzucony: błędy w {count} wierszach. Nic nie zapisano.")

    def _by(self, centre: Centre, login: str | None) -> User:
        if login:
            user = User.objects.filter(username=login, is_active=True).first()
            if user is None:
                raise CommandError(f"Nie ma aktywnego użytkownika {login}.")
            return user
        membership = (
            Membership.objects.filter(centre=centre, role=Role.HEAD, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise CommandError("Ośrodek nie ma kierownika — podaj --by LOGIN koordynatora.")
        return membership.user

    def _print(self, outcome: ImportOutcome) -> None:
        report = outcome.report
        for issue in report.errors:
            self.stderr.write(issue_line(issue))
        for issue in report.warnings:
            self.stdout.write(self.style.WARNING("uwaga — " + issue_line(issue)))
        summary = (
            f"rodziny: {len(report.families)}, osoby: {report.persons}, "
            f"przydziały otwarte: {report.open_assignments}, "
            f"zakończone: {report.ended_assignments}"
        )
        if outcome.loaded:
            self.stdout.write(self.style.SUCCESS(f"Zaimportowano — {summary}."))
        elif outcome.dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Próba bez błędów (nic nie zapisano) — {summary}.")
            )
