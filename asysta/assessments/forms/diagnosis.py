"""The initial diagnosis form: the general part and, per area, strengths and problems."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models import Area, InitialDiagnosis, RiskLevel
from asysta.core.forms import DateInput


def _text(label: Any, rows: int = 2) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class DiagnosisForm(forms.ModelForm):
    class Meta:
        model = InitialDiagnosis
        fields = [
            "made_on",
            "sources",
            "child_risk",
            "child_risk_description",
            "family_view",
            "conclusions",
            "proposed_goals",
        ]
        widgets = {
            "made_on": DateInput(),
            "sources": forms.Textarea(attrs={"rows": 2}),
            "child_risk_description": forms.Textarea(attrs={"rows": 2}),
            "family_view": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 3}),
            "proposed_goals": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = {r.area: r for r in self.instance.areas.all()} if self.instance.pk else {}
        for code in Area.values:
            row = rows.get(code)
            self.fields[f"strengths_{code}"] = _text(_("Mocne strony, zasoby"))
            self.fields[f"problems_{code}"] = _text(_("Problemy, trudności"))
            if row is not None:
                self.initial[f"strengths_{code}"] = row.strengths
                self.initial[f"problems_{code}"] = row.problems

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        made = data.get("made_on")
        if isinstance(made, date) and made > timezone.localdate():
            self.add_error("made_on", _("Data nie może być z przyszłości."))
        risk = data.get("child_risk")
        if risk and risk != RiskLevel.NONE and not data.get("child_risk_description", "").strip():
            self.add_error(
                "child_risk_description",
                _("Opisz, na czym polega zagrożenie bezpieczeństwa dzieci."),
            )
        return data

    def _post_clean(self) -> None:
        # The service checks the row's rules; the model's constraints would repeat them above
        # the form instead of next to the field.
        pass

    def area_rows(self) -> list[dict[str, Any]]:
        """For the template: one block per area with its two fields."""
        return [
            {
                "code": code,
                "label": label,
                "strengths": self[f"strengths_{code}"],
                "problems": self[f"problems_{code}"],
            }
            for code, label in Area.choices
        ]

    def general_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def areas(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            code: {
                "strengths": data.get(f"strengths_{code}", ""),
                "problems": data.get(f"problems_{code}", ""),
            }
            for code in Area.values
        }

    def fields_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
