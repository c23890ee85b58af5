"""What a build made: rows per table and how many statutory steps are late today."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Max

from asysta.assessments.schedule import assessment_due_dates
from asysta.closure.models import Closure
from asysta.core.calendar import add_working_days
from asysta.core.models import Centre
from asysta.court.models import OpinionRequest
from asysta.intake.models import Assignment
from asysta.plans.models import Action, WorkPlan

OPEN = ("planned", "in_progress")


def table_counts(models: list[Any]) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _caseload(centres: list[Centre]) -> dict[str, int]:
    open_ = Assignment.objects.filter(centre__in=centres, ended_on__isnull=True)
    per_assistant = (
        open_.filter(phase="active")
        .values("assistant")
        .annotate(n=Count("pk"))
        .aggregate(m=Max("n"))
    )
    return {
        "open assignments": open_.count(),
        "in active work": open_.filter(phase="active").count(),
        "in monitoring": open_.filter(phase="monitoring").count(),
        "most families in active work of one assistant": per_assistant["m"] or 0,
    }


def _late(name: str, late: int, total: int) -> tuple[str, str]:
    share = 100 * late / total if total else 0.0
    return name, f"{late} of {total} ({share:.1f} %)"


def _plan_rates(centres: list[Centre], today: date) -> list[tuple[str, str]]:
    actions = Action.objects.filter(centre__in=centres, goal__plan__status="in_force")
    open_actions = actions.filter(status__in=OPEN)
    late = open_actions.filter(deadline__lt=today).count()
    plans = WorkPlan.objects.filter(centre__in=centres, status="in_force")
    return [
        _late("plan actions in force past deadline", late, actions.count()),
        _late("  of the open ones", late, open_actions.count()),
        _late(
            "plans in force past their review",
            plans.filter(review_due_on__lt=today).count(),
            plans.count(),
        ),
    ]


def _case_rates(centres: list[Centre], today: date) -> list[tuple[str, str]]:
    dues = [d for c in centres for d in assessment_due_dates(c)]
    requests = OpinionRequest.objects.filter(centre__in=centres).exclude(status="sent")
    monitoring = Closure.objects.filter(
        centre__in=centres, monitoring_until__isnull=False, monitoring_ended_on__isnull=True
    ).filter(reopened=False)
    first = Assignment.objects.filter(
        centre__in=centres, ended_on__isnull=True, phase="active", first_contact_on__isnull=True
    ).values_list("started_on", flat=True)
    return [
        _late(
            "families past their six-month assessment",
            sum(d.due_on < today for d in dues),
            len(dues),
        ),
        _late(
            "court opinions past the court's date",
            requests.filter(due_on__lt=today).count(),
            requests.count(),
        ),
        _late(
            "monitoring past its planned end",
            monitoring.filter(monitoring_until__lt=today).count(),
            monitoring.count(),
        ),
        _late(
            "first meetings late (7 working days)",
            sum(add_working_days(d, 7) < today for d in first),
            len(first),
        ),
    ]


def report(centres: list[Centre], today: date, models: list[Any] | None = None) -> dict[str, Any]:
    """Print the summary and return it (the marker table keeps it)."""
    from bench.city.build import ORDER

    counts = table_counts(models or ORDER)
    caseload = _caseload(centres)
    rates = _plan_rates(centres, today) + _case_rates(centres, today)
    print(f"\n{'table':<40} {'rows':>10}")
    for table, n in counts.items():
        print(f"{table:<40} {n:>10,}")
    print()
    for name, n in caseload.items():
        print(f"{name:<48} {n:>8,}")
    print(f"\nlate today ({today:%d.%m.%Y}):")
    for name, text in rates:
        print(f"  {name:<46} {text}")
    return {"tables": counts, "caseload": caseload, "late": dict(rates)}
