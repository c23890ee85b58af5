"""Submitting a report (a frozen snapshot), reminders of the half-year deadlines, and
requesting a report file from the background worker.

A submission freezes `Report.as_dict()` — the figures with the lists of families and assistants
behind them — as the builder computed it at that moment; later edits to the record change
today's report, never the submitted one (`asysta.reports.snapshots.diff` shows the difference).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.core.models import Centre
from asysta.deadlines.clock import CentreNotice
from asysta.reports.access import may_read_reports
from asysta.reports.base import REPORTS, Period, Report
from asysta.reports.cache import get_report
from asysta.reports.common import served_assignments
from asysta.reports.models import ExportFormat, ExportStatus, ReportExport, ReportSubmission

logger = logging.getLogger(__name__)


class ReportError(ValidationError):
    """A refusal shown to the user as it is (next to the field it names, if any)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__({field: [message]} if field else message)
        self.text = message


SEMIANNUAL = "semiannual"
# The reminder of a half-year report shows from this many calendar days before its due date.
REMINDER_DAYS = 30
# Above this many families served in the period the report page suggests a background export.
BACKGROUND_FAMILIES = 300
NOTE_MAX = 500


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def build_report(centre: Centre, report: str, period: Period, *, fresh: bool = False) -> Report:
    """`report` of `centre` for `period`, by the same builder as the page and the CLI: the
    figures kept while the data they are read from are unchanged (`asysta.reports.cache`),
    else computed now (and kept), or computed now in any case when `fresh`; the lists are
    read when used."""
    if report not in REPORTS:
        raise ReportError(_("Nie ma takiego sprawozdania."), field="report")
    return get_report(centre, report, period, fresh=fresh)


def report_page_url(report: str, period: Period) -> str:
    """The page of `report` for `period`."""
    query = f"?od={period.start.isoformat()}&do={period.end.isoformat()}"
    return reverse("reports:report", kwargs={"report": report}) + query


# --- submissions -----------------------------------------------------------------------------


def current_submission(centre: Centre, report: str, period: Period) -> ReportSubmission | None:
    """The submission of `report` for exactly `period` no correction has replaced."""
    return (
        ReportSubmission.objects.current()
        .filter(centre=centre, report=report, period_start=period.start, period_end=period.end)
        .select_related("submitted_by")
        .first()
    )


def _check_submitter(centre: Centre, by: Any) -> None:
    actor = actor_for(by)
    if actor.centre_id != centre.pk or not actor.has(Role.HEAD):
        raise ReportError(_("Sprawozdanie jako złożone oznacza kierownik ośrodka."))


def _check_correction(
    corrects: ReportSubmission, centre: Centre, report: str, period: Period, note: str
) -> None:
    same = (
        corrects.centre_id == centre.pk
        and corrects.report == report
        and (corrects.period_start, corrects.period_end) == (period.start, period.end)
    )
    if not same:
        raise ReportError(_("Korekta dotyczy tego samego sprawozdania i okresu."))
    if ReportSubmission.objects.filter(corrects=corrects).exists():
        raise ReportError(_("To złożenie ma już korektę — koryguje się najnowsze złożenie."))
    if not note:
        raise ReportError(_("Podaj, czego dotyczy korekta."), field="note")


def submit_report(
    *,
    centre: Centre,
    report: str,
    period: Period,
    by: Any,
    note: str = "",
    corrects: ReportSubmission | None = None,
    correction: bool = False,
) -> ReportSubmission:
    """Freeze `report` of `centre` for `period` as submitted by the head `by` (e.g. in CAS).

    One submission per centre, report and period; a second one is refused. A correction
    (`corrects`: the latest submission of the same period, with a note saying why) is a new
    submission: the earlier one stays as it was. Audited (the frozen data is not copied into
    the trail)."""
    _check_submitter(centre, by)
    if correction and corrects is None:
        corrects = current_submission(centre, report, period)
        if corrects is None:
            raise ReportError(
                _("Za ten okres nie oznaczono jeszcze złożenia — nie ma czego korygować."),
                field="correction",
            )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ReportError(_("Uwaga może mieć najwyżej 500 znaków."), field="note")
    if period.end >= timezone.localdate():
        raise ReportError(
            _("Okres trwa do %(d)s: jako złożone oznacza się sprawozdanie za zakończony okres.")
            % {"d": _d(period.end)},
            field="do",
        )
    data = build_report(centre, report, period, fresh=True).as_dict()
    with transaction.atomic(), set_actor(by):
        if corrects is not None:
            _check_correction(corrects, centre, report, period, note)
        else:
            existing = current_submission(centre, report, period)
            if existing is not None:
                raise _already_submitted(existing)
        try:
            with transaction.atomic():
                return ReportSubmission.objects.create(
                    centre=centre,
                    report=report,
                    title=data["title"],
                    period_start=period.start,
                    period_end=period.end,
                    data=data,
                    submitted_by=by,
                    note=note,
                    corrects=corrects,
                )
        except IntegrityError:  # submitted at the same moment by someone else
            raise ReportError(
                _("To sprawozdanie za ten okres zostało już oznaczone jako złożone.")
            ) from None


