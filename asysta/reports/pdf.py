"""A report as PDF/A: the letterhead of the centre, the figures table and, on request, the list
of families or assistants behind each figure. Rendered by the documents engine (WeasyPrint, the
product's own fonts, the centre's logo) from "reports/pdf/report.html"."""

from __future__ import annotations

from typing import Any

from asysta.core.models import Centre
from asysta.documents.engine import centre_logo, common_context, render_pdf
from asysta.reports.base import Report

TEMPLATE = "reports/pdf/report.html"


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y")


def pdf_context(report: Report, *, centre: Centre, author: Any, items: bool) -> dict[str, Any]:
    """The data the PDF template prints (made plain by the engine before rendering)."""
    figures = [
        {
            "code": f.code,
            "label": f.label,
            "value": f.value,
            "is_sum": f.is_sum,
            "items": [{"label": i.label, "reason": i.reason, "amount": i.amount} for i in f.items]
            if items
            else [],
        }
        for f in report.figures
    ]
    return {
        **common_context(centre=centre, author=author, label=report.title),
        "report": {
            "title": report.title,
            "start": _day(report.period.start),
            "end": _day(report.period.end),
            "figures": figures,
            "with_items": items,
        },
    }


def report_pdf(report: Report, *, centre: Centre, author: Any, items: bool = False) -> bytes:
    """`report` as PDF/A-2b bytes."""
    context = pdf_context(report, centre=centre, author=author, items=items)
    return render_pdf(TEMPLATE, context, logo=centre_logo(centre))
