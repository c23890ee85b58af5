"""The course of an assigned family's case: the request that led to it, the assignments (one
per assistant who held the post while the family was in it), the first meeting, the initial
diagnosis, the closure with its reason and the monitoring after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from asysta.accounts.models import Role
from asysta.assessments.models import InitialDiagnosis
from asysta.closure.models import MONITORING_OPTIONAL, Closure, MonitoringContact
from asysta.intake.models import Assignment, Referral
from bench.city import texts
from bench.city.context import Ctx, Span, Story, days, weighted
from bench.city.timeline import Case, working_on_or_after
from bench.city.writer import stamp

# Why the work ended: (reason, share). Short cases end mostly for lack of cooperation or a move.
REASONS_SHORT = (
    ("no_cooperation", 0.55),
    ("moved_away", 0.25),
    ("other", 0.1),
    ("no_effects", 0.1),
)
REASONS = (
    ("goals_achieved", 0.33),
    ("no_cooperation", 0.2),
    ("no_effects", 0.1),
    ("moved_away", 0.09),
    ("court_decision", 0.07),
    ("no_minor_children", 0.09),
    ("other", 0.12),
)
MONITORING_MONTHS = ((3, 0.1), (6, 0.4), (12, 0.5))
ANALYSIS = {
    "needs": "Wsparcie w opiece nad dziećmi.",
    "resources": "Motywacja matki.",
    "goals": "Poprawa funkcjonowania rodziny.",
    "conclusion": "Potrzebny asystent.",
}


@dataclass
class Ending:
    """How the active work ended: the reason, the monitoring's planned end (None: closed without
    monitoring) and its actual end (None: still monitored, or no monitoring)."""

    reason: str
    monitoring_until: date | None
    monitoring_ended_on: date | None

    def assignment_end(self, closed_on: date) -> date | None:
        if self.monitoring_until is None:
            return closed_on
        return self.monitoring_ended_on


def ending_of(ctx: Ctx, story: Story, case: Case) -> Ending | None:
    if case.closed_on is None:
        return None
    rng = story.rng
    short = (case.closed_on - case.start).days < 150
    reason = weighted(rng, REASONS_SHORT if short else REASONS)
    if story.za_zyciem and reason == "goals_achieved":
        reason = "zz_goal_reached"
    if reason in MONITORING_OPTIONAL and rng.random() < 0.5:
        return Ending(reason, None, None)
    months = int(weighted(rng, MONITORING_MONTHS))
    until = case.closed_on + relativedelta(months=months)
    if until < ctx.today - relativedelta(days=45) or (until < ctx.today and rng.random() < 0.75):
        ended = max(until + days(rng, -10, 15), case.closed_on + days(rng, 1, 5))
        return Ending(reason, until, min(ended, ctx.today))
    return Ending(reason, until, None)


def add_referral(ctx: Ctx, story: Story, case: Case, assignment_id: int) -> None:
    rng = story.rng
    interview = story.reported_on + days(rng, 3, 10)
    filed = interview + days(rng, 2, 8)
    queued = (case.start - filed).days > 45
    source = "court" if story.court_order else ("za_zyciem" if story.za_zyciem else None)
    ctx.rows.add(
        Referral,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        source=source or texts.pick(rng, ("social_worker", "family", "school", "health", "police")),
        reported_on=story.reported_on,
        status="active" if story.first_contact else "assigned",
        social_worker_id=story.social_worker,
        interview_planned_on=interview - days(rng, 0, 2),
        interview_on=interview,
        analysis=ANALYSIS,
        need_found=True,
        filed_on=filed,
        decided_on=filed if queued else case.start,
        decided_by_id=ctx.staff.one(rng, Role.HEAD),
        queue_priority=4 if queued else None,
        queued_on=filed if queued else None,
        assignment_id=assignment_id,
        created_by_id=story.social_worker,
        created_at=stamp(story.reported_on),
    )


def _first_meeting(ctx: Ctx, story: Story, start: date) -> date | None:
    """Within a few working days of the assignment (not yet, for the newest ones)."""
    day = working_on_or_after(start + days(story.rng, 1, 7))
    return day if day < ctx.today else None


def _end_reason(ending: Ending | None, last: bool, stop: date | None) -> str:
    """A hand-over ends an assignment as "reassigned"; the last one ends with the closure's
    reason (after the monitoring, if any); an open one has none."""
    if stop is None:
        return ""
    if last and ending is not None:
        return ending.reason
    return "reassigned"


def _monitoring(ending: Ending | None, closed_on: date | None, stop: date | None) -> bool:
    """Whether the assignment was (or is) in the monitoring phase when it ended (or now)."""
    if ending is None or ending.monitoring_until is None or closed_on is None:
        return False
    return stop is None or stop > closed_on


def add_assignments(ctx: Ctx, story: Story, case: Case, ending: Ending | None) -> None:
    """One assignment per holder of the post over the family's time with it."""
    end = ending.assignment_end(case.closed_on) if ending and case.closed_on else None
    spans = case.post.holder_spans(case.start, end)
    manager = ctx.staff.one(story.rng, Role.COORDINATOR)
    for n, (holder, start, stop) in enumerate(spans):
        phase = "monitoring" if _monitoring(ending, case.closed_on, stop) else "active"
        first = _first_meeting(ctx, story, start)
        assistant = ctx.staff.assistants[holder.number]
        span_id = ctx.rows.add(
            Assignment,
            centre_id=ctx.centre_id,
            family_id=story.family_id,
            assistant_id=assistant,
            started_on=start,
            ended_on=stop,
            end_reason=_end_reason(ending, n == len(spans) - 1, stop),
            phase=phase,
            reason="" if n == 0 else "przekazanie rodzin: zmiana asystenta na stanowisku",
            first_contact_on=first,
            first_contact_present="pracownik socjalny, matka" if first else "",
            created_by_id=manager,
            created_at=stamp(start),
        )
        if n == 0:
            story.first_contact = first
        story.spans.append(Span(span_id, assistant, start, stop))


