"""Forms of contacts: the quick contact form (phone first), the list filter, the correction and
the choice of assistant on the work card."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Role
from asysta.core.forms import DateInput, Select
from asysta.families.models import Family, Member
from asysta.visits.models import Contact, ContactKind, Place, SafetyAction


class TimeInput(forms.TimeInput):
    """A native time picker (HH:MM)."""

    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.first_name} {obj.last_name} ({obj.get_role_display()})"


class ContactForm(forms.ModelForm):
    """The contact note. Model rules (date not in the future, end after start, a description
    with the child-safety flag) come back next to their fields."""

    members_present = MemberChoices(
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Obecni członkowie rodziny"),
    )
    safety_actions = forms.MultipleChoiceField(
        choices=SafetyAction.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Co zrobiono"),
    )

    class Meta:
        model = Contact
        fields = [
            "date",
            "start_time",
            "end_time",
            "form",
            "place",
            "place_note",
            "members_present",
            "others_present",
            "summary",
            "tasks_family",
            "tasks_assistant",
            "kilometres",
            "child_safety",
            "safety_actions",
            "safety_description",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "tasks_family": forms.Textarea(attrs={"rows": 3}),
            "tasks_assistant": forms.Textarea(attrs={"rows": 3}),
            "safety_description": forms.Textarea(attrs={"rows": 3}),
            "kilometres": forms.NumberInput(
                attrs={"step": "0.1", "min": "0", "inputmode": "decimal"}
            ),
        }

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        if not kwargs.get("instance") or kwargs["instance"].pk is None:
            # The most common contact: a home visit today.
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("date", timezone.localdate())
            initial.setdefault("form", ContactKind.HOME_VISIT)
            initial.setdefault("place", Place.HOME)
        super().__init__(*args, **kwargs)
        members = self.fields["members_present"]
        assert isinstance(members, forms.ModelMultipleChoiceField)
        members.queryset = family.members.all()

    def service_data(self) -> dict[str, Any]:
        """The cleaned fields in the shape the services take."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Od dnia"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Do dnia"), required=False, widget=DateInput())
    form = forms.ChoiceField(
        label=_("Forma kontaktu"),
        required=False,
        choices=[("", _("wszystkie")), *ContactKind.choices],
    )

    def filter(self, contacts: Any) -> Any:
        data = self.cleaned_data
        if data.get("date_from"):
            contacts = contacts.filter(date__gte=data["date_from"])
        if data.get("date_to"):
            contacts = contacts.filter(date__lte=data["date_to"])
        if data.get("form"):
            contacts = contacts.filter(form=data["form"])
        return contacts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Koniec okresu nie może być przed jego początkiem."))
        return data


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Treść korekty"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Notatki nie można usunąć. Opisz, co było błędne i jak powinno brzmieć."),
    )


# Whose work card can be shown: whoever records contacts (the services allow these roles).
CARD_ROLES = (Role.ASSISTANT, Role.COORDINATOR, Role.HEAD)


class AssistantPickForm(forms.Form):
    """The coordinator, head or auditor chooses whose work card to see."""

    asystent = forms.ModelChoiceField(
        label=_("Asystent rodziny"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=Select,
    )

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["asystent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            get_user_model()
            .objects.filter(
                memberships__centre_id=centre_id,
                memberships__role__in=CARD_ROLES,
                memberships__is_active=True,
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
