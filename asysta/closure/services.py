"""Closing the work with a family, monitoring after it, and re-opening (domain.md §6).

Closing puts the assignment into the monitoring phase (the family leaves the assistant's
caseload cap but stays visible to the assistant) or, without monitoring, ends it; it closes the
work plan in force when the plans app is installed. The end of monitoring ends the assignment.
Re-opening starts a new request for an assistant (art. 11 again). Every function runs in one
transaction, is audited and raises ValidationError keyed by the argument it is about.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.closure import rules
from asysta.closure.models import Closure, MonitoringContact, MonitoringForm
from asysta.court.disclosure import SECTION_NEW_CENTRE_DISCLOSURE, log_disclosure
from asysta.court.record_casework import plan_in_force
from asysta.families.access import can_write
from asysta.families.basis import current_basis
from asysta.families.basis_views import handles_casework
from asysta.families.models import Family
from asysta.intake.models import Assignment, EndReason, Phase, Referral
from asysta.intake.referrals import ReferralError, create_referral
from asysta.intake.services import AssignmentError, end_assignment

CLOSURE_FIELDS = (
    "closed_on",
    "reason",
    "reason_other",
    "goals_achieved",
    "final_situation",
    "recommendations",
    "monitoring_until",
    "monitoring_frequency",
    "no_monitoring_reason",
    "court_position",
    "court_position_on",
    "new_centre",
    "new_centre_letter_on",
    "disclosure_basis",
)
# What a correction of the closing report may change (`update_closure_report`).
REPORT_FIELDS = ("goals_achieved", "final_situation", "recommendations")
MONITORING_FIELDS = ("monitoring_until", "monitoring_frequency")
FIXED_FIELDS = ("closed_on", "reason", "reason_other")


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _check_writer(family: Family, by: Any) -> None:
    if not can_write(by, family):
        raise ValidationError(
            _(
                "Zakończenie pracy i monitoring prowadzi asystent rodziny, koordynator "
                "lub kierownik."
            )
        )


def _active_assignment(family: Family) -> Assignment:
    """The family's open assignment in active work, locked; refused otherwise."""
    assignment = (
        Assignment.objects.select_for_update().filter(family=family, ended_on__isnull=True).first()
    )
    if assignment is None:
        raise ValidationError(_("Rodzina nie ma przydzielonego asystenta — nie ma czego zamykać."))
    if assignment.phase == Phase.MONITORING:
        raise ValidationError(_("Praca z rodziną jest już zakończona; trwa monitoring."))
    return assignment


def _end_open_assignment(family: Family, *, on: date, reason: str, by: Any) -> None:
    """End the family's open assignment (if any) on `on` with the closure's reason."""
    open_one = (
        Assignment.objects.select_for_update().filter(family=family, ended_on__isnull=True).first()
    )
    if open_one is None:
        return
    try:
        end_assignment(assignment=open_one, ended_on=on, reason=reason, by=by)
    except AssignmentError as exc:
        raise ValidationError({"on": str(exc)}) from exc


def _close_plan(family: Family, *, on: date, by: Any) -> None:
    """Close the work plan in force (only when the plans app is installed)."""
    if not apps.is_installed("asysta.plans"):
        return
    plan = plan_in_force(family)
    if plan is None:
        return
    plan_services = import_module("asysta.plans.services")
    try:
        plan_services.close_plan(plan=plan, on=on, by=by)
    except plan_services.PlanError as exc:
        raise ValidationError({"closed_on": exc.message}) from exc


