"""The court panel of the family page: requests for an opinion with their deadlines."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.court.models import RequestStatus
from asysta.families.access import can_write
from asysta.families.models import Family

register = template.Library()

SHOWN = 5


@register.inclusion_tag("court/family_panel_body.html", takes_context=True)
def court_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """Open requests first (soonest deadline first), then the latest sent ones (two queries;
    one for a family without court requests, as most are)."""
    may_write = can_write(context["request"].user, family)
    requests = family.opinion_requests.all()
    if not requests.exists():
        return {"family": family, "requests": [], "more": False, "can_write": may_write}
    open_rows = list(requests.exclude(status=RequestStatus.SENT).order_by("due_on", "pk")[:SHOWN])
    sent = list(requests.filter(status=RequestStatus.SENT).order_by("-sent_on", "-pk")[: SHOWN + 1])
    shown = (open_rows + sent)[:SHOWN]
    return {
        "family": family,
        "requests": shown,
        "more": len(open_rows) + len(sent) > len(shown),
        "can_write": may_write,
    }
