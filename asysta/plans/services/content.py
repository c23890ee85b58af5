"""The plan's content: the draft itself, its goals and actions, and progress while in force.

Goals and actions change only in a draft; once the plan is in force only the state of an action
and its note change (`report_action_progress`, used by the visit notes too). Each change runs in
one transaction and is audited by django-auditlog.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.families.models import Family
from asysta.plans.models import Action, ActionStatus, Goal, PlanStatus, WorkPlan
from asysta.plans.services._common import PlanError, check_writer, lock, saved

PLAN_FIELDS = (
    "drawn_up_on",
    "diagnosis_summary",
    "resources",
    "risks",
    "notes",
    "foster_coordinator",
    "care_plan_child",
    "care_plan_pcpr",
    "care_plan_date",
)
GOAL_FIELDS = ("area", "description", "is_main", "order")
ACTION_FIELDS = (
    "what",
    "responsible_kind",
    "responsible_member",
    "responsible_name",
    "deadline",
    "expected_effect",
    "indicator",
    "status",
    "progress_note",
    "order",
)
PROGRESS_FIELDS = ("status", "progress_note")


def _pick(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k in allowed}


def _check_care_plan_child(plan: WorkPlan) -> None:
    child = plan.care_plan_child
    if child is not None and child.family_id != plan.family_id:
        raise ValidationError({"care_plan_child": _("To dziecko nie należy do tej rodziny.")})


def open_plan(family: Family) -> WorkPlan | None:
    """The version being prepared (draft or agreed), if any."""
    return family.workplans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.AGREED]).first()


def _refuse_second_open(family: Family) -> None:
    current = open_plan(family)
    if current is not None:
        raise PlanError(
            _("Rodzina ma już plan w przygotowaniu (wersja %(v)s). Dokończ go albo odrzuć.")
            % {"v": current.version}
        )


def next_version(family: Family) -> int:
    return (family.workplans.aggregate(v=Max("version"))["v"] or 0) + 1


@transaction.atomic
def create_draft(*, family: Family, by: Any, **fields: Any) -> WorkPlan:
    """Start the family's first plan (or a fresh one after a closed plan) as a draft.

    A family whose plan is in force gets its next version through `new_version` (a copy).
    The social worker to consult defaults to the family's social worker.
    """
    check_writer(family, by)
    Family.objects.select_for_update().filter(pk=family.pk).first()
    _refuse_second_open(family)
    if family.workplans.filter(status=PlanStatus.IN_FORCE).exists():
        raise PlanError(
            _("Rodzina ma obowiązujący plan. Zmiany wprowadź w nowej wersji planu (kopii).")
        )
    data = _pick(fields, PLAN_FIELDS)
    data.setdefault("drawn_up_on", timezone.localdate())
    plan = WorkPlan(
        centre_id=family.centre_id,
        family=family,
        version=next_version(family),
        social_worker_id=family.social_worker_id,
        created_by=by,
        **data,
    )
    _check_care_plan_child(plan)
    return saved(plan, exclude=("centre", "family", "created_by"))


@transaction.atomic
def update_plan(*, plan: WorkPlan, by: Any, **fields: Any) -> WorkPlan:
    """Change the plan's header (diagnosis, resources, risks, foster-care coordination, notes)."""
    check_writer(plan.family, by)
    lock(plan, "edit")
    for name, value in _pick(fields, PLAN_FIELDS).items():
        setattr(plan, name, value)
    _check_care_plan_child(plan)
    return saved(plan, exclude=("centre", "family", "created_by"))


# --- goals ----------------------------------------------------------------------------------


@transaction.atomic
def add_goal(*, plan: WorkPlan, by: Any, **fields: Any) -> Goal:
    """Add a goal to a draft plan (at the end unless `order` is given)."""
    check_writer(plan.family, by)
    lock(plan, "content")
    data = _pick(fields, GOAL_FIELDS)
    if data.get("order") is None:
        data["order"] = (plan.goals.aggregate(o=Max("order"))["o"] or 0) + 1
    return saved(Goal(centre_id=plan.centre_id, plan=plan, **data), exclude=("centre", "plan"))


@transaction.atomic
def update_goal(*, goal: Goal, by: Any, **fields: Any) -> Goal:
    check_writer(goal.plan.family, by)
    lock(goal.plan, "content")
    for name, value in _pick(fields, GOAL_FIELDS).items():
        if value is not None or name != "order":
            setattr(goal, name, value)
    return saved(goal, exclude=("centre", "plan"))


@transaction.atomic
def remove_goal(*, goal: Goal, by: Any) -> None:
    """Delete a goal of a draft with its actions (each deletion is audited)."""
    check_writer(goal.plan.family, by)
    lock(goal.plan, "content")
    goal.delete()


# --- actions --------------------------------------------------------------------------------


@transaction.atomic
def add_action(*, goal: Goal, by: Any, **fields: Any) -> Action:
    """Add an action to a goal of a draft. Who does it, by when and the expected effect are
    required (art. 15 ust. 3); errors come back keyed by field."""
    check_writer(goal.plan.family, by)
    lock(goal.plan, "content")
    data = _pick(fields, ACTION_FIELDS)
    if data.get("order") is None:
        data["order"] = (goal.actions.aggregate(o=Max("order"))["o"] or 0) + 1
    if not data.get("status"):
        data.pop("status", None)
    return saved(Action(centre_id=goal.centre_id, goal=goal, **data), exclude=("centre", "goal"))


def _changed(action: Action, fields: dict[str, Any]) -> set[str]:
    """Names of `fields` whose value differs from the stored row (the instance may already
    carry the new values, e.g. after a model form's validation)."""
    names = [n for n in fields if n in ACTION_FIELDS]
    stored = Action.objects.filter(pk=action.pk).values(*names).get()

    def plain(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    return {n for n in names if plain(fields[n]) != stored[n]}


@transaction.atomic
def update_action(*, action: Action, by: Any, **fields: Any) -> Action:
    """Change an action. In a draft every field may change; in a plan in force only the state of
    the action and its note (the agreed content stays as agreed)."""
    plan = action.goal.plan
    check_writer(plan.family, by)
    if plan.status == PlanStatus.IN_FORCE:
        lock(plan, "progress")
        if _changed(action, fields) - set(PROGRESS_FIELDS):
            raise PlanError(
                _(
                    "W obowiązującym planie można zmienić tylko stan realizacji działania. "
                    "Inne zmiany wprowadź w nowej wersji planu."
                )
            )
    else:
        lock(plan, "content")
    for name, value in _pick(fields, ACTION_FIELDS).items():
        if value is not None or name != "order":
            setattr(action, name, value)
    return saved(action, exclude=("centre", "goal"))


@transaction.atomic
def remove_action(*, action: Action, by: Any) -> None:
    check_writer(action.goal.plan.family, by)
    lock(action.goal.plan, "content")
    action.delete()


@transaction.atomic
def report_action_progress(*, action: Action, status: str, note: str = "", by: Any) -> Action:
    """Record how an action of the plan in force is going (from the plan page or a visit note).

    `status` is an `ActionStatus` value; a non-empty `note` replaces the action's progress note
    (the contact that reported it keeps its own record).
    """
    plan = action.goal.plan
    check_writer(plan.family, by)
    lock(plan, "progress")
    if status not in ActionStatus.values:
        raise PlanError(_("Nieznany stan realizacji działania."), field="status")
    action.status = status
    if note.strip():
        action.progress_note = note.strip()
    action.save(update_fields=["status", "progress_note", "updated_at"])
    return action
