"""Who is acting: the user's centre and roles, read once per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asysta.accounts.models import Membership, Role

# Roles that see every family of their centre; the auditor only reads.
CENTRE_WIDE_ROLES = frozenset({Role.HEAD, Role.COORDINATOR, Role.AUDITOR})
# Roles that may change any family of their centre.
CENTRE_WRITE_ROLES = frozenset({Role.HEAD, Role.COORDINATOR})
# Roles that may work with case data at all (the administrator and HR may not, by default).
CASE_ROLES = frozenset(
    {Role.HEAD, Role.COORDINATOR, Role.ASSISTANT, Role.SOCIAL_WORKER, Role.AUDITOR}
)


@dataclass(frozen=True)
class Actor:
    user: Any
    centre_id: int | None
    roles: frozenset[str] = field(default_factory=frozenset)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def centre_pk(self) -> int:
        """The centre's id; a user without a centre gets 403 wherever one is needed."""
        if self.centre_id is None:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return self.centre_id

    @property
    def sees_whole_centre(self) -> bool:
        return self.has(*CENTRE_WIDE_ROLES)

    @property
    def writes_whole_centre(self) -> bool:
        return self.has(*CENTRE_WRITE_ROLES)


def actor_for(user: Any) -> Actor:
    """The acting user's centre and active roles (cached on the user object)."""
    cached = getattr(user, "_asysta_actor", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        actor = Actor(user=user, centre_id=None)
    else:
        rows = list(
            Membership.objects.filter(user=user, is_active=True).values_list("centre_id", "role")
        )
        centre_id = rows[0][0] if rows else None
        roles = frozenset(role for centre, role in rows if centre == centre_id)
        actor = Actor(user=user, centre_id=centre_id, roles=roles)
    user._asysta_actor = actor
    return actor


def centre_of(user: Any) -> Any:
    """The acting user's centre (403 without one), read once per request: a start page asks
    for it in several panels."""
    from asysta.core.models import Centre
    from asysta.core.scope import remembered

    centre_id = actor_for(user).centre_pk
    return remembered(("centre", centre_id), lambda: Centre.objects.get(pk=centre_id))