def _already_submitted(existing: ReportSubmission) -> ReportError:
    return ReportError(
        _(
            "Sprawozdanie za okres %(s)s–%(e)s zostało już oznaczone jako złożone %(on)s przez "
            "%(who)s. Zmiany zgłasza kierownik jako korektę tego złożenia."
        )
        % {
            "s": _d(existing.period_start),
            "e": _d(existing.period_end),
            "on": _d(timezone.localtime(existing.submitted_at).date()),
            "who": existing.submitted_by,
        }
    )


# --- reminders of the half-year report (31 July, 31 January) ---------------------------------


def half_year_due(period: Period) -> date:
    """H1 is due by 31 July of its year, H2 by 31 January of the next year (domain.md §11.1)."""
    if period.start.month == 1:
        return date(period.start.year, 7, 31)
    return date(period.start.year + 1, 1, 31)


def reminded_periods(on: date) -> list[Period]:
    """The two latest half-years whose reminder window (30 days before the due date) has
    started by `on` — older ones are no longer reminded of."""
    candidates = [
        Period.half_year(year, half) for year in (on.year - 1, on.year) for half in (1, 2)
    ]
    started = [p for p in candidates if half_year_due(p) - timedelta(days=REMINDER_DAYS) <= on]
    return started[-2:]


def report_reminders(centre: Centre, on: date) -> Iterable[CentreNotice]:
    """The half-year reports not yet marked as submitted, from 30 days before their due date
    (overdue after it), for the deadlines board of the head and the coordinator. One query."""
    periods = reminded_periods(on)
    if not periods:
        return []
    submitted = set(
        ReportSubmission.objects.filter(
            centre=centre,
            report=SEMIANNUAL,
            period_start__in=[p.start for p in periods],
        ).values_list("period_start", "period_end")
    )
    notices = []
    for period in periods:
        if (period.start, period.end) in submitted:
            continue
        half = _("I półrocze") if period.start.month == 1 else _("II półrocze")
        notices.append(
            CentreNotice(
                kind="semiannual_report",
                label=_("Sprawozdanie półroczne za %(half)s %(year)s do wojewody (CAS)")
                % {"half": half, "year": period.start.year},
                due_on=half_year_due(period),
                url=report_page_url(SEMIANNUAL, period),
            )
        )
    return notices


# --- background exports ----------------------------------------------------------------------


# The figure of a report that is the number of families served in its period (the families
# of `served_assignments`), which the suggestion of a background export is about.
SERVED_FIGURES = {"semiannual": "families_served", "activity": "families_total"}


def _served_figure(report: Report | None) -> int | None:
    """The report's own count of the families served, when it shows it as it is."""
    if report is None or report.name not in SERVED_FIGURES:
        return None
    code = SERVED_FIGURES[report.name]
    figure = next((f for f in report.figures if f.code == code), None)
    if figure is None or figure.key != code:  # the row is off, or counts something else
        return None
    return int(figure.value)


def should_export_in_background(
    centre: Centre, period: Period, report: Report | None = None
) -> bool:
    """Whether the report page should offer the background export: more families were
    served in the period than a page should wait for. `report`'s own figure when it counts
    them (no query: the page has the figures already), else one COUNT query."""
    limit = getattr(settings, "ASYSTA_REPORT_BACKGROUND_FAMILIES", BACKGROUND_FAMILIES)
    served = _served_figure(report)
    if served is None:
        served = served_assignments(centre, period).values("family_id").distinct().count()
    return bool(served > limit)


def start_export(
    *, centre: Centre, report: str, period: Period, fmt: str, items: bool, by: Any
) -> ReportExport:
    """Queue a file of `report` for the background worker; the returned row shows its
    progress. The file is made by `asysta.reports.tasks.run_export` with the same builder."""
    if report not in REPORTS:
        raise ReportError(_("Nie ma takiego sprawozdania."), field="report")
    if fmt not in ExportFormat.values:
        raise ReportError(_("Wybierz format pliku."), field="format")
    if actor_for(by).centre_id != centre.pk:
        raise ReportError(_("Sprawozdania eksportuje się tylko z własnego ośrodka."))
    if not may_read_reports(by):
        raise ReportError(_("Sprawozdania eksportują kierownik, koordynator i audytor ośrodka."))
    with set_actor(by):
        export = ReportExport.objects.create(
            centre=centre,
            report=report,
            period_start=period.start,
            period_end=period.end,
            format=fmt,
            items=items,
            requested_by=by,
        )
    _enqueue(export)
    export.refresh_from_db()
    return export


def _enqueue(export: ReportExport) -> None:
    from asysta.reports.tasks import run_report_export

    try:
        result = run_report_export.enqueue(export_id=export.pk)
    except Exception:
        logger.exception("report export %s could not be queued", export.pk)
        ReportExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED,
            error=_("Nie udało się zlecić eksportu. Spróbuj ponownie później."),
            finished_at=timezone.now(),
        )
        return
    ReportExport.objects.filter(pk=export.pk, task_id="").update(task_id=str(result.id)[:64])
