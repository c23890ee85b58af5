"""The attachments panel of the family page: the latest files and the way to add one."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.attachments.queries import family_attachments
from asysta.families.access import can_write
from asysta.families.models import Family

register = template.Library()
PANEL_SIZE = 5


@register.inclusion_tag("attachments/family_panel_body.html", takes_context=True)
def attachments_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The newest attachments and how many there are (the list, with the people it names, is
    read only when there is something to list: most families have no attachments)."""
    rows = family_attachments(family)
    total = rows.count()
    return {
        "family": family,
        "attachments": list(rows[:PANEL_SIZE]) if total else [],
        "total": total,
        "may_upload": can_write(context["request"].user, family),
    }


@register.inclusion_tag("attachments/partials/attach_button.html", takes_context=True)
def attach_button(context: template.Context, record: Any) -> dict[str, Any]:
    """ "Dołącz plik" on a record's page (a plan, a contact, an assessment...): the upload page
    with the record chosen, for those who may add files to the family."""
    from django.urls import reverse

    from asysta.attachments.services import target_ref

    family = record.family
    url = reverse("attachments:upload", args=[family.pk]) + "?do=" + target_ref(record)
    return {"url": url, "show": can_write(context["request"].user, family)}
