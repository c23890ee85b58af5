"""What each role sees of the statutory clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.core.models import Centre
from asysta.deadlines.clock import (
    CentreNotice,
    Deadline,
    centre_deadlines,
    centre_notices,
    upcoming,
)


def _centre(user: Any) -> Centre | None:
    actor = actor_for(user)
    return Centre.objects.filter(pk=actor.centre_id).first() if actor.centre_id else None


def my_deadlines(user: Any) -> list[Deadline]:
    """The assistant's own deadlines within the lead time or late, soonest first."""
    centre = _centre(user)
    if centre is None or not actor_for(user).has(Role.ASSISTANT):
        return []
    return upcoming(centre, timezone.localdate(), assistant=user)


def board(user: Any, *, assistant_pk: int | None = None) -> tuple[list[Deadline], list[Deadline]]:
    """(overdue, due within the lead time) for the whole centre, optionally one assistant."""
    centre = _centre(user)
    if centre is None:
        return [], []
    today = timezone.localdate()
    items = [d for d in centre_deadlines(centre, today) if d.due_on <= today + _lead(centre)]
    if assistant_pk is not None:
        items = [d for d in items if d.assistant is not None and d.assistant.pk == assistant_pk]
    return [d for d in items if d.due_on < today], [d for d in items if d.due_on >= today]


def _lead(centre: Centre) -> timedelta:
    return timedelta(days=centre.deadline_lead_days)


def notices(user: Any) -> list[CentreNotice]:
    """The centre's own due steps (reports to submit), for its head and coordinator."""
    centre = _centre(user)
    if centre is None or not actor_for(user).has(Role.HEAD, Role.COORDINATOR):
        return []
    return centre_notices(centre, timezone.localdate())
