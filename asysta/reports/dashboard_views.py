"""The dashboards (pulpit): the head's and coordinator's view of the centre, the assistant's view
of their own work. Always of the acting user's own centre; the figures come from
`asysta.reports.dashboards` (SQL aggregates) and every chart is drawn with its data table."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asysta.accounts.models import Role
from asysta.core.forms import DateInput
from asysta.core.http import AsystaRequest
from asysta.deadlines.queries import my_deadlines
from asysta.intake.caseload import Capacity
from asysta.reports import dashboards as q
from asysta.reports.access import centre_for
from asysta.reports.base import Period
from asysta.reports.dashboard_caseload import Group, Spread, kept_caseload_spread
from asysta.reports.templatetags.report_charts import Bar, BarChart, Reference
from asysta.visits.queries import month_bounds


class PeriodForm(forms.Form):
    """The period of the closures panels (both days included)."""

    od = forms.DateField(label=gettext_lazy("Od"), widget=DateInput())
    do = forms.DateField(label=gettext_lazy("Do"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("od"), data.get("do")
        if start and end:
            try:
                data["period"] = Period(start, end)
            except ValidationError as error:
                self.add_error("do", error.message_dict["end"])
        return data


def _period_form(request: AsystaRequest, today: date) -> PeriodForm:
    if "od" in request.GET or "do" in request.GET:
        return PeriodForm(request.GET)
    year = Period.year(today.year)
    return PeriodForm(initial={"od": year.start, "do": year.end})


def _caseload_bars(rows: list[Capacity]) -> BarChart:
    """One bar per assistant: families counted toward the cap, with FTE, limits, free places."""
    cap = rows[0].hard_cap if rows else settings.CASELOAD_HARD_CAP
    bars = []
    for row in rows:
        note = _("etat %(fte)s; limit ośrodka %(soft)s; wolne miejsca %(free)d") % {
            "fte": number_format(row.fte, 2),
            "soft": row.soft_cap_label,
            "free": row.free,
        }
        flag = _("ponad limit ośrodka") if row.over_soft_cap else ""
        if not row.free:
            flag = _("brak miejsc")
        bars.append(
            Bar(str(row.assistant), row.open_families, note=note, flag=flag, emphasis=bool(flag))
        )
    return BarChart(
        slug="obciazenie",
        title=_("Rodziny na asystenta wobec limitu"),
        label_header=_("Asystent"),
        value_header=_("Rodziny"),
        note_header=_("Etat i limity"),
        bars=bars,
        maximum=cap,
        reference=Reference(cap, _("Limit ustawowy: %(n)d rodzin") % {"n": cap}),
        empty_text=_("W ośrodku nie ma aktywnych asystentów rodziny."),
    )


def _group_label(spread: Spread, group: Group) -> str:
    if group.high is None:
        return _("ponad %(n)d") % {"n": spread.cap}
    if spread.is_full(group):
        return _("%(n)d — limit ustawowy") % {"n": spread.cap}
    return f"{group.low}–{group.high}" if group.high > group.low else str(group.low)


def _caseload_spread_chart(spread: Spread) -> BarChart:
    """The assistants by their number of families (a big centre)."""
    bars = []
    for group in spread.groups:
        flag = _("brak miejsc") if spread.is_full(group) and group.assistants else ""
        if group.over and not flag:
            flag = _("%(n)d ponad limit ośrodka") % {"n": group.over}
        label = _group_label(spread, group)
        bars.append(
            Bar(label, group.assistants, note=str(group.over), flag=flag, emphasis=bool(flag))
        )
    return BarChart(
        slug="obciazenie",
        title=_("Asystenci według liczby rodzin (limit ustawowy: %(n)d)") % {"n": spread.cap},
        label_header=_("Rodziny liczone do limitu"),
        value_header=_("Asystenci"),
        note_header=_("W tym ponad limit ośrodka"),
        bars=bars,
    )


def _caseload(centre: Any, today: date) -> dict[str, Any]:
    """The caseload panel: a bar per assistant in a small centre, the groups in a big one."""
    spread = kept_caseload_spread(centre, today)
    if spread is None:
        chart = _caseload_bars(q.caseload(centre, today))
        return {"caseload_chart": chart, "caseload_spread": None}
    return {"caseload_chart": _caseload_spread_chart(spread), "caseload_spread": spread}


def _count_chart(slug: str, title: str, label: str, rows: list[tuple[str, int]], **kw: Any):
    return BarChart(
        slug=slug,
        title=title,
        label_header=label,
        value_header=_("Liczba"),
        bars=[Bar(name, value) for name, value in rows],
        **kw,
    )


def _achieved_chart(summary: q.ClosureSummary) -> BarChart:
    share = summary.achieved_percent
    bars = []
    if share is not None:
        bars.append(
            Bar(
                _("Ten ośrodek"),
                share,
                display=f"{number_format(share, 1)}%",
                note=_("%(a)d z %(t)d zakończeń") % {"a": summary.achieved, "t": summary.total},
            )
        )
    nik = q.NIK_GOALS_ACHIEVED_PERCENT
    return BarChart(
        slug="cele-osiagniete",
        title=_("Zakończenia z osiągnięciem celów planu"),
        label_header=_("Kto"),
        value_header=_("Udział"),
        note_header=_("Zakończenia"),
        bars=bars,
        maximum=100,
        reference=Reference(
            nik, _("NIK: ok. %(n)s%% w kontrolowanych ośrodkach") % {"n": number_format(nik, 0)}
        ),
        empty_text=_("W tym okresie nie zakończono pracy z żadną rodziną."),
    )


def _trend_charts(trends: list[q.AreaTrend]) -> list[BarChart]:
    return [
        BarChart(
            slug=f"obszar-{trend.area}",
            title=trend.label,
            label_header=_("Ocena okresowa"),
            value_header=_("Średnia (1–5)"),
            note_header=_("Liczba ocen"),
            bars=[
                Bar(
                    _("%(n)d. ocena") % {"n": seq},
                    average,
                    display=number_format(average, 2),
                    note=str(count),
                )
                for seq, average, count in trend.points
            ],
            maximum=5,
            width=360,
        )
        for trend in trends
    ]


def _closures(request: AsystaRequest, centre: Any, today: date) -> tuple[PeriodForm, Any]:
    """The period picker and the closures of its period (the current year when not chosen;
    None when the period is bad)."""
    form = _period_form(request, today)
    if not form.is_bound:
        return form, q.closures(centre, Period.year(today.year))
    if form.is_valid():
        return form, q.closures(centre, form.cleaned_data["period"])
    return form, None


def head_dashboard(request: AsystaRequest) -> HttpResponse:
    """The centre at a glance: caseload, queue, overdue steps, categories, closures, trends."""
    centre = centre_for(request.user)
    today = timezone.localdate()
    form, closures = _closures(request, centre, today)
    queue = q.queue_summary(centre, today)
    overdue = q.overdue_by_kind(centre, today)
    categories = q.kept_families_by_category(centre, today)
    context = {
        "centre": centre,
        "today": today,
        "form": form,
        "queue": queue,
        "overdue_total": sum(n for _label, n in overdue),
        "families_total": sum(n for _label, n in categories),
        "closures": closures,
        **_caseload(centre, today),
        "queue_chart": _count_chart(
            "kolejka", _("Oczekujący według pierwszeństwa"), _("Pierwszeństwo"), queue.by_priority
        ),
        "overdue_chart": _count_chart(
            "po-terminie",
            _("Kroki ustawowe po terminie według rodzaju"),
            _("Rodzaj"),
            overdue,
            empty_text=_("Żaden krok ustawowy nie jest po terminie."),
        ),
        "category_chart": _count_chart(
            "kategorie", _("Rodziny według kategorii"), _("Kategoria"), categories
        ),
        "reason_chart": closures
        and _count_chart("powody", _("Zakończenia według powodu"), _("Powód"), closures.by_reason),
        "achieved_chart": closures and _achieved_chart(closures),
        "trend_charts": _trend_charts(q.kept_area_trends(centre)),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(request, "reports/dashboard_head.html", context, status=status)


def assistant_dashboard(request: AsystaRequest) -> HttpResponse:
    """The assistant's own work: my families, my deadlines, my month."""
    centre = centre_for(request.user, roles={Role.ASSISTANT})
    today = timezone.localdate()
    first, last = month_bounds(today.year, today.month)
    categories = q.my_families_by_category(request.user, today)
    deadlines = my_deadlines(request.user)
    context = {
        "today": today,
        "families_total": sum(n for _label, n in categories),
        "category_chart": _count_chart(
            "moje-kategorie",
            _("Moje rodziny według kategorii"),
            _("Kategoria"),
            categories,
            empty_text=_("Nie masz teraz przydzielonych rodzin."),
        ),
        "late": [d for d in deadlines if d.due_on < today],
        "soon": [d for d in deadlines if d.due_on >= today][:8],
        "month": q.my_month(request.user, centre, first, last),
        "work_card_url": reverse("visits:work_card", args=[today.year, today.month]),
    }
    return render(request, "reports/dashboard_assistant.html", context)


urlpatterns: list[URLPattern] = [
    path("pulpit/", head_dashboard, name="dashboard"),
    path("pulpit/moj/", assistant_dashboard, name="dashboard_mine"),
]
