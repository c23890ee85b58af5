"""The periodic assessment: draft → submitted to the head → acknowledged by the head.

Only the family's assistant writes and submits it; the head or the coordinator acknowledges it.
Its period must not overlap another assessment of the family; one made after its due date (the
six-month rule, `asysta.assessments.schedule`) must say why it is late.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.assessments import schedule
from asysta.assessments.models import (
    SCORES,
    Area,
    AreaScore,
    AssessmentStatus,
    PeriodicAssessment,
    Recommendation,
)
from asysta.assessments.services._common import (
    dmy,
    not_future,
    only,
    require_assistant,
    require_manager,
)
from asysta.assessments.services.dispatches import prepare_dispatches
from asysta.families.models import Family
from asysta.plans.queries import plan_in_force
from asysta.plans.services import request_review

ASSESSMENT_FIELDS = (
    "period_from",
    "period_to",
    "made_on",
    "changes",
    "cooperation",
    "institutions",
    "recommendation",
    "end_reason",
    "conclusions",
    "late_reason",
)

Scores = Mapping[str, Mapping[str, Any]]


def _clean_scores(scores: Scores) -> dict[str, tuple[int, str]]:
    """Area code -> (score, comment) for the areas scored; an unscored area is "not assessed"."""
    cleaned: dict[str, tuple[int, str]] = {}
    for code, row in scores.items():
        if code not in Area.values:
            raise ValidationError(_("Nieznany obszar: %(a)s.") % {"a": code})
        score, comment = row.get("score"), (row.get("comment") or "").strip()
        if score in (None, ""):
            if comment:
                raise ValidationError(
                    {f"score_{code}": _("Komentarz bez oceny: wybierz ocenę od 1 do 5.")}
                )
            continue
        if int(score) not in SCORES:
            raise ValidationError({f"score_{code}": _("Ocena musi być liczbą od 1 do 5.")})
        cleaned[code] = (int(score), comment)
    if not cleaned:
        raise ValidationError(_("Oceń sytuację rodziny co najmniej w jednym obszarze (1–5)."))
    return cleaned


def overlapping(assessment: PeriodicAssessment) -> PeriodicAssessment | None:
    """Another assessment of the family whose period shares a day with this one's."""
    others = PeriodicAssessment.objects.filter(
        family_id=assessment.family_id,
        period_from__lte=assessment.period_to,
        period_to__gte=assessment.period_from,
    )
    if assessment.pk:
        others = others.exclude(pk=assessment.pk)
    return others.order_by("period_from").first()


def _check_period(assessment: PeriodicAssessment) -> None:
    a = assessment
    if a.period_to < a.period_from:
        raise ValidationError(
            {"period_to": _("Koniec okresu oceny nie może być przed jego początkiem.")}
        )
    if a.made_on < a.period_to:
        raise ValidationError(
            {"made_on": _("Ocenę sporządza się po zakończeniu ocenianego okresu.")}
        )
    other = overlapping(a)
    if other is not None:
        raise ValidationError(
            {
                "period_from": _(
                    "Okres oceny nakłada się na poprzednią ocenę tej rodziny "
                    "(%(f)s–%(t)s). Nowy okres zaczyna się najwcześniej %(next)s."
                )
                % {
                    "f": dmy(other.period_from),
                    "t": dmy(other.period_to),
                    "next": dmy(other.period_to + timedelta(days=1)),
                }
            }
        )


def _check_content(assessment: PeriodicAssessment) -> None:
    a = assessment
    not_future(a.made_on, "made_on")
    _check_period(a)
    if a.recommendation == Recommendation.END:
        if not a.end_reason:
            raise ValidationError(
                {"end_reason": _("Rekomendując zakończenie pracy, podaj jego powód.")}
            )
    else:
        a.end_reason = ""
    a.due_on = schedule.next_assessment_due(a.family, before=a.period_from)
    a.late_reason = a.late_reason.strip()
    if a.is_late and not a.late_reason:
        raise ValidationError(
            {
                "late_reason": _(
                    "Ocena sporządzona po terminie (%(due)s) — podaj przyczynę opóźnienia."
                )
                % {"due": dmy(a.due_on)}  # type: ignore[arg-type]
            }
        )
    a.full_clean(exclude=["centre", "family", "made_by", "acknowledged_by"])


def _save_scores(assessment: PeriodicAssessment, scores: dict[str, tuple[int, str]]) -> None:
    existing = {row.area: row for row in assessment.scores.all()}
    for code, row in existing.items():
        if code not in scores:
            row.delete()
    for code, (score, comment) in scores.items():
        current = existing.get(code)
        if current is None:
            AreaScore.objects.create(
                centre_id=assessment.centre_id,
                assessment=assessment,
                area=code,
                score=score,
                comment=comment,
            )
        elif (current.score, current.comment) != (score, comment):
            current.score, current.comment = score, comment
            current.save(update_fields=["score", "comment"])


