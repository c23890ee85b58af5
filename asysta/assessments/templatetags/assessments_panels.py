"""Panels of other pages: the family page ("Diagnoza i oceny") and the head's start page
("Oceny do zapoznania"). Each runs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from asysta.accounts.roles import actor_for
from asysta.assessments import queries, schedule, services
from asysta.core.models import Centre
from asysta.families.access import can_write
from asysta.families.models import Family

register = template.Library()

HEAD_PANEL_ROWS = 10


@register.inclusion_tag("assessments/family_panel_body.html", takes_context=True)
def assessments_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """Next assessment due, the latest assessment's scores, diagnoses and the latest meeting."""
    user = context["request"].user
    latest = family.assessments.prefetch_related("scores").order_by("-period_to", "-pk").first()
    return {
        "family": family,
        "due_on": schedule.next_assessment_due(family, newest=latest),
        "today": timezone.localdate(),
        "latest": latest,
        "latest_scores": queries.ordered_scores(latest) if latest else [],
        "diagnoses": list(family.diagnoses.values("pk", "made_on")[:3]),
        "last_meeting": family.team_meetings.order_by("-held_on", "-pk").first(),
        "may_assess": services.is_assistant_of(family, user),
        "may_write": can_write(user, family),
    }


@register.inclusion_tag("assessments/head_panel_body.html", takes_context=True)
def awaiting_panel(context: template.Context, centre: Centre) -> dict[str, Any]:
    """Submitted assessments waiting for the head's (or coordinator's) acknowledgement."""
    rows = queries.awaiting_acknowledgement(centre)
    shown = list(rows[:HEAD_PANEL_ROWS])
    actor = actor_for(context["request"].user)
    return {
        "awaiting": shown,
        # A short list is all of them; only a full one needs counting.
        "count": len(shown) if len(shown) < HEAD_PANEL_ROWS else rows.count(),
        "may_acknowledge": actor.writes_whole_centre,
    }
