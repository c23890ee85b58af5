"""`python manage.py deadlines_rebuild [--centre TERC] [--check]`

The statutory clock keeps each family's open steps in a table that the casework records refresh
as they change. This recomputes the table of every centre (or one) from the records — after
loading data by other means than the application (a restore of part of the data, SQL fixes) —
or, with --check, only says how many rows differ (exit status 1 when any do).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from asysta.core.models import Centre
from asysta.deadlines import store


class Command(BaseCommand):
    help = "Przelicza tabelę terminów ustawowych z zapisów spraw (lub sprawdza ją: --check)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--centre", help="Kod TERC ośrodka (domyślnie wszystkie).")
        parser.add_argument(
            "--check", action="store_true", help="Tylko sprawdź, niczego nie zmieniaj."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        centres = Centre.objects.order_by("pk")
        if options["centre"]:
            centres = centres.filter(terc=options["centre"])
            if not centres.exists():
                raise CommandError(
                    _("Nie ma ośrodka o kodzie TERC %(t)s.") % {"t": options["centre"]}
                )
        wrong = 0
        for centre in centres:
            if options["check"]:
                found = store.differences(centre)
                wrong += found
                self.stdout.write(_("%(c)s: różnych wierszy %(n)d") % {"c": centre, "n": found})
            else:
                made = store.rebuild_centre(centre)
                self.stdout.write(_("%(c)s: terminów %(n)d") % {"c": centre, "n": made})
        if wrong:
            raise CommandError(
                _("Tabela terminów różni się od zapisów spraw: uruchom bez --check.")
            )
