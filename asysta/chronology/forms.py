"""The filter of the chronology (GET): event types and a period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from asysta.chronology.timeline import EventKind
from asysta.core.forms import DateInput


class TimelineFilterForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Rodzaj zdarzeń"),
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nic nie zaznaczono — wszystkie rodzaje."),
    )
    date_from = forms.DateField(label=_("Od dnia"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Do dnia"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Data końcowa nie może być wcześniejsza niż początkowa."))
        return data
