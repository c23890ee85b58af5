"""The period pickers of the reports: a half-year for the statutory report, a year or any dates
for the activity report, any dates for the work cards (the previous month by default).

The forms travel by GET (`?od=RRRR-MM-DD&do=RRRR-MM-DD`, or `?rok=2026&polrocze=1`), so a
report's address can be bookmarked and sent to a colleague. Each form turns what was picked into
a `Period`; dates given explicitly win over a year or a half-year.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asysta.core.forms import DateInput
from asysta.reports.base import Period

MIN_YEAR, MAX_YEAR = 2000, 2100
HALF_CHOICES = [
    ("1", gettext_lazy("I półrocze (1 stycznia – 30 czerwca)")),
    ("2", gettext_lazy("II półrocze (1 lipca – 31 grudnia)")),
]


def last_ended_half_year(today: date) -> Period:
    """The latest half-year that has ended by `today` (the one due to the voivode next)."""
    if today.month >= 7:
        return Period.half_year(today.year, 1)
    return Period.half_year(today.year - 1, 2)


def previous_month(today: date) -> Period:
    last = today.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext_lazy("Rok"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )


class PeriodForm(forms.Form):
    """Any period by its first and last day; both or neither must be given."""

    od = forms.DateField(label=gettext_lazy("Od"), required=False, widget=DateInput())
    do = forms.DateField(label=gettext_lazy("Do"), required=False, widget=DateInput())

    def __init__(self, *args: Any, report: str = "", **kwargs: Any) -> None:
        # Several pickers share one page: ids carry the report, names stay od/do/rok.
        kwargs.setdefault("auto_id", f"{report or 'okres'}_%s")
        super().__init__(*args, **kwargs)
        self.report = report

    def default_period(self) -> Period:
        return previous_month(timezone.localdate())

    def chosen_period(self, data: dict[str, Any]) -> Period:
        """The period when no dates were given (a year, a half-year, or the default)."""
        return self.default_period()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        start, end = data.get("od"), data.get("do")
        if start is None and end is None:
            try:
                data["period"] = self.chosen_period(data)
            except ValidationError as exc:
                self._add_period_errors(exc)
            return data
        if start is None:
            self.add_error("od", _("Podaj początek okresu."))
            return data
        if end is None:
            self.add_error("do", _("Podaj koniec okresu."))
            return data
        try:
            data["period"] = Period(start, end)
        except ValidationError as exc:
            self._add_period_errors(exc)
        return data

    def _add_period_errors(self, exc: ValidationError) -> None:
        fields = {"start": "od", "end": "do", "half": "polrocze", "year": "rok"}
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for key, errors in exc.error_dict.items():
            name = fields.get(key, key)
            self.add_error(name if name in self.fields else None, errors)

    @property
    def period(self) -> Period:
        return self.cleaned_data["period"]


class HalfYearForm(PeriodForm):
    """The statutory report: a year and a half-year (the last ended one by default)."""

    rok = _year_field()
    polrocze = forms.TypedChoiceField(
        label=gettext_lazy("Półrocze"), choices=HALF_CHOICES, coerce=int, required=False
    )
    field_order = ["rok", "polrocze", "od", "do"]

    def default_period(self) -> Period:
        return last_ended_half_year(timezone.localdate())

    def chosen_period(self, data: dict[str, Any]) -> Period:
        year, half = data.get("rok"), data.get("polrocze")
        if year is None and not half:
            return self.default_period()
        if year is None:
            raise ValidationError({"year": _("Podaj rok.")})
        if not half:
            raise ValidationError({"half": _("Wybierz półrocze.")})
        return Period.half_year(year, half)


class YearForm(PeriodForm):
    """The activity report: a calendar year (the last full one by default) or any dates."""

    rok = _year_field()
    field_order = ["rok", "od", "do"]

    def default_period(self) -> Period:
        return Period.year(timezone.localdate().year - 1)

    def chosen_period(self, data: dict[str, Any]) -> Period:
        year = data.get("rok")
        return Period.year(year) if year is not None else self.default_period()


# report name -> its period picker
PERIOD_FORMS: dict[str, type[PeriodForm]] = {
    "semiannual": HalfYearForm,
    "activity": YearForm,
    "work_card": PeriodForm,
}


def period_form(report: str, data: Any = None) -> PeriodForm:
    """The picker of `report`, bound to `data` (the query string) or unbound with the default
    period filled in."""
    form_class = PERIOD_FORMS.get(report, PeriodForm)
    if data is not None:
        return form_class(data, report=report)
    form = form_class(report=report)
    default = form.default_period()
    if isinstance(form, HalfYearForm):
        form.initial = {"rok": default.start.year, "polrocze": 1 if default.start.month == 1 else 2}
    elif isinstance(form, YearForm):
        form.initial = {"rok": default.start.year}
    else:
        form.initial = {"od": default.start, "do": default.end}
    return form
