"""Forms of the plan pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Role
from asysta.core.forms import DateInput
from asysta.families.models import Family, Member
from asysta.families.record import placeable_children
from asysta.plans.models import Action, ActionStatus, Goal, WorkPlan

TEXT = {"rows": 3}


class PlanForm(forms.ModelForm):
    """The plan's header: diagnosis, resources, risks, foster-care coordination, notes."""

    class Meta:
        model = WorkPlan
        fields = [
            "drawn_up_on",
            "diagnosis_summary",
            "resources",
            "risks",
            "foster_coordinator",
            "care_plan_child",
            "care_plan_pcpr",
            "care_plan_date",
            "notes",
        ]
        widgets = {
            "drawn_up_on": DateInput(),
            "care_plan_date": DateInput(),
            "diagnosis_summary": forms.Textarea(attrs=TEXT),
            "resources": forms.Textarea(attrs=TEXT),
            "risks": forms.Textarea(attrs=TEXT),
            "notes": forms.Textarea(attrs=TEXT),
        }

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["care_plan_child"].queryset = placeable_children(family)  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.initial.setdefault("drawn_up_on", timezone.localdate())


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["area", "description", "is_main"]
        widgets = {"description": forms.Textarea(attrs=TEXT)}


class ActionForm(forms.ModelForm):
    """What, who, by when, with what effect (art. 15 ust. 3): all but the indicator required."""

    class Meta:
        model = Action
        fields = [
            "what",
            "responsible_kind",
            "responsible_member",
            "responsible_name",
            "deadline",
            "expected_effect",
            "indicator",
        ]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "expected_effect": forms.Textarea(attrs={"rows": 2}),
            "deadline": DateInput(),
        }

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_member"].queryset = family.members.all()  # type: ignore[attr-defined]
        self.fields["responsible_member"].help_text = _("Gdy działanie realizuje członek rodziny.")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Stan realizacji"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Uwagi o realizacji"), required=False, widget=forms.Textarea(attrs=TEXT)
    )


class ConsultationForm(forms.Form):
    social_worker = forms.ModelChoiceField(
        label=_("Pracownik socjalny"), queryset=get_user_model().objects.none()
    )
    consulted_on = forms.DateField(label=_("Data konsultacji"), widget=DateInput())
    consultation_form = forms.CharField(
        label=_("Forma konsultacji"),
        max_length=100,
        help_text=_("Np. spotkanie, telefonicznie, e-mail."),
    )

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                memberships__centre_id=plan.centre_id,
                memberships__role=Role.SOCIAL_WORKER,
                memberships__is_active=True,
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.initial.setdefault("social_worker", plan.social_worker_id)
        self.initial.setdefault("consulted_on", plan.consulted_on or timezone.localdate())
        self.initial.setdefault("consultation_form", plan.consultation_form or _("spotkanie"))


class AgreeForm(forms.Form):
    agreed_on = forms.DateField(label=_("Data uzgodnienia z rodziną"), widget=DateInput())
    members = forms.ModelMultipleChoiceField(
        label=_("Członkowie rodziny, którzy współtworzyli plan"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = plan.family.members.all()  # type: ignore[attr-defined]
        self.initial.setdefault("agreed_on", timezone.localdate())


class DateForm(forms.Form):
    """A step that happens on a day (approval, entry into force)."""

    on = forms.DateField(label=_("Data"), widget=DateInput())

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["on"].label = label
        self.initial.setdefault("on", timezone.localdate())


class ConfirmForm(forms.Form):
    """A step with nothing to fill in: the button confirms it."""