def _save_guarded(assessment: PeriodicAssessment) -> None:
    """Save; on PostgreSQL the exclusion constraint is the last word on overlapping periods."""
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"period_from": _("Okres oceny nakłada się na inną ocenę tej rodziny.")}
        ) from exc


def _lock(family: Family) -> None:
    """Serialise writers of one family's assessments (the overlap check reads, then writes)."""
    Family.objects.select_for_update().filter(pk=family.pk).first()


@transaction.atomic
def create_assessment(
    *, family: Family, by: Any, scores: Scores, **fields: Any
) -> PeriodicAssessment:
    """A draft assessment by the family's assistant, with area scores (area code -> {"score":
    1–5 or None, "comment"}). Refuses a period overlapping another assessment and a late one
    without the reason for the delay."""
    require_assistant(family, by)
    _lock(family)
    cleaned = _clean_scores(scores)
    assessment = PeriodicAssessment(
        centre_id=family.centre_id, family=family, made_by=by, **only(fields, ASSESSMENT_FIELDS)
    )
    _check_content(assessment)
    _save_guarded(assessment)
    _save_scores(assessment, cleaned)
    return assessment


def _require_draft(assessment: PeriodicAssessment) -> None:
    if not assessment.is_draft:
        raise ValidationError(
            _("Ocena została już przekazana kierownikowi; nie można jej zmienić.")
        )


@transaction.atomic
def update_assessment(
    *, assessment: PeriodicAssessment, by: Any, scores: Scores, **fields: Any
) -> PeriodicAssessment:
    """Change a draft assessment (only its assistant, only while it is a draft)."""
    require_assistant(assessment.family, by)
    _lock(assessment.family)
    _require_draft(assessment)
    cleaned = _clean_scores(scores)
    for name, value in only(fields, ASSESSMENT_FIELDS).items():
        setattr(assessment, name, value)
    _check_content(assessment)
    _save_guarded(assessment)
    _save_scores(assessment, cleaned)
    return assessment


@transaction.atomic
def submit_assessment(
    *, assessment: PeriodicAssessment, by: Any, on: date | None = None
) -> PeriodicAssessment:
    """Pass the draft on to the head (status SUBMITTED). When the centre's rule says so and a
    child of the family is in foster care, a dispatch to the PCPR is prepared as well. An
    assessment that recommends changing the plan brings the plan's review forward."""
    require_assistant(assessment.family, by)
    _require_draft(assessment)
    on = on or timezone.localdate()
    if on < assessment.made_on:
        raise ValidationError(_("Oceny nie można przekazać przed datą jej sporządzenia."))
    _check_content(assessment)  # the due date may have moved since the draft was saved
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_on = on
    assessment.save()
    prepare_dispatches(assessment, on=on, by=by)
    if assessment.recommendation == Recommendation.CHANGE_PLAN:
        _review_plan_soon(assessment, on=on, by=by)
    return assessment


# How soon the plan is reviewed after an assessment asks for a change (practice, not statute).
REVIEW_AFTER_CHANGE_DAYS = 30


def _review_plan_soon(assessment: PeriodicAssessment, *, on: date, by: Any) -> None:
    plan = plan_in_force(assessment.family)
    if plan is not None:
        request_review(plan=plan, due_on=on + timedelta(days=REVIEW_AFTER_CHANGE_DAYS), by=by)


@transaction.atomic
def acknowledge_assessment(
    *, assessment: PeriodicAssessment, by: Any, on: date | None = None, note: str = ""
) -> PeriodicAssessment:
    """The head or the coordinator has read the submitted assessment (status ACKNOWLEDGED)."""
    require_manager(assessment.family, by)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(
            _("Zapoznać się można tylko z oceną przekazaną przez asystenta (nie roboczą).")
        )
    on = on or timezone.localdate()
    not_future(on, "acknowledged_on")
    if assessment.submitted_on and on < assessment.submitted_on:
        raise ValidationError(
            {"acknowledged_on": _("Data zapoznania nie może być przed datą przekazania oceny.")}
        )
    assessment.status = AssessmentStatus.ACKNOWLEDGED
    assessment.acknowledged_by = by
    assessment.acknowledged_on = on
    assessment.acknowledgement_note = note.strip()
    assessment.save(
        update_fields=["status", "acknowledged_by", "acknowledged_on", "acknowledgement_note"]
    )
    return assessment
