"""Periodic assessments (at least every six months, by the clock of
`asysta.assessments.schedule`) with their area scores, and the court's requests for an opinion.

The clock runs from the later of the plan in force's start and the previous assessment's end
(before the first plan: from the first meeting), exactly as the product computes it, so the
generated due dates are the ones the product shows. Most assessments are made on time; a few
per cent late (with the reason); the newest are drafts or await the head's acknowledgement.
"""

from __future__ import annotations

from datetime import date, timedelta

from asysta.accounts.models import Role
from asysta.assessments.models import Area, AreaScore, PeriodicAssessment
from asysta.assessments.schedule import due_after
from asysta.court.models import Opinion, OpinionRequest
from bench.city import texts
from bench.city.context import Ctx, Story, days
from bench.city.writer import stamp

LATE = 0.08
AREAS = Area.values


def _clock_start(story: Story, last_to: date | None, on: date) -> date:
    """Where the six months run from for an assessment due after `on` (see module doc)."""
    plan = story.plan_on(on)
    if plan is not None and plan.start is not None:
        return max(d for d in (plan.start, last_to) if d is not None)
    assert story.first_contact is not None
    return last_to or story.first_contact


def _due(story: Story, last_to: date | None, today: date) -> date:
    """The due date, moved on when a new plan version starts before it (the clock restarts)."""
    day = last_to or story.first_contact
    assert day is not None
    due = due_after(_clock_start(story, last_to, day))
    for _ in range(4):
        moved = due_after(_clock_start(story, last_to, min(due, today)))
        if moved == due:
            break
        due = moved
    return due


def _status(ctx: Ctx, story: Story, made: date) -> dict[str, object]:
    age = (ctx.today - made).days
    if age < 10 and story.rng.random() < 0.3:
        return {"status": "draft"}
    if age < 25:
        return {"status": "submitted", "submitted_on": made}
    return {
        "status": "acknowledged",
        "submitted_on": made,
        "acknowledged_by_id": ctx.staff.one(story.rng, Role.HEAD),
        "acknowledged_on": made + days(story.rng, 1, 20),
    }


def _scores(ctx: Ctx, story: Story, assessment_id: int, number: int) -> None:
    rng = story.rng
    for area in AREAS:
        score = min(5, max(1, rng.randint(1, 3) + number // 2 + rng.randint(-1, 1)))
        ctx.rows.add(
            AreaScore, centre_id=ctx.centre_id, assessment_id=assessment_id, area=area, score=score
        )


def _assessment(ctx: Ctx, story: Story, period: tuple[date, date], made: date, due: date) -> int:
    late = made > due
    return ctx.rows.add(
        PeriodicAssessment,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        period_from=period[0],
        period_to=period[1],
        made_on=made,
        made_by_id=story.assistant_on(made),
        changes="Poprawa organizacji dnia i frekwencji dzieci w szkole.",
        cooperation="Rodzina współpracuje, realizuje ustalenia.",
        recommendation="change_plan" if story.rng.random() < 0.2 else "continue",
        due_on=due,
        late_reason="Długotrwała nieobecność asystenta." if late else "",
        created_at=stamp(made),
        **_status(ctx, story, made),
    )


def add_assessments(ctx: Ctx, story: Story) -> None:
    """Every six-month assessment made during the active work, up to today."""
    if story.first_contact is None:
        return
    rng, last_to, number = story.rng, None, 0
    end = min(story.closed_on or ctx.today, ctx.today)
    while True:
        due = _due(story, last_to, ctx.today)
        start = last_to + timedelta(days=1) if last_to else story.first_contact
        late = rng.random() < LATE
        period_to = max(start, due - days(rng, 0, 12))
        made = due + days(rng, 3, 60) if late else min(period_to + days(rng, 0, 6), due)
        if made > end:
            return
        assessment_id = _assessment(ctx, story, (start, period_to), made, due)
        _scores(ctx, story, assessment_id, number)
        last_to, number = period_to, number + 1


def _opinion_status(ctx: Ctx, story: Story, received: date, due: date) -> dict[str, object]:
    rng = story.rng
    recent = due < ctx.today and (ctx.today - due).days <= 14
    if (due < ctx.today and not (recent and rng.random() < 0.15)) or rng.random() < 0.1:
        approved = min(due - days(rng, 1, 5), ctx.today)
        approved = max(approved, received)
        sent = approved + days(rng, 0, 2) if rng.random() < 0.95 else due + days(rng, 1, 10)
        return {
            "status": "sent",
            "approved_on": approved,
            "sent_on": min(sent, ctx.today),
            "sent_how": "epuap",
            "approved_by_id": ctx.staff.one(rng, Role.HEAD),
        }
    status = texts.pick(rng, ("received", "drafted", "drafted", "approved"))
    if status == "approved":
        return {
            "status": status,
            "approved_on": min(received + days(rng, 3, 10), ctx.today),
            "approved_by_id": ctx.staff.one(rng, Role.HEAD),
        }
    return {"status": status}


def add_court_requests(ctx: Ctx, story: Story) -> None:
    """Requests for an opinion (art. 15 ust. 1 pkt 17): about one per 18 months of work."""
    if story.first_contact is None or story.court_order is None:
        return
    rng = story.rng
    end = min(story.closed_on or ctx.today, ctx.today)
    received = story.first_contact + days(rng, 60, 540)
    while received <= end:
        due = received + days(rng, 14, 35)
        state = _opinion_status(ctx, story, received, due)
        request_id = ctx.rows.add(
            OpinionRequest,
            centre_id=ctx.centre_id,
            family_id=story.family_id,
            court=texts.pick(rng, texts.COURTS),
            file_number=f"III Nsm {rng.randint(100, 2999)}/{received.year % 100:02d}",
            received_on=received,
            due_on=due,
            scope="Opinia o sytuacji rodziny i realizacji planu pracy.",
            created_by_id=story.social_worker,
            created_at=stamp(received),
            **state,
        )
        if state["status"] != "received":
            _opinion(ctx, story, request_id, received)
        received += days(rng, 300, 700)


def _opinion(ctx: Ctx, story: Story, request_id: int, received: date) -> None:
    ctx.rows.add(
        Opinion,
        request_id=request_id,
        centre_id=ctx.centre_id,
        basis="Postanowienie sądu zobowiązujące rodzinę do współpracy z asystentem.",
        course="Rodzina współpracuje, spotkania odbywają się regularnie.",
        conclusions="Wskazana dalsza praca z asystentem rodziny.",
        drafted_by_id=story.assistant_on(received),
        created_at=stamp(received),
        updated_at=stamp(received),
    )
