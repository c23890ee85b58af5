"""Forms of the court pages. Field names follow the services' arguments, so a service error about
an argument is shown next to its field."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.forms import DateInput
from asysta.court.models import SECTION_KEYS, CourtNotice, Opinion, OpinionRequest, SentHow


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


class RequestForm(forms.ModelForm):
    due_in_days = forms.IntegerField(
        label=_("albo: termin w dniach od wpływu"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Np. 21, gdy sąd zakreślił termin 21 dni. Wystarczy jedno z dwóch pól."),
    )

    class Meta:
        model = OpinionRequest
        fields = ["court", "file_number", "received_on", "due_on", "due_in_days", "scope"]
        widgets = {
            "received_on": DateInput(),
            "due_on": DateInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "court": forms.TextInput(attrs={"placeholder": "Sąd Rejonowy w …"}),
            "file_number": forms.TextInput(attrs={"placeholder": "III Nsm 123/25"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False
        self.fields["received_on"].initial = timezone.localdate

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        received, due, days = data.get("received_on"), data.get("due_on"), data.get("due_in_days")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("Data wpływu nie może być z przyszłości."))
        if due is None and days and received:
            data["due_on"] = due = received + timedelta(days=days)
        if due is None and "due_on" not in self.errors:
            self.add_error("due_on", _("Podaj termin wyznaczony przez sąd (datę albo liczbę dni)."))
        elif due and received and due < received:
            self.add_error(
                "due_on",
                _("Termin wyznaczony przez sąd nie może być wcześniejszy niż data wpływu."),
            )
        return data


class OpinionForm(forms.ModelForm):
    class Meta:
        model = Opinion
        fields = list(SECTION_KEYS)
        widgets = {key: forms.Textarea(attrs={"rows": 5}) for key in SECTION_KEYS}


class ApproveForm(forms.Form):
    on = _date(_("Data zatwierdzenia"))


class SendForm(forms.Form):
    on = _date(_("Data wysłania"))
    how = forms.ChoiceField(
        label=_("Sposób wysłania"), choices=[("", _("— wybierz —")), *SentHow.choices]
    )


class NoticeForm(forms.ModelForm):
    class Meta:
        model = CourtNotice
        fields = ["court", "file_number", "subject", "content", "sent_on", "sent_how"]
        widgets = {"sent_on": DateInput(), "content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = timezone.localdate

    def clean_sent_on(self) -> Any:
        day = self.cleaned_data["sent_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Data nie może być z przyszłości."))
        return day
