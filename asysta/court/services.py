"""Court requests for an opinion, the opinion's course, and notices to the court.

One function per step; each runs in one transaction, is audited (auditlog records the change of
`status`), checks the allowed "from" state and raises ValidationError with Polish messages keyed
by the argument they are about. The UI, the API and commands call these functions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.court import drafting
from asysta.court.disclosure import SECTION_COURT_DISCLOSURE, log_disclosure
from asysta.court.models import (
    SECTION_KEYS,
    CourtNotice,
    Opinion,
    OpinionRequest,
    RequestStatus,
    SentHow,
)
from asysta.families.access import can_write
from asysta.families.models import Family

REQUEST_FIELDS = ("court", "file_number", "received_on", "due_on", "scope")
NOTICE_FIELDS = ("court", "file_number", "subject", "content", "sent_on", "sent_how")
OPINION_BASIS = "art. 15 ust. 1 pkt 17 ustawy o wspieraniu rodziny i systemie pieczy zastępczej"
NOTICE_BASIS = "art. 572 Kodeksu postępowania cywilnego (zawiadomienie sądu opiekuńczego)"

# Allowed "from" states of each step (the templates use it to offer the next steps).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "edit_request": (RequestStatus.RECEIVED, RequestStatus.DRAFTED),
    "draft": (RequestStatus.RECEIVED,),
    "edit_opinion": (RequestStatus.DRAFTED,),
    "approve": (RequestStatus.DRAFTED,),
    "send": (RequestStatus.APPROVED,),
}


def can(request: OpinionRequest, step: str) -> bool:
    return request.status in TRANSITIONS[step]


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _check_writer(family: Family, by: Any) -> None:
    if not can_write(by, family):
        raise ValidationError(
            _(
                "Zmiany w sprawach sądowych rodziny wprowadza jej asystent, koordynator "
                "lub kierownik."
            )
        )


def _lock(request: OpinionRequest, step: str) -> None:
    """Lock the row, re-read its state and refuse a step not allowed from it."""
    fresh = OpinionRequest.objects.select_for_update().values("status").get(pk=request.pk)
    request.status = fresh["status"]
    if not can(request, step):
        raise ValidationError(
            _("Tego kroku nie można wykonać na obecnym etapie („%(s)s”).")
            % {"s": request.get_status_display()}
        )


def _not_future(name: str, day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError({name: _("Data nie może być z przyszłości.")})


def _check_dates(received_on: date | None, due_on: date | None) -> None:
    if received_on is None or due_on is None:
        return  # full_clean reports the missing date
    _not_future("received_on", received_on)
    if due_on < received_on:
        raise ValidationError(
            {
                "due_on": _(
                    "Termin wyznaczony przez sąd (%(due)s) nie może być wcześniejszy niż data "
                    "wpływu wniosku (%(received)s)."
                )
                % {"due": _d(due_on), "received": _d(received_on)}
            }
        )


def _saved(instance: Any) -> Any:
    instance.full_clean(exclude=["centre", "family"])
    instance.save()
    return instance


@transaction.atomic
def register_request(*, family: Family, by: Any, **fields: Any) -> OpinionRequest:
    """Record a court's request for an opinion on the family (art. 15 ust. 1 pkt 17): the
    court, the file number, the date received and the deadline the court set."""
    _check_writer(family, by)
    data = {k: v for k, v in fields.items() if k in REQUEST_FIELDS}
    _check_dates(data.get("received_on"), data.get("due_on"))
    return _saved(OpinionRequest(centre_id=family.centre_id, family=family, created_by=by, **data))


@transaction.atomic
def update_request(*, request: OpinionRequest, by: Any, **fields: Any) -> OpinionRequest:
    """Correct the request's data (before the opinion is approved)."""
    _check_writer(request.family, by)
    _lock(request, "edit_request")
    for name, value in fields.items():
        if name in REQUEST_FIELDS:
            setattr(request, name, value)
    _check_dates(request.received_on, request.due_on)
    return _saved(request)


