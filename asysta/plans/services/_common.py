"""Shared pieces of the plan services: the domain error, the allowed "from" states, checks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.families.access import can_write
from asysta.families.models import Family
from asysta.plans.models import PlanStatus as S
from asysta.plans.models import WorkPlan

# The centre setting `Centre.plan_approval_required`; this default covers a centre object
# without the field (e.g. a bare stand-in in a test or an import).
APPROVAL_REQUIRED_DEFAULT = False


class PlanError(Exception):
    """A refusal shown to the user as it is; `field` names the argument it is about, if any.
    `problems` lists every reason when several checks failed at once (putting a plan in force)."""

    def __init__(
        self, message: str, *, field: str | None = None, problems: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = problems or [message]


# Allowed "from" states of each step (the templates use them to offer the next steps).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "edit": (S.DRAFT, S.AGREED),
    "content": (S.DRAFT,),
    "progress": (S.IN_FORCE,),
    "consult": (S.DRAFT, S.AGREED),
    "agree": (S.DRAFT,),
    "reopen": (S.AGREED,),
    "approve": (S.AGREED,),
    "in_force": (S.AGREED,),
    "new_version": (S.IN_FORCE, S.SUPERSEDED, S.CLOSED),
    "discard": (S.DRAFT, S.AGREED),
    "close": (S.IN_FORCE,),
    "review": (S.IN_FORCE,),
}


def approval_required(centre: Any) -> bool:
    """Whether the centre wants the coordinator or head to approve a plan before it is in force."""
    return bool(getattr(centre, "plan_approval_required", APPROVAL_REQUIRED_DEFAULT))


def can(plan: WorkPlan, step: str) -> bool:
    """Whether `step` is allowed from the plan's current status."""
    if step == "approve" and not approval_required(plan.centre):
        return False
    return plan.status in TRANSITIONS[step]


def d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def lock(plan: WorkPlan, step: str) -> None:
    """Lock the row, re-read its status and refuse a step not allowed from it."""
    plan.status = (
        WorkPlan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    )
    if plan.status not in TRANSITIONS[step]:
        raise PlanError(
            _("Tego kroku nie można wykonać, gdy plan ma status „%(s)s”.")
            % {"s": plan.get_status_display()}
        )


def check_writer(family: Family, by: Any) -> None:
    """The family's assistant, or the coordinator or head of its centre."""
    if not can_write(by, family):
        raise PlanError(_("Plan prowadzi asystent rodziny albo koordynator lub kierownik ośrodka."))


def check_manager(centre_id: int, by: Any) -> None:
    actor = actor_for(by)
    if actor.centre_id != centre_id or not actor.writes_whole_centre:
        raise PlanError(_("Plan zatwierdza koordynator lub kierownik ośrodka."))


def not_future(on: date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise PlanError(_("Data nie może być z przyszłości."), field=field)


def saved(instance: Any, *, exclude: tuple[str, ...] = ("centre",)) -> Any:
    """Validate the row (field errors keyed by field name) and save it."""
    instance.full_clean(exclude=list(exclude))
    instance.save()
    return instance
