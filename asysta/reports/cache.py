"""One computation of a report's figures for its page, its lists and its downloads.

A report page computes the figures (SQL aggregates, `lists=False`) and keeps them in
`ReportCache`, keyed by centre, report and period, with the *data version* they were computed
at. The list behind a figure, a download or a background export of the same period then takes
the figures from there — when the data version is still the same — and reads only the list or
lists it shows. The page itself always computes: it is where a reader asks for today's figures.

Why a table of our own rather than Django's cache framework: the project configures no shared
cache (`CACHES` is the per-process local memory default), so the web processes and the export
worker would each keep their own copy, and a test's cached figures would outlive its
rolled-back data. A row in the database is shared by every process, needs no extra service nor
a `createcachetable` step, and goes away with the transaction of a test.

The data version is one cheap SELECT (indexes only): the highest id of every table the figures
are read from (every insert, `bulk_create` included, moves it), the id of the latest audited
change to those tables (django-auditlog records every update and delete made through the
models), and for the staff tables, which are not audited, a fingerprint of the centre's roles
and FTE changes (their number, highest id and a weighted sum of their fields). A change
that bypasses all three (a raw UPDATE, or an insert committed after a later one was read) is
caught by the age limit: figures older than `ASYSTA_REPORT_CACHE_SECONDS` (default 15 minutes)
are computed again.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import timedelta
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, IntegerField, Max, Q, Subquery, Sum, Value
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Length,
)
from django.utils import timezone

from asysta.accounts.models import FtePeriod, Membership
from asysta.core.models import Centre
from asysta.reports.base import REPORTS, SOURCES, Period, Report
from asysta.reports.models import ReportCache

MAX_AGE_SECONDS = 15 * 60

# The tables the figures of the reports are read from; the audited ones are also watched
# through their audit entries.
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
UNAUDITED = ("accounts.Membership", "accounts.FtePeriod")
CHANGES = (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE)


def _latest_id(model: Any) -> Subquery:
    return Subquery(model._default_manager.order_by("-pk").values("pk")[:1])


def _latest_change() -> Subquery:
    """The latest audited create, update or delete of a watched table (reads are audited too,
    as ACCESS entries, and are left out: opening a list changes nothing)."""
    watched = Q()
    for label in TABLES:
        if label not in UNAUDITED:
            app_label, model = label.lower().split(".")
            watched |= Q(app_label=app_label, model=model)
    changes = LogEntry.objects.filter(
        action__in=CHANGES, content_type__in=ContentType.objects.filter(watched)
    )
    return Subquery(changes.order_by("-pk").values("pk")[:1])


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


def _staff_fingerprints(centre: Centre) -> dict[str, Subquery]:
    """The centre's roles (assistants' employment dates, FTE, form) and their FTE changes,
    which the audit trail does not see."""
    hundredths = Cast(F("fte") * 100, IntegerField())
    return {
        "staff": _fingerprint(
            Membership.objects.filter(centre=centre),
            "centre",
            hundredths,
            Cast("is_active", IntegerField()),
            _day_number("employed_from"),
            _day_number("employed_until"),
            Length("employment_form"),
            Length("role"),
        ),
        "fte": _fingerprint(
            FtePeriod.objects.filter(membership__centre=centre),
            "membership__centre",
            hundredths,
            _day_number("valid_from"),
        ),
    }


@functools.lru_cache(maxsize=128)
def _version_sql(centre_id: int) -> tuple[str, tuple[Any, ...]]:
    """The SELECT of `data_version`, compiled once per centre and process (compiling its
    twenty subqueries costs more than running them)."""
    centre = Centre(pk=centre_id)
    columns: dict[str, Any] = {
        label.replace(".", "_"): _latest_id(apps.get_model(label)) for label in TABLES
    }
    columns["audit"] = _latest_change()
    columns.update(_staff_fingerprints(centre))
    query = Centre.objects.filter(pk=centre_id).order_by().annotate(**columns).values(*columns)
    sql, params = query.query.sql_with_params()
    return sql, tuple(params)


def data_version(centre: Centre) -> str:
    """A short text that changes whenever the data behind the centre's reports does (one
    SELECT; see the module docstring for what it watches and what it may miss)."""
    sql, params = _version_sql(centre.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    text = ":".join(str(value or 0) for value in row)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _max_age() -> timedelta:
    return timedelta(seconds=getattr(settings, "ASYSTA_REPORT_CACHE_SECONDS", MAX_AGE_SECONDS))


def _keep(centre: Centre, name: str, period: Period, version: str, report: Report) -> None:
    """Store (or replace) the figures of `report` under `version` (one upsert)."""
    ReportCache.objects.bulk_create(
        [
            ReportCache(
                centre=centre,
                report=name,
                period_start=period.start,
                period_end=period.end,
                version=version,
                summary=report.summary(),
                computed_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["centre", "report", "period_start", "period_end"],
        update_fields=["version", "summary", "computed_at"],
    )


def get_report(centre: Centre, name: str, period: Period, *, fresh: bool = False) -> Report:
    """`name` of `centre` for `period`, its lists read when first used: the figures from the
    cache when they were computed at today's data version (and not too long ago), else
    computed now and kept. `fresh` computes them in any case (the report page)."""
    version = data_version(centre)
    if not fresh:
        kept = (
            ReportCache.objects.filter(
                centre=centre,
                report=name,
                period_start=period.start,
                period_end=period.end,
                version=version,
                computed_at__gte=timezone.now() - _max_age(),
            )
            .values_list("summary", flat=True)
            .first()
        )
        if kept is not None:
            source = SOURCES[name](centre, period)
            return Report.from_summary(name, centre.pk, period, kept, source)
    report = REPORTS[name](centre, period, lists=False)
    _keep(centre, name, period, version, report)
    return report
