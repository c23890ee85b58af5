"""The documents panel of the family page, the "Dokumenty" generate box of a record's page and
the badges of document states."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.urls import reverse

from asysta.accounts.policy import allowed_roles
from asysta.accounts.roles import actor_for
from asysta.documents import libreoffice
from asysta.documents.engine import plain
from asysta.documents.forms import format_choices
from asysta.documents.kinds import base
from asysta.documents.models import DocumentStatus, GeneratedDocument
from asysta.families.models import Family

register = template.Library()

PANEL_SIZE = 8
STATUS_BADGES: dict[str, str] = {
    DocumentStatus.PENDING: "text-bg-warning",
    DocumentStatus.READY: "text-bg-success",
    DocumentStatus.FAILED: "text-bg-danger",
}


@register.filter
def document_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")


def _may(user: Any, url_name: str, method: str = "POST") -> bool:
    roles = allowed_roles(url_name, method)
    return isinstance(roles, frozenset) and actor_for(user).has(*roles)


@register.inclusion_tag("documents/family_panel_body.html", takes_context=True)
def documents_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The family's latest documents and how many there are (one query when there are none,
    two otherwise), with the generate box of the kinds made from the family record itself."""
    total = GeneratedDocument.objects.filter(family=family).count()
    documents = GeneratedDocument.objects.for_list().filter(family=family)
    return {
        "family": family,
        "documents": list(documents[:PANEL_SIZE]) if total else [],
        "total": total,
        "family_kinds": " ".join(k.code for k in base.kinds_for(Family)),
        "request": context.get("request"),
        "user": context.get("user"),
    }


@register.simple_tag(takes_context=True)
def document_generator(context: template.Context, kinds: str, source: Any) -> dict[str, Any]:
    """What the generate box needs: one form per kind (its label, the URL and the record),
    the formats (ODT only with LibreOffice; otherwise `odt_note` says why)."""
    user = context.get("user")
    rows = []
    for code in (kinds or "").split():
        kind = base.REGISTRY.get(code)
        if kind is None or source is None or not kind.applies(source):
            continue
        family = kind.family_of(source)
        if family is not None:
            url = reverse("documents:generate", args=[family.pk])
            row = {"kind": kind, "url": url, "source": "" if kind.source is Family else source.pk}
        else:
            ref = json.dumps(plain(kind.ref(source)), sort_keys=True)
            row = {"kind": kind, "url": reverse("documents:generate_own"), "ref": ref}
        rows.append(row)
    allowed = user is not None and _may(user, "documents:generate")
    return {
        "rows": rows if allowed else [],
        "formats": format_choices(),
        "odt_note": "" if libreoffice.libreoffice_available() else libreoffice.unavailable_reason(),
    }
