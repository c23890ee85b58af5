"""Team meetings on the family: the record of the meeting, its participants and its tasks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.assessments.models import (
    ExternalParticipant,
    MeetingDecision,
    MeetingKind,
    MeetingTask,
    TeamMeeting,
)
from asysta.assessments.services._common import dmy, not_future, only, require_writer, staff_of
from asysta.families.models import Family

MEETING_FIELDS = (
    "kind",
    "held_on",
    "family_attended",
    "assessment",
    "findings",
    "decision",
    "end_reason",
    "decision_note",
    "placement",
    "convened_by",
    "invited_on",
    "assistant_attended",
    "return_home_opinion",
)

# Fields that belong to the organiser's child-assessment meeting only, with their blank values.
CHILD_ASSESSMENT_FIELDS = {
    "placement": None,
    "convened_by": "",
    "invited_on": None,
    "assistant_attended": False,
    "return_home_opinion": "",
}

# (name, institution) of a person from outside the centre.
External = tuple[str, str]


def _clean_external(external: Iterable[External]) -> list[External]:
    rows = []
    for name, institution in external:
        name, institution = (name or "").strip(), (institution or "").strip()
        if not name and institution:
            raise ValidationError(
                _("Podaj imię i nazwisko uczestnika z: %(i)s.") % {"i": institution}
            )
        if name and (name, institution) not in rows:
            rows.append((name, institution))
    return rows


def _check_people(
    meeting: TeamMeeting, participants: Sequence[Any], members: Sequence[Any]
) -> None:
    staff = set(staff_of(meeting.family).values_list("pk", flat=True))
    if any(user.pk not in staff for user in participants):
        raise ValidationError(
            {"participants": _("Uczestnicy z ośrodka muszą być jego pracownikami.")}
        )
    if any(member.family_id != meeting.family_id for member in members):
        raise ValidationError({"members_present": _("Wybierz członków tej rodziny.")})
    if members and not meeting.family_attended:
        raise ValidationError(
            {
                "members_present": _(
                    "Zaznacz, że rodzina uczestniczyła, albo usuń obecnych członków."
                )
            }
        )


def kind_errors(meeting: TeamMeeting) -> dict[str, str]:
    """What the meeting's kind requires and it lacks, by field (the form shows them too).

    The centre's own meetings end with a decision. The organiser's child-assessment meeting
    names the placement of a child of this family and who convened it, and the invitation came
    before the meeting; the centre makes no decision there."""
    errors: dict[str, str] = {}
    if meeting.kind != MeetingKind.CHILD_ASSESSMENT:
        if not meeting.decision:
            errors["decision"] = _("Wybierz decyzję zespołu.")
        return errors
    placement, held = meeting.placement, meeting.held_on
    if placement is None:
        errors["placement"] = _("Wskaż dziecko w pieczy zastępczej, którego dotyczyło posiedzenie.")
    elif placement.family_id != meeting.family_id:
        errors["placement"] = _("Wybierz pobyt w pieczy dziecka z tej rodziny.")
    elif held and held < placement.since:
        errors["placement"] = _(
            "Posiedzenie odbyło się przed umieszczeniem dziecka w pieczy (%(d)s)."
        ) % {"d": dmy(placement.since)}
    if not (meeting.convened_by or "").strip():
        errors["convened_by"] = _("Podaj, kto zwołał posiedzenie (organizator pieczy, instytucja).")
    if meeting.invited_on and held and meeting.invited_on > held:
        errors["invited_on"] = _("Zaproszenie nie mogło przyjść po posiedzeniu (%(d)s).") % {
            "d": dmy(held)
        }
    return errors


def _check_kind(meeting: TeamMeeting) -> None:
    if meeting.kind != MeetingKind.CHILD_ASSESSMENT:
        # A meeting whose kind was changed keeps nothing of the organiser's meeting.
        for name, blank in CHILD_ASSESSMENT_FIELDS.items():
            setattr(meeting, name, blank)
    meeting.convened_by = (meeting.convened_by or "").strip()
    errors = kind_errors(meeting)
    if errors:
        raise ValidationError(errors)


def _check(meeting: TeamMeeting, participants: Sequence[Any], members: Sequence[Any]) -> None:
    not_future(meeting.held_on, "held_on")
    not_future(meeting.invited_on, "invited_on")
    _check_kind(meeting)
    if meeting.decision == MeetingDecision.END:
        if not meeting.end_reason:
            raise ValidationError({"end_reason": _("Decydując o zakończeniu pracy, podaj powód.")})
    else:
        meeting.end_reason = ""
    if meeting.assessment_id and meeting.assessment.family_id != meeting.family_id:  # type: ignore[union-attr]
        raise ValidationError({"assessment": _("Wybierz ocenę tej rodziny.")})
    _check_people(meeting, participants, members)
    meeting.full_clean(exclude=["centre", "family", "recorded_by", "assessment", "placement"])


def _save_external(meeting: TeamMeeting, rows: list[External]) -> None:
    existing = list(meeting.external_participants.all())
    kept = []
    for person in existing:
        if (person.name, person.institution) in rows:
            kept.append((person.name, person.institution))
        else:
            person.delete()
    for name, institution in rows:
        if (name, institution) not in kept:
            ExternalParticipant.objects.create(
                centre_id=meeting.centre_id, meeting=meeting, name=name, institution=institution
            )


@transaction.atomic
def create_meeting(
    *,
    family: Family,
    by: Any,
    participants: Sequence[Any] = (),
    members_present: Sequence[Any] = (),
    external: Iterable[External] = (),
    tasks: Iterable[dict[str, Any]] = (),
    **fields: Any,
) -> TeamMeeting:
    """Record a team meeting on the family: who took part (the centre's staff, people from
    other institutions, the family), the findings, the decision and its follow-up tasks.

    For the foster-care organiser's child-assessment meeting (kind CHILD_ASSESSMENT): the
    child's `placement`, who `convened_by`, when the invitation came (`invited_on`), whether
    the assistant took part, the minutes in `findings`; `decision` may stay blank."""
    require_writer(family, by)
    meeting = TeamMeeting(
        centre_id=family.centre_id, family=family, recorded_by=by, **only(fields, MEETING_FIELDS)
    )
    rows = _clean_external(external)
    _check(meeting, participants, members_present)
    meeting.save()
    meeting.participants.set(participants)
    meeting.members_present.set(members_present)
    _save_external(meeting, rows)
    for task in tasks:
        add_meeting_task(meeting=meeting, by=by, **task)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: TeamMeeting,
    by: Any,
    participants: Sequence[Any],
    members_present: Sequence[Any],
    external: Iterable[External],
    **fields: Any,
) -> TeamMeeting:
    """Correct the record of a meeting (its tasks are changed one by one)."""
    require_writer(meeting.family, by)
    for name, value in only(fields, MEETING_FIELDS).items():
        setattr(meeting, name, value)
    rows = _clean_external(external)
    _check(meeting, participants, members_present)
    meeting.save()
    meeting.participants.set(participants)
    meeting.members_present.set(members_present)
    _save_external(meeting, rows)
    return meeting


@transaction.atomic
def add_meeting_task(
    *,
    meeting: TeamMeeting,
    by: Any,
    what: str,
    due_on: date,
    owner_user: Any = None,
    owner_text: str = "",
) -> MeetingTask:
    """A follow-up task of the meeting: what, who (a staff member or a named person), by when."""
    require_writer(meeting.family, by)
    what, owner_text = what.strip(), owner_text.strip()
    if not what:
        raise ValidationError({"what": _("Opisz zadanie.")})
    if owner_user is None and not owner_text:
        raise ValidationError({"owner_text": _("Wskaż, kto odpowiada za zadanie.")})
    if owner_user is not None and not staff_of(meeting.family).filter(pk=owner_user.pk).exists():
        raise ValidationError({"owner_user": _("Wybierz pracownika ośrodka.")})
    if due_on < meeting.held_on:
        raise ValidationError(
            {
                "due_on": _("Termin nie może być przed spotkaniem (%(d)s).")
                % {"d": dmy(meeting.held_on)}
            }
        )
    return MeetingTask.objects.create(
        centre_id=meeting.centre_id,
        meeting=meeting,
        what=what,
        owner_user=owner_user,
        owner_text=owner_text,
        due_on=due_on,
    )


@transaction.atomic
def complete_meeting_task(*, task: MeetingTask, by: Any, on: date | None = None) -> MeetingTask:
    """Mark a follow-up task done on `on` (today by default)."""
    require_writer(task.meeting.family, by)
    if task.done_on is not None:
        raise ValidationError(_("To zadanie jest już oznaczone jako wykonane."))
    on = on or timezone.localdate()
    not_future(on, "done_on")
    if on < task.meeting.held_on:
        raise ValidationError({"done_on": _("Zadanie nie mogło być wykonane przed spotkaniem.")})
    task.done_on = on
    task.save(update_fields=["done_on"])
    return task
