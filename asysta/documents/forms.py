"""Forms of the documents pages."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.forms import DateInput
from asysta.documents import libreoffice
from asysta.documents.kinds import base
from asysta.documents.models import DocumentFormat, SentHow
from asysta.documents.services import DocumentError, resolve_source
from asysta.families.models import Family


def format_choices() -> list[tuple[str, Any]]:
    """The formats offered: ODT only when LibreOffice is installed."""
    return [
        (value, label)
        for value, label in DocumentFormat.choices
        if value != DocumentFormat.ODT or libreoffice.libreoffice_available()
    ]


def _choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class _GenerateBase(forms.Form):
    kind = forms.ChoiceField(label=_("Dokument"))
    format = forms.ChoiceField(label=_("Format"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kind", [(k.code, k.label) for k in self.kinds()])
        _choices(self, "format", format_choices())

    def kinds(self) -> list[base.DocumentKind]:
        raise NotImplementedError


class GenerateForm(_GenerateBase):
    """A document of a family: its kind, the record it is made from (within the family)."""

    source = forms.IntegerField(
        label=_("Rekord"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        self.family = family
        super().__init__(*args, **kwargs)

    def kinds(self) -> list[base.DocumentKind]:
        return [k for k in base.REGISTRY.values() if k.source is not None]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("kind")
        if not code:
            return data
        kind = base.get(code)
        data["kind_obj"] = kind
        assert kind.source is not None
        if kind.source is Family:
            data["source_obj"] = self.family
            return data
        found = kind.source._default_manager.filter(pk=data.get("source")).first()
        owner = kind.family_of(found) if found is not None else None
        if owner is None or owner.pk != self.family.pk:
            raise forms.ValidationError(_("Nie ma takiego rekordu w aktach tej rodziny."))
        data["source_obj"] = found
        return data


class GenerateOwnForm(_GenerateBase):
    """A document without a family (the assistant's monthly work card): the kind's reference
    (e.g. the assistant and the month) as JSON, resolved by the kind."""

    ref = forms.CharField(widget=forms.HiddenInput, max_length=500)

    def kinds(self) -> list[base.DocumentKind]:
        return [k for k in base.REGISTRY.values() if k.source is None]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, raw = data.get("kind"), data.get("ref")
        if not code or raw is None:
            return data
        try:
            ref = json.loads(raw)
        except ValueError:
            ref = None
        if not isinstance(ref, dict):
            raise forms.ValidationError(_("Nie wiadomo, z czego zrobić dokument."))
        kind = base.get(code)
        try:
            data["source_obj"] = resolve_source(kind, ref)
        except DocumentError as exc:
            raise forms.ValidationError(exc.text) from exc
        data["kind_obj"] = kind
        return data


class MarkSentForm(forms.Form):
    on = forms.DateField(label=_("Data wysłania"), widget=DateInput())
    to = forms.CharField(
        label=_("Do kogo"),
        max_length=300,
        help_text=_("Np. Sąd Rejonowy w Testowie, III Wydział Rodzinny i Nieletnich; PCPR."),
    )
    how = forms.ChoiceField(label=_("Jak"), choices=SentHow.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj dokumentu"))
    file = forms.FileField(
        label=_("Plik szablonu (.docx)"),
        help_text=_("Sprawdzamy go od razu, wypełniając przykładowymi danymi."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kind", [(k.code, k.label) for k in base.REGISTRY.values()])
