"""Assigning family assistants, with the statutory caseload cap."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from asysta.accounts.models import Membership, Role, User
from asysta.accounts.roles import actor_for
from asysta.core.models import Centre, SoftCapRule
from asysta.families.models import Family
from asysta.intake.models import Assignment, EndReason


class AssignmentError(Exception):
    """A domain refusal; the message is Polish and shown to the user as it is."""


class CaseloadExceeded(AssignmentError):
    pass


@dataclass(frozen=True)
class Capacity:
    assistant: User
    fte: Decimal
    open_families: int
    hard_cap: int
    soft_cap: int | None

    @property
    def free(self) -> int:
        return max(self.hard_cap - self.open_families, 0)

    @property
    def over_soft_cap(self) -> bool:
        return self.soft_cap is not None and self.open_families > self.soft_cap


def soft_cap_for(centre: Centre, fte: Decimal) -> int | None:
    """The centre's own (warning-only) limit for an assistant with `fte`."""
    if centre.soft_cap_rule == SoftCapRule.FTE:
        return min(math.ceil(settings.CASELOAD_HARD_CAP * fte), settings.CASELOAD_HARD_CAP)
    return None


def assistants_of(centre: Centre) -> QuerySet[Membership]:
    return Membership.objects.filter(centre=centre, role=Role.ASSISTANT, is_active=True)


def capacity_table(centre: Centre) -> list[Capacity]:
    """Each active assistant of the centre with their open families, in one query."""
    rows = (
        assistants_of(centre)
        .select_related("user")
        .annotate(
            open_families=Count(
                "user__assignments",
                filter=Q(
                    user__assignments__ended_on__isnull=True, user__assignments__centre=centre
                ),
            )
        )
        .order_by("user__last_name", "user__first_name")
    )
    return [
        Capacity(
            assistant=row.user,
            fte=row.fte,
            open_families=row.open_families,
            hard_cap=settings.CASELOAD_HARD_CAP,
            soft_cap=soft_cap_for(centre, row.fte),
        )
        for row in rows
    ]


def families_phrase(count: int) -> str:
    """'1 rodzinę', '3 rodziny', '15 rodzin' — the three Polish plural forms."""
    return ngettext("%(n)d rodzinę", "%(n)d rodzin", count) % {"n": count}


@transaction.atomic
def assign_assistant(
    *,
    family: Family,
    assistant: User,
    by: Any,
    started_on: date | None = None,
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
    if previous is not None and previous.assistant_id == assistant.pk:
        raise AssignmentError(_("%(u)s jest już asystentem tej rodziny.") % {"u": assistant})
    open_count = Assignment.objects.filter(assistant=assistant, ended_on__isnull=True).count()
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
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise AssignmentError(
            _("Rodzina ma już otwarty przydział asystenta. Odśwież stronę i spróbuj ponownie.")
        ) from exc


def soft_cap_warning(*, centre: Centre, assistant: User) -> str | None:
    """A warning when the assistant is at or past the centre's own limit (never a refusal)."""
    membership = assistants_of(centre).filter(user=assistant).first()
    if membership is None:
        return None
    soft = soft_cap_for(centre, membership.fte)
    count = Assignment.objects.filter(assistant=assistant, ended_on__isnull=True).count()
    if soft is not None and count > soft:
        return _(
            "Uwaga: %(u)s (etat %(fte)s) prowadzi %(count)s — więcej niż limit ośrodka (%(soft)d)."
        ) % {
            "u": assistant,
            "fte": number_format(membership.fte, 2),
            "count": families_phrase(count),
            "soft": soft,
        }
    return None
