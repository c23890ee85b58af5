"""The rules a closure must meet before it is saved (domain.md §6.2, §14 rule 7).

All rules are checked together so the form shows every problem at once, next to its field.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.closure.models import AREAS, MONITORING_OPTIONAL, REASONS, Closure
from asysta.intake.models import Assignment, EndReason

Errors = defaultdict[str, list[str]]


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def clean_areas(value: Any) -> dict[str, str]:
    """Only known areas with some text, stripped."""
    if not isinstance(value, dict):
        return {}
    known = {key for key, _label in AREAS}
    return {k: str(v).strip() for k, v in value.items() if k in known and str(v or "").strip()}


def _dates(c: Closure, assignment: Assignment, errors: Errors) -> None:
    today = timezone.localdate()
    if c.closed_on is None:
        errors["closed_on"].append(_("Podaj datę zakończenia pracy."))
        return
    if c.closed_on > today:
        errors["closed_on"].append(_("Data zakończenia nie może być z przyszłości."))
    if c.closed_on < assignment.started_on:
        errors["closed_on"].append(
            _("Data zakończenia nie może być wcześniejsza niż przydział asystenta (%(d)s).")
            % {"d": _d(assignment.started_on)}
        )


def _reason(c: Closure, errors: Errors) -> None:
    if c.reason not in REASONS:
        errors["reason"].append(_("Wybierz powód zakończenia pracy z rodziną."))
    elif c.reason == EndReason.OTHER and not c.reason_other.strip():
        errors["reason_other"].append(_("Przy innym powodzie opisz, jaki to powód."))


def _report(c: Closure, errors: Errors) -> None:
    if not (c.goals_achieved or "").strip():
        errors["goals_achieved"].append(
            _("Opisz, w jakim stopniu osiągnięto cele planu pracy z rodziną.")
        )
    if not c.final_situation:
        errors["final_situation"].append(
            _("Opisz sytuację rodziny na zakończenie — co najmniej w jednym obszarze.")
        )


def _monitoring(c: Closure, errors: Errors) -> None:
    if c.monitoring_until is None:
        if c.reason in REASONS and c.reason not in MONITORING_OPTIONAL:
            errors["monitoring_until"].append(
                _(
                    "Po zakończeniu pracy z tego powodu funkcjonowanie rodziny jest monitorowane "
                    "(art. 15 ust. 1 pkt 16 ustawy) — podaj, do kiedy."
                )
            )
        elif not c.no_monitoring_reason.strip():
            errors["no_monitoring_reason"].append(
                _("Podaj, do kiedy trwa monitoring, albo uzasadnij, dlaczego go nie będzie.")
            )
        return
    c.no_monitoring_reason = ""
    if c.closed_on and c.monitoring_until <= c.closed_on:
        errors["monitoring_until"].append(
            _("Monitoring musi trwać po dniu zakończenia pracy (%(d)s).") % {"d": _d(c.closed_on)}
        )
    if not c.monitoring_frequency.strip():
        errors["monitoring_frequency"].append(_("Podaj, jak często kontaktować się z rodziną."))


def _court(c: Closure, errors: Errors) -> None:
    has_text, has_date = bool(c.court_position.strip()), c.court_position_on is not None
    if has_text != has_date:
        field = "court_position_on" if has_text else "court_position"
        errors[field].append(_("Stanowisko sądu zapisz razem z jego datą."))
    if has_date and c.closed_on and c.court_position_on > c.closed_on:  # type: ignore[operator]
        errors["court_position_on"].append(
            _("Stanowisko sądu musi być znane przed zakończeniem pracy.")
        )
    order = c.court_order
    if order is not None and c.reason == EndReason.NO_COOPERATION and not (has_text and has_date):
        errors["court_position"].append(
            _(
                "Rodzina jest zobowiązana do współpracy z asystentem postanowieniem sądu "
                "(%(order)s). Nie można zakończyć pracy z powodu braku współpracy lub rezygnacji "
                "rodziny bez stanowiska sądu: zawiadom sąd (pismo do sądu) i zapisz jego "
                "stanowisko z datą."
            )
            % {"order": order}
        )


def _moved_away(c: Closure, errors: Errors) -> None:
    if c.reason != EndReason.MOVED_AWAY:
        return
    if not c.new_centre.strip():
        errors["new_centre"].append(_("Podaj ośrodek pomocy społecznej w nowym miejscu."))
    if c.new_centre_letter_on is None:
        errors["new_centre_letter_on"].append(_("Podaj datę pisma do tego ośrodka."))
    elif c.new_centre_letter_on > timezone.localdate():
        errors["new_centre_letter_on"].append(_("Data nie może być z przyszłości."))
    if not c.disclosure_basis.strip():
        errors["disclosure_basis"].append(
            _("Podaj podstawę prawną przekazania danych rodziny (np. zgoda rodziny).")
        )


def check_closure(closure: Closure, assignment: Assignment) -> None:
    """Raise one ValidationError listing every broken rule, keyed by field."""
    errors: Errors = defaultdict(list)
    _dates(closure, assignment, errors)
    _reason(closure, errors)
    _report(closure, errors)
    _monitoring(closure, errors)
    _court(closure, errors)
    _moved_away(closure, errors)
    if errors:
        raise ValidationError(dict(errors))


def check_report_correction(
    closure: Closure, *, monitoring_editable: bool, last_contact_on: date | None
) -> None:
    """The rules of a corrected closing report (`services.update_closure_report`): the report
    itself as at closure; while the monitoring runs, it still runs after the closure day and
    past every contact already recorded in it, at a stated frequency."""
    errors: Errors = defaultdict(list)
    _report(closure, errors)
    if monitoring_editable:
        until = closure.monitoring_until
        if until is None:
            errors["monitoring_until"].append(
                _(
                    "Podaj, do kiedy trwa monitoring. Monitoring kończy się przyciskiem "
                    "„Zakończ monitoring”."
                )
            )
        elif until <= closure.closed_on:
            errors["monitoring_until"].append(
                _("Monitoring musi trwać po dniu zakończenia pracy (%(d)s).")
                % {"d": _d(closure.closed_on)}
            )
        elif last_contact_on is not None and until < last_contact_on:
            errors["monitoring_until"].append(
                _(
                    "W okresie monitoringu zapisano już kontakt z %(d)s — monitoring nie może "
                    "kończyć się wcześniej."
                )
                % {"d": _d(last_contact_on)}
            )
        if not closure.monitoring_frequency.strip():
            errors["monitoring_frequency"].append(_("Podaj, jak często kontaktować się z rodziną."))
    elif closure.monitoring_until is None and not closure.no_monitoring_reason.strip():
        errors["no_monitoring_reason"].append(_("Uzasadnij, dlaczego monitoringu nie będzie."))
    if errors:
        raise ValidationError(dict(errors))
