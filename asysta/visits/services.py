"""Recording contacts with the family, correcting them, and the child-safety alert.

Contacts record what really happened, so no legal-basis check applies: an unsuccessful visit to a
family that refuses to sign a consent is recorded too (domain.md §16, scenario 1). Each change
runs in one transaction and is audited by django-auditlog (the note text is masked there).
A saved contact is never deleted; it is edited (logged) or corrected with a correction note.
Choosing the NK-A action records the form on the family's Niebieska Karta in the same
transaction (`families.record.record_nka`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.families import record as family_record
from asysta.families.access import can_write
from asysta.families.models import BlueCard, Family, Member
from asysta.plans.models import Action, PlanStatus
from asysta.plans.services import PlanError, report_action_progress
from asysta.visits.models import Contact, ContactAction, Correction, SafetyAction, SafetyAlert

# Fields of a contact the services accept (members present are passed as `members_present`).
CONTACT_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "place",
    "place_note",
    "form",
    "others_present",
    "summary",
    "tasks_family",
    "tasks_assistant",
    "kilometres",
    "child_safety",
    "safety_actions",
    "safety_description",
)
# Not typed input: centre, family and author come from the arguments; `Contact.clean()` derives
# the duration from the times.
CLEAN_EXCLUDE = ["centre", "family", "assistant", "duration_minutes"]


class VisitsError(Exception):
    """A refusal shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def may_record(user: Any, family: Family) -> bool:
    """The family's assistant, or the coordinator or head of its centre."""
    return can_write(user, family)


def may_edit(user: Any, contact: Contact) -> bool:
    """The author of the note (while they still work with the family), the coordinator or head.

    Anyone else who works with the family adds a correction note instead.
    """
    if not can_write(user, contact.family):
        return False
    return contact.assistant_id == user.pk or actor_for(user).writes_whole_centre


def may_acknowledge(user: Any, alert: SafetyAlert) -> bool:
    actor = actor_for(user)
    return actor.centre_id == alert.centre_id and actor.writes_whole_centre


def _check_members(family: Family, members: Iterable[Member]) -> list[Member]:
    chosen = list(members)
    if any(m.family_id != family.pk for m in chosen):
        raise ValidationError({"members_present": _("Wybrane osoby muszą należeć do tej rodziny.")})
    return chosen


def _apply(contact: Contact, fields: dict[str, Any]) -> None:
    for name in CONTACT_FIELDS:
        if name in fields:
            value = fields[name]
            if name == "safety_actions":
                value = list(value or [])
            elif value is None and name in ("place_note", "others_present"):
                value = ""
            setattr(contact, name, value)


def _report_actions(
    contact: Contact, actions: Iterable[tuple[Action, str, str]], *, by: Any
) -> None:
    """Link the addressed plan actions to the contact and report their progress to the plan."""
    for action, status, note in actions:
        plan = action.goal.plan
        if plan.family_id != contact.family_id or plan.status != PlanStatus.IN_FORCE:
            raise VisitsError(_("Można zapisać postęp tylko działań obowiązującego planu rodziny."))
        ContactAction.objects.create(
            centre_id=contact.centre_id,
            contact=contact,
            action=action,
            status_after=status,
            progress_note=(note or "").strip(),
        )
        try:
            report_action_progress(action=action, status=status, note=note or "", by=by)
        except PlanError as exc:
            raise VisitsError(exc.message) from exc


@dataclass(frozen=True)
class NkaOnBlueCard:
    """What saving a contact with the NK-A action did to the family's Niebieska Karta."""

    card: BlueCard
    recorded: bool  # the contact's date is now the card's NK-A date
    started: bool = False  # the card was started by this contact


# Set on the contact by `record_contact` / `update_contact` for the page's success message.
_NKA_ATTR = "_nka_on_blue_card"


def nka_on_blue_card(contact: Contact) -> NkaOnBlueCard | None:
    """What the last save of `contact` did to the Niebieska Karta (None: nothing to do)."""
    return getattr(contact, _NKA_ATTR, None)


def _record_nka(contact: Contact, *, by: Any, had_nka: bool) -> None:
    """Choosing the NK-A action records the form on the family's Niebieska Karta: on the
    running procedure if it has no NK-A date yet (one already there is left alone), otherwise
    by starting a procedure on the contact's day. No note text goes to the card."""
    setattr(contact, _NKA_ATTR, None)  # a result of an earlier save of this instance is stale
    if SafetyAction.BLUE_CARD not in (contact.safety_actions or []) or had_nka:
        return
    family = contact.family
    # Serialise with other saves for this family (two NK-A contacts at once, a manual start).
    Family.objects.select_for_update().filter(pk=family.pk).first()
    card = family_record.active_blue_card(family)
    if card is not None and card.nka_filled_on is not None:
        result = NkaOnBlueCard(card=card, recorded=False)
    elif card is not None:
        if contact.date < card.started_on:
            message = _(
                "Procedura „Niebieskie Karty” trwa od %(date)s — formularz NK-A nie mógł być "
                "wypełniony wcześniej. Sprawdź datę kontaktu albo popraw datę wszczęcia procedury."
            )
            raise ValidationError({"safety_actions": message % {"date": _dmy(card.started_on)}})
        card = family_record.record_nka(blue_card=card, filled_on=contact.date, by=by)
        result = NkaOnBlueCard(card=card, recorded=True)
    elif (ended := family.blue_cards.filter(ended_on__gte=contact.date).first()) is not None:
        # The day falls in (or before) a procedure already ended: a new one started then would
        # overlap it, so nothing is recorded; the page says so.
        result = NkaOnBlueCard(card=ended, recorded=False)
    else:
        details = _(
            "Procedurę wszczęto formularzem NK-A wypełnionym przez asystenta rodziny podczas "
            "kontaktu z dnia %(date)s."
        ) % {"date": _dmy(contact.date)}
        card = family_record.record_nka(
            family=family, filled_on=contact.date, by=by, details=details
        )
        result = NkaOnBlueCard(card=card, recorded=True, started=True)
    setattr(contact, _NKA_ATTR, result)


