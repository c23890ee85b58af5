"""The data version of a kept computation (`asysta.reports.cache`): what tells whether figures
computed a while ago are still what the data hold.

It has two parts, both cheap whatever the size of the tables:

* The *version*, one SELECT of index-only subqueries over the tables the computation reads —
  each report names them when it is registered (`asysta.reports.base.READS`), so a new contact
  does not throw away the half-year report, which reads no contacts: the highest id of each
  table (every insert, `bulk_create` included, moves it) and, for the staff tables, which are
  not audited, a fingerprint of the centre's roles and FTE changes (their number, highest id and
  a weighted sum of their fields). The same SELECT reads the *marks*: the audit trail's highest
  id, and for a table of dated entries that table's highest id.
* The *changes since the marks* of a kept row, checked in the same SELECT (one more column):
  an audited create, update or delete of a watched table after the audit mark
  (django-auditlog records every one made through the models). Only the entries written since
  the figures were computed are looked at — at most the age limit's worth — rather than
  searching the whole trail (mostly reads, logged as ACCESS) for the latest change of a table
  that changes rarely.

Contacts are entries dated when they happen, added all day long; a report of a past period
does not change when today's contact is recorded. So a table of `DATED` entries is left out of
the version: the kept row is stale when an entry above its row mark is dated within the
period, or an entry at or below it has been edited or deleted since (its old date may have been
in the period); edits of entries added since are left out (their date tells already).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, Length

from asysta.accounts.models import FtePeriod, Membership
from asysta.core.models import Centre
from asysta.reports.base import Period

# Every table a report's figures may be read from: what a report registered without its own
# list of tables is taken to read.
TABLES = (
    "intake.Assignment",
    "closure.Closure",
    "closure.ReportCategoryMap",
    "families.Family",
    "families.Member",
    "families.CourtOrder",
    "families.ChildPlacement",
    "families.ZaZycieApplication",
    "visits.Contact",
    "reports.SupportingFamily",
    "reports.SemiannualRow",
    "accounts.Membership",
    "accounts.FtePeriod",
)
# Tables the audit trail does not see: watched by a fingerprint of the centre's rows.
UNAUDITED = ("accounts.Membership", "accounts.FtePeriod")
# Tables of entries dated when they happen (model label -> date field; the model has `centre`).
DATED = {"visits.Contact": "date"}
CHANGES = (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE)
EDITS = (LogEntry.Action.UPDATE, LogEntry.Action.DELETE)


@dataclass(frozen=True)
class Watch:
    """What a computation's version watches: `tables` by their highest id (and fingerprint),
    `audited` by the audit trail, `dated` (one table of dated entries, or "") by its marks."""

    tables: tuple[str, ...]
    audited: tuple[str, ...]
    dated: str

    @classmethod
    def of(cls, reads: Iterable[str], period: Period | None) -> Watch:
        """The watch of a computation reading `reads`; without a period to compare their
        dates with, dated entries are watched as any other table."""
        labels = tuple(sorted(set(reads)))
        dated = [label for label in labels if label in DATED]
        chosen = dated[0] if period is not None and len(dated) == 1 else ""
        tables = tuple(label for label in labels if label != chosen)
        audited = tuple(label for label in tables if label not in UNAUDITED)
        return cls(tables, audited, chosen)


@dataclass(frozen=True)
class Version:
    """The data version of a computation: `text` is compared; the marks are kept with the
    result and bound the search for later changes."""

    text: str
    row_mark: int | None = None
    log_mark: int | None = None


def _latest_id(model: Any) -> Subquery:
    return Subquery(model._default_manager.order_by("-pk").values("pk")[:1])


def _content_types(labels: Iterable[str]) -> QuerySet[ContentType]:
    """The content types of `labels`, as a subquery (no query of its own, so the first page
    of a process costs the same queries as the next)."""
    chosen = Q()
    for label in labels:
        app_label, model = label.lower().split(".")
        chosen |= Q(app_label=app_label, model=model)
    return ContentType.objects.filter(chosen)


def _day_number(field: str) -> Any:
    """A date as one integer that changes whenever the date does (NULL as 0)."""
    return Coalesce(
        ExtractYear(field) * 372 + ExtractMonth(field) * 31 + ExtractDay(field), Value(0)
    )


def _fingerprint(rows: Any, group: str, *terms: Any) -> Subquery:
    """The number of `rows`, their highest id and a weighted sum of `terms`, as one number of
    the outer SELECT: any change of one field of one row changes it."""
    weighted = sum((term * (i + 2) for i, term in enumerate(terms)), Value(0))
    summed = (
        rows.order_by()
        .values(group)
        .annotate(n=Count("pk") * 1_000_003 + Max("pk") * 7 + Sum(weighted))
        .values("n")
    )
    return Subquery(summed, output_field=IntegerField())


def _staff_fingerprints(centre: Centre, tables: Iterable[str]) -> dict[str, Subquery]:
    """The centre's roles (assistants' employment dates, FTE, form) and their FTE changes,
    which the audit trail does not see — those of them in `tables`."""
    hundredths = Cast(F("fte") * 100, IntegerField())
    columns = {}
    if "accounts.Membership" in tables:
        columns["staff"] = _fingerprint(
            Membership.objects.filter(centre=centre),
            "centre",
            hundredths,
            Cast("is_active", IntegerField()),
            _day_number("employed_from"),
            _day_number("employed_until"),
            Length("employment_form"),
            Length("role"),
        )
    if "accounts.FtePeriod" in tables:
        columns["fte"] = _fingerprint(
            FtePeriod.objects.filter(membership__centre=centre),
            "membership__centre",
            hundredths,
            _day_number("valid_from"),
        )
    return columns


@functools.lru_cache(maxsize=256)
def _version_sql(centre_id: int, watch: Watch) -> tuple[str, tuple[Any, ...]]:
    """The SELECT of `data_version`, compiled once per centre, watch and process (compiling
    its subqueries costs more than running them); its last two columns are the marks."""
    columns: dict[str, Any] = {
        label.replace(".", "_"): _latest_id(apps.get_model(label)) for label in watch.tables
    }
    columns.update(_staff_fingerprints(Centre(pk=centre_id), watch.tables))
    none = Value(None, output_field=IntegerField())
    columns["row_mark"] = _latest_id(apps.get_model(watch.dated)) if watch.dated else none
    columns["log_mark"] = _latest_id(LogEntry) if watch.audited or watch.dated else none
    query = Centre.objects.filter(pk=centre_id).order_by().annotate(**columns).values(*columns)
    sql, params = query.query.sql_with_params()
    return sql, tuple(params)


def _fetch(sql: str, params: tuple[Any, ...]) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def _version(row: list[Any], extra: str) -> Version:
    """The Version of the values of the version SELECT (its marks last)."""
    *values, row_mark, log_mark = row
    text = ":".join(str(value or 0) for value in [*values, extra])
    return Version(
        hashlib.sha256(text.encode()).hexdigest()[:32],
        None if row_mark is None else int(row_mark),
        None if log_mark is None else int(log_mark),
    )


def data_version(
    centre: Centre, reads: Iterable[str] = TABLES, period: Period | None = None, extra: str = ""
) -> Version:
    """The version of the data in `reads` behind the centre's figures for `period` (one
    SELECT), and of `extra`: settings the computation depends on that no table covers."""
    return _version(_fetch(*_version_sql(centre.pk, Watch.of(reads, period))), extra)


# Stand-ins for a kept row's marks while the check is compiled; each read puts the marks in
# their places among the parameters. Within the range of a 32-bit id column: Django leaves out
# a comparison with a value outside it (always true) and the mark would have no place.
ROW_MARK, LOG_MARK = -2_000_000_001, -2_000_000_002


@functools.lru_cache(maxsize=256)
def _checked_sql(
    centre_id: int, watch: Watch, period: Period | None
) -> tuple[str, tuple[Any, ...]]:
    """The version SELECT with the check of a kept row's marks (`_stale_query`) as one more
    column, compiled once per centre, watch, period and process."""
    sql, params = _version_sql(centre_id, watch)
    stand_ins = Version("", ROW_MARK, LOG_MARK)
    query = _stale_query(watch, period, Centre(pk=centre_id), stand_ins).query
    flag_sql, flag_params = query.sql_with_params()
    # The check's placeholders come first in the text, so its values come first too.
    return f"SELECT v.*, ({flag_sql}) FROM ({sql}) v", (*flag_params, *params)  # noqa: S608


def version_and_staleness(
    centre: Centre, watch: Watch, period: Period | None, extra: str, kept: Version | None
) -> tuple[Version, bool]:
    """Today's version and whether what was `kept` (its marks) has gone stale since, in one
    SELECT: the version's, with the check as one more column."""
    if kept is None or not (watch.audited or watch.dated):
        return _version(_fetch(*_version_sql(centre.pk, watch)), extra), False
    sql, params = _checked_sql(centre.pk, watch, period)
    marks = {ROW_MARK: kept.row_mark or 0, LOG_MARK: kept.log_mark or 0}
    if LOG_MARK not in params:  # a compiled check always compares with the audit mark
        raise RuntimeError("the staleness check was compiled without its audit mark")
    values = tuple(marks[p] if isinstance(p, int) and p in marks else p for p in params)
    row = _fetch(sql, values)
    return _version(row[:-1], extra), bool(row[-1])


