"""The six-month rule: when the next periodic assessment of a family is due.

Art. 15 ust. 1 pkt 15 UWR: the assistant assesses the family's situation **at least every six
months**. The clock runs from the later of the start of the plan in force and the end of the
period of the previous assessment (a submitted one: a draft has not been passed on yet). Without
a plan in force it runs from the assignment's first meeting with the family (or its start).

Six calendar months are counted with `relativedelta`, so a month end stays a month end when the
target month is shorter: 31 Aug 2025 → 28 Feb 2026, 31 Aug 2027 → 29 Feb 2028. "At least every
six months" makes that date the last allowed day; when it is a day off the due date is the
**previous** working day (conservative: the assessment can always be handed in earlier, never
later). The core calendar knows weekends and Polish public holidays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import DateField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from asysta.assessments.models import COUNTED_STATUSES, PeriodicAssessment
from asysta.core.calendar import is_working_day
from asysta.core.models import Centre
from asysta.families.access import open_assignment
from asysta.families.models import Family
from asysta.intake.models import Assignment, Phase
from asysta.plans.models import PlanStatus, WorkPlan
from asysta.plans.queries import current_versions

PERIOD_MONTHS = 6


def six_months_after(day: date) -> date:
    """The same day six calendar months later, or the last day of that month if it is shorter."""
    return day + relativedelta(months=PERIOD_MONTHS)


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, otherwise the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def due_after(start: date) -> date:
    """The last working day on which an assessment counted from `start` is still on time."""
    return previous_working_day(six_months_after(start))


def clock_start(
    *, plan_start: date | None, last_period_to: date | None, contact_start: date | None
) -> date | None:
    """Where the clock runs from: the later of the plan start and the previous assessment's
    end; without a plan in force, the previous assessment or the first contact."""
    if plan_start is not None:
        return max(d for d in (plan_start, last_period_to) if d is not None)
    return last_period_to or contact_start


_UNREAD: Any = object()


def next_assessment_due(
    family: Family, *, before: date | None = None, newest: Any = _UNREAD
) -> date | None:
    """The last day on which the family's next periodic assessment is on time (None when the
    family has neither a plan in force, nor an assessment, nor an open assignment).

    With `before` (the start of an assessment's period) only assessments that ended before it
    count: the due date that assessment itself had to meet. The plan and the open assignment
    are those the family page's other panels read too (remembered within a request); the
    previous assessment is one small indexed query — none when the caller has read the
    family's `newest` assessment (by the end of its period; None when there is none) and it
    counts, or there is none.
    """
    if before is None and newest is not _UNREAD and (newest is None or newest.counts):
        last = newest.period_to if newest is not None else None
    else:
        counted = PeriodicAssessment.objects.filter(family=family, status__in=COUNTED_STATUSES)
        if before is not None:
            counted = counted.filter(period_to__lt=before)
        last = counted.order_by("-period_to").values_list("period_to", flat=True).first()
    plan_start = next(
        (p.starts_on for p in current_versions(family) if p.status == PlanStatus.IN_FORCE), None
    )
    opened = open_assignment(family)
    return due_from(
        plan_start=plan_start,
        last_period_to=last,
        contact_start=(opened.first_contact_on or opened.started_on) if opened else None,
    )


@dataclass(frozen=True)
class AssessmentDue:
    family: Family
    assistant: Any
    due_on: date

    def is_overdue(self, on: date) -> bool:
        return self.due_on < on


def in_active_work(assignments: QuerySet[Assignment]) -> QuerySet[Any]:
    """`assignments` open and in active work, each with what its family's clock starts from
    (`last_period_to`, `plan_start`, `contact_start`): one query for any number of families
    (the statutory clock's provider reads the same)."""
    last_period = (
        PeriodicAssessment.objects.filter(family=OuterRef("family"), status__in=COUNTED_STATUSES)
        .order_by("-period_to")
        .values("period_to")[:1]
    )
    plan_start = WorkPlan.objects.filter(
        family=OuterRef("family"), status=PlanStatus.IN_FORCE
    ).values("starts_on")[:1]
    return assignments.filter(ended_on__isnull=True, phase=Phase.ACTIVE).annotate(
        last_period_to=Subquery(last_period, output_field=DateField()),
        plan_start=Subquery(plan_start, output_field=DateField()),
        contact_start=Coalesce(F("first_contact_on"), F("started_on")),
    )


def due_from(
    *, plan_start: date | None, last_period_to: date | None, contact_start: date | None
) -> date | None:
    """The due date from what the clock starts from (None when nothing starts it)."""
    start = clock_start(
        plan_start=plan_start, last_period_to=last_period_to, contact_start=contact_start
    )
    return due_after(start) if start is not None else None


def assessment_due_dates(centre: Centre) -> list[AssessmentDue]:
    """The next assessment's due date of every family in active work with an assistant, soonest
    first (one query, whatever the number of families)."""
    rows = in_active_work(Assignment.objects.filter(centre=centre)).select_related(
        "family", "assistant"
    )
    dues = []
    for row in rows:
        due_on = due_from(
            plan_start=row.plan_start,
            last_period_to=row.last_period_to,
            contact_start=row.contact_start,
        )
        if due_on is not None:
            dues.append(AssessmentDue(row.family, row.assistant, due_on))
    return sorted(dues, key=lambda d: (d.due_on, d.family.surname, d.family.pk))


def overdue_assessments(centre: Centre, on: date) -> list[AssessmentDue]:
    """Families of the centre whose periodic assessment was due before `on` and is not made."""
    return [due for due in assessment_due_dates(centre) if due.is_overdue(on)]
