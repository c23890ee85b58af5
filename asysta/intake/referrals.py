"""The request for a family assistant (art. 11 UWR): its course, the head's decision, the queue.

One function per transition of domain.md §2.7; each checks the allowed "from" states (TRANSITIONS),
who is acting, runs in one transaction (auditlog records the change of `status`) and raises
ReferralError with a Polish message. Every decision except a refusal needs a legal basis in force
on the day of the decision (a consent, a court order, or a "Za życiem" application with consent).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.families.basis import current_basis
from asysta.families.models import Family
from asysta.families.services import update_family
from asysta.intake.models import Assignment, QueuePriority, Referral, ReferralSource
from asysta.intake.models import ReferralStatus as S
from asysta.intake.models.referral import OPEN_STATUSES

# The queue queries belong to this module's public API (referrals.queue, referrals.queue_offers).
from asysta.intake.referral_queries import Offer as Offer
from asysta.intake.referral_queries import queue as queue
from asysta.intake.referral_queries import queue_offers as queue_offers
from asysta.intake.referral_queries import suggestions as suggestions
from asysta.intake.services import AssignmentError, assign_assistant, record_first_contact


class ReferralError(Exception):
    """A refusal shown to the user as it is; `field` names the argument it is about, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# Allowed "from" states of each transition (the templates use it to offer the next steps).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "schedule": (S.REPORTED, S.INTERVIEW_SCHEDULED),
    "interview": (S.REPORTED, S.INTERVIEW_SCHEDULED),
    "renew_interview": (S.QUEUED,),
    "analysis": (S.INTERVIEW_DONE, S.ANALYSIS_DONE),
    "close": (S.ANALYSIS_DONE,),
    "file": (S.ANALYSIS_DONE,),
    "assign": (S.REQUEST_FILED,),
    "pass_on": (S.REQUEST_FILED, S.QUEUED),
    "queue": (S.REQUEST_FILED,),
    "refuse": (S.REQUEST_FILED, S.QUEUED),
    "assign_from_queue": (S.QUEUED,),
    "first_meeting": (S.ASSIGNED,),
}


def can(referral: Referral, step: str) -> bool:
    """Whether `step` is allowed from the referral's current state (need found or not aside)."""
    if referral.status not in TRANSITIONS[step]:
        return False
    if step == "close":
        return referral.need_found is False
    if step == "file":
        return referral.need_found is True
    return True


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _lock(referral: Referral, step: str) -> None:
    """Lock the row, re-read its state and refuse a step not allowed from it."""
    fresh = Referral.objects.select_for_update().values("status", "need_found").get(pk=referral.pk)
    referral.status, referral.need_found = fresh["status"], fresh["need_found"]
    if referral.status not in TRANSITIONS[step]:
        raise ReferralError(
            _("Tego kroku nie można wykonać na obecnym etapie wniosku („%(s)s”).")
            % {"s": referral.get_status_display()}
        )


def _check_handler(family: Family, by: Any) -> None:
    """The family's social worker, or the head or coordinator of its centre."""
    actor = actor_for(by)
    if actor.centre_id == family.centre_id and (
        actor.writes_whole_centre
        or (actor.has(Role.SOCIAL_WORKER) and family.social_worker_id == by.pk)
    ):
        return
    raise ReferralError(
        _("Wniosek prowadzi pracownik socjalny rodziny albo kierownik lub koordynator ośrodka.")
    )


def _check_decider(referral: Referral, by: Any) -> None:
    actor = actor_for(by)
    if actor.centre_id != referral.centre_id or not actor.writes_whole_centre:
        raise ReferralError(_("Decyzję o wniosku podejmuje kierownik lub koordynator ośrodka."))


def _check_basis(family: Family, on: date) -> None:
    basis = current_basis(family, on)
    if not basis.valid:
        raise ReferralError(
            _(
                "Brak podstawy prawnej: %(d)s rodzina nie ma ani ważnej zgody, ani postanowienia "
                "sądu zobowiązującego do współpracy z asystentem. Najpierw zapisz zgodę rodziny "
                "lub postanowienie sądu."
            )
            % {"d": _d(on)}
        )