def _stale_checks(watch: Watch, period: Period | None, centre: Centre, marks: Version) -> list[Q]:
    """The conditions of `_stale_query`, one EXISTS each (the audit trail's, the dated
    table's)."""
    changes = Q()
    if watch.audited:
        changes |= Q(action__in=CHANGES, content_type__in=_content_types(watch.audited))
    if watch.dated:
        edited = Q(action__in=EDITS, object_id__lte=marks.row_mark or 0)
        changes |= edited & Q(content_type__in=_content_types([watch.dated]))
    checks = [Q(Exists(LogEntry.objects.filter(changes, pk__gt=marks.log_mark or 0)))]
    if watch.dated and period is not None:
        day = DATED[watch.dated]
        added = apps.get_model(watch.dated)._default_manager.filter(
            centre=centre,
            pk__gt=marks.row_mark or 0,
            **{f"{day}__gte": period.start, f"{day}__lte": period.end},
        )
        checks.append(Q(Exists(added)))
    return checks


def _stale_query(watch: Watch, period: Period | None, centre: Centre, marks: Version) -> Any:
    """A one-row, one-column SELECT: whether a later change has made stale what was kept with
    `marks` — an audited change of a watched table after the audit mark, an edit or deletion
    of a dated entry at or below the row mark, or an entry above it dated within `period`. The
    marks go in as values, so the database reads only the entries after them, from the end of
    the primary key's index."""
    checks = _stale_checks(watch, period, centre, marks)
    flag = ExpressionWrapper(Q(*checks, _connector=Q.OR), output_field=BooleanField())
    return Centre.objects.filter(pk=centre.pk).order_by().values_list(flag, flat=True)
