"""Deadline providers of each casework area (registered with `asysta.deadlines.clock`).

Each provider yields, for a scope (a centre or some families), every step of its kinds that is
open, whatever today's date: the table keeps them all and the readers choose what a day shows.
Each runs one query for its whole scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asysta.assessments.models import PeriodicAssessment
from asysta.assessments.schedule import due_from, in_active_work
from asysta.closure.models import Closure
from asysta.core.calendar import add_working_days
from asysta.core.models import Centre
from asysta.court.models import OpinionRequest, RequestStatus
from asysta.deadlines.clock import (
    Deadline,
    Due,
    Kind,
    Scope,
    own_family,
    provider,
    register_kind,
)
from asysta.families.models import BlueCard
from asysta.intake.models import Assignment, Phase
from asysta.plans.models import Action, PlanStatus, WorkPlan
from asysta.plans.queries import OPEN_ACTION_STATUSES

# Practice (domain.md §2.5): the first meeting with the family soon after the assignment.
FIRST_MEETING_WORKING_DAYS = 7
# An assignment whose first meeting was never recorded drops off the clock after a year.
FIRST_MEETING_SHOWN_DAYS = 365


def _page(name: str, family_kw: str = "pk", source_kw: str | None = None) -> Any:
    def url(family_pk: int, source_pk: int) -> str:
        kwargs = {family_kw: family_pk}
        if source_kw:
            kwargs[source_kw] = source_pk
        return reverse(name, kwargs=kwargs)

    return url


def _fixed(text: Any) -> Any:
    return lambda _detail: str(text)


register_kind(
    Kind(
        "first_meeting",
        gettext_lazy("pierwsze spotkanie z rodziną"),
        _fixed(gettext_lazy("pierwsze spotkanie z rodziną")),
        lambda _family, assignment: reverse("intake:first_contact", args=[assignment]),
        "intake:first_contact",
    )
)
register_kind(
    Kind(
        "plan_review",
        gettext_lazy("przegląd planu pracy z rodziną"),
        _fixed(gettext_lazy("przegląd planu pracy z rodziną")),
        _page("plans:detail", source_kw="plan_pk"),
        "plans:detail",
    )
)
register_kind(
    Kind(
        "plan_action",
        gettext_lazy("działania planu po terminie"),
        lambda what: _("działanie planu po terminie: %(what)s") % {"what": what},
        _page("plans:detail", source_kw="plan_pk"),
        "plans:detail",
    )
)
register_kind(
    Kind(
        "court_opinion",
        gettext_lazy("opinie dla sądu"),
        lambda number: _("opinia dla sądu (%(file)s)") % {"file": number},
        _page("court:request_detail", source_kw="court_request_pk"),
        "court:request_detail",
    )
)
register_kind(
    Kind(
        "monitoring_end",
        gettext_lazy("zakończenie monitoringu"),
        _fixed(gettext_lazy("zakończenie monitoringu rodziny")),
        _page("closure:detail", source_kw="closure_pk"),
        "closure:detail",
    )
)
register_kind(
    Kind(
        "assessment",
        gettext_lazy("okresowa ocena sytuacji rodziny"),
        _fixed(gettext_lazy("okresowa ocena sytuacji rodziny")),
        _page("assessments:list"),
        "assessments:list",
    )
)


def _blue_card_page(family_pk: int, _card_pk: int) -> str:
    """The procedure's part of the family page."""
    return reverse("families:detail", args=[family_pk]) + "#niebieska-karta"


register_kind(
    Kind(
        "nka_dispatch",
        gettext_lazy("przekazanie formularza NK-A"),
        _fixed(gettext_lazy("przekazanie formularza NK-A do zespołu interdyscyplinarnego")),
        _blue_card_page,
        "families:detail",
    )
)
register_kind(
    Kind(
        "gdp_meeting",
        gettext_lazy("posiedzenie grupy diagnostyczno-pomocowej"),
        _fixed(
            gettext_lazy("pierwsze posiedzenie grupy diagnostyczno-pomocowej (Niebieska Karta)")
        ),
        _blue_card_page,
        "families:detail",
    )
)


def _plan_family(instance: Any) -> int | None:
    return (
        WorkPlan.objects.filter(goals__pk=instance.goal_id).values_list("family_id", flat=True)
    ).first()


ASSIGNMENT = (Assignment, own_family)
PLAN = (WorkPlan, own_family)


@provider("first_meeting", watches=(ASSIGNMENT,))
def first_meeting_dues(scope: Scope) -> Iterable[Due]:
    """Assignments whose first meeting with the family has not been recorded yet."""
    rows = scope.narrow(
        Assignment.objects.filter(
            ended_on__isnull=True, phase=Phase.ACTIVE, first_contact_on__isnull=True
        )
    ).values_list("pk", "centre_id", "family_id", "started_on")
    for pk, centre_id, family_id, started_on in rows:
        yield Due(
            centre_id,
            family_id,
            "first_meeting",
            add_working_days(started_on, FIRST_MEETING_WORKING_DAYS),
            pk,
            shown_until=started_on + timedelta(days=FIRST_MEETING_SHOWN_DAYS),
        )


