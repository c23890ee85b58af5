"""The mapping of closure reasons to report categories, edited by the centre's administrator
(a setting, not case data), scoped to the administrator's own centre like the centre itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from asysta.accounts.admin import AdministratorPermissions, site
from asysta.accounts.roles import actor_for
from asysta.closure.categories import DEFAULT_CATEGORIES
from asysta.closure.models import ReportCategoryMap


def _own_centre(request: HttpRequest) -> int:
    return actor_for(request.user).centre_pk  # 403 for a user without a centre


@admin.register(ReportCategoryMap, site=site)
class ReportCategoryMapAdmin(AdministratorPermissions, admin.ModelAdmin):
    list_display = ("reason", "category")
    fields = ("reason", "category")

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(centre_id=_own_centre(request))

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        base = super().get_form(request, obj, change=change, **kwargs)
        centre_id = _own_centre(request)

        class OwnCentreForm(base):  # type: ignore[valid-type,misc]
            def clean_reason(self) -> str:
                reason = self.cleaned_data["reason"]
                clash = ReportCategoryMap.objects.filter(centre_id=centre_id, reason=reason)
                if clash.exclude(pk=self.instance.pk).exists():
                    raise forms.ValidationError(
                        _("Ten powód ma już swoją kategorię w ośrodku — zmień istniejący wpis.")
                    )
                return reason

        return OwnCentreForm

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        reason = initial.get("reason")
        if isinstance(reason, str) and reason in DEFAULT_CATEGORIES:
            initial.setdefault("category", str(DEFAULT_CATEGORIES[reason]))
        return initial

    def save_model(self, request: HttpRequest, obj: ReportCategoryMap, form, change) -> None:
        obj.centre_id = _own_centre(request)  # always the administrator's own centre
        super().save_model(request, obj, form, change)
