"""Submissions and background exports built through the real services (reports and policy
tests)."""

from __future__ import annotations

from typing import Any

from asysta.reports import services
from asysta.reports.base import Period
from asysta.reports.models import ReportExport, ReportSubmission

# Ended before the test day (18.11.2026), due by 31.07.2026.
H1_2026 = Period.half_year(2026, 1)


def submission(people: Any, *, period: Period = H1_2026, note: str = "") -> ReportSubmission:
    """The half-year report of centre A for `period`, marked as submitted by Dorota (head)."""
    found = services.current_submission(people.centre, "semiannual", period)
    return found or services.submit_report(
        centre=people.centre, report="semiannual", period=period, by=people.dorota, note=note
    )


def export(people: Any, *, fmt: str = "csv", by: Any = None, items: bool = True) -> ReportExport:
    """A background export of centre A's half-year report (done at once: immediate backend)."""
    return services.start_export(
        centre=people.centre,
        report="semiannual",
        period=H1_2026,
        fmt=fmt,
        items=items,
        by=by or people.dorota,
    )