def _dmy(on: date) -> str:
    return f"{on:%d.%m.%Y}"


@transaction.atomic
def record_contact(
    *,
    family: Family,
    by: Any,
    members_present: Iterable[Member] = (),
    actions: Iterable[tuple[Action, str, str]] = (),
    **fields: Any,
) -> Contact:
    """Record a contact with `family` made by `by`; raise a safety alert when it is flagged.

    `actions` are the plan actions addressed, as (action, status after, progress note): each is
    linked to the contact and reported to the plan (`plans.services.report_action_progress`).
    Refused (VisitsError) unless `by` is the family's assistant, its centre's coordinator or head;
    bad input (a future date, an end before the start, a flag without a description) raises a
    ValidationError keyed by field, and nothing is saved.
    """
    if not may_record(by, family):
        raise VisitsError(
            _("Kontakt zapisuje asystent rodziny albo koordynator lub kierownik ośrodka.")
        )
    members = _check_members(family, members_present)
    contact = Contact(centre_id=family.centre_id, family=family, assistant=by)
    _apply(contact, fields)
    contact.full_clean(exclude=CLEAN_EXCLUDE)
    contact.save()
    contact.members_present.set(members)
    _report_actions(contact, actions, by=by)
    if contact.child_safety:
        alert_safety(contact)
    _record_nka(contact, by=by, had_nka=False)
    return contact


@transaction.atomic
def update_contact(
    *, contact: Contact, by: Any, members_present: Iterable[Member] | None = None, **fields: Any
) -> Contact:
    """Change a saved note (auditlog keeps who changed which field and when).

    Only the author, the coordinator or the head may; flagging a threat to a child raises the
    alert if the contact has none yet.
    """
    if not may_edit(by, contact):
        raise VisitsError(
            _(
                "Notatkę zmienia jej autor albo koordynator lub kierownik. "
                "Możesz dodać korektę notatki."
            )
        )
    members = None if members_present is None else _check_members(contact.family, members_present)
    # The stored actions, not the instance's: a bound ModelForm has already changed those.
    stored = Contact.objects.filter(pk=contact.pk).values_list("safety_actions", flat=True)
    had_nka = SafetyAction.BLUE_CARD in (stored.first() or [])
    _apply(contact, fields)
    contact.full_clean(exclude=CLEAN_EXCLUDE)
    contact.save()
    if members is not None:
        contact.members_present.set(members)
    if contact.child_safety:
        alert_safety(contact)
    _record_nka(contact, by=by, had_nka=had_nka)
    return contact


@transaction.atomic
def add_correction(*, contact: Contact, by: Any, text: str) -> Correction:
    """Add a dated correction note to a saved contact and mark the contact as corrected."""
    if not may_record(by, contact.family):
        raise VisitsError(
            _("Korektę dodaje asystent rodziny albo koordynator lub kierownik ośrodka.")
        )
    if not (text or "").strip():
        raise ValidationError({"text": _("Wpisz treść korekty.")})
    correction = Correction.objects.create(
        centre_id=contact.centre_id, family_id=contact.family_id, contact=contact, by=by, text=text
    )
    if not contact.corrected:
        contact.corrected = True
        contact.save(update_fields=["corrected", "updated_at"])
    return correction


@transaction.atomic
def alert_safety(contact: Contact) -> SafetyAlert:
    """The alert about a possible threat to a child noted in `contact` (one per contact).

    It shows at once on the start page of the centre's coordinator and head until acknowledged.
    """
    alert, _created = SafetyAlert.objects.get_or_create(
        contact=contact, defaults={"centre_id": contact.centre_id, "family_id": contact.family_id}
    )
    return alert


@transaction.atomic
def acknowledge_alert(*, alert: SafetyAlert, by: Any) -> SafetyAlert:
    """The coordinator or head confirms they know of the threat noted in the contact."""
    if not may_acknowledge(by, alert):
        raise VisitsError(_("Alert potwierdza koordynator lub kierownik ośrodka."))
    fresh = SafetyAlert.objects.select_for_update().get(pk=alert.pk)
    if fresh.acknowledged_at is not None:
        raise VisitsError(_("Ten alert został już potwierdzony."))
    alert.acknowledged_by = by
    alert.acknowledged_at = timezone.now()
    alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
    return alert
