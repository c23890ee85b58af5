"""The request type our views see: a signed-in user (with django-otp) and django-htmx details."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class AsystaRequest(HttpRequest):
    user: Any
    htmx: Any


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly ASYSTA_PROXY_COUNT proxies in front of us.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    the client is the entry that many places from the right. With no proxy (the default) the
    header is ignored: anyone can send it. One answer for the lockout and the audit trail.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR")
    count = settings.ASYSTA_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < count:
        return remote
    return hops[-count]


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without `names` (a list's links add their own page)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
