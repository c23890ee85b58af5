"""Small helpers shared by the family views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from asysta.accounts.policy import allowed_roles
from asysta.accounts.roles import Actor
from asysta.core.http import AsystaRequest
from asysta.families.models import Family


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's errors next to the form's fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def apply_service(form: forms.BaseForm, service: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Call `service`; on a ValidationError show it on `form` and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_errors(form, exc)
        return None


def form_page(request: AsystaRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a form page: 200 on GET, 422 when a POST comes back with errors."""
    status = 422 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def to_detail(family: Family, section: str = "") -> HttpResponse:
    """Back to the family page, at `section` (the id of a section of the page)."""
    url = reverse("families:detail", args=[family.pk])
    return redirect(f"{url}#{section}" if section else url)


def allowed(actor: Actor, url_name: str, method: str = "GET") -> bool:
    """Whether the policy table lets the actor's roles use `url_name` (for showing buttons)."""
    roles = allowed_roles(url_name, method)
    return isinstance(roles, frozenset) and actor.has(*roles)
