"""Family pages. URL names stay as in `families/urls.py`; the views live in submodules."""

from asysta.families.views.family import (
    access_log,
    family_create,
    family_detail,
    family_edit,
    family_list,
)
from asysta.families.views.members import member_create, member_edit
from asysta.families.views.record import (
    blue_card_end,
    blue_card_start,
    placement_create,
    placement_edit,
    placement_end,
    problems_edit,
)

__all__ = [
    "access_log",
    "blue_card_end",
    "blue_card_start",
    "family_create",
    "family_detail",
    "family_edit",
    "family_list",
    "member_create",
    "member_edit",
    "placement_create",
    "placement_edit",
    "placement_end",
    "problems_edit",
]
