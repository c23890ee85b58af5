"""Plan actions addressed in a contact: the part of the contact form that lists the open actions
of the plan in force, and the reading of what a saved contact reported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from asysta.families.models import Family
from asysta.plans.models import Action, ActionStatus
from asysta.plans.queries import OPEN_ACTION_STATUSES, plan_in_force
from asysta.visits.models import Contact, ContactAction


def open_actions(family: Family) -> list[Action]:
    """Open actions (planned, in progress) of the family's plan in force, in plan order."""
    plan = plan_in_force(family)
    if plan is None:
        return []
    return list(
        Action.objects.filter(goal__plan=plan, status__in=OPEN_ACTION_STATUSES)
        .select_related("goal", "responsible_member")
        .order_by("goal__order", "goal_id", "order", "pk")
    )


@dataclass
class ActionRow:
    """One open action in the form, with the names of its three fields."""

    action: Action
    addressed: forms.BoundField
    status: forms.BoundField
    note: forms.BoundField


class ProgressForm(forms.Form):
    """For each open action: "addressed in this contact", the status after it, a progress note."""

    prefix = "plan"

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actions = open_actions(family)
        for action in self.actions:
            self.fields[f"a{action.pk}"] = forms.BooleanField(
                label=_("Omówione / realizowane w tym kontakcie"), required=False
            )
            self.fields[f"a{action.pk}_status"] = forms.ChoiceField(
                label=_("Stan realizacji"),
                choices=ActionStatus.choices,
                initial=action.status,
                required=False,
            )
            self.fields[f"a{action.pk}_note"] = forms.CharField(
                label=_("Postęp"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[ActionRow]:
        return [
            ActionRow(a, self[f"a{a.pk}"], self[f"a{a.pk}_status"], self[f"a{a.pk}_note"])
            for a in self.actions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for action in self.actions:
            if data.get(f"a{action.pk}") and not data.get(f"a{action.pk}_status"):
                self.add_error(f"a{action.pk}_status", _("Wybierz stan realizacji działania."))
        return data

    def service_data(self) -> dict[str, Any]:
        """`actions` for `record_contact`: (action, status after, note) of the ticked ones."""
        data = self.cleaned_data
        ticked = [a for a in self.actions if data.get(f"a{a.pk}")]
        return {
            "actions": [(a, data[f"a{a.pk}_status"], data.get(f"a{a.pk}_note", "")) for a in ticked]
        }


def addressed_actions(contact: Contact) -> list[ContactAction]:
    """What the contact reported about plan actions (one query)."""
    return list(
        contact.action_reports.select_related("action__goal").order_by("action__goal_id", "pk")
    )