@transaction.atomic
def close_case(*, family: Family, by: Any, **fields: Any) -> Closure:
    """Close the work with the family: reason, closing report and monitoring decision.

    Refused (nothing saved) when a rule of domain.md §6.2 is broken: e.g. a court-obliged
    family closed for lack of cooperation without the court's position, or a move away without
    the letter to the new centre. The letter's disclosure of data is logged.
    """
    _check_writer(family, by)
    assignment = _active_assignment(family)
    data = {k: v for k, v in fields.items() if k in CLOSURE_FIELDS}
    closure = Closure(
        centre_id=family.centre_id, family=family, assignment=assignment, closed_by=by, **data
    )
    closure.final_situation = rules.clean_areas(closure.final_situation)
    if closure.closed_on:
        closure.court_order = current_basis(family, closure.closed_on).court_order
    rules.check_closure(closure, assignment)
    closure.full_clean(exclude=["centre", "family"])
    closure.save()
    # The plan closes first: ending the assignment (no monitoring) takes the assistant's
    # right to write the family, and with it the right to close its plan.
    _close_plan(family, on=closure.closed_on, by=by)
    if closure.monitoring_until:
        assignment.phase = Phase.MONITORING
        assignment.save(update_fields=["phase"])
    else:
        _end_open_assignment(family, on=closure.closed_on, reason=closure.reason, by=by)
    if closure.reason == EndReason.MOVED_AWAY:
        log_disclosure(
            user=by,
            obj=closure,
            section=SECTION_NEW_CENTRE_DISCLOSURE,
            recipient=closure.new_centre,
            legal_basis=closure.disclosure_basis,
        )
    return closure


def _lock_monitoring(closure: Closure) -> None:
    fresh = Closure.objects.select_for_update().get(pk=closure.pk)
    closure.monitoring_ended_on, closure.reopened = fresh.monitoring_ended_on, fresh.reopened
    if not closure.in_monitoring:
        raise ValidationError(_("Monitoring tej rodziny nie trwa."))


def _check_day(closure: Closure, on: date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("Data nie może być z przyszłości.")})
    if on < closure.closed_on:
        raise ValidationError(
            {
                field: _("Data nie może być wcześniejsza niż zakończenie pracy (%(d)s).")
                % {"d": _d(closure.closed_on)}
            }
        )


@transaction.atomic
def add_monitoring_contact(
    *, closure: Closure, by: Any, contacted_on: date, form: str, note: str, concern: bool = False
) -> MonitoringContact:
    """Record a contact in the monitoring period (art. 15 ust. 1 pkt 16)."""
    _check_writer(closure.family, by)
    _lock_monitoring(closure)
    _check_day(closure, contacted_on, "contacted_on")
    if form not in MonitoringForm.values:
        raise ValidationError({"form": _("Wybierz formę kontaktu.")})
    contact = MonitoringContact(
        centre_id=closure.centre_id,
        family=closure.family,
        closure=closure,
        contacted_on=contacted_on,
        form=form,
        note=note.strip(),
        concern=concern,
        by=by,
    )
    contact.full_clean(exclude=["centre", "family", "closure"])
    contact.save()
    return contact


@transaction.atomic
def end_monitoring(*, closure: Closure, by: Any, on: date, summary: str = "") -> Closure:
    """End the monitoring on `on`: the assignment ends with the closure's reason."""
    _check_writer(closure.family, by)
    _lock_monitoring(closure)
    _check_day(closure, on)
    _end_open_assignment(closure.family, on=on, reason=closure.reason, by=by)
    closure.monitoring_ended_on, closure.monitoring_summary = on, summary.strip()
    closure.save(update_fields=["monitoring_ended_on", "monitoring_summary"])
    return closure


def correctable_fields(closure: Closure) -> tuple[str, ...]:
    """The fields a correction of `closure`'s report may change now: the report texts; while
    the monitoring runs also its end date and frequency; without monitoring its justification."""
    if closure.reopened:
        return ()
    if closure.in_monitoring:
        return REPORT_FIELDS + MONITORING_FIELDS
    if closure.monitoring_until is None:
        return (*REPORT_FIELDS, "no_monitoring_reason")
    return REPORT_FIELDS


