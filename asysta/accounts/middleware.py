"""Request guards: session time limits, the second factor, and the role policy table."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from asysta.accounts.policy import PUBLIC, SIGNED_IN, allowed_roles
from asysta.accounts.roles import actor_for

log = logging.getLogger(__name__)

LAST_SEEN = "asysta_last_seen"
SIGNED_IN_AT = "asysta_signed_in_at"
# Views that must work before the second factor is given.
MFA_EXEMPT = {
    "accounts:login",
    "accounts:logout",
    "accounts:mfa_verify",
    "accounts:mfa_setup",
    "accounts:session_expired",
    "accounts:keepalive",
}


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    # Read the header itself: these guards run before django-htmx's middleware sets request.htmx.
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Signs the user out after the idle time (default 30 min) or the absolute limit (12 h)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.get(SIGNED_IN_AT, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
            too_long = now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or too_long:
                auth.logout(request)
                reason = "idle" if idle else "absolute"
                url = reverse("accounts:session_expired") + "?" + urlencode({"powod": reason})
                return _redirect(request, url)
            session[LAST_SEEN] = now
            session.setdefault(SIGNED_IN_AT, now)
        return self.get_response(request)


class MFARequiredMiddleware:
    """With ASYSTA_REQUIRE_MFA, nothing but the sign-in pages is served before the second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_MFA
            and user.is_authenticated
            and not user.is_verified()
            and _url_name(request) not in MFA_EXEMPT
            and not request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/"))
        ):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = reverse("accounts:mfa_verify" if has_device else "accounts:mfa_setup")
            return _redirect(request, target + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)


class PolicyMiddleware:
    """Applies the policy table (accounts/policy.py) to every view except the admin site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else None
        if name is None or name.startswith("admin:"):
            return None
        allowed = allowed_roles(name, request.method or "GET")
        if allowed == PUBLIC:
            return None
        if not request.user.is_authenticated:
            url = reverse(settings.LOGIN_URL) + "?" + urlencode({"next": request.get_full_path()})
            return _redirect(request, url)
        if allowed == SIGNED_IN:
            return None
        if allowed is None:
            log.warning("URL name %s has no row in the access policy; refused", name)
            raise PermissionDenied
        assert not isinstance(allowed, str)
        if not actor_for(request.user).roles.intersection(allowed):
            raise PermissionDenied
        return None
