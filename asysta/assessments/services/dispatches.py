"""Passing the assessment on beyond the head: the PCPR rule and the dispatch record.

Whether the family assessment must also go to the foster-care organiser (PCPR) when a child of
the family is in foster care is not settled in the statute (domain.md §4.9): it is a centre rule,
`Centre.assessment_to_pcpr`, off unless the centre turns it on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asysta.assessments.models import Dispatch, DispatchWay, PeriodicAssessment
from asysta.assessments.services._common import not_future, require_writer
from asysta.core.models import Centre
from asysta.families.models import ChildPlacement

# Used when the centre has no such setting.
ASSESSMENT_TO_PCPR_DEFAULT = False


def routes_to_pcpr(centre: Centre) -> bool:
    """Whether the centre sends assessments of families with a child in foster care to the PCPR."""
    return bool(getattr(centre, "assessment_to_pcpr", ASSESSMENT_TO_PCPR_DEFAULT))


def pcpr_recipients(assessment: PeriodicAssessment, on: date) -> list[str]:
    """The foster-care organisers of the family's children in care on `on` (one per PCPR)."""
    placements = ChildPlacement.objects.filter(family_id=assessment.family_id, since__lte=on)
    names: list[str] = []
    for placement in placements.exclude(until__lt=on).select_related("child"):
        name = placement.pcpr.strip() or _("organizator pieczy zastępczej (%(c)s)") % {
            "c": placement.child
        }
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def prepare_dispatches(assessment: PeriodicAssessment, *, on: date, by: Any) -> list[Dispatch]:
    """Dispatches waiting to be sent, as the centre's rule asks (none when the rule is off)."""
    if not routes_to_pcpr(assessment.family.centre):
        return []
    return [
        Dispatch.objects.create(
            centre_id=assessment.centre_id,
            assessment=assessment,
            recipient=name,
            recorded_by=by,
        )
        for name in pcpr_recipients(assessment, on)
    ]


@transaction.atomic
def record_dispatch(
    *, assessment: PeriodicAssessment, by: Any, recipient: str, sent_on: date, way: str
) -> Dispatch:
    """Record that the assessment was sent to `recipient` on `sent_on`. A dispatch prepared by
    the centre's rule for the same recipient is completed instead of adding a second one."""
    require_writer(assessment.family, by)
    if assessment.is_draft:
        raise ValidationError(_("Robocza ocena nie jest jeszcze przekazywana dalej."))
    recipient = recipient.strip()
    if not recipient:
        raise ValidationError({"recipient": _("Podaj adresata.")})
    if way not in DispatchWay.values:
        raise ValidationError({"way": _("Wybierz sposób przekazania.")})
    not_future(sent_on, "sent_on")
    if assessment.submitted_on and sent_on < assessment.submitted_on:
        raise ValidationError({"sent_on": _("Ocenę wysyła się po przekazaniu jej kierownikowi.")})
    pending = next(
        (
            d
            for d in assessment.dispatches.filter(sent_on__isnull=True)
            if d.recipient.casefold() == recipient.casefold()
        ),
        None,
    )
    if pending is None:
        return Dispatch.objects.create(
            centre_id=assessment.centre_id,
            assessment=assessment,
            recipient=recipient,
            sent_on=sent_on,
            way=way,
            recorded_by=by,
        )
    pending.sent_on, pending.way, pending.recorded_by = sent_on, way, by
    pending.save(update_fields=["sent_on", "way", "recorded_by"])
    return pending


def pending_dispatches(assessment: PeriodicAssessment) -> list[Dispatch]:
    return [d for d in assessment.dispatches.all() if d.sent_on is None]
