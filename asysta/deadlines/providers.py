"""Deadline providers of each casework area (registered with `asysta.deadlines.clock`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.core.calendar import add_working_days
from asysta.core.models import Centre
from asysta.deadlines.clock import Deadline, provider
from asysta.intake.models import Assignment, Phase

# Practice (domain.md §2.5): the first meeting with the family soon after the assignment.
FIRST_MEETING_WORKING_DAYS = 7


@provider
def first_meetings(centre: Centre, on: date) -> Iterable[Deadline]:
    """Assignments whose first meeting with the family has not been recorded yet."""
    open_without_meeting = Assignment.objects.filter(
        centre=centre,
        ended_on__isnull=True,
        phase=Phase.ACTIVE,
        first_contact_on__isnull=True,
        started_on__gte=on - timedelta(days=365),
    ).select_related("family", "assistant")
    for assignment in open_without_meeting:
        yield Deadline(
            kind="first_meeting",
            label=_("pierwsze spotkanie z rodziną"),
            family=assignment.family,
            due_on=add_working_days(assignment.started_on, FIRST_MEETING_WORKING_DAYS),
            assistant=assignment.assistant,
            url=reverse("intake:first_contact", args=[assignment.pk]),
        )


def _assistants(centre: Centre) -> dict[int, Any]:
    """The current assistant of every family of the centre (one query)."""
    rows = Assignment.objects.filter(centre=centre, ended_on__isnull=True).select_related(
        "assistant"
    )
    return {row.family_id: row.assistant for row in rows}


@provider
def plan_reviews(centre: Centre, on: date) -> Iterable[Deadline]:
    """The yearly (or requested) review of each plan in force."""
    from asysta.plans.queries import reviews_due

    assistants = _assistants(centre)
    for plan in reviews_due(centre=centre, on=on + timedelta(days=centre.deadline_lead_days)):
        if plan.review_due_on is None:
            continue
        yield Deadline(
            kind="plan_review",
            label=_("przegląd planu pracy z rodziną"),
            family=plan.family,
            due_on=plan.review_due_on,
            assistant=assistants.get(plan.family_id),
            url=reverse("plans:detail", kwargs={"pk": plan.family_id, "plan_pk": plan.pk}),
        )


@provider
def plan_actions(centre: Centre, on: date) -> Iterable[Deadline]:
    """Actions of plans in force past their deadline and not done."""
    from asysta.plans.queries import overdue_actions

    assistants = _assistants(centre)
    for action in overdue_actions(centre=centre, on=on):
        plan = action.goal.plan
        yield Deadline(
            kind="plan_action",
            label=_("działanie planu po terminie: %(what)s") % {"what": action.what[:60]},
            family=plan.family,
            due_on=action.deadline,
            assistant=assistants.get(plan.family_id),
            url=reverse("plans:detail", kwargs={"pk": plan.family_id, "plan_pk": plan.pk}),
        )


@provider
def court_opinions(centre: Centre, on: date) -> Iterable[Deadline]:
    """Opinions a court asked for (art. 15 ust. 1 pkt 17), due on the court's date."""
    from asysta.court.queries import due_requests

    assistants = _assistants(centre)
    for request in due_requests(centre, on, within_days=centre.deadline_lead_days):
        yield Deadline(
            kind="court_opinion",
            label=_("opinia dla sądu (%(file)s)") % {"file": request.file_number},
            family=request.family,
            due_on=request.due_on,
            assistant=assistants.get(request.family_id),
            url=reverse(
                "court:request_detail",
                kwargs={"pk": request.family_id, "court_request_pk": request.pk},
            ),
        )


@provider
def monitoring_ends(centre: Centre, on: date) -> Iterable[Deadline]:
    """The planned end of monitoring after closure (art. 15 ust. 1 pkt 16)."""
    from asysta.closure.queries import monitoring_due

    assistants = _assistants(centre)
    for closure in monitoring_due(centre, on, within_days=centre.deadline_lead_days):
        if closure.monitoring_until is None:
            continue
        yield Deadline(
            kind="monitoring_end",
            label=_("zakończenie monitoringu rodziny"),
            family=closure.family,
            due_on=closure.monitoring_until,
            assistant=assistants.get(closure.family_id),
            url=reverse(
                "closure:detail", kwargs={"pk": closure.family_id, "closure_pk": closure.pk}
            ),
        )


@provider
def periodic_assessments(centre: Centre, on: date) -> Iterable[Deadline]:
    """The periodic assessment of each family, at least every six months (art. 15 ust. 1
    pkt 15), counted from the plan's start or the previous assessment."""
    from asysta.assessments.schedule import assessment_due_dates

    for due in assessment_due_dates(centre):
        yield Deadline(
            kind="assessment",
            label=_("okresowa ocena sytuacji rodziny"),
            family=due.family,
            due_on=due.due_on,
            assistant=due.assistant,
            url=reverse("assessments:list", kwargs={"pk": due.family.pk}),
        )


@provider
def blue_card_dispatch(centre: Centre, on: date) -> Iterable[Deadline]:
    """Niebieska Karta: the NK-A form to the interdisciplinary team within 5 working days of
    being filled in, and the diagnostic-and-support group's first meeting within 5 working days
    of the team's receipt (domain.md §16 scenario 9)."""
    from django.db.models import Q

    from asysta.families.models import BlueCard

    pending = Q(nka_filled_on__isnull=False, dispatched_on__isnull=True) | Q(
        team_received_on__isnull=False, gdp_first_meeting_on__isnull=True
    )
    cards = BlueCard.objects.filter(pending, centre=centre, ended_on__isnull=True)
    assistants = _assistants(centre)
    for card in cards.select_related("family"):
        url = reverse("families:detail", args=[card.family_id]) + "#niebieska-karta"
        steps = [
            (
                card.dispatched_on,
                card.dispatch_due_on,
                "nka_dispatch",
                _("przekazanie formularza NK-A do zespołu interdyscyplinarnego"),
            ),
            (
                card.gdp_first_meeting_on,
                card.gdp_meeting_due_on,
                "gdp_meeting",
                _("pierwsze posiedzenie grupy diagnostyczno-pomocowej (Niebieska Karta)"),
            ),
        ]
        for done_on, due_on, kind, label in steps:
            if due_on is None or done_on is not None:
                continue
            yield Deadline(
                kind=kind,
                label=label,
                family=card.family,
                due_on=due_on,
                assistant=assistants.get(card.family_id),
                url=url,
            )
