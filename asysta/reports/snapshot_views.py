"""Submitted reports ("Oznacz jako złożone", the list, a submission with its difference from
today's data) and background exports (request, progress, download).

Every view works on the acting user's own centre; a submission or an export of another centre
answers 404. A submission has no edit view: the page answers GET only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from asysta.core.forms import DateInput
from asysta.core.http import AsystaRequest
from asysta.reports import access, exports, services, snapshots
from asysta.reports.access import centre_for, log_report_read
from asysta.reports.base import REPORTS, Period
from asysta.reports.models import ExportFormat, ReportExport, ReportSubmission, SubmissionLocked

PAGE_SIZE = 25
ITEMS_PAGE_SIZE = 100


def _report_choices() -> list[tuple[str, str]]:
    labels = {
        "semiannual": gettext_lazy("Sprawozdanie półroczne"),
        "activity": gettext_lazy("Sprawozdanie roczne z działalności"),
        "work_card": gettext_lazy("Karty pracy"),
    }
    return [(name, str(labels.get(name, name))) for name in sorted(REPORTS)]


class _ReportPeriodForm(forms.Form):
    report = forms.ChoiceField(label=gettext_lazy("Sprawozdanie"), choices=_report_choices)
    od = forms.DateField(label=gettext_lazy("Od"), widget=DateInput())
    do = forms.DateField(label=gettext_lazy("Do"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("od") and data.get("do"):
            try:
                data["period"] = Period(data["od"], data["do"])
            except ValidationError as exc:
                self.add_error("do", exc.error_dict.get("end", exc.messages))
        return data


class SubmitForm(_ReportPeriodForm):
    note = forms.CharField(
        label=gettext_lazy("Uwaga (np. „złożone w CAS”)"),
        max_length=services.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    correction = forms.BooleanField(
        label=gettext_lazy("To korekta złożonego już sprawozdania za ten okres"), required=False
    )


class ExportForm(_ReportPeriodForm):
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=ExportFormat.choices)
    items = forms.BooleanField(label=gettext_lazy("Z listami rodzin i asystentów"), required=False)


def _apply(form: forms.Form, service: Any, **kwargs: Any) -> Any:
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def _initial(request: AsystaRequest) -> dict[str, str]:
    return {k: request.GET[k] for k in ("report", "od", "do", "format") if k in request.GET}


# --- submissions -----------------------------------------------------------------------------


@require_safe
def submission_list(request: AsystaRequest) -> HttpResponse:
    """The centre's submitted reports, newest period first, and its latest exports."""
    centre = centre_for(request.user)
    rows = (
        ReportSubmission.objects.filter(centre=centre)
        .select_related("submitted_by", "correction")
        .defer("data")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    exports = ReportExport.objects.filter(centre=centre).select_related("requested_by")[:10]
    context = {"centre": centre, "page": page, "exports": exports}
    return render(request, "reports/submission_list.html", context)


def submit(request: AsystaRequest) -> HttpResponse:
    """ "Oznacz jako złożone": freeze the report of a period as submitted (the head only)."""
    centre = centre_for(request.user)
    form = SubmitForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _apply(
            form,
            services.submit_report,
            centre=centre,
            report=data["report"],
            period=data["period"],
            by=request.user,
            note=data["note"],
            correction=data["correction"],
        )
        if done is not None:
            messages.success(request, _("Sprawozdanie oznaczono jako złożone."))
            return redirect("reports:submission", submission_pk=done.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/submission_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def submission_detail(request: AsystaRequest, submission_pk: int) -> HttpResponse:
    """A submission as frozen, who and when, and its difference from today's data; with
    `?wskaznik=CODE` the frozen list of families or assistants behind that figure. A POST (an
    attempt to change it) changes nothing: the page comes back with the refusal (409)."""
    submission = access.get_submission_for(request.user, submission_pk)
    centre = centre_for(request.user)
    period = Period(submission.period_start, submission.period_end)
    figures = submission.data.get("figures", [])
    code = "" if request.method == "POST" else request.GET.get("wskaznik", "")
    context: dict[str, Any] = {"submission": submission, "figures": figures, "period": period}
    if code:
        figure = next((f for f in figures if f["code"] == code), None)
        if figure is None:
            raise Http404
        log_report_read(
            user=request.user,
            centre=centre,
            report=submission.report,
            start=period.start,
            end=period.end,
            figure=f"{code} (złożone #{submission.pk})",
            request=request,
        )
        items = Paginator(figure["items"], ITEMS_PAGE_SIZE).get_page(request.GET.get("p"))
        has_amounts = any("amount" in i for i in figure["items"])
        context.update(figure=figure, items=items, has_amounts=has_amounts)
        return render(request, "reports/submission_figure.html", context)
    today = services.build_report(centre, submission.report, period).as_dict()
    diffs = snapshots.diff(submission.data, today)
    context.update(diffs=diffs, changed=snapshots.changed_count(diffs))
    if context["changed"]:
        log_report_read(
            user=request.user,
            centre=centre,
            report=submission.report,
            start=period.start,
            end=period.end,
            figure=f"różnice (złożone #{submission.pk})",
            request=request,
        )
    if request.method == "POST":
        context["refused"] = str(SubmissionLocked().messages[0])
        return render(request, "reports/submission_detail.html", context, status=409)
    return render(request, "reports/submission_detail.html", context)


# --- background exports ----------------------------------------------------------------------


def export_start(request: AsystaRequest) -> HttpResponse:
    """Ask the background worker for a report file ("Eksport w tle")."""
    centre = centre_for(request.user)
    form = ExportForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        export = _apply(
            form,
            services.start_export,
            centre=centre,
            report=data["report"],
            period=data["period"],
            fmt=data["format"],
            items=data["items"],
            by=request.user,
        )
        if export is not None:
            return redirect("reports:background_export", export_pk=export.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/export_form.html", {"form": form}, status=status)


@require_safe
def export_detail(request: AsystaRequest, export_pk: int) -> HttpResponse:
    """The export's progress (htmx asks again every 2 s until it is finished)."""
    export = access.get_export_for(request.user, export_pk)
    template = "reports/export_status.html" if request.htmx else "reports/export_detail.html"
    return render(request, template, {"export": export})


@require_safe
def export_download(request: AsystaRequest, export_pk: int) -> FileResponse:
    export = access.get_export_for(request.user, export_pk)
    if not export.is_done or not export.file:
        raise Http404
    log_report_read(
        user=request.user,
        centre=centre_for(request.user),
        report=export.report,
        start=export.period_start,
        end=export.period_end,
        fmt=export.format,
        request=request,
    )
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=exports.CONTENT_TYPES.get(export.format, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("sprawozdania/zlozone/", submission_list, name="submissions"),
    path("sprawozdania/zlozone/oznacz/", submit, name="submit"),
    path("sprawozdania/zlozone/<int:submission_pk>/", submission_detail, name="submission"),
    path("sprawozdania/eksport-w-tle/", export_start, name="background_export_start"),
    path("sprawozdania/eksport-w-tle/<int:export_pk>/", export_detail, name="background_export"),
    path(
        "sprawozdania/eksport-w-tle/<int:export_pk>/pobierz/",
        export_download,
        name="background_export_download",
    ),
]
