"""The queue panel of the head's start page: the offers for free places and the waiting count."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.core.models import Centre
from asysta.intake import referrals
from asysta.intake.models import Referral, ReferralStatus

register = template.Library()

# A city has dozens of assistants with a free place; the panel offers the head of the queue to
# those with the most free places, and the queue page lists every offer.
PANEL_OFFERS = 5


@register.inclusion_tag("intake/referral_queue_panel_body.html")
def queue_panel(centre: Centre, capacity: list[Any] | None = None) -> dict[str, Any]:
    """Offers (the head of the queue for the assistants with the most free places, the rest
    counted with a link to the queue), waiting and undecided request counts."""
    waiting = Referral.objects.filter(centre=centre, status=ReferralStatus.QUEUED).count()
    filed = list(
        Referral.objects.filter(centre=centre, status=ReferralStatus.REQUEST_FILED)
        .select_related("family")
        .order_by("filed_on", "pk")[:10]
    )
    offers = referrals.queue_offers(centre, capacity=capacity) if waiting else []
    return {
        "offers": offers[:PANEL_OFFERS],
        "more_offers": max(len(offers) - PANEL_OFFERS, 0),
        "waiting": waiting,
        "filed": filed,
    }
