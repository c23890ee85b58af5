from typing import Any

from django import template
from django.utils import timezone

from asysta.deadlines import queries

register = template.Library()


@register.inclusion_tag("deadlines/panel_mine.html")
def my_deadlines_panel(user: Any) -> dict[str, Any]:
    """'Moje terminy' on the assistant's start page: the first rows and how many in all."""
    items, count = queries.my_panel(user)
    return {"items": items, "count": count, "today": timezone.localdate(), "user": user}


@register.inclusion_tag("deadlines/panel_overdue.html")
def overdue_panel(user: Any) -> dict[str, Any]:
    late, soon = queries.board_counts(user)
    today = timezone.localdate()
    return {"late": late, "soon": soon, "notices": queries.notices(user), "today": today}
