"""A centre's own rows of the half-year report and its supporting families, edited by the
centre's administrator and scoped to the administrator's own centre (like the centre itself)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from asysta.accounts.admin import AdministratorPermissions, site
from asysta.accounts.roles import actor_for
from asysta.reports.models import SemiannualRow, SupportingFamily


def _own_centre(request: HttpRequest) -> int:
    return actor_for(request.user).centre_pk  # 403 for a user without a centre


class OwnCentreAdmin(AdministratorPermissions, admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(centre_id=_own_centre(request))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.centre_id = _own_centre(request)  # always the administrator's own centre
        super().save_model(request, obj, form, change)


@admin.register(SemiannualRow, site=site)
class SemiannualRowAdmin(OwnCentreAdmin):
    list_display = ("order", "code", "label", "enabled", "counts")
    list_display_links = ("code",)
    fields = ("code", "label", "order", "enabled", "counts")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        from asysta.reports import semiannual_rows as rows
        from asysta.reports.semiannual import default_rows

        base = super().get_form(request, obj, change=change, **kwargs)
        centre_id = _own_centre(request)
        defaults = default_rows()
        if obj is not None and rows.is_own(obj.code):
            defaults.append((obj.code, obj.label))
        defaults.append(("own", _("— nowy wiersz własny (kod nada system) —")))

        class RowForm(base):  # type: ignore[valid-type,misc]
            code = forms.ChoiceField(label=_("wiersz"), choices=defaults)
            counts = forms.MultipleChoiceField(
                label=_("co liczy wiersz"),
                choices=rows.source_choices(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=rows.counts_help_text(),
            )

            def clean_code(self) -> str:
                code = self.cleaned_data["code"]
                if code == "own":  # the next free own_N of the centre
                    taken = set(
                        SemiannualRow.objects.filter(centre_id=centre_id).values_list(
                            "code", flat=True
                        )
                    )
                    code = next(f"own_{n}" for n in range(1, 10_000) if f"own_{n}" not in taken)
                clash = SemiannualRow.objects.filter(centre_id=centre_id, code=code)
                if clash.exclude(pk=self.instance.pk).exists():
                    raise forms.ValidationError(
                        _("Ten wiersz ma już ustawienia w ośrodku — zmień istniejący wpis.")
                    )
                return code

        return RowForm


@admin.register(SupportingFamily, site=site)
class SupportingFamilyAdmin(OwnCentreAdmin):
    list_display = ("name", "appointed_on", "contract_number", "ended_on")
    search_fields = ("name", "contract_number")
    fields = (
        "name",
        "address",
        "appointed_on",
        "contract_number",
        "contract_on",
        "ended_on",
        "supported_families",
        "notes",
    )
    filter_horizontal = ("supported_families",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "supported_families":
            from asysta.families.models import Family

            kwargs["queryset"] = Family.objects.filter(centre_id=_own_centre(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