@provider("plan_review", watches=(PLAN,))
def plan_review_dues(scope: Scope) -> Iterable[Due]:
    """The yearly (or requested) review of each plan in force."""
    rows = scope.narrow(
        WorkPlan.objects.filter(status=PlanStatus.IN_FORCE, review_due_on__isnull=False)
    ).values_list("pk", "centre_id", "family_id", "review_due_on")
    for pk, centre_id, family_id, due_on in rows:
        yield Due(centre_id, family_id, "plan_review", due_on, pk)


@provider("plan_action", watches=((Action, _plan_family), PLAN))
def plan_action_dues(scope: Scope) -> Iterable[Due]:
    """Actions of plans in force that are neither done nor cancelled (nor reported as not
    done): shown from the day after their deadline."""
    rows = scope.narrow(
        Action.objects.filter(
            goal__plan__status=PlanStatus.IN_FORCE,
            deadline__isnull=False,
            status__in=OPEN_ACTION_STATUSES,
        ),
        family="goal__plan__family",
    ).values_list("centre_id", "goal__plan__family_id", "goal__plan_id", "deadline", "what")
    for centre_id, family_id, plan_id, deadline, what in rows:
        yield Due(
            centre_id,
            family_id,
            "plan_action",
            deadline,
            plan_id,
            detail=what[:60],
            shown_from=deadline + timedelta(days=1),
        )


@provider("court_opinion", watches=((OpinionRequest, own_family),))
def court_opinion_dues(scope: Scope) -> Iterable[Due]:
    """Opinions a court asked for (art. 15 ust. 1 pkt 17), due on the court's date."""
    rows = scope.narrow(OpinionRequest.objects.exclude(status=RequestStatus.SENT)).values_list(
        "pk", "centre_id", "family_id", "due_on", "file_number"
    )
    for pk, centre_id, family_id, due_on, file_number in rows:
        yield Due(centre_id, family_id, "court_opinion", due_on, pk, detail=file_number)


@provider("monitoring_end", watches=((Closure, own_family),))
def monitoring_end_dues(scope: Scope) -> Iterable[Due]:
    """The planned end of monitoring after closure (art. 15 ust. 1 pkt 16)."""
    rows = scope.narrow(
        Closure.objects.filter(
            monitoring_until__isnull=False, monitoring_ended_on__isnull=True, reopened=False
        )
    ).values_list("pk", "centre_id", "family_id", "monitoring_until")
    for pk, centre_id, family_id, until in rows:
        yield Due(centre_id, family_id, "monitoring_end", until, pk)


@provider("assessment", watches=(ASSIGNMENT, PLAN, (PeriodicAssessment, own_family)))
def assessment_dues(scope: Scope) -> Iterable[Due]:
    """The periodic assessment of each family in active work, at least every six months
    (art. 15 ust. 1 pkt 15), counted from the plan's start or the previous assessment
    (`asysta.assessments.schedule`)."""
    rows = in_active_work(scope.narrow(Assignment.objects.all())).values_list(
        "centre_id", "family_id", "plan_start", "last_period_to", "contact_start"
    )
    for centre_id, family_id, plan_start, last_period_to, contact_start in rows:
        due_on = due_from(
            plan_start=plan_start, last_period_to=last_period_to, contact_start=contact_start
        )
        if due_on is not None:
            yield Due(centre_id, family_id, "assessment", due_on, family_id)


@provider("nka_dispatch", "gdp_meeting", watches=((BlueCard, own_family),))
def blue_card_dues(scope: Scope) -> Iterable[Due]:
    """Niebieska Karta: the NK-A form to the interdisciplinary team within 5 working days of
    being filled in, and the diagnostic-and-support group's first meeting within 5 working days
    of the team's receipt (domain.md §16 scenario 9)."""
    pending = Q(nka_filled_on__isnull=False, dispatched_on__isnull=True) | Q(
        team_received_on__isnull=False, gdp_first_meeting_on__isnull=True
    )
    cards = scope.narrow(BlueCard.objects.filter(pending, ended_on__isnull=True))
    for card in cards.only(
        "pk",
        "centre_id",
        "family_id",
        "nka_filled_on",
        "dispatched_on",
        "team_received_on",
        "gdp_first_meeting_on",
    ):
        steps = [
            (card.dispatched_on, card.dispatch_due_on, "nka_dispatch"),
            (card.gdp_first_meeting_on, card.gdp_meeting_due_on, "gdp_meeting"),
        ]
        for done_on, due_on, kind in steps:
            if due_on is not None and done_on is None:
                yield Due(card.centre_id, card.family_id, kind, due_on, card.pk)


# --- each kind as the centre's list of one day (the whole centre; pages use `queries`) ----------


def _reader(*kinds: str, within_lead: bool) -> Callable[[Centre, date], list[Deadline]]:
    def read(centre: Centre, on: date) -> list[Deadline]:
        from asysta.deadlines import queries

        rows = queries.entries(centre, on, within_lead=within_lead).filter(kind__in=kinds)
        return queries.as_deadlines(rows)

    read.__doc__ = f"The centre's steps of kind {', '.join(kinds)} shown on a day."
    return read


first_meetings = _reader("first_meeting", within_lead=False)
plan_reviews = _reader("plan_review", within_lead=True)
plan_actions = _reader("plan_action", within_lead=False)
court_opinions = _reader("court_opinion", within_lead=True)
monitoring_ends = _reader("monitoring_end", within_lead=True)
periodic_assessments = _reader("assessment", within_lead=False)
blue_card_dispatch = _reader("nka_dispatch", "gdp_meeting", within_lead=False)
