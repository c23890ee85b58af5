from __future__ import annotations

import base64
import io
import time

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from asysta.accounts import services
from asysta.accounts.forms import LoginForm, TokenForm
from asysta.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from asysta.core.http import AsystaRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # django-axes answers the very failure that reaches AXES_FAILURE_LIMIT with the lockout
        # page. Our rule is "five wrong passwords get the form error, the next attempt is
        # refused": only an attempt made while the lock already stood gets the lockout page.
        credentials = get_credentials(username=request.POST.get("username", ""))
        locked_before = not AxesProxyHandler.is_allowed(request, credentials)
        response = super().post(request, *args, **kwargs)
        if not locked_before:
            request.axes_locked_out = False  # the lock is recorded; it applies from the next try
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        now = time.time()
        self.request.session[SIGNED_IN_AT] = now
        self.request.session[LAST_SEEN] = now
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class LogoutView(auth_views.LogoutView):
    pass


def session_expired(request: AsystaRequest) -> HttpResponse:
    reason = request.GET.get("powod", "idle")
    return render(request, "accounts/session_expired.html", {"reason": reason})


@require_POST
def keepalive(request: AsystaRequest) -> HttpResponse:
    """Extends the session (activity is recorded by the timeout middleware)."""
    return JsonResponse({"ok": True})


def _next_url(request: AsystaRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


def mfa_verify(request: AsystaRequest) -> HttpResponse:
    """The second step of signing in: a TOTP code or a single-use recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    devices = list(devices_for_user(request.user, confirmed=True))
    if not any(d.persistent_id.startswith("otp_totp") for d in devices):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices:
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("Kod jest nieprawidłowy lub wygasł. Spróbuj ponownie."))
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def mfa_setup(request: AsystaRequest) -> HttpResponse:
    """Enrolment of the authenticator app: QR code, first code, then the recovery codes.

    A user who already has an app must prove it before enrolling another one.
    """
    has_app = any(
        d.persistent_id.startswith("otp_totp")
        for d in devices_for_user(request.user, confirmed=True)
    )
    if has_app and not request.user.is_verified():
        return redirect("accounts:mfa_verify")
    device = services.start_totp_enrolment(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_enrolment(device=device, token=form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/mfa_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token", _("Kod się nie zgadza. Sprawdź czas w telefonie i spróbuj ponownie.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/mfa_setup.html", context, status=status)
