from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import User
from asysta.core.forms import DateInput, Select


class AssistantChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, capacity: dict[int, Any], **kwargs):
        self.capacity = capacity
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: User) -> str:
        row = self.capacity.get(obj.pk)
        if row is None:
            return str(obj)
        return _("%(u)s — %(n)d/%(cap)d rodzin, wolne: %(free)d") % {
            "u": obj,
            "n": row.open_families,
            "cap": row.hard_cap,
            "free": row.free,
        }


class AssignForm(forms.Form):
    started_on = forms.DateField(label=_("Data przydziału"), widget=DateInput())
    reason = forms.CharField(
        label=_("Powód przydziału lub zmiany"),
        max_length=300,
        required=False,
        help_text=_("Np. nowy wniosek, nieobecność asystenta, wyrównanie obciążenia."),
    )

    def __init__(self, *args, capacity_rows, **kwargs):
        super().__init__(*args, **kwargs)
        # Suggestions: assistants with the most free places first.
        ordered = sorted(capacity_rows, key=lambda r: (-r.free, str(r.assistant)))
        by_pk = {r.assistant.pk: r for r in ordered}
        field = AssistantChoiceField(
            label=_("Asystent rodziny"),
            queryset=User.objects.filter(pk__in=list(by_pk)),
            capacity=by_pk,
            empty_label=_("— wybierz —"),
            widget=Select,
        )
        # Keep the free-capacity order in the select.
        field.choices = [("", field.empty_label)] + [
            (r.assistant.pk, field.label_from_instance(r.assistant)) for r in ordered
        ]
        self.fields = {"assistant": field, **self.fields}
        self.fields["started_on"].initial = timezone.localdate()
