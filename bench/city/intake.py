"""Families whose request for an assistant never led to an assignment: requests in every state
of the intake (domain.md §2.7), the finished ones spread over the years, the open ones recent."""

from __future__ import annotations

from datetime import date, timedelta

from asysta.accounts.models import Role
from asysta.intake.models import Referral
from bench.city import family as record
from bench.city.casework import ANALYSIS
from bench.city.context import Ctx, Story, days
from bench.city.presets import FIRST_DAY
from bench.city.writer import stamp

# status, share, how many days ago the request came in (low, high)
STATES = (
    ("closed_no_need", 0.28, 30, None),
    ("refused", 0.14, 30, None),
    ("passed_on", 0.10, 30, None),
    ("queued", 0.16, 30, 200),
    ("reported", 0.08, 1, 20),
    ("interview_scheduled", 0.07, 2, 25),
    ("interview_done", 0.06, 10, 30),
    ("analysis_done", 0.05, 15, 40),
    ("request_filed", 0.06, 20, 45),
)
DONE_INTERVIEW = {
    "interview_done",
    "analysis_done",
    "closed_no_need",
    "request_filed",
    "refused",
    "queued",
    "passed_on",
}
FILED = {"request_filed", "refused", "queued", "passed_on"}


def state_of(share: float) -> tuple[str, int, int | None]:
    for status, part, low, high in STATES:
        if share < part:
            return status, low, high
        share -= part
    return STATES[0][0], STATES[0][2], STATES[0][3]


def reported_on(story_rng, today: date, low: int, high: int | None) -> date:
    if high is None:  # finished requests: any time in the history
        return FIRST_DAY + timedelta(days=story_rng.randint(0, (today - FIRST_DAY).days - low))
    return today - days(story_rng, low, high)


def _decision(ctx: Ctx, story: Story, status: str, filed: date | None) -> dict[str, object]:
    rng = story.rng
    if status not in ("closed_no_need", "refused", "queued", "passed_on"):
        return {}
    base = filed or story.reported_on + days(rng, 10, 20)
    decided = min(base + days(rng, 1, 10), ctx.today)
    values: dict[str, object] = {
        "decided_on": decided,
        "decided_by_id": ctx.staff.one(rng, Role.HEAD),
        "decision_note": "Decyzja kierownika po analizie wniosku.",
    }
    if status == "queued":
        values.update(queue_priority=rng.choice((1, 2, 3, 4, 4, 4)), queued_on=decided)
    if status == "passed_on":
        values["passed_to"] = "Stowarzyszenie realizujące zadanie na zlecenie gminy"
    return values


def add_intake_family(ctx: Ctx, story: Story, status: str) -> None:
    """The family, its members and basis, and its one request in `status`."""
    rng = story.rng
    record.add_family(ctx, story, story.reported_on)
    interview = story.reported_on + days(rng, 3, 10)
    interview = min(interview, ctx.today)
    done = status in DONE_INTERVIEW
    if done and status not in ("closed_no_need", "refused"):
        record.add_consent(ctx, story, interview)
    filed = min(interview + days(rng, 2, 8), ctx.today) if status in FILED else None
    ctx.rows.add(
        Referral,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        source=rng.choice(("social_worker", "family", "school", "health", "neighbours")),
        reported_on=story.reported_on,
        status=status,
        social_worker_id=story.social_worker,
        interview_planned_on=interview if status != "reported" else None,
        interview_on=interview if done else None,
        analysis=ANALYSIS if done and status != "interview_done" else {},
        need_found=(status != "closed_no_need") if done and status != "interview_done" else None,
        filed_on=filed,
        created_by_id=story.social_worker,
        created_at=stamp(story.reported_on),
        **_decision(ctx, story, status, filed),
    )
