"""Who may read the centre's reports, and the log of what they read.

Reports are always of the acting user's own centre: a URL never names a centre, so another
centre's figures cannot be asked for. Objects of a report (a submitted snapshot, a background
export) are reached through `get_submission_for` / `get_export_for`, which answer 404 for an
object of another centre. Every export (a file leaving the system with family names) is logged
as a read, without the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.core.models import Centre
from asysta.reports.models import ReportExport, ReportSubmission

SECTION_REPORT_EXPORT = "report_export"
SECTION_REPORT_VIEW = "report_view"


# Who reads the centre's reports, dashboards and submissions (the URL policy says the same).
READERS = frozenset({Role.HEAD, Role.COORDINATOR, Role.AUDITOR})


def may_read_reports(user: Any) -> bool:
    return actor_for(user).has(*READERS)


def centre_for(user: Any, *, roles: Iterable[str] = READERS) -> Centre:
    """The centre whose reports `user` reads: 403 for a user without a centre or without one
    of `roles` there (the head, the coordinator and the auditor by default)."""
    actor = actor_for(user)
    if not actor.has(*roles):
        raise PermissionDenied
    return Centre.objects.get(pk=actor.centre_pk)


def log_report_read(
    *,
    user: Any,
    centre: Centre,
    report: str,
    start: Any,
    end: Any,
    fmt: str = "html",
    figure: str = "",
    request: HttpRequest | None = None,
) -> LogEntry:
    """Record that `user` exported (fmt csv/xlsx/pdf/json) or opened the list behind a figure
    (fmt html with `figure`) of `report` for the period — names of families leave the record."""
    return log_read(
        user=user,
        obj=centre,
        section=SECTION_REPORT_VIEW if fmt == "html" else SECTION_REPORT_EXPORT,
        request=request,
        extra={
            "report": report,
            "period": f"{start}–{end}",
            "format": fmt,
            **({"figure": figure} if figure else {}),
        },
    )


def get_submission_for(user: Any, submission_pk: int) -> ReportSubmission:
    """A submission of the user's own centre (404 for another centre's)."""
    found = (
        ReportSubmission.objects.filter(pk=submission_pk, centre_id=actor_for(user).centre_pk)
        .select_related("submitted_by", "corrects", "correction")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_export_for(user: Any, export_pk: int) -> ReportExport:
    """An export of the user's own centre (404 for another centre's)."""
    found = (
        ReportExport.objects.filter(pk=export_pk, centre_id=actor_for(user).centre_pk)
        .select_related("requested_by")
        .first()
    )
    if found is None:
        raise Http404
    return found
