"""The report pages: the list of reports with their period pickers, a report's figures, the list
behind one figure, and the direct downloads (CSV, XLSX, JSON, PDF).

Every view starts with `centre_for(request.user)`: a report is always of the acting user's own
centre and no URL names a centre. The period travels in the query string (`?od=&do=`); a bad one
re-shows the picker with the message next to the field (422). Opening the list behind a figure
and every download are logged with `log_report_read` (families' names leave the figures).

The figures (SQL aggregates, no list) are computed once and kept (`asysta.reports.cache`): the
report page, the list behind a figure and the downloads take them from there while the data
they are read from are unchanged, and read only the list or lists they show. The page and the
downloads keep what they compute; a figure's list does not (see the cache's docstring).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.families.models import Family
from asysta.reports import exports
from asysta.reports.access import centre_for, log_report_read
from asysta.reports.base import REPORTS, Period, Report
from asysta.reports.cache import get_report
from asysta.reports.forms import PeriodForm, period_form

PAGE_SIZE = 100

# name -> (title, what it is for), in the order of the list page
DESCRIPTIONS: dict[str, tuple[Any, Any]] = {
    "semiannual": (
        _("Sprawozdanie półroczne (rzeczowo-finansowe)"),
        _(
            "Asystenci rodziny i rodziny wspierające za I albo II półrocze — do wojewody przez "
            "CAS do 31 lipca i do 31 stycznia."
        ),
    ),
    "activity": (
        _("Sprawozdanie z działalności asystentów rodziny"),
        _(
            "Tabela do sprawozdania dla rady gminy: rodziny według kategorii, zakończenia "
            "współpracy, etaty, kontakty i godziny — za rok albo dowolny okres."
        ),
    ),
    "work_card": (
        _("Karty pracy asystentów — zestawienie ośrodka"),
        _(
            "Kontakty, godziny i rodziny każdego asystenta w okresie (domyślnie poprzedni "
            "miesiąc). Własną kartę pracy asystent ma w zakładce „Karta pracy”."
        ),
    ),
}


def period_query(period: Period) -> str:
    return urlencode({"od": period.start.isoformat(), "do": period.end.isoformat()})


def _picker(name: str, form: PeriodForm) -> dict[str, Any]:
    title, description = DESCRIPTIONS.get(name, (name, ""))
    return {"name": name, "title": title, "description": description, "form": form}


def _pickers(invalid: PeriodForm | None = None) -> list[dict[str, Any]]:
    names = [*DESCRIPTIONS, *sorted(set(REPORTS) - set(DESCRIPTIONS))]
    pickers = []
    for name in names:
        if name in REPORTS:
            own = invalid is not None and invalid.report == name
            pickers.append(_picker(name, invalid if own and invalid else period_form(name)))
    return pickers


def _index_page(
    request: AsystaRequest, centre: Centre, invalid: PeriodForm | None = None
) -> HttpResponse:
    context = {"centre": centre, "pickers": _pickers(invalid)}
    return render(request, "reports/index.html", context, status=422 if invalid else 200)


def _built(
    request: AsystaRequest, report: str, *, keep: bool = True
) -> tuple[Centre, Report | None, PeriodForm]:
    """The centre, the report of the period asked for (None when the period is bad) and the
    bound picker. The figures come from `get_report`: the kept ones while the data are
    unchanged, else computed now (and kept when `keep`)."""
    centre = centre_for(request.user)
    if report not in REPORTS:
        raise Http404
    form = period_form(report, request.GET)
    if not form.is_valid():
        return centre, None, form
    return centre, get_report(centre, report, form.period, keep=keep), form


def index(request: AsystaRequest) -> HttpResponse:
    return _index_page(request, centre_for(request.user))


def report_page(request: AsystaRequest, report: str) -> HttpResponse:
    """Today's figures of the report (as kept while the data are unchanged, else computed
    now and kept; their lists are not read)."""
    centre, built, form = _built(request, report)
    if built is None:
        return _index_page(request, centre, form)
    context = {
        "centre": centre,
        "report_name": report,
        "report": built,
        "period": built.period,
        "query": period_query(built.period),
        "picker": _picker(report, form),
    }
    return render(request, "reports/report.html", context)


def visible_family_ids(user: Any, pks: set[int]) -> set[int]:
    """Which of the families `pks` the user may open (one query, whatever their number)."""
    if not pks:
        return set()
    return set(Family.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))


def figure_page(request: AsystaRequest, report: str, figure: str) -> HttpResponse:
    """One figure with the families or assistants it counts: the figures as its report page
    kept them, and this figure's list read now (one list, paginated)."""
    centre, built, form = _built(request, report, keep=False)
    if built is None:
        return _index_page(request, centre, form)
    chosen = next((f for f in built.figures if f.code == figure), None)
    if chosen is None:
        raise Http404
    log_report_read(
        user=request.user,
        centre=centre,
        report=report,
        start=built.period.start,
        end=built.period.end,
        figure=figure,
        request=request,
    )
    page = Paginator(chosen.items, PAGE_SIZE).get_page(request.GET.get("p"))
    families = {i.pk for i in page.object_list if i.kind == "family"}
    openable = visible_family_ids(request.user, families)
    rows = [(i, i.kind == "family" and i.pk in openable) for i in page.object_list]
    context = {
        "centre": centre,
        "report_name": report,
        "report": built,
        "period": built.period,
        "query": period_query(built.period),
        "figure": chosen,
        "page": page,
        "rows": rows,
        "page_sum": sum(i.amount or 0 for i in page.object_list) if chosen.is_sum else None,
    }
    return render(request, "reports/figure.html", context)


# --- downloads --------------------------------------------------------------------------------


def export(request: AsystaRequest, report: str) -> HttpResponseBase:
    """The report as a file (`exports.render`): XLSX and a CSV with long lists are streamed as
    they are written; the rest is sent whole."""
    fmt = request.GET.get("format") or "csv"
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    centre, built, form = _built(request, report)
    if built is None:
        return _index_page(request, centre, form)
    items = request.GET.get("items") == "1"
    log_report_read(
        user=request.user,
        centre=centre,
        report=report,
        start=built.period.start,
        end=built.period.end,
        fmt=fmt,
        request=request,
    )
    chunks = exports.render(built, fmt, items=items, centre=centre, author=request.user)
    response: HttpResponseBase
    if exports.streams(built, fmt, items=items):
        response = StreamingHttpResponse(chunks, content_type=exports.CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(b"".join(chunks), content_type=exports.CONTENT_TYPES[fmt])
    filename = exports.download_name(built, fmt, items=items)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns: list[URLPattern] = [
    path("sprawozdania/", index, name="index"),
    path("sprawozdania/<slug:report>/", report_page, name="report"),
    path("sprawozdania/<slug:report>/pobierz/", export, name="export"),
    path("sprawozdania/<slug:report>/<slug:figure>/", figure_page, name="figure"),
]
