"""Read queries of the intake: the waiting queue and the offers for free places."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from asysta.core.models import Centre
from asysta.intake.models import Referral
from asysta.intake.models import ReferralStatus as S
from asysta.intake.services import Capacity, capacity_table


def queue(centre: Centre) -> QuerySet[Referral]:
    """Requests waiting for a place: by priority (court order first), then by date."""
    return (
        Referral.objects.filter(centre=centre, status=S.QUEUED)
        .select_related("family", "social_worker")
        .order_by("queue_priority", "queued_on", "pk")
    )


def suggestions(rows: list[Capacity]) -> list[Capacity]:
    """Assistants with a free place, the most free places first."""
    return sorted((r for r in rows if r.free > 0), key=lambda r: (-r.free, str(r.assistant)))


@dataclass(frozen=True)
class Offer:
    capacity: Capacity
    referral: Referral


def queue_offers(centre: Centre, *, capacity: list[Capacity] | None = None) -> list[Offer]:
    """For each assistant with a free place, the head of the queue offered (two queries)."""
    head = queue(centre).first()
    if head is None:
        return []
    rows = capacity if capacity is not None else capacity_table(centre)
    return [Offer(capacity=row, referral=head) for row in suggestions(rows)]
