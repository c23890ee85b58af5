"""Court requests built through the real services (for the court, closure and policy tests)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.court import services


def opinion_request(
    family: Any, *, by: Any, received_on: date | None = None, days: int = 21, **fields: Any
) -> Any:
    """A court's request for an opinion on `family`, due `days` after it was received."""
    received_on = received_on or timezone.localdate() - timedelta(days=2)
    data = {
        "court": "Sąd Rejonowy w Oławie, III Wydział Rodzinny i Nieletnich",
        "file_number": "III Nsm 123/25",
        "received_on": received_on,
        "due_on": received_on + timedelta(days=days),
        "scope": "Opinia o rodzinie i sytuacji dzieci.",
    }
    data.update(fields)
    return services.register_request(family=family, by=by, **data)


def approved_request(family: Any, *, people: Any, on: date | None = None) -> Any:
    """A request whose opinion was drafted by Anna and approved by Dorota (the head)."""
    on = on or timezone.localdate()
    request = opinion_request(family, by=people.anna, received_on=on - timedelta(days=3))
    opinion = services.draft_opinion(request=request, by=people.anna)
    services.update_opinion(
        opinion=opinion, by=people.anna, conclusions="Rodzina współpracuje z asystentem."
    )
    return services.approve_opinion(request=request, by=people.dorota, on=on)
