from datetime import date

from django import template

from asysta.deadlines.clock import Deadline

register = template.Library()


@register.filter
def working_days_left(deadline: Deadline, today: date) -> int:
    return deadline.working_days_left(today)


@register.filter
def absolute(value: int) -> int:
    return abs(value)
