from typing import Any

from django import template
from django.utils import timezone

from asysta.deadlines import queries

register = template.Library()


@register.inclusion_tag("deadlines/panel_mine.html")
def my_deadlines_panel(user: Any) -> dict[str, Any]:
    """'Moje terminy' on the assistant's start page."""
    return {"items": queries.my_deadlines(user)[:10], "today": timezone.localdate(), "user": user}


@register.inclusion_tag("deadlines/panel_overdue.html")
def overdue_panel(user: Any) -> dict[str, Any]:
    late, soon = queries.board(user)
    today = timezone.localdate()
    return {"late": len(late), "soon": len(soon), "notices": queries.notices(user), "today": today}
