"""The request type our views see: a signed-in user (with django-otp) and django-htmx details."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class AsystaRequest(HttpRequest):
    user: Any
    htmx: Any
