"""Panels of other pages: the contacts on the family page, the child-safety alerts on the start
page of the coordinator and the head. Each takes a constant number of queries."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.core.models import Centre
from asysta.families.models import Family
from asysta.visits import queries, services

register = template.Library()

PANEL_CONTACTS = 5
PANEL_ALERTS = 20


@register.inclusion_tag("visits/family_panel_body.html", takes_context=True)
def contacts_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The family's latest contacts and their number (two queries, three with the write check)."""
    user = context["request"].user
    contacts = queries.contacts_of(family)
    return {
        "family": family,
        "contacts": list(contacts.prefetch_related(None)[:PANEL_CONTACTS]),
        "count": family.contacts.count(),
        "may_record": services.may_record(user, family),
    }


@register.inclusion_tag("visits/alerts_panel_body.html", takes_context=True)
def safety_alerts_panel(context: template.Context, centre: Centre) -> dict[str, Any]:
    """Child-safety alerts of the centre not yet acknowledged (one query)."""
    return {
        "alerts": list(queries.open_alerts(centre)[:PANEL_ALERTS]),
        "request": context.get("request"),
    }
