"""The upload form and the head's removal form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asysta.attachments import services, validation
from asysta.attachments.models import Attachment
from asysta.families.models import Family

ACCEPT = ",".join(f".{ext}" for ext in validation.EXTENSIONS)


class UploadForm(forms.Form):
    upload = forms.FileField(
        label=_("Plik"),
        required=False,  # checked in clean_upload, to tell "too big" from "no file"
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    description = forms.CharField(
        label=_("Opis"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Np. „Zaświadczenie ze szkoły, wrzesień 2025”."),
    )
    signature_of = forms.ModelChoiceField(
        label=_("Plik podpisu do dokumentu"),
        queryset=Attachment.objects.none(),
        required=False,
        help_text=_("Tylko dla pliku podpisu .xades / .xml złożonego obok podpisanego dokumentu."),
    )
    target = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, family: Family, too_big: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family
        self.too_big = too_big
        limit = family.centre.attachment_max_mb
        self.fields["upload"].help_text = _(
            "PDF, JPG, PNG, DOCX, ODT, XLSX, ODS albo plik podpisu .xades / .xml; do %(limit)d MB."
        ) % {"limit": limit}
        self.fields["signature_of"].queryset = (  # type: ignore[attr-defined]
            Attachment.objects.present()
            .filter(family=family)
            .exclude(kind=validation.FileKind.SIGNATURE)
            .order_by("-created_at", "-pk")
        )
        self.target_record: Any = None

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if self.too_big:
            raise ValidationError(
                _("Plik jest większy niż %(limit)d MB — tyle ośrodek przyjmuje.")
                % {"limit": self.family.centre.attachment_max_mb},
                code="too_large",
            )
        if not upload:
            raise ValidationError(_("Wybierz plik."), code="required")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self.target_record = services.resolve_target(self.family, data.get("target", ""))
        except ValidationError as exc:
            self.add_error(None, exc.message_dict["target"])
        return data


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód usunięcia"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Np. „Skan dodany do akt niewłaściwej rodziny”. Plik i opis zostaną usunięte; "
            "w aktach zostanie ślad: co, kto, kiedy i dlaczego."
        ),
        error_messages={"required": _("Podaj powód usunięcia.")},
    )
