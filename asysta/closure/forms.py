"""Forms of the closure pages. Field names follow the services' arguments, so a service error
about an argument is shown next to its field; the areas of the final situation are one text
field each (`area_<code>`) gathered into `final_situation`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.closure.models import AREAS, REASON_CHOICES, Closure, MonitoringContact
from asysta.core.forms import DateInput

AREA_PREFIX = "area_"


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), required=required, **kwargs)


def _text(label: Any, *, required: bool = False, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class AreasForm(forms.Form):
    """One text field per area of the final situation, gathered into `final_situation`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in AREAS:
            self.fields[AREA_PREFIX + key] = _text(label, rows=2)

    def area_fields(self) -> list[forms.BoundField]:
        return [self[AREA_PREFIX + key] for key, _label in AREAS]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        areas = {key: (data.pop(AREA_PREFIX + key, "") or "").strip() for key, _label in AREAS}
        data["final_situation"] = {key: text for key, text in areas.items() if text}
        if not data["final_situation"]:
            self.add_error(
                AREA_PREFIX + AREAS[0][0],
                _("Opisz sytuację rodziny na zakończenie — co najmniej w jednym obszarze."),
            )
        return data


class CloseForm(AreasForm):
    closed_on = _date(_("Data zakończenia pracy"), initial=timezone.localdate)
    reason = forms.ChoiceField(
        label=_("Powód zakończenia"), choices=[("", _("— wybierz —")), *REASON_CHOICES]
    )
    reason_other = forms.CharField(
        label=_("Inny powód — jaki"),
        required=False,
        max_length=300,
        help_text=_("Wymagane przy powodzie „inny powód”, np. śmierć członka rodziny."),
    )
    goals_achieved = _text(
        _("Osiągnięcie celów planu pracy z rodziną"),
        required=True,
        rows=5,
        help_text=_("Cel po celu: co osiągnięto, co częściowo, czego nie i dlaczego."),
    )
    recommendations = _text(_("Zalecenia"))
    monitoring_until = _date(
        _("Monitoring do"),
        required=False,
        help_text=_("Zwykle 3–6 miesięcy po zakończeniu pracy."),
    )
    monitoring_frequency = forms.CharField(
        label=_("Jak często"), required=False, max_length=100, help_text=_("Np. raz w miesiącu.")
    )
    no_monitoring_reason = _text(
        _("Bez monitoringu — uzasadnienie"),
        help_text=_(
            "Tylko przy przeprowadzce, braku małoletnich dzieci, zakończeniu „Za życiem” lub "
            "innym powodzie (np. śmierć)."
        ),
    )
    court_position = _text(
        _("Stanowisko sądu"),
        help_text=_(
            "Wymagane, gdy rodzina zobowiązana przez sąd kończy współpracę z powodu braku "
            "współpracy lub rezygnacji."
        ),
    )
    court_position_on = _date(_("Data stanowiska sądu"), required=False)
    new_centre = forms.CharField(
        label=_("Ośrodek w nowym miejscu zamieszkania"),
        required=False,
        max_length=200,
        help_text=_("Np. MOPS Wrocław — przy zmianie miejsca zamieszkania."),
    )
    new_centre_letter_on = _date(_("Data pisma do ośrodka"), required=False)
    disclosure_basis = forms.CharField(
        label=_("Podstawa przekazania danych"), required=False, max_length=300
    )


class ReportForm(AreasForm):
    """The correction of a closing report: the fields `correctable_fields` allows now (the
    monitoring's end date and frequency only while it runs)."""

    goals_achieved = _text(
        _("Osiągnięcie celów planu pracy z rodziną"),
        required=True,
        rows=5,
        help_text=_("Cel po celu: co osiągnięto, co częściowo, czego nie i dlaczego."),
    )
    recommendations = _text(_("Zalecenia"))
    monitoring_until = _date(_("Monitoring do"))
    monitoring_frequency = forms.CharField(
        label=_("Jak często"), max_length=100, help_text=_("Np. raz w miesiącu.")
    )
    no_monitoring_reason = _text(_("Bez monitoringu — uzasadnienie"), required=True)

    def __init__(
        self, *args: Any, closure: Closure, allowed: tuple[str, ...], **kwargs: Any
    ) -> None:
        initial = {name: getattr(closure, name) for name in allowed if name != "final_situation"}
        for key, text in (closure.final_situation or {}).items():
            initial[AREA_PREFIX + key] = text
        super().__init__(*args, initial=initial, **kwargs)
        for name in ("monitoring_until", "monitoring_frequency", "no_monitoring_reason"):
            if name not in allowed:
                del self.fields[name]


class MonitoringContactForm(forms.ModelForm):
    class Meta:
        model = MonitoringContact
        fields = ["contacted_on", "form", "note", "concern"]
        widgets = {"contacted_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate


class EndMonitoringForm(forms.Form):
    on = _date(_("Data zakończenia monitoringu"), initial=timezone.localdate)
    summary = _text(_("Podsumowanie monitoringu"))
