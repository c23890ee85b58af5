"""Diagnoses, assessments and team meetings built through the real services (for the tests of
this app and the policy table)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.assessments import services
from asysta.assessments.models import Area, MeetingDecision, MeetingKind, Recommendation

TEXT = "Rodzina współpracuje, matka uczestniczy w warsztatach."


def scores(value: int = 3, **by_area: int) -> dict[str, dict[str, Any]]:
    """A score for every area (`value`), with `by_area` overriding single areas."""
    return {code: {"score": by_area.get(code, value), "comment": ""} for code in Area.values}


def diagnosis(family: Any, *, by: Any, on: date | None = None, **fields: Any) -> Any:
    data = {
        "made_on": on or timezone.localdate(),
        "conclusions": "Potrzebne wsparcie w opiece nad dziećmi.",
        "proposed_goals": "Regularne posiłki, realizacja obowiązku szkolnego.",
        **fields,
    }
    areas: dict[str, dict[str, str]] = {
        Area.CHILDCARE: {"strengths": "Więź z dziećmi.", "problems": "Brak rutyny dnia."},
        Area.EDUCATION: {"strengths": "", "problems": "Nieobecności w szkole."},
    }
    return services.create_diagnosis(family=family, by=by, areas=areas, **data)


def assessment(
    family: Any,
    *,
    by: Any,
    period_from: date,
    period_to: date,
    made_on: date | None = None,
    value: int = 3,
    **fields: Any,
) -> Any:
    """A draft assessment by the family's assistant `by`."""
    data = {
        "period_from": period_from,
        "period_to": period_to,
        "made_on": made_on or period_to,
        "changes": "Poprawa organizacji dnia dzieci.",
        "cooperation": TEXT,
        "recommendation": Recommendation.CONTINUE,
        **fields,
    }
    return services.create_assessment(family=family, by=by, scores=scores(value), **data)


def submitted_assessment(family: Any, *, by: Any, **fields: Any) -> Any:
    """A submitted assessment of the period from the start of the open assignment to today."""
    today = timezone.localdate()
    start = family.assignments.get(ended_on__isnull=True).started_on
    draft = assessment(family, by=by, period_from=start, period_to=today, **fields)
    return services.submit_assessment(assessment=draft, by=by, on=today)


def meeting(family: Any, *, by: Any, held_on: date | None = None, **fields: Any) -> Any:
    """A team meeting with one external participant and one follow-up task."""
    held_on = held_on or timezone.localdate()
    data = {
        "held_on": held_on,
        "findings": "Rodzina realizuje plan częściowo.",
        "decision": MeetingDecision.CONTINUE,
        "participants": [by],
        "external": [("Joanna Pedagog", "pedagog szkolny, SP nr 2")],
        "tasks": [
            {
                "what": "Rozmowa z wychowawcą",
                "owner_user": by,
                "due_on": held_on + timedelta(days=14),
            }
        ],
        **fields,
    }
    return services.create_meeting(family=family, by=by, **data)


MINUTES = "Kacper dobrze funkcjonuje u babci; kontakty z matką co tydzień, bez zastrzeżeń."


def child_assessment(
    family: Any, *, by: Any, placement: Any, held_on: date | None = None, **fields: Any
) -> Any:
    """The foster-care organiser's child-assessment meeting the assistant was invited to:
    the minutes in `findings`, no decision of the centre."""
    held_on = held_on or timezone.localdate()
    data = {
        "kind": MeetingKind.CHILD_ASSESSMENT,
        "held_on": held_on,
        "placement": placement,
        "convened_by": "PCPR w Oleśnicy",
        "invited_on": held_on - timedelta(days=10),
        "assistant_attended": True,
        "findings": MINUTES,
        "decision": "",
        "participants": [by],
        "external": [("Jan Lis", "koordynator rodzinnej pieczy zastępczej, PCPR Oleśnica")],
        **fields,
    }
    return services.create_meeting(family=family, by=by, **data)
