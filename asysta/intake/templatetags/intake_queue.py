"""The queue panel of the head's start page: the offers for free places and the waiting count."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.core.models import Centre
from asysta.intake import referrals
from asysta.intake.models import Referral, ReferralStatus

register = template.Library()


@register.inclusion_tag("intake/referral_queue_panel_body.html")
def queue_panel(centre: Centre, capacity: list[Any] | None = None) -> dict[str, Any]:
    """Offers (head of the queue for each free place), waiting and undecided request counts."""
    waiting = Referral.objects.filter(centre=centre, status=ReferralStatus.QUEUED).count()
    filed = list(
        Referral.objects.filter(centre=centre, status=ReferralStatus.REQUEST_FILED)
        .select_related("family")
        .order_by("filed_on", "pk")[:10]
    )
    return {
        "offers": referrals.queue_offers(centre, capacity=capacity) if waiting else [],
        "waiting": waiting,
        "filed": filed,
    }
