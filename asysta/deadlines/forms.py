"""The board's filter: assistant, kind of step, late or soon."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Role, User
from asysta.core.forms import Select
from asysta.deadlines.clock import KINDS
from asysta.deadlines.queries import LATE, SOON, BoardFilter


class BoardFilterForm(forms.Form):
    asystent = forms.ModelChoiceField(
        label=_("Asystent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("wszyscy"),
        widget=Select,
    )
    rodzaj = forms.ChoiceField(label=_("Rodzaj terminu"), required=False)
    stan = forms.ChoiceField(
        label=_("Pokaż"),
        required=False,
        choices=[("", _("po terminie i wkrótce")), (LATE, _("po terminie")), (SOON, _("wkrótce"))],
    )

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asystent"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                memberships__centre_id=centre_id,
                memberships__role=Role.ASSISTANT,
                memberships__is_active=True,
            )
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        self.fields["rodzaj"].choices = [("", _("wszystkie"))] + [  # type: ignore[attr-defined]
            (code, kind.name) for code, kind in KINDS.items()
        ]

    def chosen(self) -> BoardFilter:
        """The filter the form asks for (nothing filtered when it is not valid)."""
        if not self.is_bound or not self.is_valid():
            return BoardFilter()
        assistant = self.cleaned_data["asystent"]
        return BoardFilter(
            assistant_pk=assistant.pk if assistant else None,
            kind=self.cleaned_data["rodzaj"],
            state=self.cleaned_data["stan"],
        )