@transaction.atomic
def draft_opinion(*, request: OpinionRequest, by: Any) -> Opinion:
    """Start the opinion with its sections pre-filled from the family's record, each statement
    keeping a link to its record (RECEIVED → DRAFTED)."""
    _check_writer(request.family, by)
    _lock(request, "draft")
    texts, sources = drafting.draft_sections(request.family, until=timezone.localdate())
    opinion = Opinion.objects.create(
        centre_id=request.centre_id, request=request, drafted_by=by, sources=sources, **texts
    )
    request.status = RequestStatus.DRAFTED
    request.save(update_fields=["status"])
    return opinion


@transaction.atomic
def update_opinion(*, opinion: Opinion, by: Any, **sections: str) -> Opinion:
    """The assistant's edits of the opinion's sections (while it is not approved)."""
    request = opinion.request
    _check_writer(request.family, by)
    _lock(request, "edit_opinion")
    for key in SECTION_KEYS:
        if key in sections:
            setattr(opinion, key, (sections[key] or "").strip())
    opinion.save()
    return opinion


@transaction.atomic
def approve_opinion(*, request: OpinionRequest, by: Any, on: date) -> OpinionRequest:
    """The head of the centre approves the opinion (DRAFTED → APPROVED)."""
    actor = actor_for(by)
    if actor.centre_id != request.centre_id or not actor.has(Role.HEAD):
        raise ValidationError(_("Opinię dla sądu zatwierdza kierownik ośrodka."))
    _lock(request, "approve")
    _not_future("on", on)
    if on < request.received_on:
        raise ValidationError(
            {
                "on": _("Data zatwierdzenia nie może być wcześniejsza niż wpływ wniosku (%(d)s).")
                % {"d": _d(request.received_on)}
            }
        )
    if not request.opinion.conclusions.strip():
        raise ValidationError(_("Uzupełnij wnioski opinii przed zatwierdzeniem."))
    request.approved_by, request.approved_on = by, on
    request.status = RequestStatus.APPROVED
    request.save(update_fields=["approved_by", "approved_on", "status"])
    return request


@transaction.atomic
def send_opinion(*, request: OpinionRequest, by: Any, on: date, how: str) -> OpinionRequest:
    """Record the dispatch of the approved opinion to the court (APPROVED → SENT); the
    disclosure to the court is logged."""
    _check_writer(request.family, by)
    _lock(request, "send")
    if how not in SentHow.values:
        raise ValidationError({"how": _("Wybierz sposób wysłania.")})
    _not_future("on", on)
    assert request.approved_on is not None  # an APPROVED request has its approval date
    if on < request.approved_on:
        raise ValidationError(
            {
                "on": _("Opinii nie można wysłać przed jej zatwierdzeniem (%(d)s).")
                % {"d": _d(request.approved_on)}
            }
        )
    request.sent_on, request.sent_how = on, how
    request.status = RequestStatus.SENT
    request.save(update_fields=["sent_on", "sent_how", "status"])
    log_disclosure(
        user=by,
        obj=request,
        section=SECTION_COURT_DISCLOSURE,
        recipient=f"{request.court}, {request.file_number}",
        legal_basis=OPINION_BASIS,
    )
    return request


@transaction.atomic
def send_notice(*, family: Family, by: Any, **fields: Any) -> CourtNotice:
    """Record a notice sent to the court on the centre's initiative (e.g. a court-obliged
    family stops cooperating); the disclosure to the court is logged."""
    _check_writer(family, by)
    data = {k: v for k, v in fields.items() if k in NOTICE_FIELDS}
    if data.get("sent_on"):
        _not_future("sent_on", data["sent_on"])
    notice = _saved(CourtNotice(centre_id=family.centre_id, family=family, sent_by=by, **data))
    log_disclosure(
        user=by,
        obj=notice,
        section=SECTION_COURT_DISCLOSURE,
        recipient=f"{notice.court}, {notice.file_number}".rstrip(", "),
        legal_basis=NOTICE_BASIS,
    )
    return notice