def add_diagnosis(ctx: Ctx, story: Story, work_end: date) -> None:
    if story.first_contact is None:
        return
    made = story.first_contact + days(story.rng, 7, 28)
    if made > work_end:
        return
    risky = story.rng.random() < 0.15
    ctx.rows.add(
        InitialDiagnosis,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        made_on=made,
        made_by_id=story.assistant_on(made),
        sources="wywiad środowiskowy, informacja ze szkoły",
        child_risk="medium" if risky else "none",
        child_risk_description="Zaniedbania opiekuńcze." if risky else "",
        conclusions="Rodzina potrzebuje wsparcia w opiece nad dziećmi i budżecie.",
        proposed_goals="Poprawa organizacji dnia, spłata zadłużenia.",
        created_at=stamp(made),
    )


FINAL = {
    "childcare": "Rodzice sprawują prawidłową opiekę nad dziećmi.",
    "household": "Rodzina planuje wydatki, nie ma nowych zaległości.",
    "employment": "Matka pracuje na umowę o pracę.",
    "education": "Dzieci regularnie chodzą do szkoły.",
}
OTHER_REASONS = ("śmierć rodzica", "umieszczenie rodzica w zakładzie karnym", "wyjazd za granicę")


def _court_position(story: Story, reason: str, closed_on: date) -> dict[str, object]:
    """A court-obliged family closed for lack of cooperation carries the court's position."""
    if story.court_order is None or reason != "no_cooperation":
        return {}
    return {
        "court_position": "Sąd przyjął informację o braku współpracy rodziny.",
        "court_position_on": closed_on - days(story.rng, 1, 20),
    }


def _moved(ctx: Ctx, story: Story, reason: str, closed_on: date) -> dict[str, object]:
    if reason != "moved_away":
        return {}
    return {
        "new_centre": "Ośrodek Pomocy Społecznej w nowym miejscu zamieszkania",
        "new_centre_letter_on": min(closed_on + days(story.rng, 0, 10), ctx.today),
        "disclosure_basis": "zgoda rodziny na przekazanie informacji",
    }


def add_closure(ctx: Ctx, story: Story, ending: Ending) -> int:
    """The closure with its report, the monitoring decision and its course."""
    rng, closed_on = story.rng, story.closed_on
    assert closed_on is not None
    areas = rng.sample(sorted(FINAL), rng.randint(1, 3))
    order = story.court_order
    return ctx.rows.add(
        Closure,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        closed_on=closed_on,
        reason=ending.reason,
        reason_other=texts.pick(rng, OTHER_REASONS) if ending.reason == "other" else "",
        assignment_id=story.span_on(closed_on).id,
        court_order_id=order[0] if order and order[1] <= closed_on else None,
        goals_achieved="Cele planu osiągnięto częściowo.",
        final_situation={area: FINAL[area] for area in areas},
        recommendations="Dalsze wsparcie pracownika socjalnego.",
        monitoring_until=ending.monitoring_until,
        monitoring_frequency="raz w miesiącu" if ending.monitoring_until else "",
        no_monitoring_reason="" if ending.monitoring_until else "Rodzina poza zasięgiem ośrodka.",
        monitoring_ended_on=ending.monitoring_ended_on,
        monitoring_summary="Sytuacja rodziny stabilna." if ending.monitoring_ended_on else "",
        closed_by_id=story.assistant_on(closed_on),
        created_at=stamp(closed_on),
        **_court_position(story, ending.reason, closed_on),
        **_moved(ctx, story, ending.reason, closed_on),
    )


def add_monitoring_contacts(ctx: Ctx, story: Story, closure_id: int, ending: Ending) -> None:
    """About once a month from the closure to the end of the monitoring (or today)."""
    if ending.monitoring_until is None or story.closed_on is None:
        return
    rng = story.rng
    last = min(ending.monitoring_ended_on or ctx.today, ending.monitoring_until, ctx.today)
    day = story.closed_on + days(rng, 14, 35)
    while day <= last:
        ctx.rows.add(
            MonitoringContact,
            centre_id=ctx.centre_id,
            family_id=story.family_id,
            closure_id=closure_id,
            contacted_on=day,
            form=texts.pick(rng, ("home_visit", "phone", "phone", "institution")),
            note="Rodzina radzi sobie samodzielnie.",
            concern=rng.random() < 0.05,
            by_id=story.assistant_on(day),
            created_at=stamp(day),
        )
        day += days(rng, 25, 40)
