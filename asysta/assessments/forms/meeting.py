"""Forms of a team meeting: the meeting, people from outside the centre, follow-up tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models import MeetingDecision, TeamMeeting
from asysta.assessments.services import kind_errors, staff_of
from asysta.core.forms import DateInput
from asysta.families.models import ChildPlacement, Family


def _placement_label(placement: ChildPlacement) -> str:
    return str(_("%(child)s — %(carer)s (%(kind)s, od %(since)s)")) % {
        "child": placement.child,
        "carer": placement.carer,
        "kind": placement.get_kind_display(),
        "since": placement.since.strftime("%d.%m.%Y"),
    }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = TeamMeeting
        fields = [
            "kind",
            "held_on",
            "participants",
            "family_attended",
            "members_present",
            "assessment",
            "placement",
            "convened_by",
            "invited_on",
            "assistant_attended",
            "return_home_opinion",
            "findings",
            "decision",
            "end_reason",
            "decision_note",
        ]
        widgets = {
            "held_on": DateInput(),
            "invited_on": DateInput(),
            "participants": forms.CheckboxSelectMultiple,
            "members_present": forms.CheckboxSelectMultiple,
            "findings": forms.Textarea(attrs={"rows": 4}),
            "decision_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "end_reason": _("Tylko przy decyzji o zakończeniu pracy."),
            "convened_by": _("np. PCPR w Oleśnicy, koordynator rodzinnej pieczy zastępczej"),
            "findings": _("Przy posiedzeniu u organizatora pieczy: protokół posiedzenia."),
            "decision": _(
                "Przy posiedzeniu u organizatora pieczy można pominąć: ośrodek decyduje "
                "o swojej pracy na własnym spotkaniu."
            ),
        }

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family
        self.fields["participants"].queryset = staff_of(family)  # type: ignore[attr-defined]
        self.fields["members_present"].queryset = family.members.all()  # type: ignore[attr-defined]
        self.fields["assessment"].queryset = family.assessments.all()  # type: ignore[attr-defined]
        placement = self.fields["placement"]
        placement.queryset = family.placements.select_related("child")  # type: ignore[attr-defined]
        placement.label_from_instance = _placement_label  # type: ignore[attr-defined]
        if self.instance.pk is None:
            # The assistant is invited to the organiser's meeting in order to take part.
            self.initial["assistant_attended"] = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        held = data.get("held_on")
        if isinstance(held, date) and held > timezone.localdate():
            self.add_error("held_on", _("Data nie może być z przyszłości."))
        self._clean_kind(data)
        if data.get("decision") == MeetingDecision.END and not data.get("end_reason"):
            self.add_error("end_reason", _("Decydując o zakończeniu pracy, podaj powód."))
        if data.get("members_present") and not data.get("family_attended"):
            self.add_error(
                "members_present",
                _("Zaznacz, że rodzina uczestniczyła, albo usuń obecnych członków."),
            )
        return data

    def _clean_kind(self, data: dict[str, Any]) -> None:
        # The service's rules of the kind, shown next to the fields with the form's own errors.
        names = ("kind", "held_on", "placement", "convened_by", "invited_on", "decision")
        values: dict[str, Any] = {name: data.get(name) for name in names}
        probe = TeamMeeting(family=self.family, **values)
        for field, message in kind_errors(probe).items():
            if field not in self.errors:
                self.add_error(field, message)

    def _post_clean(self) -> None:
        # The service checks the row's rules, with messages next to the fields.
        pass

    def fields_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["participants"] = list(data["participants"])
        data["members_present"] = list(data["members_present"])
        return data


class ExternalForm(forms.Form):
    name = forms.CharField(label=_("Imię i nazwisko"), max_length=200, required=False)
    institution = forms.CharField(
        label=_("Instytucja, funkcja"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("np. pedagog szkolny, SP nr 2")}),
    )


ExternalFormSet = forms.formset_factory(ExternalForm, extra=3)


def external_rows(formset: Any) -> list[tuple[str, str]]:
    return [
        (f.cleaned_data.get("name", ""), f.cleaned_data.get("institution", ""))
        for f in formset.forms
        if f.cleaned_data
    ]


class TaskForm(forms.Form):
    what = forms.CharField(label=_("Zadanie"), max_length=300, required=False)
    owner_user: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Odpowiada: pracownik ośrodka"), queryset=None, required=False
    )
    owner_text = forms.CharField(
        label=_("albo: osoba spoza ośrodka / rodzina"), max_length=200, required=False
    )
    due_on = forms.DateField(label=_("Termin"), required=False, widget=DateInput())

    def __init__(self, *args: Any, family: Family, required: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = staff_of(family)  # type: ignore[attr-defined]
        self.required = required
        if required:
            self.fields["what"].required = True
            self.fields["due_on"].required = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("what") or "").strip() and not self.required:
            return {}  # an empty row of the formset
        if not data.get("due_on"):
            self.add_error("due_on", _("Podaj termin."))
        if not data.get("owner_user") and not (data.get("owner_text") or "").strip():
            self.add_error("owner_text", _("Wskaż, kto odpowiada za zadanie."))
        return data


TaskFormSet = forms.formset_factory(TaskForm, extra=2)


def task_rows(formset: Any) -> list[dict[str, Any]]:
    return [dict(f.cleaned_data) for f in formset.forms if f.cleaned_data]
