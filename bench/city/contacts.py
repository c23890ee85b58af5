"""Contacts with the family in active work: a few a week on working days, mostly home visits
and calls, some with the family members present, some reporting progress on a plan action, a
rare one noting a possible threat to a child (with its alert)."""

from __future__ import annotations

import math
import random
from datetime import date, time, timedelta
from decimal import Decimal

from asysta.accounts.models import Role
from asysta.core.calendar import is_working_day
from asysta.visits.models import Contact, ContactAction, SafetyAlert
from bench.city import texts
from bench.city.context import Ctx, Story
from bench.city.writer import stamp

# form, place, share, minutes (low, high)
FORMS = (
    ("home_visit", "home", 0.52, 60, 120),
    ("phone", "centre", 0.25, 10, 30),
    ("accompanying", "office", 0.1, 60, 180),
    ("group", "centre", 0.04, 90, 120),
    ("team_meeting", "centre", 0.03, 60, 90),
    ("unsuccessful", "home", 0.06, 15, 30),
)
QUARTERS = [time(h, m) for h in range(7, 21) for m in (0, 15, 30, 45)]
KILOMETRES = [Decimal(k) / 2 for k in range(2, 60)]
SAFETY_SHARE = 0.0015
ACTION_SHARE = 0.06


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of contacts per week."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _form(rng: random.Random) -> tuple[str, str, int, int]:
    pick = rng.random()
    for form, place, share, low, high in FORMS:
        if pick < share:
            return form, place, low, high
        pick -= share
    return FORMS[0][0], FORMS[0][1], FORMS[0][3], FORMS[0][4]


def _times(rng: random.Random, low: int, high: int) -> tuple[time, time, int]:
    start_index = rng.randint(4, 36)  # 8:00 .. 16:00
    quarters = max(1, round(rng.randint(low, high) / 15))
    end_index = min(start_index + quarters, len(QUARTERS) - 1)
    return QUARTERS[start_index], QUARTERS[end_index], (end_index - start_index) * 15


def _extras(ctx: Ctx, story: Story, contact_id: int, day: date, form: str) -> None:
    rng = story.rng
    if form in ("home_visit", "accompanying") and rng.random() < 0.7:
        people = story.parents() if rng.random() < 0.7 else story.people
        for person in rng.sample(people, min(len(people), rng.randint(1, 2))):
            ctx.rows.add(
                Contact.members_present.through, contact_id=contact_id, member_id=person.id
            )
    if rng.random() < ACTION_SHARE:
        plan = story.plan_on(day)
        current = [a for a in plan.actions if a[1] >= day - timedelta(days=30)] if plan else []
        if current:
            action_id, deadline = rng.choice(current)
            ctx.rows.add(
                ContactAction,
                centre_id=ctx.centre_id,
                contact_id=contact_id,
                action_id=action_id,
                status_after="in_progress" if deadline >= day else "done",
                progress_note="Postęp omówiony z rodziną.",
            )


def _alert(ctx: Ctx, story: Story, contact_id: int, day: date) -> None:
    seen = day < ctx.today - timedelta(days=3)
    ctx.rows.add(
        SafetyAlert,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        contact_id=contact_id,
        acknowledged_by_id=ctx.staff.one(story.rng, Role.COORDINATOR) if seen else None,
        acknowledged_at=stamp(day + timedelta(days=1), 9) if seen else None,
        created_at=stamp(day, 18),
    )


def _contact(ctx: Ctx, story: Story, day: date) -> None:
    rng = story.rng
    form, place, low, high = _form(rng)
    start, end, minutes = _times(rng, low, high)
    safety = rng.random() < SAFETY_SHARE and form == "home_visit"
    contact_id = ctx.rows.add(
        Contact,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        assistant_id=story.assistant_on(day),
        date=day,
        start_time=start,
        end_time=end,
        duration_minutes=minutes,
        place=place,
        place_note="Urząd Miasta" if place == "office" else "",
        form=form,
        summary=texts.summary(rng),
        tasks_family=texts.pick(rng, texts.TASKS_FAMILY) if rng.random() < 0.4 else "",
        tasks_assistant=texts.pick(rng, texts.TASKS_ASSISTANT) if rng.random() < 0.3 else "",
        kilometres=rng.choice(KILOMETRES) if place != "centre" and rng.random() < 0.7 else None,
        child_safety=safety,
        safety_actions=["intervention"] if safety else [],
        safety_description="Dziecko bez opieki dorosłego; rozmowa z matką." if safety else "",
        created_at=stamp(day, 18),
        updated_at=stamp(day, 18),
    )
    _extras(ctx, story, contact_id, day, form)
    if safety:
        _alert(ctx, story, contact_id, day)


def add_contacts(ctx: Ctx, story: Story, per_week: float) -> None:
    """Contacts from the first meeting to the end of active work (or today)."""
    if story.first_contact is None:
        return
    rng = story.rng
    rate = per_week * rng.uniform(0.6, 1.4)
    end = min(story.closed_on or ctx.today, ctx.today)
    _contact(ctx, story, story.first_contact)
    monday = story.first_contact - timedelta(days=story.first_contact.weekday())
    while monday <= end:
        for _ in range(_poisson(rng, rate)):
            day = monday + timedelta(days=rng.randint(0, 4))
            if story.first_contact < day <= end and is_working_day(day):
                _contact(ctx, story, day)
        monday += timedelta(days=7)