def _not_before(on: date, earlier: date | None, message: str) -> None:
    if earlier is not None and on < earlier:
        raise ReferralError(message % {"d": _d(earlier)}, field="on")


def _not_future(on: date) -> None:
    if on > timezone.localdate():
        raise ReferralError(_("Data nie może być z przyszłości."), field="on")


def _save(referral: Referral, *fields: str) -> Referral:
    referral.save(update_fields=["status", *fields])
    return referral


# --- the social worker's part -------------------------------------------------------------


@transaction.atomic
def create_referral(
    *,
    family: Family,
    source: str,
    reported_on: date,
    social_worker: Any,
    by: Any,
    source_detail: str = "",
) -> Referral:
    """Register how the family came (REPORTED). Refused when the family already has an
    assistant or a request in progress; links the social worker to a family without one."""
    _check_handler(family, by)
    if source not in ReferralSource.values:
        raise ReferralError(_("Wybierz, skąd pochodzi zgłoszenie."), field="source")
    if reported_on > timezone.localdate():
        raise ReferralError(_("Data zgłoszenia nie może być z przyszłości."), field="reported_on")
    _check_social_worker(family, social_worker)
    _check_no_open_case(family)
    if family.social_worker_id is None:
        update_family(family=family, by=by, social_worker=social_worker)
    data = {"source": source, "source_detail": source_detail, "reported_on": reported_on}
    return Referral.objects.create(
        centre_id=family.centre_id,
        family=family,
        social_worker=social_worker,
        created_by=by,
        **data,
    )


def _check_social_worker(family: Family, user: Any) -> None:
    if not user.memberships.filter(
        centre_id=family.centre_id, role=Role.SOCIAL_WORKER, is_active=True
    ).exists():
        raise ReferralError(_("Wskaż pracownika socjalnego tego ośrodka."), field="social_worker")


def _check_no_open_case(family: Family) -> None:
    """No assistant now and no request in progress (the family row is locked for the check;
    the database constraint `referral_one_open_per_family` backs it up)."""
    Family.objects.select_for_update().filter(pk=family.pk).first()
    if Assignment.objects.filter(family=family, ended_on__isnull=True).exists():
        raise ReferralError(
            _("Rodzina ma już przydzielonego asystenta — nowy wniosek nie jest potrzebny.")
        )
    if family.referrals.filter(status__in=OPEN_STATUSES).exists():
        raise ReferralError(
            _("Rodzina ma już wniosek w toku — kontynuuj go zamiast zakładać nowy.")
        )


@transaction.atomic
def schedule_interview(*, referral: Referral, on: date, by: Any) -> Referral:
    """Plan the community interview (REPORTED → INTERVIEW_SCHEDULED; may be re-planned)."""
    _check_handler(referral.family, by)
    _lock(referral, "schedule")
    _not_before(
        on, referral.reported_on, _("Wywiad nie może być wcześniej niż zgłoszenie (%(d)s).")
    )
    referral.interview_planned_on = on
    referral.status = S.INTERVIEW_SCHEDULED
    return _save(referral, "interview_planned_on")


@transaction.atomic
def record_interview(*, referral: Referral, on: date, by: Any) -> Referral:
    """The community interview took place on `on` (→ INTERVIEW_DONE)."""
    _check_handler(referral.family, by)
    _lock(referral, "interview")
    _not_before(
        on, referral.reported_on, _("Wywiad nie może być wcześniej niż zgłoszenie (%(d)s).")
    )
    _not_future(on)
    referral.interview_on = on
    referral.status = S.INTERVIEW_DONE
    return _save(referral, "interview_on")


@transaction.atomic
def renew_interview(*, referral: Referral, on: date, by: Any) -> Referral:
    """A new interview for a request waiting in the queue (it stays QUEUED, same priority)."""
    _check_handler(referral.family, by)
    _lock(referral, "renew_interview")
    _not_before(
        on, referral.interview_on, _("Nowy wywiad musi być późniejszy niż poprzedni (%(d)s).")
    )
    _not_future(on)
    referral.interview_on = on
    return _save(referral, "interview_on")


