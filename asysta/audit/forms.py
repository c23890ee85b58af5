from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.utils.translation import gettext_lazy as _

from asysta.core.forms import DateInput

ACTION_CHOICES = [
    ("", _("wszystkie")),
    (str(LogEntry.Action.CREATE), _("utworzenie")),
    (str(LogEntry.Action.UPDATE), _("zmiana")),
    (str(LogEntry.Action.DELETE), _("usunięcie")),
    (str(LogEntry.Action.ACCESS), _("otwarcie")),
]


class LogFilterForm(forms.Form):
    user = forms.CharField(label=_("Użytkownik (login)"), required=False)
    case_number = forms.CharField(label=_("Numer sprawy"), required=False)
    action = forms.ChoiceField(label=_("Czynność"), choices=ACTION_CHOICES, required=False)
    date_from = forms.DateField(label=_("Od dnia"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Do dnia"), required=False, widget=DateInput())
