from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import User
from asysta.core.forms import DateInput
from asysta.intake.caseload import Capacity
from asysta.intake.handover import Move
from asysta.intake.models import Assignment

REASONS = [
    ("", _("— wybierz —")),
    ("nieobecność asystenta", _("nieobecność asystenta (urlop, choroba)")),
    ("odejście asystenta z pracy", _("odejście asystenta z pracy")),
    ("wyrównanie obciążenia", _("wyrównanie obciążenia")),
    ("inny powód", _("inny powód")),
]


def target_field_name(assignment: Assignment) -> str:
    return f"target_{assignment.pk}"


class HandoverForm(forms.Form):
    """One select per family of the leaving assistant, pre-filled with the proposal."""

    on = forms.DateField(label=_("Data przekazania"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Powód"), choices=REASONS)
    reason_note = forms.CharField(label=_("Uwagi do powodu"), required=False, max_length=200)

    def __init__(
        self, *args, proposal: list[Move], capacity: list[Capacity], leaving: User, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        targets = [row for row in capacity if row.assistant.pk != leaving.pk]
        choices = [("", _("— nie przekazuj / wybierz —"))] + [
            (row.assistant.pk, f"{row.assistant} ({row.open_families}/{row.hard_cap})")
            for row in targets
        ]
        self.assistants = {row.assistant.pk: row.assistant for row in targets}
        self.fields["on"].initial = timezone.localdate()
        for move in proposal:
            self.fields[target_field_name(move.assignment)] = forms.TypedChoiceField(
                label=str(move.assignment.family),
                choices=choices,
                coerce=int,
                required=False,
                initial=move.target.pk if move.target else "",
            )

    def rows(self):
        for move in self.proposal:
            yield move.assignment, self[target_field_name(move.assignment)]

    def moves(self) -> list[Move]:
        return [
            Move(
                move.assignment,
                self.assistants.get(self.cleaned_data[target_field_name(move.assignment)]),
            )
            for move in self.proposal
        ]

    def reason_text(self) -> str:
        note = self.cleaned_data["reason_note"].strip()
        return f"{self.cleaned_data['reason']}{': ' + note if note else ''}"


class FirstContactForm(forms.Form):
    on = forms.DateField(label=_("Data spotkania"), widget=DateInput())
    present = forms.CharField(
        label=_("Obecni"),
        max_length=300,
        help_text=_("Np. pracownik socjalny Edward Sowa, matka, ojciec."),
    )
