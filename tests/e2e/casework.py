"""Casework prepared through the real services for the browser journeys and the screenshots:
a plan in force (one goal, two actions) and a periodic assessment passed on to the head.

Not collected (the name does not match test_*.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.families.basis import current_basis
from asysta.families.models import Family
from asysta.intake.models import Assignment
from asysta.plans import services as plans
from asysta.plans.models import WorkPlan

GOAL = "Dzieci regularnie chodzą do szkoły i poradni."
ACTIONS = (
    "Wspólne ustalenie planu dnia dzieci z rodzicami.",
    "Towarzyszenie matce w zapisaniu syna do poradni.",
)


def families_of(assistant: Any) -> list[Family]:
    """The assistant's families fit for a plan: no child in foster care, oldest assignment first."""
    rows = (
        Assignment.objects.filter(assistant=assistant, ended_on__isnull=True)
        .select_related("family")
        .order_by("started_on", "pk")
    )
    return [a.family for a in rows if not a.family.placements.exists()]


def plan_start_for(family: Family, wanted: date) -> date | None:
    """`wanted`, or the first later day (until today) with a legal basis in force."""
    today = timezone.localdate()
    day = wanted
    while day <= today:
        if current_basis(family, day).valid:
            return day
        day += timedelta(days=7)
    return None


def plan_in_force(family: Family, *, assistant: Any, social_worker: Any, on: date) -> WorkPlan:
    """The family's plan in force since `on`: one goal, two actions, consulted and agreed."""
    plan = plans.create_draft(
        family=family,
        by=assistant,
        drawn_up_on=on,
        diagnosis="Rodzina potrzebuje wsparcia w organizacji dnia i opiece nad dziećmi.",
    )
    goal = plans.add_goal(plan=plan, by=assistant, area="childcare", description=GOAL)
    for n, what in enumerate(ACTIONS):
        plans.add_action(
            goal=goal,
            by=assistant,
            what=what,
            responsible_kind="assistant",
            deadline=timezone.localdate() + timedelta(days=30 * (n + 1)),
            expected_effect="Dzieci mają stały rytm dnia i opiekę poradni.",
            indicator="plan dnia na lodówce; zaświadczenie z poradni",
        )
    plans.record_consultation(
        plan=plan, social_worker=social_worker, on=on, form="spotkanie", by=assistant
    )
    plans.agree(plan=plan, on=on, members=family.members.all(), by=assistant)
    return plans.put_in_force(plan=plan, on=on, by=assistant)


def plan_for_one_of(assistant: Any, social_worker: Any, *, days_ago: int, exclude=()) -> WorkPlan:
    """A plan in force started about `days_ago` days ago for one of the assistant's families."""
    wanted = timezone.localdate() - timedelta(days=days_ago)
    for family in families_of(assistant):
        if family.pk in exclude:
            continue
        on = plan_start_for(family, wanted)
        if on is not None and on <= wanted + timedelta(days=14):
            return plan_in_force(family, assistant=assistant, social_worker=social_worker, on=on)
    raise AssertionError(f"no family of {assistant} has a legal basis {days_ago} days ago")


SCORES = {
    "childcare": {"score": 3, "comment": "Matka pilnuje pory posiłków; wieczorami bywa trudniej."},
    "household": {"score": 4, "comment": "Mieszkanie zadbane, rachunki płacone na czas."},
    "material": {"score": 2, "comment": "Zaległości czynszowe, wniosek o dodatek mieszkaniowy."},
    "health": {"score": 3, "comment": "Syn zapisany do poradni psychologicznej."},
    "safety": {"score": 4, "comment": ""},
}


def submitted_assessment(plan: WorkPlan, *, assistant: Any) -> Any:
    """A periodic assessment of the plan's period so far, passed on to the head today."""
    from asysta.assessments.services import create_assessment, submit_assessment

    today = timezone.localdate()
    assessment = create_assessment(
        family=plan.family,
        by=assistant,
        scores=SCORES,
        period_from=plan.starts_on,
        period_to=today - timedelta(days=1),
        made_on=today,
        changes="Rodzice ustalili stały plan dnia dzieci; syn chodzi do poradni.",
        cooperation="Rodzina współpracuje, dotrzymuje ustaleń.",
        institutions="Szkoła podstawowa, poradnia psychologiczno-pedagogiczna.",
        recommendation="continue",
        conclusions="Kontynuować pracę według obecnego planu.",
    )
    return submit_assessment(assessment=assessment, by=assistant, on=today)
