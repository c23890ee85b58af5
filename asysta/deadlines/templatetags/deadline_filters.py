from datetime import date

from django import template

from asysta.deadlines.clock import CentreNotice, Deadline

register = template.Library()


@register.filter
def working_days_left(deadline: Deadline, today: date) -> int:
    return deadline.working_days_left(today)


@register.filter
def absolute(value: int) -> int:
    return abs(value)


@register.filter
def may_open(deadline: Deadline, user: object) -> bool:
    """Whether the policy lets `user`'s roles open the step's page (the auditor reads the
    board, but the step's own page — a first meeting, say — is for those who record it)."""
    from asysta.accounts.policy import PUBLIC, SIGNED_IN, allowed_roles
    from asysta.accounts.roles import actor_for
    from asysta.deadlines.clock import KINDS

    kind = KINDS.get(deadline.kind)
    if kind is None:
        return False
    roles = allowed_roles(kind.view, "GET")
    if roles in (PUBLIC, SIGNED_IN):
        return True
    return isinstance(roles, frozenset) and actor_for(user).has(*roles)


@register.filter
def days_left(notice: CentreNotice, today: date) -> int:
    """Calendar days from `today` to a centre notice's due date (negative when late)."""
    return notice.days_left(today)
