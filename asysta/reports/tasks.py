"""Background work of the reports app: a report file for a big centre (django-tasks; the
database backend's worker runs it, `manage.py db_worker`; tests use the immediate backend).

The file is made from the same builder as the page and the command line (the figures its page
computed, while the data are unchanged: `asysta.reports.cache`), written by `exports.write` row
by row into a temporary file (constant memory, however long the lists), stored under the
private files directory and served only by the download view.
"""

from __future__ import annotations

import logging
import tempfile
from typing import Any

from auditlog.context import set_actor
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from asysta.core.files import removed_if_failed
from asysta.reports import exports
from asysta.reports.base import Period, Report
from asysta.reports.models import ExportStatus, ReportExport

logger = logging.getLogger(__name__)


@task()
def run_report_export(export_id: int) -> None:
    """Make the file of a queued report export."""
    complete_export(export_id=export_id)


def _progress(export: ReportExport, percent: int, **fields: Any) -> None:
    ReportExport.objects.filter(pk=export.pk).update(progress=percent, **fields)


def file_name(export: ReportExport) -> str:
    return exports.stored_name(export.report, export.period_start, export.period_end, export.format)


def _write(export: ReportExport, report: Report) -> None:
    """Store the file of `report` in `export.file` (not saved yet), written row by row into a
    temporary file rather than built in memory."""
    with tempfile.TemporaryFile(prefix="asysta-report-") as handle:
        exports.write(
            report,
            export.format,
            handle,
            items=export.items,
            centre=export.centre,
            author=export.requested_by,
        )
        handle.seek(0)
        export.file.save(file_name(export), File(handle), save=False)


def complete_export(*, export_id: int) -> ReportExport | None:
    """Make the file of a queued export, updating its progress; a failure is recorded on the
    export with a message for the user (the details go to the log)."""
    from asysta.reports.services import ReportError, build_report

    export = (
        ReportExport.objects.select_related("centre", "requested_by")
        .filter(pk=export_id, status=ExportStatus.QUEUED)
        .first()
    )
    if export is None:
        return None
    with set_actor(export.requested_by):
        _progress(export, 10, status=ExportStatus.RUNNING)
        try:
            period = Period(export.period_start, export.period_end)
            report = build_report(export.centre, export.report, period)
            _progress(export, 60)
            _write(export, report)
            _progress(export, 90)
        except Exception as exc:
            logger.exception("report export %s failed", export.pk)
            if export.file:  # written before the failure: no file stays without a done export
                export.file.delete(save=False)
            message = (
                exc.text if isinstance(exc, ReportError) else _("Nie udało się utworzyć pliku.")
            )
            _progress(
                export, 0, status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
            )
            export.refresh_from_db()
            return export
        with removed_if_failed() as track, transaction.atomic():
            track(export.file)
            export.file_name = file_name(export)
            export.size = export.file.size
            export.status = ExportStatus.DONE
            export.progress = 100
            export.finished_at = timezone.now()
            export.save(
                update_fields=["file", "file_name", "size", "status", "progress", "finished_at"]
            )
    return export
