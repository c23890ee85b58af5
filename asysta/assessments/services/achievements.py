"""Rating how far each goal and action of the work plan was achieved in the assessed period."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from asysta.assessments.models import (
    Achievement,
    ActionAchievement,
    GoalAchievement,
    PeriodicAssessment,
)
from asysta.assessments.services._common import require_assistant
from asysta.plans.models import Action, Goal

# pk of a goal or action -> {"achievement": Achievement value or "", "comment": str}
Ratings = Mapping[int, Mapping[str, str]]


def _rate(
    assessment: PeriodicAssessment,
    model: type[GoalAchievement] | type[ActionAchievement],
    target: str,
    allowed: Mapping[int, Model],
    ratings: Ratings,
) -> None:
    rows: list[Any] = list(model.objects.filter(assessment=assessment))
    existing = {getattr(r, f"{target}_id"): r for r in rows}
    for pk, row in ratings.items():
        if pk not in allowed:
            raise ValidationError(_("Ocenić można tylko cele i działania planu tej rodziny."))
        level, comment = row.get("achievement") or "", (row.get("comment") or "").strip()
        current = existing.get(pk)
        if not level:
            if current is not None:
                current.delete()
            continue
        if level not in Achievement.values:
            raise ValidationError(_("Nieznany stopień realizacji."))
        if current is None:
            model.objects.create(
                centre_id=assessment.centre_id,
                assessment=assessment,
                achievement=level,
                comment=comment,
                **{target: allowed[pk]},
            )
        elif (current.achievement, current.comment) != (level, comment):
            current.achievement, current.comment = level, comment
            current.save(update_fields=["achievement", "comment"])


@transaction.atomic
def rate_plan(
    *, assessment: PeriodicAssessment, by: Any, goals: Ratings, actions: Ratings
) -> PeriodicAssessment:
    """Record the achievement of the plan's goals and actions in a draft assessment (an empty
    level removes the rating). Only goals and actions of the family's plans are accepted."""
    require_assistant(assessment.family, by)
    if not assessment.is_draft:
        raise ValidationError(
            _("Ocena została już przekazana kierownikowi; nie można jej zmienić.")
        )
    family_goals = {g.pk: g for g in Goal.objects.filter(plan__family_id=assessment.family_id)}
    family_actions = {
        a.pk: a for a in Action.objects.filter(goal__plan__family_id=assessment.family_id)
    }
    _rate(assessment, GoalAchievement, "goal", family_goals, goals)
    _rate(assessment, ActionAchievement, "action", family_actions, actions)
    return assessment
