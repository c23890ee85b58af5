from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Role, User
from asysta.core.forms import DateInput
from asysta.families.models import Family, Member


def social_workers(centre_id: int) -> QuerySet[User]:
    return User.objects.filter(
        memberships__centre_id=centre_id,
        memberships__role=Role.SOCIAL_WORKER,
        memberships__is_active=True,
    ).distinct()


class FamilyForm(forms.ModelForm):
    class Meta:
        model = Family
        fields = [
            "case_number",
            "surname",
            "street",
            "building",
            "flat",
            "postal_code",
            "locality",
            "gmina",
            "phone",
            "social_worker",
        ]
        widgets = {"postal_code": forms.TextInput(attrs={"placeholder": "NN-NNN"})}

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = social_workers(centre_id)  # type: ignore[attr-defined]


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["first_name", "last_name", "role", "sex", "birth_date", "pesel"]
        widgets = {"birth_date": DateInput()}
        labels = {"birth_date": _("Data urodzenia")}


class FamilyFilterForm(forms.Form):
    q = forms.CharField(label=_("Szukaj (nazwisko, numer sprawy)"), required=False)
    assistant = forms.ModelChoiceField(
        label=_("Asystent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("wszyscy"),
    )

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assistant"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__centre_id=centre_id, memberships__role=Role.ASSISTANT
        ).distinct()
