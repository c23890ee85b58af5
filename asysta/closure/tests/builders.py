"""Closures built through the real services (for the closure and policy tests)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.closure import services


def closing_data(**fields: Any) -> dict[str, Any]:
    """A complete closure with monitoring: goals achieved, closed today, monitoring 6 months."""
    today = timezone.localdate()
    data: dict[str, Any] = {
        "closed_on": today,
        "reason": "goals_achieved",
        "goals_achieved": "Cele planu osiągnięte: dzieci regularnie chodzą do szkoły.",
        "final_situation": {"childcare": "Rodzice sprawują opiekę samodzielnie."},
        "recommendations": "Kontakt z pedagogiem szkolnym.",
        "monitoring_until": today + timedelta(days=182),
        "monitoring_frequency": "raz w miesiącu",
    }
    data.update(fields)
    return data


def closed(family: Any, *, by: Any, on: date | None = None, **fields: Any) -> Any:
    """Close the work with `family` (monitoring for six months unless told otherwise)."""
    if on is not None:
        fields.setdefault("closed_on", on)
        fields.setdefault("monitoring_until", on + timedelta(days=182))
    return services.close_case(family=family, by=by, **closing_data(**fields))
