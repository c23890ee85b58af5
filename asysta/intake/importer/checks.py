"""Checks across rows of an import file: headers, family grouping, agreement of a family's rows,
duplicates (in the file and in the centre) and the statutory cap of open families."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from asysta.accounts.models import Membership, Role
from asysta.core.models import Centre
from asysta.families.models import Family, Member
from asysta.intake.caseload import counted, families_phrase
from asysta.intake.importer import columns as cols
from asysta.intake.importer.reader import Table
from asysta.intake.importer.validate import (
    FamilyPlan,
    Issue,
    Report,
    formula_warnings,
    parse_date,
    pesel_text,
)
from asysta.intake.models import Assignment

Rows = list[tuple[int, dict[str, str]]]


@dataclass
class Context:
    """What the checks need to know about the centre, read in a handful of queries."""

    centre: Centre
    assistants: dict[str, Any]
    open_counts: dict[int, int]
    case_numbers: set[str]
    pesels: set[str]

    @classmethod
    def for_centre(cls, centre: Centre) -> Context:
        memberships = Membership.objects.filter(
            centre=centre, role=Role.ASSISTANT, is_active=True
        ).select_related("user")
        assistants = {m.user.username.lower(): m.user for m in memberships}
        # Counted exactly as assign_assistant counts them (caseload.counted).
        counts = (
            Assignment.objects.filter(
                counted(centre), centre=centre, assistant__in=assistants.values()
            )
            .values("assistant")
            .annotate(n=Count("pk"))
        )
        return cls(
            centre=centre,
            assistants=assistants,
            open_counts={row["assistant"]: row["n"] for row in counts},
            case_numbers=set(
                Family.objects.filter(centre=centre).values_list("case_number", flat=True)
            ),
            pesels=set(
                Member.objects.filter(centre=centre)
                .exclude(pesel="")
                .values_list("pesel", flat=True)
            ),
        )


def map_headers(headers: list[str], report: Report) -> dict[int, str]:
    """Column index -> column key. Unknown columns are skipped with a warning."""
    index: dict[int, str] = {}
    for position, text in enumerate(headers):
        if not text.strip():
            continue
        key = cols.match_header(text)
        if key is None:
            report.warnings.append(Issue(1, text, _("Nieznana kolumna — zostanie pominięta.")))
        elif key in index.values():
            report.errors.append(Issue(1, text, _("Ta kolumna występuje w pliku dwa razy.")))
        else:
            index[position] = key
    if not index:
        report.warnings.clear()
        report.errors.append(
            Issue(
                1,
                "",
                _("Nie rozpoznano nagłówków: pierwszy wiersz musi zawierać nazwy kolumn ze wzoru."),
            )
        )
        return index
    for column in cols.COLUMNS:
        if column.required and column.key not in index.values():
            report.errors.append(Issue(1, column.header, _("Brak wymaganej kolumny.")))
    return index


def group_rows(table: Table, index: dict[int, str], report: Report) -> dict[str, Rows]:
    """The rows of each family (by "klucz rodziny"), in the order of the file."""
    groups: dict[str, Rows] = {}
    for row, record in table.rows:
        values = {key: (record[i] if i < len(record) else "") for i, key in index.items()}
        formula_warnings(report, row, values)
        family_key = values.get("key", "")
        if not family_key:
            report.error(
                row, "key", _("Brak klucza rodziny — nie wiadomo, do której rodziny należy osoba.")
            )
            continue
        groups.setdefault(family_key, []).append((row, values))
    return groups


def _canonical(key: str, value: str) -> object:
    if key in cols.DATE_KEYS:
        return parse_date(value) or value
    if key in cols.CHOICE_TABLES:
        return cols.CHOICE_TABLES[key][0].get(cols.normalize(value), value)
    if key == "login":
        return value.lower()
    return " ".join(value.split())


def check_agreement(report: Report, rows: Rows) -> None:
    """Later rows of a family may leave family columns blank or repeat the first row's values."""
    first_row, first = rows[0]
    for row, values in rows[1:]:
        for key in cols.FAMILY_KEYS:
            value = values.get(key, "")
            if not value or _canonical(key, value) == _canonical(key, first.get(key, "")):
                continue
            if first.get(key, ""):
                message = _("Inna wartość niż w pierwszym wierszu tej rodziny (wiersz %(r)d).")
            else:
                message = _("Dane rodziny wpisz w pierwszym wierszu tej rodziny (wiersz %(r)d).")
            report.error(row, key, message % {"r": first_row})


def check_duplicates(report: Report, groups: dict[str, Rows], context: Context) -> None:
    """A case number or a PESEL twice in the file, or one already used in the centre."""
    case_rows: dict[str, int] = {}
    pesel_rows: dict[str, int] = {}
    for rows in groups.values():
        first_row, first = rows[0]
        _check_one(
            report,
            first_row,
            "case_number",
            first.get("case_number", ""),
            case_rows,
            context.case_numbers,
            _("Rodzina o tym numerze sprawy jest już zapisana w ośrodku."),
        )
        for row, values in rows:
            _check_one(
                report,
                row,
                "pesel",
                pesel_text(values.get("pesel", "")),
                pesel_rows,
                context.pesels,
                _("Osoba o tym numerze PESEL jest już zapisana w ośrodku."),
            )


def _check_one(
    report: Report,
    row: int,
    key: str,
    value: str,
    seen: dict[str, int],
    existing: set[str],
    in_centre: str,
) -> None:
    if not value:
        return
    if value in seen:
        report.error(
            row, key, _("Ta wartość powtarza się w pliku (wiersz %(r)d).") % {"r": seen[value]}
        )
        return
    seen[value] = row
    if value in existing:
        report.error(row, key, in_centre)


def check_caps(report: Report, plans: list[FamilyPlan], context: Context) -> None:
    """No assistant may end up with more than the statutory number of open families (past,
    ended cooperation does not count: the cap is about families at the same time)."""
    cap = settings.CASELOAD_HARD_CAP
    counts = dict(context.open_counts)
    for plan in plans:
        if not plan.is_open:
            continue
        pk = plan.assistant.pk
        counts[pk] = counts.get(pk, 0) + 1
        if counts[pk] > cap:
            report.error(
                plan.row,
                "login",
                _(
                    "%(u)s miałby(-aby) %(count)s jednocześnie — ustawowy limit to %(cap)d "
                    "(art. 15 ust. 4 ustawy o wspieraniu rodziny)."
                )
                % {"u": plan.assistant, "count": families_phrase(counts[pk]), "cap": cap},
            )
