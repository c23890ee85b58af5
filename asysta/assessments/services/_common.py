"""Checks shared by the services of the app (who may write, dates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Membership, Role, User
from asysta.accounts.roles import actor_for
from asysta.families.access import can_write, is_assigned
from asysta.families.models import Family

# Roles of the centre's staff who may take part in a team meeting as the centre's people.
STAFF_ROLES = (Role.HEAD, Role.COORDINATOR, Role.ASSISTANT, Role.SOCIAL_WORKER)


def dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def require_writer(family: Family, by: Any) -> None:
    """The family's assistant, the head or the coordinator of its centre."""
    if not can_write(by, family):
        raise ValidationError(_("Nie możesz zmieniać dokumentacji tej rodziny."))


def is_assistant_of(family: Family, user: Any) -> bool:
    """Whether `user` is the family's assistant now (the open assignment)."""
    return (
        getattr(user, "pk", None) is not None
        and actor_for(user).has(Role.ASSISTANT)
        and is_assigned(user, family)
    )


def require_assistant(family: Family, by: Any) -> None:
    if not is_assistant_of(family, by):
        raise ValidationError(
            _("Ocenę okresową sporządza i przekazuje asystent rodziny prowadzący tę rodzinę.")
        )


def require_manager(family: Family, by: Any) -> None:
    actor = actor_for(by)
    if actor.centre_id != family.centre_id or not actor.writes_whole_centre:
        raise ValidationError(_("Z oceną zapoznaje się kierownik lub koordynator ośrodka."))


def not_future(day: date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Data nie może być z przyszłości.")})


def staff_of(family: Family) -> Any:
    """Users who work with case data in the family's centre (for meeting participants)."""
    ids = Membership.objects.filter(
        centre_id=family.centre_id, role__in=STAFF_ROLES, is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


def only(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k in allowed}
