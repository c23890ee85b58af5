"""What the family record page shows, in a constant number of queries whatever the family's size.

Special-category values and Niebieska Karta details enter the context only for those allowed by
`families.privacy`; their display is logged once per page view.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.families import privacy, record
from asysta.families.access import can_write
from asysta.families.models import Family, MemberRole, ProblemArea
from asysta.families.views._common import allowed

_AREA_ORDER = {area.value: n for n, area in enumerate(ProblemArea)}


def _members_and_placements(family: Family) -> tuple[list[Any], list[Any]]:
    members = list(family.members.all())
    placements = list(family.placements.select_related("child").order_by("-since", "pk"))
    today = timezone.localdate()
    for placement in placements:
        # For the template's "in care now" badge; not a model field.
        setattr(placement, "in_force", record.placement_in_force(placement, today))  # noqa: B010
    return members, placements


def _log_restricted_reads(
    request: AsystaRequest, family: Family, *, members: list, problems: list, blue_cards: list
) -> None:
    """Log that restricted values were shown (only when there were values to show)."""
    special = any(privacy.has_special_values(m) for m in members) or any(
        p.area in privacy.SPECIAL_PROBLEM_AREAS for p in problems
    )
    if special:
        privacy.log_special_read(user=request.user, obj=family, request=request)
    if any(card.details.strip() or card.team.strip() for card in blue_cards):
        privacy.log_blue_card_read(user=request.user, obj=family, request=request)


def _permissions(user: Any, family: Family) -> dict[str, bool]:
    """What the user may see and do here, as booleans for the templates."""
    actor = actor_for(user)
    return {
        "can_write": can_write(user, family),
        "can_see_special": privacy.can_see_special(user, family),
        "can_see_blue_card_details": privacy.can_see_blue_card_details(user, family),
        "can_assign": allowed(actor, "intake:assign"),
        "can_see_access_log": allowed(actor, "families:access_log"),
    }


def detail_context(request: AsystaRequest, family: Family) -> dict[str, Any]:
    may = _permissions(request.user, family)
    members, placements = _members_and_placements(family)
    problems = sorted(family.problems.all(), key=lambda p: _AREA_ORDER.get(p.area, 99))
    if not may["can_see_special"]:
        problems = [p for p in problems if p.area not in privacy.SPECIAL_PROBLEM_AREAS]
    blue_cards = list(family.blue_cards.all())
    assignments = list(family.assignments.select_related("assistant").order_by("-started_on"))
    _log_restricted_reads(
        request,
        family,
        members=members if may["can_see_special"] else [],
        problems=problems,
        blue_cards=blue_cards if may["can_see_blue_card_details"] else [],
    )
    return may | {
        "family": family,
        "members": members,
        "placements": placements,
        "problems": problems,
        "blue_cards": blue_cards,
        "active_blue_card": next((c for c in blue_cards if c.ended_on is None), None),
        "assignments": assignments,
        "assignment": next((a for a in assignments if a.ended_on is None), None),
        "category": record.reporting_category(family, placements=placements),
        "has_placeable_children": any(m.role == MemberRole.CHILD or m.is_child for m in members),
    }
