"""Building a preset into the configured database (Django must be set up by the caller).

`build(preset)` writes every centre of the preset, runs ANALYZE, rebuilds the statutory clock
of each centre (the deadlines store, when the product has it), prints a summary and records the
build in the marker table `bench_city_build`, so the next run reuses the database instead of
building it again (`ensure(preset)`).
"""

from __future__ import annotations

import json
import random
import time
from datetime import date

from django.db import connection
from django.utils import timezone

from asysta.accounts.models import FtePeriod, Membership, User
from asysta.assessments.models import AreaScore, InitialDiagnosis, PeriodicAssessment
from asysta.closure.models import Closure, MonitoringContact
from asysta.core.models import Centre
from asysta.court.models import Opinion, OpinionRequest
from asysta.families.models import (
    BlueCard,
    CaseNumberCounter,
    ChildPlacement,
    Consent,
    CourtOrder,
    Family,
    FamilyProblem,
    Member,
    ZaZycieApplication,
)
from asysta.intake.models import Assignment, Referral
from asysta.plans.models import Action, Goal, WorkPlan
from asysta.visits.models import Contact, ContactAction, SafetyAlert
from bench.city import intake, people, story, summary, timeline
from bench.city.context import Ctx, days
from bench.city.presets import GENERATOR_VERSION, Preset, terc_of
from bench.city.writer import Ids, Rows, reset_sequences, write

# Parents before children: the order rows are written in within each transaction.
ORDER = [
    User,
    Membership,
    FtePeriod,
    Family,
    CaseNumberCounter,
    Member,
    Consent,
    CourtOrder,
    ZaZycieApplication,
    FamilyProblem,
    BlueCard,
    Assignment,
    Referral,
    ChildPlacement,
    InitialDiagnosis,
    WorkPlan,
    WorkPlan.participants.through,
    Goal,
    Action,
    Contact,
    Contact.members_present.through,
    ContactAction,
    SafetyAlert,
    PeriodicAssessment,
    AreaScore,
    OpinionRequest,
    Opinion,
    Closure,
    MonitoringContact,
]
FLUSH_ROWS = 150_000
MARKER = "bench_city_build"


def _plan(preset: Preset, index: int, cases: list[timeline.Case], today: date) -> list[tuple]:
    """Every family of the centre as (reported on, kind, payload), in the order of reports."""
    rng = random.Random(f"{preset.seed}:{index}:plan")
    planned = [(c.start - days(rng, 20, 80), "assigned", c) for c in cases]
    for _ in range(preset.intake_families):
        status, low, high = intake.state_of(rng.random())
        planned.append((intake.reported_on(rng, today, low, high), "intake", status))
    return sorted(planned, key=lambda p: (p[0], p[1]))


def _families(ctx: Ctx, preset: Preset, index: int, planned: list[tuple], began: float) -> None:
    for n, (reported_on, kind, payload) in enumerate(planned):
        told = story.new_story(ctx, f"{preset.seed}:{index}:family:{n}", reported_on)
        if kind == "assigned":
            story.assigned_family(ctx, told, payload, preset)
        else:
            story.intake_family(ctx, told, payload)
        if ctx.rows.pending() >= FLUSH_ROWS:
            write(ctx.rows, ORDER)
            print(f"  {n + 1:>6} of {len(planned)} families, {time.monotonic() - began:6.0f} s")
    write(ctx.rows, ORDER)


def build_centre(preset: Preset, index: int, rows: Rows, today: date) -> Centre:
    began = time.monotonic()
    posts = timeline.posts(preset, random.Random(f"{preset.seed}:{index}:posts"), today)
    cases = timeline.calibrate(posts, preset, f"{preset.seed}:{index}:slots", today)
    staff = people.make_staff(preset, index, posts, rows)
    write(rows, ORDER)
    print(f"centre {staff.centre.terc}: {len(posts)} posts, {len(cases)} assigned families")
    ctx = Ctx(rows=rows, staff=staff, today=today)
    _families(ctx, preset, index, _plan(preset, index, cases, today), began)
    for year, last in sorted(ctx.case_numbers.items()):
        rows.add(CaseNumberCounter, centre_id=ctx.centre_id, year=year, last=last)
    write(rows, ORDER)
    return staff.centre


