"""Plans built through the real services (for the plan tests, the policy table and other apps)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.families import basis
from asysta.plans import services
from asysta.plans.models import Action, Goal, WorkPlan


def consent(family: Any, *, by: Any, on: date) -> Any:
    return basis.add_consent(family=family, by=by, signed_by="Ewa Kowalska", signed_on=on)


def goal(plan: WorkPlan, *, by: Any, **fields: Any) -> Goal:
    data = {"area": "childcare", "description": "Rodzice dbają o regularne posiłki dzieci."}
    data.update(fields)
    return services.add_goal(plan=plan, by=by, **data)


def action(goal: Goal, *, by: Any, **fields: Any) -> Action:
    data: dict[str, Any] = {
        "what": "Wspólne planowanie tygodniowego jadłospisu.",
        "responsible_kind": "assistant",
        "deadline": timezone.localdate() + timedelta(days=60),
        "expected_effect": "Dzieci jedzą trzy posiłki dziennie.",
        "indicator": "jadłospis na lodówce",
    }
    data.update(fields)
    return services.add_action(goal=goal, by=by, **data)


def draft_with_content(
    family: Any, *, by: Any, goals: int = 1, actions: int = 1, **fields: Any
) -> WorkPlan:
    """A draft with `goals` goals of `actions` actions each."""
    plan = services.create_draft(family=family, by=by, **fields)
    for g in range(goals):
        made = goal(plan, by=by, description=f"Cel {g + 1}")
        for a in range(actions):
            action(made, by=by, what=f"Działanie {g + 1}.{a + 1}")
    return plan


def agreed_plan(family: Any, *, people: Any, on: date, **kwargs: Any) -> WorkPlan:
    """A draft with content, consulted with Edward and agreed with the family's members."""
    plan = draft_with_content(family, by=people.anna, drawn_up_on=on, **kwargs)
    services.record_consultation(
        plan=plan, social_worker=people.edward, on=on, form="spotkanie", by=people.anna
    )
    return services.agree(plan=plan, on=on, members=family.members.all(), by=people.anna)


def plan_in_force(family: Any, *, people: Any, on: date | None = None, **kwargs: Any) -> WorkPlan:
    """A plan in force since `on` (a consent from the same day is the legal basis)."""
    on = on or timezone.localdate() - timedelta(days=30)
    if not family.consents.exists():
        consent(family, by=people.anna, on=on)
    plan = agreed_plan(family, people=people, on=on, **kwargs)
    return services.put_in_force(plan=plan, on=on, by=people.anna)
