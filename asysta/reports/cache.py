"""One computation of a report's figures (or of a dashboard panel) for every page that shows them.

Figures are kept in `ReportCache`, keyed by centre, name and period, with the *data version*
they were computed at (`asysta.reports.cache_version`: what it watches and what it may miss); a
reader whose data version is still the same takes them from there instead of computing them
again. The report page, the downloads, the background export and the command keep what they
compute; the list behind one figure reads the kept figures when they are current and otherwise
computes them for itself without keeping them (it is opened from the report page, which has
just kept them; so a list never replaces what the page computed, and the page costs the same
queries whichever list was opened before it). The dashboards keep their slow panels the same
way (`cached`: the area-score trend, the families by category, a big centre's caseload).

Why a table of our own rather than Django's cache framework: the project configures no shared
cache (`CACHES` is the per-process local memory default), so the web processes and the export
worker would each keep their own copy, and a test's cached figures would outlive its
rolled-back data. A row in the database is shared by every process, needs no extra service nor
a `createcachetable` step, and goes away with the transaction of a test.

A change the version cannot see (a raw UPDATE, or an insert committed after a later one was
read) is caught by the age limit: figures older than `ASYSTA_REPORT_CACHE_SECONDS` (default 15
minutes) are computed again, and a centre's rows past that limit are deleted whenever it keeps
new figures (so the table holds at most what a quarter of an hour of use computed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone, translation

from asysta.core.models import Centre
from asysta.reports.base import READS, REPORTS, SOURCES, Period, Report
from asysta.reports.cache_version import (
    TABLES,
    Version,
    Watch,
    data_version,
    version_and_staleness,
)
from asysta.reports.models import ReportCache

__all__ = ["TABLES", "cached", "data_version", "get_report", "report_version"]

T = TypeVar("T")

MAX_AGE_SECONDS = 15 * 60
# The key of a computation that has no period (the area-score trend).
TIMELESS = Period(date(2000, 1, 1), date(2000, 1, 1))


def report_version(centre: Centre, name: str, period: Period) -> Version:
    """The data version of report `name` of `centre` for `period`."""
    return data_version(centre, READS.get(name, TABLES), period)


def _max_age() -> timedelta:
    return timedelta(seconds=getattr(settings, "ASYSTA_REPORT_CACHE_SECONDS", MAX_AGE_SECONDS))


def _kept(centre: Centre, name: str, period: Period) -> tuple[Any, Version] | None:
    """The data kept for `name` and `period` with the version and marks it was computed at,
    unless it is older than the age limit (one query)."""
    row = (
        ReportCache.objects.filter(
            centre=centre,
            report=name,
            period_start=period.start,
            period_end=period.end,
            computed_at__gte=timezone.now() - _max_age(),
        )
        .values_list("summary", "version", "row_mark", "log_mark")
        .first()
    )
    if row is None:
        return None
    summary, text, row_mark, log_mark = row
    return summary, Version(text, row_mark, log_mark)


def _keep(centre: Centre, name: str, period: Period, version: Version, data: Any) -> None:
    """Store (or replace) `data` of `name` under `version` (one upsert), and drop the centre's
    figures past the age limit: they are never read again, and every period someone chose
    would otherwise stay in the table for good."""
    now = timezone.now()
    ReportCache.objects.filter(centre=centre, computed_at__lt=now - _max_age()).delete()
    ReportCache.objects.bulk_create(
        [
            ReportCache(
                centre=centre,
                report=name,
                period_start=period.start,
                period_end=period.end,
                version=version.text,
                summary=data,
                computed_at=now,
                row_mark=version.row_mark,
                log_mark=version.log_mark,
            )
        ],
        update_conflicts=True,
        unique_fields=["centre", "report", "period_start", "period_end"],
        update_fields=["version", "summary", "computed_at", "row_mark", "log_mark"],
    )


def cached(
    centre: Centre,
    name: str,
    *,
    reads: Iterable[str],
    compute: Callable[[], T],
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
    period: Period | None = None,
    fresh: bool = False,
    keep: bool = True,
    extra: str = "",
) -> T:
    """The result of `compute` for `centre` (and `period`), which reads the tables `reads`:
    loaded from what was kept when computed at today's data version with nothing changed
    since (and not too long ago), else computed now and — when `keep` — kept (`dump` makes
    it JSON data, `load` makes it again). Two queries when kept: the kept row, then the
    version with the check of its marks. `fresh` computes it in any case; `extra` goes into
    the version (settings the result depends on). The version is read before computing, so
    a change made meanwhile makes the next reader compute again."""
    watch = Watch.of(reads, period)
    key = period or TIMELESS
    kept = None if fresh else _kept(centre, name, key)
    version, changed = version_and_staleness(
        centre, watch, period, extra, kept[1] if kept else None
    )
    if kept is not None and kept[1].text == version.text and not changed:
        return load(kept[0])
    result = compute()
    if keep:
        _keep(centre, name, key, version, dump(result))
    return result


def get_report(
    centre: Centre, name: str, period: Period, *, fresh: bool = False, keep: bool = True
) -> Report:
    """`name` of `centre` for `period`, its lists read when first used: the figures from the
    cache when they were computed at today's data version, else computed now (and kept unless
    `keep` is false: the list behind a figure). `fresh` computes them in any case (a
    submission freezes what the data hold at that moment). The title and labels are kept as
    they were worded, so the reader's language is part of the version."""
    return cached(
        centre,
        name,
        reads=READS.get(name, TABLES),
        compute=lambda: REPORTS[name](centre, period, lists=False),
        dump=Report.summary,
        load=lambda data: Report.from_summary(
            name, centre.pk, period, data, SOURCES[name](centre, period)
        ),
        period=period,
        fresh=fresh,
        keep=keep,
        extra=translation.get_language() or "",
    )
