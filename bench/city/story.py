"""One family from its first report to today, written through the steps of each area."""

from __future__ import annotations

import random
from datetime import date

from asysta.accounts.models import Role
from bench.city import assessments, casework, contacts, intake, plans
from bench.city import family as record
from bench.city.context import Ctx, Story, days
from bench.city.presets import Preset
from bench.city.timeline import Case

COURT_SHARE = 0.15
ZA_ZYCIEM_SHARE = 0.04
PLACEMENT_SHARE = 0.10
BLUE_CARD_SHARE = 0.04


def new_story(ctx: Ctx, seed: str, reported_on: date) -> Story:
    from asysta.families.models import Family

    rng = random.Random(seed)
    return Story(
        rng=rng,
        family_id=ctx.rows.ids.next(Family),
        social_worker=ctx.staff.one(rng, Role.SOCIAL_WORKER),
        reported_on=reported_on,
    )


def _basis(ctx: Ctx, story: Story, case: Case, ending: casework.Ending | None) -> None:
    """A consent (withdrawn when the family stopped cooperating), a court order or both."""
    rng = story.rng
    if story.court_order is not None and rng.random() < 0.5:
        return  # the court's order is the basis; no consent asked for
    withdrawn = None
    if ending and ending.reason == "no_cooperation" and story.court_order is None:
        withdrawn = max(case.closed_on - days(rng, 0, 14), case.start)  # type: ignore[operator]
    record.add_consent(ctx, story, story.reported_on + days(rng, 3, 12), withdrawn)


def _record_extras(ctx: Ctx, story: Story, violence: bool) -> None:
    work_end = min(story.closed_on or ctx.today, ctx.today)
    if story.first_contact is None:
        return
    if story.children() and story.rng.random() < PLACEMENT_SHARE:
        record.add_placement(ctx, story, work_end)
    if violence:
        record.add_blue_card(ctx, story, work_end)


def _ending(ctx: Ctx, story: Story, ending: casework.Ending | None) -> None:
    if ending is None or story.closed_on is None:
        return
    closure_id = casework.add_closure(ctx, story, ending)
    casework.add_monitoring_contacts(ctx, story, closure_id, ending)
    order = story.court_order
    if order is not None and story.rng.random() < 0.5:
        lifted = story.closed_on + days(story.rng, 10, 200)
        if lifted <= ctx.today:
            record.end_court_order(ctx, story, lifted)


def assigned_family(ctx: Ctx, story: Story, case: Case, preset: Preset) -> None:
    """A family that worked with an assistant from `case.start`."""
    rng = story.rng
    if rng.random() < COURT_SHARE:
        record.add_court_order(ctx, story, story.reported_on)
    elif rng.random() < ZA_ZYCIEM_SHARE:
        record.add_za_zyciem(ctx, story, story.reported_on)
    record.add_family(ctx, story, case.start)
    story.closed_on = case.closed_on
    ending = casework.ending_of(ctx, story, case)
    casework.add_assignments(ctx, story, case, ending)
    casework.add_referral(ctx, story, case, story.spans[0].id)
    _basis(ctx, story, case, ending)
    violence = rng.random() < BLUE_CARD_SHARE
    record.add_problems(ctx, story, violence=violence)
    casework.add_diagnosis(ctx, story, min(story.closed_on or ctx.today, ctx.today))
    plans.add_plans(ctx, story)
    contacts.add_contacts(ctx, story, preset.contacts_per_week)
    assessments.add_assessments(ctx, story)
    assessments.add_court_requests(ctx, story)
    _record_extras(ctx, story, violence)
    _ending(ctx, story, ending)


def intake_family(ctx: Ctx, story: Story, status: str) -> None:
    """A family whose request is in `status` and never led to an assignment."""
    intake.add_intake_family(ctx, story, status)
    record.add_problems(ctx, story, violence=False)
