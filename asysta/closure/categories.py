"""Closure reason → category of the half-year report, per centre, with defaults.

The exact rows of the ministry's report are not confirmed (domain.md §6.1, [U]); a centre's
administrator overrides any default in the admin site (`ReportCategoryMap`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from asysta.closure.models import REASON_CHOICES, ReportCategoryMap
from asysta.core.models import Centre

DEFAULT_CATEGORIES = {
    "goals_achieved": _("zakończenie — osiągnięcie celów"),
    "no_cooperation": _("zakończenie — brak współpracy rodziny / rezygnacja"),
    "no_effects": _("zakończenie — brak efektów pracy"),
    "moved_away": _("zakończenie — zmiana miejsca zamieszkania"),
    "court_decision": _("zakończenie — decyzja sądu"),
    "no_minor_children": _("zakończenie — dzieci umieszczone poza rodziną lub pełnoletnie"),
    "zz_goal_reached": _("zakończenie — „Za życiem”: koordynacja zakończona"),
    "other": _("zakończenie — inne przyczyny"),
}


def report_categories(centre: Centre) -> dict[str, str]:
    """Every closure reason with its report category in `centre` (one query)."""
    own = dict(ReportCategoryMap.objects.filter(centre=centre).values_list("reason", "category"))
    return {
        reason: own.get(reason) or str(DEFAULT_CATEGORIES[reason])
        for reason, _label in REASON_CHOICES
    }


def report_category(centre: Centre, reason: str) -> str:
    """The report category of one closure reason in `centre`."""
    return report_categories(centre)[reason]
