"""`python manage.py purge_report_exports --older-than DAYS [--dry-run]`

Background report exports are files with families' names; a centre keeps them only as long as
its retention rules say. This removes the exports (file and row) requested more than DAYS days
ago — finished, failed or abandoned alike — and says how many. Each removal is in the audit
trail (the row's deletion); a file already missing is not an error.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.reports.models import ReportExport


class Command(BaseCommand):
    help = "Usuwa eksporty sprawozdań (plik i wpis) zlecone dawniej niż podana liczba dni."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than", dest="days", type=int, required=True, help="Liczba dni (co najmniej 1)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Tylko policz, nic nie usuwaj.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--older-than: podaj liczbę dni nie mniejszą niż 1."))
        cutoff = timezone.now() - timedelta(days=days)
        rows = list(ReportExport.objects.filter(created_at__lt=cutoff).order_by("pk"))
        if options["dry_run"]:
            self.stdout.write(
                _("Do usunięcia eksportów starszych niż %(d)d dni: %(n)d.")
                % {"d": days, "n": len(rows)}
            )
            return
        removed = 0
        for export in rows:
            with transaction.atomic():
                name, storage = export.file.name, export.file.storage
                export.delete()
                if name:
                    transaction.on_commit(partial(storage.delete, name))
            removed += 1
        self.stdout.write(
            _("Usunięto eksportów starszych niż %(d)d dni: %(n)d.") % {"d": days, "n": removed}
        )
