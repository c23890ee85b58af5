"""Forms of the legal-basis ledger: consent, its withdrawal, court order, "Za życiem"."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.forms import DateInput
from asysta.families.models import Consent, CourtOrder, ZaZycieApplication


def _not_future(form: forms.BaseForm, *names: str) -> None:
    today = timezone.localdate()
    for name in names:
        value = form.cleaned_data.get(name)
        if isinstance(value, date) and value > today:
            form.add_error(name, _("Data nie może być z przyszłości."))


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["signed_by", "signed_on", "scope", "document_ref"]
        widgets = {"signed_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _not_future(self, "signed_on")
        return data


class WithdrawConsentForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Data wycofania zgody"), widget=DateInput())
    withdrawal_note = forms.CharField(
        label=_("Okoliczności wycofania"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _not_future(self, "withdrawn_on")
        return data


class CourtOrderForm(forms.ModelForm):
    class Meta:
        model = CourtOrder
        fields = [
            "court",
            "file_number",
            "issued_on",
            "obligation",
            "obligation_note",
            "kurator",
            "ended_on",
        ]
        widgets = {
            "issued_on": DateInput(),
            "ended_on": DateInput(),
            "obligation_note": forms.Textarea(attrs={"rows": 3}),
            "court": forms.TextInput(attrs={"placeholder": "Sąd Rejonowy w …"}),
            "file_number": forms.TextInput(attrs={"placeholder": "III Nsm 123/25"}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _not_future(self, "issued_on")
        issued, ended = data.get("issued_on"), data.get("ended_on")
        if issued and ended and ended < issued:
            self.add_error(
                "ended_on",
                _("Data końca obowiązku nie może być wcześniejsza niż data postanowienia."),
            )
        return data


class ZaZycieForm(forms.ModelForm):
    class Meta:
        model = ZaZycieApplication
        fields = ["filed_on", "applicant", "pregnancy_week", "notes"]
        widgets = {"filed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _not_future(self, "filed_on")
        week = data.get("pregnancy_week")
        if week is not None and not 1 <= week <= 45:
            self.add_error("pregnancy_week", _("Podaj tydzień ciąży od 1 do 45."))
        return data
