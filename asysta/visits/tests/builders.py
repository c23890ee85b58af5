"""Contacts built through the real services (for the visits tests, the policy table and other
apps)."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from asysta.visits import services
from asysta.visits.models import Contact


def contact(family: Any, *, by: Any, on: date | None = None, **fields: Any) -> Contact:
    """A one-hour home visit yesterday (or on `on`); a flagged one gets a description."""
    data: dict[str, Any] = {
        "date": on or timezone.localdate() - timedelta(days=1),
        "start_time": time(10, 0),
        "end_time": time(11, 0),
        "place": "home",
        "form": "home_visit",
        "summary": "Rozmowa z matką o planie dnia dzieci.",
    }
    if fields.get("child_safety"):
        data["safety_description"] = "Siniak na ramieniu młodszego dziecka."
        data["safety_actions"] = ["intervention"]
    data.update(fields)
    return services.record_contact(family=family, by=by, **data)
