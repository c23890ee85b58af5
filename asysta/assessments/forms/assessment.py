"""Forms of the periodic assessment: the assessment with its area scores, the head's
acknowledgement, a dispatch, and the rating of the plan's goals and actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models import (
    SCORES,
    Achievement,
    Area,
    DispatchWay,
    PeriodicAssessment,
    Recommendation,
    anchor,
)
from asysta.core.forms import DateInput

TEXTAREA = {"rows": 3}


class AssessmentForm(forms.ModelForm):
    """The assessment, with a 1–5 radio per area (each level labelled with its anchor) and the
    previous assessment's score beside it (`previous`: area code -> score)."""

    class Meta:
        model = PeriodicAssessment
        fields = [
            "period_from",
            "period_to",
            "made_on",
            "changes",
            "cooperation",
            "institutions",
            "recommendation",
            "end_reason",
            "conclusions",
            "late_reason",
        ]
        widgets = {
            "period_from": DateInput(),
            "period_to": DateInput(),
            "made_on": DateInput(),
            "changes": forms.Textarea(attrs=TEXTAREA),
            "cooperation": forms.Textarea(attrs=TEXTAREA),
            "institutions": forms.Textarea(attrs=TEXTAREA),
            "conclusions": forms.Textarea(attrs=TEXTAREA),
            "late_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "late_reason": _(
                "Wymagana, gdy ocenę sporządzono po terminie wynikającym z zasady "
                "„co najmniej raz na sześć miesięcy”."
            ),
            "end_reason": _("Tylko przy rekomendacji zakończenia pracy."),
        }

    def __init__(self, *args: Any, previous: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous or {}
        rows = {s.area: s for s in self.instance.scores.all()} if self.instance.pk else {}
        for code, _label in Area.choices:
            choices = [(str(n), f"{n} — {anchor(code, n)}") for n in SCORES]
            self.fields[f"score_{code}"] = forms.ChoiceField(
                label=_("Ocena"), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"comment_{code}"] = forms.CharField(
                label=_("Komentarz"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            if code in rows:
                self.initial[f"score_{code}"] = str(rows[code].score)
                self.initial[f"comment_{code}"] = rows[code].comment

    def general_fields(self, *names: str) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def area_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "label": label,
                "score": self[f"score_{code}"],
                "comment": self[f"comment_{code}"],
                "previous": self.previous.get(code),
                "previous_anchor": anchor(code, self.previous.get(code, 0)),
            }
            for code, label in Area.choices
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end, made = data.get("period_from"), data.get("period_to"), data.get("made_on")
        if start and end and end < start:
            self.add_error(
                "period_to", _("Koniec okresu oceny nie może być przed jego początkiem.")
            )
        if end and made and made < end:
            self.add_error("made_on", _("Ocenę sporządza się po zakończeniu ocenianego okresu."))
        if isinstance(made, date) and made > timezone.localdate():
            self.add_error("made_on", _("Data nie może być z przyszłości."))
        if data.get("recommendation") == Recommendation.END and not data.get("end_reason"):
            self.add_error("end_reason", _("Rekomendując zakończenie pracy, podaj jego powód."))
        return data

    def _post_clean(self) -> None:
        # The services check the row's rules (with messages next to the fields); the model's
        # constraints would repeat them above the form.
        pass

    def scores(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            code: {
                "score": int(data[f"score_{code}"]) if data.get(f"score_{code}") else None,
                "comment": data.get(f"comment_{code}", ""),
            }
            for code in Area.values
        }

    def fields_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AcknowledgeForm(forms.Form):
    acknowledged_on = forms.DateField(label=_("Data zapoznania się"), widget=DateInput())
    note = forms.CharField(
        label=_("Uwagi kierownika"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DispatchForm(forms.Form):
    recipient = forms.CharField(label=_("Adresat"), max_length=200)
    sent_on = forms.DateField(label=_("Data wysłania"), widget=DateInput())
    way = forms.ChoiceField(label=_("Sposób"), choices=DispatchWay.choices)


class RatingForm(forms.Form):
    """Achievement of each goal and action of the plan in force (blank: not rated)."""

    def __init__(self, *args: Any, goals: list[Any], current: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.goals = goals
        choices = [("", _("— nie oceniono —")), *Achievement.choices]
        for kind, rows in (
            ("goal", goals),
            ("action", [a for g in goals for a in g.actions.all()]),
        ):
            for item in rows:
                key = f"{kind}_{item.pk}"
                self.fields[key] = forms.ChoiceField(
                    label=_("Realizacja"), choices=choices, required=False
                )
                self.fields[f"{key}_comment"] = forms.CharField(
                    label=_("Uzasadnienie"), required=False, max_length=2000
                )
                if key in current:
                    self.initial[key] = current[key].achievement
                    self.initial[f"{key}_comment"] = current[key].comment

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "goal": goal,
                "field": self[f"goal_{goal.pk}"],
                "comment": self[f"goal_{goal.pk}_comment"],
                "actions": [
                    {
                        "action": a,
                        "field": self[f"action_{a.pk}"],
                        "comment": self[f"action_{a.pk}_comment"],
                    }
                    for a in goal.actions.all()
                ],
            }
            for goal in self.goals
        ]

    def ratings(self, kind: str) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        prefix = f"{kind}_"
        return {
            int(key[len(prefix) :]): {
                "achievement": value,
                "comment": data.get(f"{key}_comment", ""),
            }
            for key, value in data.items()
            if key.startswith(prefix) and not key.endswith("_comment")
        }