@transaction.atomic
def record_analysis(
    *, referral: Referral, sections: dict[str, str], need_found: bool, by: Any
) -> Referral:
    """The social worker's analysis of the family's situation (art. 11 ust. 2), in the centre's
    own sections, and its conclusion whether an assistant is needed (→ ANALYSIS_DONE)."""
    _check_handler(referral.family, by)
    _lock(referral, "analysis")
    known = [s["key"] for s in referral.centre.analysis_sections]
    unknown = sorted(set(sections) - set(known))
    if unknown:
        raise ReferralError(
            _("Nieznane części analizy: %(k)s.") % {"k": ", ".join(unknown)}, field="sections"
        )
    texts = {key: str(sections.get(key) or "").strip() for key in known}
    if not any(texts.values()):
        raise ReferralError(_("Uzupełnij co najmniej jedną część analizy."), field="sections")
    referral.analysis = texts
    referral.need_found = bool(need_found)
    referral.status = S.ANALYSIS_DONE
    return _save(referral, "analysis", "need_found")


@transaction.atomic
def close_no_need(*, referral: Referral, reason: str, by: Any, on: date | None = None) -> Referral:
    """The analysis found no need of an assistant: close with the reasoning (→ CLOSED_NO_NEED)."""
    _check_handler(referral.family, by)
    _lock(referral, "close")
    if referral.need_found is not False:
        raise ReferralError(
            _("Analiza wskazała potrzebę asystenta — złóż wniosek do kierownika zamiast zamykać.")
        )
    if not reason.strip():
        raise ReferralError(_("Podaj uzasadnienie."), field="reason")
    referral.decision_note = reason.strip()
    referral.decided_on = on or timezone.localdate()
    referral.decided_by = by
    referral.status = S.CLOSED_NO_NEED
    return _save(referral, "decision_note", "decided_on", "decided_by")


@transaction.atomic
def file_request(*, referral: Referral, by: Any, on: date) -> Referral:
    """File the request to the head (art. 11 ust. 3) after an analysis that found the need."""
    _check_handler(referral.family, by)
    _lock(referral, "file")
    if referral.need_found is not True:
        raise ReferralError(
            _("Wniosek można złożyć tylko, gdy analiza wskazała potrzebę asystenta.")
        )
    _not_before(
        on, referral.interview_on, _("Wniosek nie może być wcześniejszy niż wywiad (%(d)s).")
    )
    _not_future(on)
    referral.filed_on = on
    referral.status = S.REQUEST_FILED
    return _save(referral, "filed_on")


# --- the head's decision (art. 11 ust. 4) ----------------------------------------------------


def _start_decision(referral: Referral, step: str, by: Any, on: date, *, basis: bool) -> None:
    _check_decider(referral, by)
    _lock(referral, step)
    _not_before(on, referral.filed_on, _("Decyzja nie może być wcześniejsza niż wniosek (%(d)s)."))
    _not_future(on)
    if basis:
        _check_basis(referral.family, on)


def _decided(referral: Referral, status: str, by: Any, on: date, *fields: str) -> Referral:
    referral.status = status
    referral.decided_on = on
    referral.decided_by = by
    return _save(referral, "decided_on", "decided_by", *fields)


def _assign(referral: Referral, assistant: Any, by: Any, on: date) -> Assignment:
    if Assignment.objects.filter(family_id=referral.family_id, ended_on__isnull=True).exists():
        raise ReferralError(_("Rodzina ma już przydzielonego asystenta."))
    try:
        return assign_assistant(family=referral.family, assistant=assistant, by=by, started_on=on)
    except AssignmentError as exc:
        raise ReferralError(str(exc), field="assistant") from exc


@transaction.atomic
def decide_assign(*, referral: Referral, assistant: Any, by: Any, on: date) -> Referral:
    """The head assigns `assistant` from `on` (the statutory cap applies) → ASSIGNED."""
    _start_decision(referral, "assign", by, on, basis=True)
    referral.assignment = _assign(referral, assistant, by, on)
    return _decided(referral, S.ASSIGNED, by, on, "assignment")


