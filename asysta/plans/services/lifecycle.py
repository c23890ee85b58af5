"""The plan's course: consultation, agreement with the family, approval, entry into force,
new versions, closing.

One function per step; each checks the allowed "from" states (`_common.TRANSITIONS`) and who is
acting, runs in one transaction (auditlog records the change of `status`) and raises PlanError
with a Polish message.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Membership, Role
from asysta.families.basis import current_basis
from asysta.families.models import ChildPlacement, Family, Member
from asysta.plans.models import Action, Goal, PlanStatus, WorkPlan
from asysta.plans.services._common import (
    PlanError,
    approval_required,
    check_manager,
    check_writer,
    d,
    lock,
    not_future,
)
from asysta.plans.services.content import next_version, open_plan

# Fields a new version takes over from the one it is based on (the consultation is redone).
COPIED_FIELDS = (
    "diagnosis_summary",
    "resources",
    "risks",
    "notes",
    "foster_coordinator",
    "care_plan_child_id",
    "care_plan_pcpr",
    "care_plan_date",
)
COPIED_GOAL_FIELDS = ("area", "description", "is_main", "order")
COPIED_ACTION_FIELDS = (
    "what",
    "responsible_kind",
    "responsible_member_id",
    "responsible_name",
    "deadline",
    "expected_effect",
    "indicator",
    "status",
    "progress_note",
    "order",
)


def one_year_after(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def placements_in_force(family: Family, on: date) -> QuerySet[ChildPlacement]:
    """Children of the family in foster care on `on` (same rule as `record.placement_in_force`)."""
    return (
        family.placements.filter(since__lte=on)
        .filter(Q(until__isnull=True) | Q(until__gte=on))
        .select_related("child")
    )


def _foster_problems(plan: WorkPlan, on: date) -> list[tuple[str, str]]:
    """Art. 15 ust. 1 pkt 2: with a child in foster care the plan is drawn up with the foster-care
    coordinator and coordinated with the child's care plan (plan pomocy dziecku)."""
    placed = list(placements_in_force(plan.family, on))
    if not placed:
        return []
    names = ", ".join(str(p.child) for p in placed)
    found: list[tuple[str, str]] = []
    if not plan.foster_coordinator.strip():
        found.append(
            (
                "foster_coordinator",
                _(
                    "Dziecko przebywa w pieczy zastępczej (%(c)s): wpisz koordynatora rodzinnej "
                    "pieczy zastępczej, z którym sporządzono plan (art. 15 ust. 1 pkt 2)."
                )
                % {"c": names},
            )
        )
    if plan.care_plan_child_id not in {p.child_id for p in placed}:
        found.append(
            ("care_plan_child", _("Wskaż dziecko w pieczy, którego plan pomocy dziecku powiązano."))
        )
    if not plan.care_plan_pcpr.strip() or plan.care_plan_date is None:
        found.append(
            (
                "care_plan_date",
                _("Podaj PCPR i datę planu pomocy dziecku, z którym plan uzgodniono."),
            )
        )
    return found


def _content_problems(plan: WorkPlan) -> list[tuple[str, str]]:
    counts = list(plan.goals.annotate(n=Count("actions")).values_list("n", flat=True))
    if not counts:
        return [("", _("Plan nie ma żadnego celu."))]
    if 0 in counts:
        return [("", _("Każdy cel musi mieć co najmniej jedno działanie."))]
    return []


def readiness(plan: WorkPlan, on: date | None = None) -> list[tuple[str, str]]:
    """What still stops the plan from entering into force on `on`: (field, message) pairs."""
    on = on or timezone.localdate()
    found = _content_problems(plan)
    if plan.consulted_on is None or plan.social_worker_id is None:
        found.append(
            (
                "consulted_on",
                _("Brak konsultacji z pracownikiem socjalnym (art. 15 ust. 1 pkt 1)."),
            )
        )
    found += _foster_problems(plan, on)
    if plan.status == PlanStatus.DRAFT:
        found.append(("agreed_on", _("Plan nie został jeszcze uzgodniony z rodziną.")))
    if approval_required(plan.centre) and plan.approved_on is None:
        found.append(("approved_on", _("Plan czeka na zatwierdzenie przez koordynatora.")))
    if not current_basis(plan.family, on).valid:
        found.append(
            (
                "",
                _(
                    "Brak podstawy prawnej na %(d)s: ani ważnej zgody rodziny, ani postanowienia "
                    "sądu."
                )
                % {"d": d(on)},
            )
        )
    return found


