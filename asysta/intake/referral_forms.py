"""Forms of the request for an assistant. Field names follow the services' arguments, so a
ReferralError about an argument is shown next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import User
from asysta.core.forms import DateInput
from asysta.families.forms import social_workers
from asysta.intake.forms import AssignForm
from asysta.intake.models import QueuePriority, ReferralSource


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


def _text(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class ReferralForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Skąd zgłoszenie"), choices=[("", _("— wybierz —")), *ReferralSource.choices]
    )
    source_detail = forms.CharField(
        label=_("Szczegóły zgłoszenia"),
        required=False,
        max_length=300,
        help_text=_("Np. nazwa szkoły, sygnatura pisma."),
    )
    reported_on = _date(_("Data zgłoszenia"))
    social_worker = forms.ModelChoiceField(
        label=_("Pracownik socjalny"), queryset=User.objects.none(), empty_label=_("— wybierz —")
    )

    def __init__(self, *args: Any, centre_id: int, fixed_social_worker: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if fixed_social_worker:  # a social worker registers their own request
            del self.fields["social_worker"]
        else:
            self.fields["social_worker"].queryset = social_workers(centre_id)  # type: ignore[attr-defined]


class DateStepForm(forms.Form):
    """One date: interview planned or held, request filed."""

    on = _date(_("Data"))

    def __init__(self, *args: Any, label: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = label


class AnalysisForm(forms.Form):
    """The centre's own sections of the analysis, as text areas, and the conclusion."""

    PREFIX = "section_"

    need_found = forms.TypedChoiceField(
        label=_("Czy rodzina potrzebuje asystenta?"),
        choices=[
            ("", _("— wybierz —")),
            ("yes", _("Tak — złożę wniosek o przydzielenie asystenta")),
            ("no", _("Nie — inne formy wsparcia wystarczą")),
        ],
        coerce=lambda v: v == "yes",
    )

    def __init__(self, *args: Any, sections: list[dict[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields = {
            self.PREFIX + s["key"]: _text(s["label"], required=False, rows=4) for s in sections
        }
        self.fields = {**fields, **self.fields}

    def sections(self) -> dict[str, str]:
        data = self.cleaned_data
        return {k.removeprefix(self.PREFIX): data[k] for k in data if k.startswith(self.PREFIX)}


class CloseForm(forms.Form):
    reason = _text(_("Uzasadnienie (dlaczego asystent nie jest potrzebny)"))
    on = _date(_("Data"))


class ReferralAssignForm(AssignForm):
    """The head's assignment: the assistant (most free places first) and the start date."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["on"] = self.fields.pop("started_on")
        self.fields["on"].label = _("Data przydziału")


class PassOnForm(forms.Form):
    addressee = forms.CharField(
        label=_("Przekazano do"),
        max_length=300,
        help_text=_("Jednostka gminy organizująca pracę z rodziną albo organizacja pozarządowa."),
    )
    note = _text(_("Uwagi"), required=False, rows=2)
    on = _date(_("Data decyzji"))


class QueueForm(forms.Form):
    priority = forms.TypedChoiceField(
        label=_("Pierwszeństwo"),
        choices=[("", _("— wybierz —")), *QueuePriority.choices],
        coerce=int,
    )
    note = _text(_("Uwagi"), required=False, rows=2)
    on = _date(_("Data decyzji"))


class RefuseForm(forms.Form):
    reason = _text(_("Powód odmowy"))
    on = _date(_("Data decyzji"))


class FirstMeetingForm(forms.Form):
    on = _date(_("Data pierwszego spotkania"))
    present = forms.CharField(
        label=_("Kto był obecny"),
        max_length=300,
        help_text=_("Np. pracownik socjalny Edward Nowak, matka, ojciec."),
    )
