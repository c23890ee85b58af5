"""Who may see the restricted parts of a family record, and the logging of their display.

Two kinds of data in the record are narrower than the family itself (domain.md §13):

* special-category data (GDPR art. 9): a member's disability and health notes
  (`Member.SPECIAL_FIELDS`) and the health-related problem areas (`SPECIAL_PROBLEM_AREAS`);
* the details of a Niebieska Karta procedure (its description and the team) — that the
  procedure runs is visible to everyone who sees the family, what it is about is not.

The dates of the NK-A steps (the form filled in, sent to the interdisciplinary team, received,
the group's first meeting) and their due dates are not details: they say only that the
procedure runs and where it stands, so everyone who sees the badge sees them (the statutory
clock shows them to the assistant and on the board). Their display is not logged.

Both kinds of restricted data are shown only to the people who work with the family: its
assigned assistant, the coordinator and the head of its centre. The family's social worker
and the auditor do not see the values, nor whether they are filled in (the mere presence of a
health note tells something about a person's health); the auditor audits through the access
log instead. Every display of the values is logged (`log_read` with section "special" or
"blue_card").

Views call these functions and pass booleans to the templates; templates never check roles.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.audit.services import log_read
from asysta.families.access import is_assigned
from asysta.families.models import Family, Member, ProblemArea

SECTION_SPECIAL = "special"
SECTION_BLUE_CARD = "blue_card"

# Problem areas that are health data (GDPR art. 9) and follow the special-category rule.
SPECIAL_PROBLEM_AREAS = frozenset(
    {
        ProblemArea.ADDICTION,
        ProblemArea.MENTAL_DISORDER,
        ProblemArea.DISABILITY,
        ProblemArea.LONG_ILLNESS,
    }
)

_CENTRE_ROLES = (Role.HEAD, Role.COORDINATOR)


def _works_with(user: Any, family: Family) -> bool:
    """The head or coordinator of the family's centre, or its assistant now."""
    actor = actor_for(user)
    if actor.centre_id is None or actor.centre_id != family.centre_id:
        return False
    if actor.has(*_CENTRE_ROLES):
        return True
    return actor.has(Role.ASSISTANT) and is_assigned(user, family)


def can_see_special(user: Any, family: Family) -> bool:
    """Whether `user` may see and change the family's special-category data."""
    return _works_with(user, family)


def can_see_blue_card_details(user: Any, family: Family) -> bool:
    """Whether `user` may see the details and the team of the family's Niebieska Karta."""
    return _works_with(user, family)


def has_special_values(member: Member) -> bool:
    return any(str(getattr(member, name) or "").strip() for name in Member.SPECIAL_FIELDS)


def log_special_read(*, user: Any, obj: Model, request: HttpRequest | None = None) -> None:
    """Record that special-category values of `obj` (a family or a member) were shown."""
    log_read(user=user, obj=obj, section=SECTION_SPECIAL, request=request)


def log_blue_card_read(*, user: Any, obj: Model, request: HttpRequest | None = None) -> None:
    """Record that Niebieska Karta details of `obj` were shown."""
    log_read(user=user, obj=obj, section=SECTION_BLUE_CARD, request=request)