def _social_worker_of(centre_id: int, user: Any) -> bool:
    return Membership.objects.filter(
        user=user, centre_id=centre_id, role=Role.SOCIAL_WORKER, is_active=True
    ).exists()


@transaction.atomic
def record_consultation(
    *, plan: WorkPlan, social_worker: Any, on: date, form: str, by: Any
) -> WorkPlan:
    """Record that the plan was consulted with the social worker (art. 15 ust. 1 pkt 1)."""
    check_writer(plan.family, by)
    lock(plan, "consult")
    if social_worker is None or not _social_worker_of(plan.centre_id, social_worker):
        raise PlanError(_("Wybierz pracownika socjalnego tego ośrodka."), field="social_worker")
    not_future(on, "consulted_on")
    if not (form or "").strip():
        raise PlanError(_("Podaj formę konsultacji, np. spotkanie."), field="consultation_form")
    plan.social_worker, plan.consulted_on, plan.consultation_form = social_worker, on, form.strip()
    plan.save(update_fields=["social_worker", "consulted_on", "consultation_form"])
    return plan


@transaction.atomic
def agree(*, plan: WorkPlan, on: date, members: Iterable[Member], by: Any) -> WorkPlan:
    """The family agreed the plan: record the members who co-created it. Draft → agreed."""
    check_writer(plan.family, by)
    lock(plan, "agree")
    chosen = list(members)
    if not chosen:
        raise PlanError(
            _("Wskaż członków rodziny, którzy współtworzyli plan (art. 15 ust. 1 pkt 1)."),
            field="members",
        )
    if any(m.family_id != plan.family_id for m in chosen):
        raise PlanError(_("Wybrana osoba nie należy do tej rodziny."), field="members")
    not_future(on, "agreed_on")
    if on < plan.drawn_up_on:
        raise PlanError(
            _("Plan sporządzono %(d)s; nie mógł zostać uzgodniony wcześniej.")
            % {"d": d(plan.drawn_up_on)},
            field="agreed_on",
        )
    problems = _content_problems(plan)
    if problems:
        raise PlanError(problems[0][1])
    plan.status, plan.agreed_on = PlanStatus.AGREED, on
    plan.save(update_fields=["status", "agreed_on"])
    plan.participants.set(chosen)
    return plan


@transaction.atomic
def reopen(*, plan: WorkPlan, by: Any) -> WorkPlan:
    """Back to a draft to change the agreed content (the agreement and approval are cleared)."""
    check_writer(plan.family, by)
    lock(plan, "reopen")
    plan.status, plan.agreed_on, plan.approved_on, plan.approved_by = (
        PlanStatus.DRAFT,
        None,
        None,
        None,
    )
    plan.save(update_fields=["status", "agreed_on", "approved_on", "approved_by"])
    return plan


@transaction.atomic
def approve(*, plan: WorkPlan, by: Any, on: date | None = None) -> WorkPlan:
    """The coordinator or head approves an agreed plan (only where the centre requires it)."""
    check_manager(plan.centre_id, by)
    lock(plan, "approve")
    if not approval_required(plan.centre):
        raise PlanError(_("Ośrodek nie wymaga zatwierdzania planów."))
    on = on or timezone.localdate()
    not_future(on)
    plan.approved_on, plan.approved_by = on, by
    plan.save(update_fields=["approved_on", "approved_by"])
    return plan


