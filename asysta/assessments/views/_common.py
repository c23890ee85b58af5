"""Helpers shared by the app's views: access, logged reads, redirects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asysta.assessments.services import is_assistant_of
from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.families.access import get_family_for
from asysta.families.models import Family

SECTION = "assessments"  # audit section (SECTION_LABELS in asysta/audit/services.py)
PANEL = "oceny"  # id of the panel on the family page


def readable_family(request: AsystaRequest, pk: int) -> Family:
    """The family `pk` for reading (404 when the user may not see it)."""
    return get_family_for(request.user, pk)


def writable_family(request: AsystaRequest, pk: int) -> Family:
    """The family `pk` for writing (404 when unseen, 403 when read-only)."""
    return get_family_for(request.user, pk, write=True)


ASSISTANT_ONLY = _(
    "Ocenę okresową sporządza i przekazuje asystent rodziny; kierownik i koordynator "
    "zapoznają się z nią."
)


def assistant_family(request: AsystaRequest, pk: int) -> tuple[Family, HttpResponse | None]:
    """The family for its assistant's writing of an assessment. The head and the coordinator
    (who may write the family's record) are sent back to the list: they acknowledge instead."""
    family = writable_family(request, pk)
    if is_assistant_of(family, request.user):
        return family, None
    return family, refuse(request, ASSISTANT_ONLY, reverse("assessments:list", args=[pk]))


def one_of(rows: QuerySet[Any], pk: int) -> Any:
    """The row `pk` of the family's `rows`, or 404 (an object of another family is unseen)."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def log_opened(request: AsystaRequest, obj: Model) -> None:
    log_read(user=request.user, obj=obj, section=SECTION, request=request)


def to_panel(family: Family) -> HttpResponse:
    return redirect(f"{reverse('families:detail', args=[family.pk])}#{PANEL}")


def refuse(request: AsystaRequest, message: Any, url: str) -> HttpResponse:
    """Send the user back with a message: the action belongs to another role of the centre."""
    messages.warning(request, message)
    return redirect(url)
