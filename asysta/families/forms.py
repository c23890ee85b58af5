from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Role, User
from asysta.core.forms import DateInput, Select
from asysta.families.models import (
    BlueCard,
    ChildPlacement,
    Family,
    Member,
    ProblemArea,
    ReportingCategory,
)
from asysta.families.record import placeable_children

END_BEFORE_START = _("Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.")


def social_workers(centre_id: int) -> QuerySet[User]:
    return User.objects.filter(
        memberships__centre_id=centre_id,
        memberships__role=Role.SOCIAL_WORKER,
        memberships__is_active=True,
    ).distinct()


class FamilyForm(forms.ModelForm):
    """The family record in sections (see families/form.html for the fieldsets)."""

    class Meta:
        model = Family
        fields = [
            "case_number",
            "surname",
            "difficulty",
            "street",
            "building",
            "flat",
            "postal_code",
            "locality",
            "gmina",
            "meeting_place",
            "phone",
            "email",
            "social_worker",
            "reporting_category_override",
            "other_services",
            "strengths_available",
            "strengths_at_risk",
            "strengths_missing",
        ]
        widgets = {
            "postal_code": forms.TextInput(attrs={"placeholder": "NN-NNN"}),
            "other_services": forms.Textarea(attrs={"rows": 3}),
            "strengths_available": forms.Textarea(attrs={"rows": 3}),
            "strengths_at_risk": forms.Textarea(attrs={"rows": 3}),
            "strengths_missing": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self, *args: Any, centre_id: int, case_number_example: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.centre_id = centre_id
        self.fields["social_worker"].queryset = social_workers(centre_id)  # type: ignore[attr-defined]
        self.fields["reporting_category_override"].label = _("Kategoria sprawozdawcza")
        self.fields["reporting_category_override"].choices = [  # type: ignore[attr-defined]
            ("", _("wynika z danych rodziny")),
            *ReportingCategory.choices,
        ]
        # The form always shows a value; a client that leaves it out gets the model's default.
        self.fields["difficulty"].required = False
        if self.instance.pk is None and case_number_example:
            # The centre numbers cases by a pattern: a blank number is given the next one.
            self.fields["case_number"].required = False
            self.fields["case_number"].help_text = _(
                "Zostaw puste, aby nadać kolejny numer według wzoru ośrodka: %(p)s."
            ) % {"p": case_number_example}

    def clean_difficulty(self) -> int:
        value = self.cleaned_data.get("difficulty")
        return value if value is not None else Family._meta.get_field("difficulty").default

    def clean_case_number(self) -> str:
        value = self.cleaned_data["case_number"].strip()
        clash = Family.objects.filter(centre_id=self.centre_id, case_number=value)
        if value and clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Rodzina o numerze sprawy %(n)s już istnieje w ośrodku.") % {"n": value}
            )
        return value


