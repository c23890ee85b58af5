"""`{% submission_state centre report period user as state %}` for "reports/submission_box.html"
(the report page includes it): whether the period is submitted, whether this user may mark it,
and whether the report page should suggest a background export."""

from __future__ import annotations

from typing import Any

from django import template

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.reports import services
from asysta.reports.base import Period, Report

register = template.Library()


@register.simple_tag
def submission_state(centre: Any, report: Report, period: Period, user: Any) -> dict[str, Any]:
    submission = services.current_submission(centre, report.name, period)
    return {
        "submission": submission,
        "can_submit": submission is None and actor_for(user).has(Role.HEAD),
        "can_correct": submission is not None and actor_for(user).has(Role.HEAD),
        "background": services.should_export_in_background(centre, period, report),
    }
