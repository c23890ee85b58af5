"""The closure panel of the family page: the closure and monitoring status, or the way to close."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.closure.queries import current_closure
from asysta.families.access import can_write, open_assignment
from asysta.families.models import Family
from asysta.intake.models import Phase

register = template.Library()


@register.inclusion_tag("closure/family_panel_body.html", takes_context=True)
def closure_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The current closure (not re-opened), or whether the user may close the work (at most
    three small queries)."""
    closure = current_closure(family)
    may_close = (
        closure is None
        and can_write(context["request"].user, family)
        and getattr(open_assignment(family), "phase", None) == Phase.ACTIVE
    )
    return {"family": family, "closure": closure, "may_close": may_close}