class MemberForm(forms.ModelForm):
    """A member of the family. Without `show_special` the special-category fields are not on
    the form at all, so they are neither shown nor changed."""

    class Meta:
        model = Member
        fields = [
            "first_name",
            "last_name",
            "sex",
            "birth_date",
            "pesel",
            "role",
            "relationship",
            "parental_authority",
            "lives_in_household",
            "school",
            "occupation",
            "disability",
            "health_notes",
            "notes",
        ]
        widgets = {
            "birth_date": DateInput(),
            "health_notes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"birth_date": _("Data urodzenia")}

    def __init__(self, *args: Any, show_special: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_special = show_special
        if not show_special:
            for name in Member.SPECIAL_FIELDS:
                del self.fields[name]

    def clean_pesel(self) -> str:
        value = self.cleaned_data["pesel"]
        clash = Member.objects.filter(centre_id=self.instance.centre_id, pesel=value)
        if value and clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Osoba o tym numerze PESEL jest już zapisana w ośrodku."))
        return value


class PlacementForm(forms.ModelForm):
    """A child of the family living outside it; the child is chosen among the family's children."""

    class Meta:
        model = ChildPlacement
        fields = ["child", "kind", "carer", "pcpr", "coordinator", "since", "until", "court_file"]
        widgets = {"since": DateInput(), "until": DateInput()}

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        children = placeable_children(family).values("pk")
        current = self.instance.child_id
        self.fields["child"].queryset = family.members.filter(  # type: ignore[attr-defined]
            Q(pk__in=children) | Q(pk=current or 0)
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", END_BEFORE_START)
        return data


class PlacementEndForm(forms.Form):
    until = forms.DateField(label=_("Data zakończenia pobytu poza rodziną"), widget=DateInput())

    def __init__(self, *args: Any, placement: ChildPlacement, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"until": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.placement = placement

    def clean_until(self) -> Any:
        until = self.cleaned_data["until"]
        if until < self.placement.since:
            raise forms.ValidationError(END_BEFORE_START)
        return until


class ProblemsForm(forms.Form):
    """One checkbox and one optional note per problem area of the dictionary (less `hide`)."""

    def __init__(
        self,
        *args: Any,
        current: dict[str, str],
        hide: Collection[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        initial = {f"area_{a}": True for a in current} | {
            f"note_{a}": n for a, n in current.items()
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.shown_areas = [area for area in ProblemArea if area not in hide]
        for area in self.shown_areas:
            self.fields[f"area_{area.value}"] = forms.BooleanField(label=area.label, required=False)
            self.fields[f"note_{area.value}"] = forms.CharField(
                label=_("Opis: %(a)s") % {"a": area.label}, max_length=300, required=False
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"area_{a.value}"], self[f"note_{a.value}"]) for a in self.shown_areas]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for area in self.shown_areas:
            if data.get(f"note_{area.value}", "").strip() and not data.get(f"area_{area.value}"):
                self.add_error(f"note_{area.value}", _("Zaznacz ten obszar albo usuń jego opis."))
        return data

    def areas(self) -> dict[str, str]:
        """The chosen areas and their notes, for `record.set_problems`."""
        data = self.cleaned_data
        return {
            a.value: data[f"note_{a.value}"] for a in self.shown_areas if data[f"area_{a.value}"]
        }


class BlueCardStartForm(forms.ModelForm):
    class Meta:
        model = BlueCard
        fields = ["started_on", "team", "details"]
        widgets = {"started_on": DateInput(), "details": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, show_details: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_details:
            del self.fields["team"]
            del self.fields["details"]


class BlueCardEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Data zakończenia procedury"), widget=DateInput())

    def __init__(self, *args: Any, blue_card: BlueCard, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"ended_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.blue_card = blue_card

    def clean_ended_on(self) -> Any:
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.blue_card.started_on:
            raise forms.ValidationError(END_BEFORE_START)
        return ended_on


class BlueCardStepForm(forms.Form):
    """One date of the NK-A steps (the field is named after the model's field)."""

    def __init__(self, *args: Any, field: str, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {field: timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.step_field = field
        self.fields[field] = forms.DateField(label=label, widget=DateInput())

    def date(self) -> Any:
        return self.cleaned_data[self.step_field]


class BlueCardEditForm(forms.Form):
    """Correcting a procedure: its start, team and details, the dates of the NK-A steps.

    A plain form, not a ModelForm: the order of the dates is checked by
    `record.update_blue_card`, which puts each message next to the date that breaks it.
    """

    started_on = forms.DateField(label=_("Wszczęcie procedury"), widget=DateInput())
    team = forms.CharField(label=_("Zespół interdyscyplinarny / grupa"), max_length=200)
    details = forms.CharField(
        label=_("Szczegóły (dostęp ograniczony)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    nka_filled_on = forms.DateField(label=_("Wypełnienie formularza NK-A"), widget=DateInput())
    dispatched_on = forms.DateField(label=_("Przekazanie do zespołu"), widget=DateInput())
    team_received_on = forms.DateField(label=_("Otrzymanie przez zespół"), widget=DateInput())
    gdp_first_meeting_on = forms.DateField(
        label=_("Pierwsze posiedzenie grupy diagnostyczno-pomocowej"), widget=DateInput()
    )

    def __init__(
        self, *args: Any, blue_card: BlueCard, show_details: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {name: getattr(blue_card, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name == "started_on"
        if not show_details:
            del self.fields["team"]
            del self.fields["details"]


class FamilyFilterForm(forms.Form):
    q = forms.CharField(label=_("Szukaj (nazwisko, numer sprawy)"), required=False)
    assistant = forms.ModelChoiceField(
        label=_("Asystent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("wszyscy"),
        widget=Select,
    )

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assistant"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__centre_id=centre_id, memberships__role=Role.ASSISTANT
        ).distinct()
