"""Who may see and change a family. Every view and API endpoint about a family starts here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.core.scope import remembered

if TYPE_CHECKING:
    from asysta.families.models import Family


class FamilyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> FamilyQuerySet:
        """Families the user may read.

        Head, coordinator and auditor: every family of their centre. Family assistant: the
        families assigned to them now. Social worker: the families they are linked to.
        Anyone else (administrator, HR, users without a role): none.
        """
        actor = actor_for(user)
        if actor.centre_id is None:
            return self.none()
        scoped = self.filter(centre_id=actor.centre_id)
        if actor.sees_whole_centre:
            return scoped
        condition = models.Q()
        if actor.has(Role.ASSISTANT):
            condition |= models.Q(assignments__assistant=user, assignments__ended_on__isnull=True)
        if actor.has(Role.SOCIAL_WORKER):
            condition |= models.Q(social_worker=user)
        if not condition:
            return self.none()
        # The condition joins assignments; filter by pk so rows are not repeated.
        return scoped.filter(pk__in=scoped.filter(condition).values("pk"))


def can_write(user: Any, family: Family) -> bool:
    """Head and coordinator change any family of their centre; the assistant their own."""
    actor = actor_for(user)
    if actor.centre_id != family.centre_id:
        return False
    if actor.writes_whole_centre:
        return True
    return actor.has(Role.ASSISTANT) and is_assigned(user, family)


def open_assignment(family: Family) -> Any:
    """The family's open assignment (at most one), or None: read once per request, for
    every panel that asks who works with the family and since when; a change of assignment
    forgets it (`FamiliesConfig.ready`)."""
    return remembered(
        ("open-assignment", family.pk),
        family.assignments.filter(ended_on__isnull=True).first,
    )


def is_assigned(user: Any, family: Family) -> bool:
    """Whether `user` is the family's assistant now (its open assignment)."""
    opened = open_assignment(family)
    return opened is not None and opened.assistant_id == user.pk


def get_family_for(user: Any, pk: int, *, write: bool = False) -> Family:
    """The family `pk` if the user may see it: 404 when they may not, 403 when read-only."""
    from asysta.families.models import Family

    try:
        # Every family page names the family's social worker.
        family = Family.objects.visible_to(user).select_related("social_worker").get(pk=pk)
    except (Family.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user, family):
        raise PermissionDenied
    return family
