"""The Django admin: accounts and centre settings only, for administrators past the second factor.

No case model is registered here: an administrator manages accounts but sees no case data.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from asysta.accounts import services
from asysta.accounts.models import FtePeriod, Membership, Role, User
from asysta.accounts.roles import actor_for
from asysta.accounts.services import role_conflict
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
        """Signing in happens on our own page (lockout, second factor), never here."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect(reverse("accounts:login") + "?" + urlencode({"next": target}))
        if self.has_permission(request):
            return redirect(target)
        # Signed in but not an administrator: sending them to sign in again would loop.
        raise PermissionDenied


site = AsystaAdminSite(name="admin")


def _own_centre(request: HttpRequest) -> int | None:
    return actor_for(request.user).centre_id


class AdministratorPermissions:
    """The administrator role is the permission (Django's per-model permissions are not used).

    Nothing is deleted here: accounts and roles are switched off (`is_active`), so that the
    audit trail and the case records keep pointing at real rows.
    """

    admin_site: admin.AdminSite  # set by ModelAdmin / InlineModelAdmin

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class MembershipFormSet(forms.BaseInlineFormSet):
    """Checks the roles the user will hold once saved, all rows together (art. 17).

    One row at a time is not enough: two new rows (assistant and social worker) would each pass.
    """

    def clean(self) -> None:
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("is_active") and data.get("centre") and data.get("role"):
                rows.append((form, data["centre"].pk, data["role"]))
        message = role_conflict([(centre, role) for _form, centre, role in rows])
        if message:
            for form, _centre, _role in rows:
                form.add_error("role", message)


class MembershipInline(AdministratorPermissions, admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = [
        "centre",
        "role",
        "fte",
        "employment_form",
        "employed_from",
        "employed_until",
        "is_active",
    ]
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "centre":
            kwargs["queryset"] = Centre.objects.filter(pk=_own_centre(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User, site=site)
class AsystaUserAdmin(AdministratorPermissions, UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active")
    actions = ["reset_second_factor"]

    @admin.action(description=_("Resetuj weryfikację dwuetapową (zgubiony telefon)"))
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        """Removes the users' authenticator apps and recovery codes; at the next sign-in each
        of them enrols a new app. Recorded in the admin's history of each account."""
        for user in queryset:
            services.reset_second_factor(user=user)
            self.log_change(request, user, _("Zresetowano weryfikację dwuetapową."))
        self.message_user(
            request,
            _(
                "Zresetowano weryfikację dwuetapową dla: %(users)s. Przy następnym logowaniu "
                "każda z tych osób skonfiguruje aplikację od nowa."
            )
            % {"users": ", ".join(u.username for u in queryset)},
        )

    def get_queryset(self, request: HttpRequest):
        # The administrator's own centre, plus accounts that do not have a role anywhere yet.
        own = Q(memberships__centre=_own_centre(request)) | Q(memberships__isnull=True)
        return super().get_queryset(request).filter(own).distinct()


@admin.register(Centre, site=site)
class CentreAdmin(AdministratorPermissions, admin.ModelAdmin):
    list_display = ("name", "kind", "terc", "locality")
    search_fields = ("name", "terc")

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(pk=_own_centre(request))

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False  # centres are set up at installation, not by a centre's administrator


@admin.register(FtePeriod, site=site)
class FtePeriodAdmin(AdministratorPermissions, admin.ModelAdmin):
    """Changes of an assistant's working time from a date on (the caseload soft cap reads the
    FTE in force on each day)."""

    list_display = ("membership", "fte", "valid_from")
    list_filter = ("valid_from",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(membership__centre=_own_centre(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "membership":
            kwargs["queryset"] = Membership.objects.filter(
                centre=_own_centre(request), role=Role.ASSISTANT
            ).select_related("user")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