@transaction.atomic
def decide_pass_on(*, referral: Referral, addressee: str, by: Any, on: date, note: str) -> Referral:
    """Ask the gmina unit or the contracted organisation to assign an assistant → PASSED_ON."""
    _start_decision(referral, "pass_on", by, on, basis=True)
    if not addressee.strip():
        raise ReferralError(_("Podaj, komu przekazano wniosek."), field="addressee")
    referral.passed_to = addressee.strip()
    referral.decision_note = note.strip()
    return _decided(referral, S.PASSED_ON, by, on, "passed_to", "decision_note")


@transaction.atomic
def decide_queue(
    *, referral: Referral, priority: int, by: Any, on: date, note: str = ""
) -> Referral:
    """No place free now: the request waits in the queue with a priority → QUEUED."""
    _start_decision(referral, "queue", by, on, basis=True)
    if priority not in QueuePriority.values:
        raise ReferralError(_("Wybierz pierwszeństwo w kolejce."), field="priority")
    referral.queue_priority = priority
    referral.queued_on = on
    referral.decision_note = note.strip()
    return _decided(referral, S.QUEUED, by, on, "queue_priority", "queued_on", "decision_note")


@transaction.atomic
def decide_refuse(*, referral: Referral, reason: str, by: Any, on: date) -> Referral:
    """The head refuses to assign an assistant, with the reason → REFUSED (no basis needed)."""
    _start_decision(referral, "refuse", by, on, basis=False)
    if not reason.strip():
        raise ReferralError(_("Podaj powód odmowy."), field="reason")
    referral.decision_note = reason.strip()
    return _decided(referral, S.REFUSED, by, on, "decision_note")


@transaction.atomic
def assign_from_queue(*, referral: Referral, assistant: Any, by: Any, on: date) -> Referral:
    """Assign a queued request once a place is free, if its interview is still recent enough
    (the centre's `interview_valid_days`); otherwise a new interview is needed first."""
    _check_decider(referral, by)
    _lock(referral, "assign_from_queue")
    _not_before(
        on, referral.queued_on, _("Przydział nie może być wcześniejszy niż kolejka (%(d)s).")
    )
    _check_basis(referral.family, on)
    valid_days = referral.centre.interview_valid_days
    if referral.interview_on is None or (on - referral.interview_on).days > valid_days:
        raise ReferralError(
            _(
                "Wywiad środowiskowy z %(d)s jest starszy niż %(n)d dni — przed przydziałem "
                "pracownik socjalny musi przeprowadzić nowy wywiad."
            )
            % {"d": _d(referral.interview_on) if referral.interview_on else "—", "n": valid_days}
        )
    referral.assignment = _assign(referral, assistant, by, on)
    referral.status = S.ASSIGNED
    return _save(referral, "assignment")


@transaction.atomic
def record_first_meeting(*, referral: Referral, on: date, present: str, by: Any) -> Referral:
    """The first meeting of the assistant with the family, in the presence of the social
    worker, starts the active work (ASSIGNED → ACTIVE); it needs a basis in force."""
    assignment = referral.assignment
    actor = actor_for(by)
    allowed = actor.centre_id == referral.centre_id and (
        actor.writes_whole_centre
        or (assignment is not None and assignment.assistant_id == by.pk)
        or (actor.has(Role.SOCIAL_WORKER) and referral.family.social_worker_id == by.pk)
    )
    if not allowed:
        raise ReferralError(
            _("Pierwsze spotkanie zapisuje asystent rodziny, pracownik socjalny lub kierownik.")
        )
    _lock(referral, "first_meeting")
    assert assignment is not None  # an ASSIGNED request always has its assignment
    if not present.strip():
        raise ReferralError(_("Wpisz, kto był obecny."), field="present")
    try:
        record_first_contact(assignment=assignment, on=on, present=present, by=by)
    except AssignmentError as exc:
        raise ReferralError(str(exc), field="on") from exc
    _check_basis(referral.family, on)  # raising here undoes the meeting too (one transaction)
    referral.status = S.ACTIVE
    return _save(referral)