def _why_not(closure: Closure, name: str) -> str:
    if name in FIXED_FIELDS:
        return _(
            "Daty i powodu zakończenia nie poprawia się — błędnie zakończoną pracę cofa się "
            "przez wznowienie (nowy wniosek)."
        )
    if name in MONITORING_FIELDS and closure.monitoring_ended_on:
        return _("Monitoring zakończył się %(d)s — jego terminów nie można już zmienić.") % {
            "d": _d(closure.monitoring_ended_on)
        }
    if name in MONITORING_FIELDS:
        return _("Pracę zakończono bez monitoringu — nie można go dodać przy poprawianiu oceny.")
    if name == "no_monitoring_reason":
        return _("Po tym zakończeniu jest monitoring — uzasadnienie jego braku nie dotyczy.")
    return _("Tego nie można poprawić razem z oceną końcową.")


def _normalised(name: str, value: Any) -> Any:
    if name == "final_situation":
        return rules.clean_areas(value)
    return value.strip() if isinstance(value, str) else value


@transaction.atomic
def update_closure_report(*, closure: Closure, by: Any, **fields: Any) -> Closure:
    """Correct the closing report (goals achieved, final situation per area, recommendations)
    and, while the monitoring runs, its end date and frequency.

    The date and reason of the closure stay as they are: a wrong closure is undone by
    re-opening. After the monitoring ended only the report texts may change (the head fixes a
    mistake in a document of the file; the monitoring itself is history); after re-opening
    nothing. The monitoring ends after the closure day and not before a contact already
    recorded in it. Refused as a whole, keyed by field; audited (texts masked)."""
    _check_writer(closure.family, by)
    fresh = Closure.objects.select_for_update().get(pk=closure.pk)
    if fresh.reopened:
        raise ValidationError(
            _("Praca z rodziną została wznowiona — ocena końcowa tego zakończenia pozostaje.")
        )
    data = {name: _normalised(name, value) for name, value in fields.items()}
    changed = {name: value for name, value in data.items() if value != getattr(fresh, name, None)}
    allowed = correctable_fields(fresh)
    refused = {name: _why_not(fresh, name) for name in changed if name not in allowed}
    if refused:
        raise ValidationError(refused)
    if not changed:
        return closure
    running = fresh.in_monitoring
    for name, value in changed.items():
        setattr(fresh, name, value)
    last_contact = None
    if running:
        last_contact = fresh.monitoring_contacts.aggregate(last=Max("contacted_on"))["last"]
    rules.check_report_correction(fresh, monitoring_editable=running, last_contact_on=last_contact)
    fresh.full_clean(exclude=["centre", "family"])
    fresh.save(update_fields=sorted(changed))
    for name, value in changed.items():
        setattr(closure, name, value)
    return closure


@transaction.atomic
def reopen_case(
    *,
    closure: Closure,
    by: Any,
    reported_on: date,
    source: str,
    social_worker: Any,
    source_detail: str = "",
) -> Referral:
    """Re-open the work with a closed family: a new request for an assistant goes through
    art. 11 again (interview, analysis, the head's decision). A running monitoring ends."""
    family = closure.family
    if not handles_casework(by, family):
        raise ValidationError(
            _(
                "Wznowienie (nowy wniosek) zakłada pracownik socjalny rodziny, koordynator "
                "lub kierownik."
            )
        )
    fresh = Closure.objects.select_for_update().get(pk=closure.pk)
    if fresh.reopened:
        raise ValidationError(_("Praca z tą rodziną została już wznowiona."))
    _check_day(closure, reported_on, "reported_on")
    if closure.in_monitoring:
        _end_open_assignment(family, on=reported_on, reason=closure.reason, by=by)
        closure.monitoring_ended_on = reported_on
    try:
        referral = create_referral(
            family=family,
            source=source,
            source_detail=source_detail,
            reported_on=reported_on,
            social_worker=social_worker,
            by=by,
        )
    except ReferralError as exc:
        raise ValidationError({exc.field or "reported_on": exc.message}) from exc
    closure.reopened, closure.reopened_on, closure.reopen_referral = True, reported_on, referral
    closure.save(
        update_fields=["reopened", "reopened_on", "reopen_referral", "monitoring_ended_on"]
    )
    return referral
