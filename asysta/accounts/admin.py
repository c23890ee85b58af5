"""The Django admin: accounts and centre settings only, for administrators past the second factor.

No case model is registered here: an administrator manages accounts but sees no case data.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asysta.accounts.models import Membership, Role, User
from asysta.accounts.roles import actor_for
from asysta.accounts.services import RoleConflict, check_role_compatible
from asysta.core.models import Centre


class AsystaAdminSite(admin.AdminSite):
    site_header = _("Asysta — administracja")
    site_title = _("Asysta — administracja")
    index_title = _("Konta i ustawienia ośrodka")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if not actor_for(user).has(Role.ADMIN):
            return False
        return not settings.REQUIRE_MFA or user.is_verified()

    def login(self, request, extra_context=None):
        return redirect(reverse("accounts:login") + "?next=" + request.get_full_path())


site = AsystaAdminSite(name="admin")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["centre", "role", "fte", "is_active"]

    def clean(self):
        data = super().clean()
        user = self.instance.user if self.instance.user_id else None
        if user is not None and data.get("centre") and data.get("role") and data.get("is_active"):
            try:
                others = Membership.objects.exclude(pk=self.instance.pk)
                if not others.filter(user=user, role=data["role"]).exists():
                    check_role_compatible(user=user, centre=data["centre"], role=data["role"])
            except RoleConflict as exc:
                raise forms.ValidationError(str(exc)) from exc
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 1


@admin.register(User, site=site)
class AsystaUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active")


@admin.register(Centre, site=site)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "terc", "locality")
    search_fields = ("name", "terc")