@transaction.atomic
def put_in_force(*, plan: WorkPlan, on: date, by: Any) -> WorkPlan:
    """The agreed plan takes effect on `on`; the version in force until then is superseded.

    Refused (with every reason) unless: each goal has an action, the social worker was
    consulted, with a child in foster care the coordinator and the child's care plan are named,
    the plan is approved where the centre requires it, and a legal basis is in force on `on`.
    """
    check_writer(plan.family, by)
    lock(plan, "in_force")
    not_future(on)
    if plan.agreed_on and on < plan.agreed_on:
        raise PlanError(
            _("Plan uzgodniono %(d)s; nie może obowiązywać wcześniej.") % {"d": d(plan.agreed_on)},
            field="on",
        )
    problems = readiness(plan, on)
    if problems:
        messages = [m for _f, m in problems]
        raise PlanError(" ".join(messages), field=problems[0][0] or None, problems=messages)
    previous = plan.family.workplans.select_for_update().filter(status=PlanStatus.IN_FORCE).first()
    if previous is not None:
        if previous.starts_on and on < previous.starts_on:
            raise PlanError(
                _("Poprzednia wersja obowiązuje od %(d)s; nowa nie może zacząć się wcześniej.")
                % {"d": d(previous.starts_on)},
                field="on",
            )
        previous.status, previous.ended_on = PlanStatus.SUPERSEDED, on
        previous.save(update_fields=["status", "ended_on"])
    plan.status, plan.starts_on, plan.review_due_on = PlanStatus.IN_FORCE, on, one_year_after(on)
    plan.save(update_fields=["status", "starts_on", "review_due_on"])
    return plan


def _copy(source: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(source, name) for name in fields}


@transaction.atomic
def new_version(*, plan: WorkPlan, by: Any, drawn_up_on: date | None = None) -> WorkPlan:
    """A new draft version based on `plan`: a copy of its header, goals and actions.

    The consultation with the social worker, the agreement and the approval are not copied:
    the new version goes through them again.
    """
    family = plan.family
    check_writer(family, by)
    lock(plan, "new_version")
    Family.objects.select_for_update().filter(pk=family.pk).first()
    current = open_plan(family)
    if current is not None:
        raise PlanError(
            _("Rodzina ma już plan w przygotowaniu (wersja %(v)s).") % {"v": current.version}
        )
    draft = WorkPlan.objects.create(
        centre_id=plan.centre_id,
        family=family,
        version=next_version(family),
        drawn_up_on=drawn_up_on or timezone.localdate(),
        based_on=plan,
        social_worker_id=family.social_worker_id,
        created_by=by,
        **_copy(plan, COPIED_FIELDS),
    )
    for goal in plan.goals.prefetch_related("actions"):
        copy = Goal.objects.create(
            centre_id=goal.centre_id, plan=draft, **_copy(goal, COPIED_GOAL_FIELDS)
        )
        for action in goal.actions.all():
            Action.objects.create(
                centre_id=action.centre_id, goal=copy, **_copy(action, COPIED_ACTION_FIELDS)
            )
    return draft


@transaction.atomic
def discard_draft(*, plan: WorkPlan, by: Any) -> None:
    """Delete a version that never took effect (draft or agreed), with its goals and actions."""
    check_writer(plan.family, by)
    lock(plan, "discard")
    plan.delete()


@transaction.atomic
def close_plan(*, plan: WorkPlan, on: date, by: Any) -> WorkPlan:
    """The plan in force ends on `on` (the work with the family ends; used by the closure)."""
    check_writer(plan.family, by)
    lock(plan, "close")
    if plan.starts_on and on < plan.starts_on:
        raise PlanError(
            _("Plan obowiązuje od %(d)s; nie może zakończyć się wcześniej.")
            % {"d": d(plan.starts_on)},
            field="on",
        )
    plan.status, plan.ended_on = PlanStatus.CLOSED, on
    plan.save(update_fields=["status", "ended_on"])
    return plan


@transaction.atomic
def request_review(*, plan: WorkPlan, due_on: date, by: Any) -> WorkPlan:
    """Bring the review of the plan in force forward to `due_on` (e.g. an assessment asks for a
    change of the plan). A later date than the one already set changes nothing."""
    check_writer(plan.family, by)
    lock(plan, "review")
    if plan.starts_on and due_on <= plan.starts_on:
        raise PlanError(_("Termin przeglądu musi przypadać po wejściu planu w życie."))
    if plan.review_due_on is None or due_on < plan.review_due_on:
        plan.review_due_on = due_on
        plan.save(update_fields=["review_due_on"])
    return plan
