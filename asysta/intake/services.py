"""Assigning family assistants, with the statutory caseload cap."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Membership, Role, User
from asysta.accounts.roles import actor_for
from asysta.families.basis import current_basis
from asysta.families.models import Family
from asysta.intake.caseload import (  # noqa: F401 - the caseload queries, used with the services
    Capacity,
    assistants_of,
    capacity_table,
    counted_for,
    families_phrase,
    soft_cap_warning,
)
from asysta.intake.models import Assignment, EndReason


class AssignmentError(Exception):
    """A domain refusal; the message is Polish and shown to the user as it is."""


class CaseloadExceeded(AssignmentError):
    pass


@transaction.atomic
def assign_assistant(
    *,
    family: Family,
    assistant: User,
    by: Any,
    started_on: date | None = None,
    reason: str = "",
) -> Assignment:
    """Assign `assistant` to `family` from `started_on` (today by default).

    Checks that `by` manages the family's centre and that `assistant` is an active assistant
    there, enforces the statutory cap of 15 open families (art. 15 ust. 4), ends the family's
    previous assignment (reason: change of assistant) and creates the new one. Raises
    AssignmentError / CaseloadExceeded with a message for the user.
    """
    started_on = started_on or timezone.localdate()
    actor = actor_for(by)
    if actor.centre_id != family.centre_id or not actor.writes_whole_centre:
        raise AssignmentError(_("Tylko kierownik lub koordynator ośrodka przydziela asystenta."))
    membership = assistants_of(family.centre).filter(user=assistant).first()
    if membership is None:
        raise AssignmentError(
            _("%(u)s nie jest asystentem rodziny w tym ośrodku.") % {"u": assistant}
        )
    # Lock the assistant's row so two concurrent assignments cannot both pass the cap check.
    User.objects.select_for_update().filter(pk=assistant.pk).first()
    previous = (
        Assignment.objects.select_for_update().filter(family=family, ended_on__isnull=True).first()
    )
    if previous is None and not current_basis(family, started_on).valid:
        raise AssignmentError(
            _(
                "Brak podstawy prawnej: rodzina nie ma ważnej zgody ani postanowienia sądu "
                "na dzień %(d)s. Zapisz zgodę rodziny lub postanowienie sądu."
            )
            % {"d": started_on.strftime("%d.%m.%Y")}
        )
    if previous is not None and previous.assistant_id == assistant.pk:
        raise AssignmentError(_("%(u)s jest już asystentem tej rodziny.") % {"u": assistant})
    open_count = counted_for(assistant, family.centre).count()
    cap = settings.CASELOAD_HARD_CAP
    if open_count >= cap:
        raise CaseloadExceeded(
            _(
                "Nie można przydzielić rodziny: %(u)s prowadzi już %(count)s, a ustawowy limit "
                "to %(cap)d rodzin jednocześnie (art. 15 ust. 4 ustawy o wspieraniu rodziny)."
            )
            % {"u": assistant, "count": families_phrase(open_count), "cap": cap}
        )
    if previous is not None:
        if started_on < previous.started_on:
            raise AssignmentError(
                _(
                    "Data przydziału nie może być wcześniejsza niż początek obecnego przydziału "
                    "(%(d)s)."
                )
                % {"d": previous.started_on.strftime("%d.%m.%Y")}
            )
        previous.ended_on = started_on
        previous.end_reason = EndReason.REASSIGNED
        previous.save(update_fields=["ended_on", "end_reason"])
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                centre=family.centre,
                family=family,
                assistant=assistant,
                started_on=started_on,
                reason=reason,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise AssignmentError(
            _("Rodzina ma już otwarty przydział asystenta. Odśwież stronę i spróbuj ponownie.")
        ) from exc


@transaction.atomic
def end_assignment(*, assignment: Assignment, ended_on: date, reason: str, by: Any) -> Assignment:
    """End an open assignment on `ended_on` with a reason (EndReason); frees the place."""
    if assignment.ended_on is not None:
        raise AssignmentError(_("Ten przydział jest już zakończony."))
    if reason not in EndReason.values:
        raise AssignmentError(_("Nieznany powód zakończenia przydziału."))
    if ended_on < assignment.started_on:
        raise AssignmentError(
            _(
                "Data zakończenia (%(end)s) nie może być wcześniejsza niż początek "
                "przydziału (%(start)s)."
            )
            % {
                "end": ended_on.strftime("%d.%m.%Y"),
                "start": assignment.started_on.strftime("%d.%m.%Y"),
            }
        )
    assignment.ended_on = ended_on
    assignment.end_reason = reason
    assignment.save(update_fields=["ended_on", "end_reason"])
    return assignment


@transaction.atomic
def record_first_contact(*, assignment: Assignment, on: date, present: str, by: Any) -> Assignment:
    """The assistant's first meeting with the family (for a new case: in the presence of the
    social worker; after a hand-over: the "change of assistant" meeting)."""
    if on < assignment.started_on:
        raise AssignmentError(
            _("Pierwsze spotkanie nie może odbyć się przed przydziałem (%(d)s).")
            % {"d": assignment.started_on.strftime("%d.%m.%Y")}
        )
    if on > timezone.localdate():
        raise AssignmentError(_("Data spotkania nie może być w przyszłości."))
    assignment.first_contact_on = on
    assignment.first_contact_present = present.strip()
    assignment.save(update_fields=["first_contact_on", "first_contact_present"])
    return assignment


@transaction.atomic
def record_past_assignment(
    *, family: Family, assistant: User, started_on: date, ended_on: date, end_reason: str, by: Any
) -> Assignment:
    """Record cooperation that already ended (moving a centre's history in, e.g. by import).

    The statutory cap is about families at the same time, so it is not checked against today's
    caseload; the period must not overlap another assignment of the family.
    """
    actor = actor_for(by)
    if actor.centre_id != family.centre_id or not actor.writes_whole_centre:
        raise AssignmentError(_("Tylko kierownik lub koordynator ośrodka przydziela asystenta."))
    if not Membership.objects.filter(
        centre_id=family.centre_id, user=assistant, role=Role.ASSISTANT
    ).exists():
        raise AssignmentError(
            _("%(u)s nie jest asystentem rodziny w tym ośrodku.") % {"u": assistant}
        )
    if end_reason not in EndReason.values:
        raise AssignmentError(_("Nieznany powód zakończenia przydziału."))
    if ended_on < started_on or ended_on > timezone.localdate():
        raise AssignmentError(
            _(
                "Zakończona współpraca: data zakończenia musi być po dacie rozpoczęcia i nie "
                "później niż dziś."
            )
        )
    overlapping = family.assignments.filter(started_on__lte=ended_on).exclude(
        ended_on__lt=started_on
    )
    if overlapping.exists():
        raise AssignmentError(_("Ten okres nakłada się na inny przydział asystenta tej rodziny."))
    return Assignment.objects.create(
        centre_id=family.centre_id,
        family=family,
        assistant=assistant,
        started_on=started_on,
        ended_on=ended_on,
        end_reason=end_reason,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
