"""The family record: the family, its members, the legal basis, problem areas, children
outside the family and the Niebieska Karta procedure."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from asysta.core.calendar import add_working_days
from asysta.core.text import normalize
from asysta.families.models import (
    ADULT_AGE,
    BlueCard,
    ChildPlacement,
    Consent,
    CourtOrder,
    Family,
    FamilyProblem,
    Member,
    ProblemArea,
    ZaZycieApplication,
    age_on,
)
from bench.city import texts
from bench.city.context import Ctx, Person, Story, days
from bench.city.writer import stamp

CHILDREN = ((0.38, 1), (0.34, 2), (0.18, 3), (0.10, 4))
PLACEMENT_KINDS = ("kinship", "non_prof", "prof", "family_home", "institution")


def _children_count(story: Story) -> int:
    pick = story.rng.random()
    for share, count in CHILDREN:
        if pick < share:
            return count
        pick -= share
    return 1


def _member(
    ctx: Ctx, story: Story, surname: str, role: str, sex: str, birth: date, **extra
) -> None:
    rng = story.rng
    first = texts.pick(rng, texts.WOMEN if sex == "F" else texts.MEN)
    pesel = ctx.pesel(birth, sex) if rng.random() < 0.8 else ""
    if role == "parent" and age_on(birth, ctx.today) < ADULT_AGE:
        extra["notes"] = "Rodzic niepełnoletni — opieka kuratora."
    member_id = ctx.rows.add(
        Member,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        first_name=first,
        last_name=surname,
        role=role,
        sex=sex,
        birth_date=birth,
        pesel=pesel,
        **extra,
    )
    story.people.append(Person(member_id, role, sex, birth, first))


def _members(ctx: Ctx, story: Story, names: tuple[str, str, str], start: date) -> None:
    rng = story.rng
    mother_born = start - relativedelta(years=rng.randint(19, 44), days=rng.randint(0, 364))
    authority = "limited" if story.court_order and rng.random() < 0.4 else "full"
    adult = {
        "parental_authority": authority,
        "occupation": texts.pick(rng, ("bezrobotna", "praca dorywcza", "zasiłek", "umowa o pracę")),
    }
    _member(ctx, story, names[1], "parent", "F", mother_born, relationship="mother", **adult)
    if rng.random() < 0.55:
        born = mother_born - relativedelta(years=rng.randint(-2, 6), days=rng.randint(0, 200))
        _member(ctx, story, names[0], "parent", "M", born, relationship="father", **adult)
    eldest = mother_born + relativedelta(years=18, days=rng.randint(200, 700))
    span = max((start - eldest).days, 30)
    for _ in range(_children_count(story)):
        born = min(eldest + timedelta(days=rng.randint(0, span)), ctx.today)
        sex = "F" if rng.random() < 0.49 else "M"
        relation = "daughter" if sex == "F" else "son"
        school = "Szkoła Podstawowa nr 12" if 7 <= age_on(born, start) < ADULT_AGE else ""
        _member(
            ctx, story, names[sex == "F"], "child", sex, born, relationship=relation, school=school
        )
    if rng.random() < 0.1:
        born = mother_born - relativedelta(years=rng.randint(20, 28))
        _member(ctx, story, names[1], "other", "F", born, relationship="grandparent")


def add_family(ctx: Ctx, story: Story, start: date) -> None:
    """The family row and its members (`start`: when the work with it starts or would)."""
    rng = story.rng
    names = texts.pick(rng, texts.SURNAMES)  # type: ignore[arg-type]
    street, building = texts.pick(rng, texts.STREETS), str(rng.randint(1, 120))
    flat = str(rng.randint(1, 60)) if rng.random() < 0.7 else ""
    case_number = ctx.case_number(story.reported_on.year)
    locality = ctx.staff.centre.locality
    ctx.rows.add(
        Family,
        id=story.family_id,
        centre_id=ctx.centre_id,
        case_number=case_number,
        surname=names[2],
        street=street,
        building=building,
        flat=flat,
        postal_code=f"30-{rng.randint(1, 999):03d}",
        locality=locality,
        gmina=locality,
        phone=f"6{rng.randint(0, 99999999):08d}",
        social_worker_id=story.social_worker,
        difficulty=rng.choice((1, 1, 2, 2, 2, 3)),
        created_at=stamp(story.reported_on),
    )
    _members(ctx, story, names, start)
    people = " ".join(f"{p.first_name} {names[2]}" for p in story.people)
    parts = [names[2], case_number, street, building, locality, people]
    ctx.rows.by_model[Family][-1]["search_text"] = normalize(" ".join(parts))[:1000]


def add_court_order(ctx: Ctx, story: Story, before: date) -> None:
    rng = story.rng
    issued = before - days(rng, 5, 90)
    order_id = ctx.rows.add(
        CourtOrder,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        court=texts.pick(rng, texts.COURTS),
        file_number=f"III Nsm {rng.randint(100, 2999)}/{issued.year % 100:02d}",
        issued_on=issued,
        kurator="kurator zawodowy" if rng.random() < 0.6 else "",
        created_at=stamp(issued),
    )
    story.court_order = (order_id, issued, None)


def end_court_order(ctx: Ctx, story: Story, on: date) -> None:
    """The court lifts the obligation some time after the work ended."""
    assert story.court_order is not None
    order_id, issued, _ended = story.court_order
    ctx.rows.by_model[CourtOrder][-1]["ended_on"] = on
    story.court_order = (order_id, issued, on)


def add_consent(ctx: Ctx, story: Story, signed_on: date, withdrawn_on: date | None = None) -> None:
    ctx.rows.add(
        Consent,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        signed_by="rodzice",
        signed_on=signed_on,
        withdrawn_on=withdrawn_on,
        withdrawal_note="rodzina zrezygnowała ze współpracy" if withdrawn_on else "",
        created_at=stamp(signed_on),
    )


def add_za_zyciem(ctx: Ctx, story: Story, filed_on: date) -> None:
    ctx.rows.add(
        ZaZycieApplication,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        filed_on=filed_on,
        applicant="matka",
        pregnancy_week=story.rng.randint(10, 36),
        created_at=stamp(filed_on),
    )
    story.za_zyciem = True


def add_problems(ctx: Ctx, story: Story, *, violence: bool) -> None:
    areas = [a for a in ProblemArea.values if a not in ("violence", "other")]
    chosen = set(story.rng.sample(areas, story.rng.randint(1, 3)))
    if violence:
        chosen.add("violence")
    for area in sorted(chosen):
        ctx.rows.add(
            FamilyProblem,
            centre_id=ctx.centre_id,
            family_id=story.family_id,
            area=area,
            created_at=stamp(story.reported_on),
        )


def add_placement(ctx: Ctx, story: Story, work_end: date) -> None:
    """A child placed in foster care during the work (some return home later)."""
    rng = story.rng
    assert story.first_contact is not None
    since = story.first_contact + days(rng, 30, max(30, (work_end - story.first_contact).days))
    children = [c for c in story.children() if c.birth < since and age_on(c.birth, since) < 16]
    if not children or since > ctx.today:
        return
    until = since + days(rng, 60, 600)
    ctx.rows.add(
        ChildPlacement,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        child_id=rng.choice(children).id,
        kind=rng.choice(PLACEMENT_KINDS),
        carer=texts.pick(rng, texts.CARERS),
        pcpr="PCPR w Mieście",
        coordinator="Koordynator pieczy",
        since=since,
        until=until if until <= ctx.today and rng.random() < 0.5 else None,
        created_at=stamp(since),
    )


def _step(rng, earlier: date | None, today: date, late: bool) -> date | None:
    """The next NK step: within 5 working days (or later, for the few late ones)."""
    if earlier is None:
        return None
    done = add_working_days(earlier, rng.randint(6, 9) if late else rng.randint(1, 5))
    return done if done <= today else None


def add_blue_card(ctx: Ctx, story: Story, work_end: date) -> None:
    rng = story.rng
    assert story.first_contact is not None
    started = story.first_contact + days(rng, 10, max(10, (work_end - story.first_contact).days))
    if started > ctx.today:
        return
    dispatched = _step(rng, started, ctx.today, rng.random() < 0.06)
    received = dispatched + days(rng, 0, 2) if dispatched else None
    received = received if received and received <= ctx.today else None
    meeting = _step(rng, received, ctx.today, rng.random() < 0.06)
    ended = started + days(rng, 120, 360)
    ctx.rows.add(
        BlueCard,
        centre_id=ctx.centre_id,
        family_id=story.family_id,
        started_on=started,
        ended_on=ended if ended <= ctx.today and meeting else None,
        team="Zespół Interdyscyplinarny",
        nka_filled_on=started,
        dispatched_on=dispatched,
        team_received_on=received,
        gdp_first_meeting_on=meeting,
        created_at=stamp(started),
    )