def analyze(*, vacuum: bool = False) -> None:
    """Planner statistics; with `vacuum` on PostgreSQL also the visibility maps, as autovacuum
    keeps them on a server in use (without them every index-only scan reads the table too)."""
    with connection.cursor() as cursor:
        if vacuum and connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def rebuild_clock(centres: list[Centre]) -> bool:
    """The statutory-clock store of each centre (another part of the product; may be absent)."""
    try:
        from asysta.deadlines.store import rebuild_centre
    except ImportError:
        print("WARNING: asysta.deadlines.store.rebuild_centre is not available: the statutory")
        print("         clock store was not rebuilt (the pages compute deadlines live).")
        return False
    for centre in centres:
        began = time.monotonic()
        made = rebuild_centre(centre)
        took = time.monotonic() - began
        print(f"statutory clock of {centre.terc} rebuilt in {took:.1f} s ({made} open steps)")
    return True


def _ensure_marker() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER} (preset VARCHAR(8) PRIMARY KEY, "
            "version INTEGER, seed INTEGER, centres TEXT, families INTEGER, clock INTEGER, "
            "seconds REAL, built_at VARCHAR(40), summary TEXT)"
        )


def marker(preset: Preset) -> dict | None:
    """The recorded build of `preset` in this database, if any."""
    _ensure_marker()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, seed, centres, families, clock, seconds, built_at FROM {MARKER} "  # noqa: S608
            "WHERE preset = %s",
            [preset.name],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    keys = ("version", "seed", "centres", "families", "clock", "seconds", "built_at")
    found = dict(zip(keys, row, strict=True))
    found["centres"] = json.loads(found["centres"])
    return found


def _record(preset: Preset, centres: list[Centre], clock: bool, seconds: float, made: dict) -> None:
    families = Family.objects.filter(centre__in=centres).count()
    _ensure_marker()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER} WHERE preset = %s", [preset.name])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            [
                preset.name,
                GENERATOR_VERSION,
                preset.seed,
                json.dumps([c.terc for c in centres]),
                families,
                int(clock),
                seconds,
                timezone.now().isoformat(),
                json.dumps(made, default=str),
            ],
        )


def build(preset: Preset) -> list[Centre]:
    """Write the preset, then ANALYZE, the clock, VACUUM ANALYZE, the summary and the marker."""
    began = time.monotonic()
    today = timezone.localdate()
    rows = Rows(Ids())
    centres = [build_centre(preset, i, rows, today) for i in range(preset.centres)]
    reset_sequences(ORDER)
    loaded = time.monotonic() - began
    print(f"rows written in {loaded:.0f} s")
    analyze()
    clock = rebuild_clock(centres)
    analyze(vacuum=True)
    seconds = time.monotonic() - began
    print(f"{preset.name} built in {seconds:.0f} s ({seconds / 60:.1f} min)")
    made = summary.report(centres, today)
    _record(preset, centres, clock, seconds, made)
    return centres


def existing(preset: Preset) -> list[Centre] | None:
    """The preset's centres when this database holds a complete build of it (else None)."""
    found = marker(preset)
    if found is None or found["version"] != GENERATOR_VERSION or found["seed"] != preset.seed:
        return None
    centres = list(Centre.objects.filter(terc__in=found["centres"]))
    expected = [terc_of(preset, i) for i in range(preset.centres)]
    if sorted(c.terc for c in centres) != sorted(expected):
        return None
    if Family.objects.filter(centre__in=centres).count() < found["families"]:
        return None
    if not found["clock"] and rebuild_clock(centres):
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {MARKER} SET clock = 1 WHERE preset = %s", [preset.name])  # noqa: S608
    return centres


def presets_built() -> list[str]:
    """The presets this database holds builds of (none: not made by the generator)."""
    if MARKER not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT preset FROM {MARKER}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def holds_other_data() -> bool:
    return Family.objects.exists() or User.objects.exists()
