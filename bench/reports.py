"""Benchmark: the reports of a city-sized centre against raw SQL floors of the same counts.

Three reports are timed against a floor measured in the same run: the half-year report (both
halves of the year), the annual activity table and the work-card summary (the year, with its
month-by-month figures, and its first month). Each floor is the raw SQL of the same counts, in
as few SELECTs as a person writing it by hand would use; the builder's figures are checked
against it (exit status 1 when any differ). Each is timed BENCH_ROUNDS times (default 7) and
the medians and their ratio are printed.

"report" is what a report page computes (the figures; `lists=False`), "with every list" the
same with every figure's list read (a submission, a JSON or PDF file).

Data: by default a fresh database gets a centre with BENCH_FAMILIES families worked with in
2025 (default 2,500) with BENCH_CONTACTS contacts each (default 2; a city has about 28 a year)
and about one assistant per 15 families (some part-time, some changing FTE in the year), built
with `bulk_create` (`asysta.reports.tests.bulk`). With BENCH_REUSE=1 nothing is migrated or
built: the centre is BENCH_CENTRE (a pk or a TERC code; default the first centre) and the year
BENCH_YEAR (default the last full year with contacts), e.g. a database made by the city
generator. BENCH_EXPORT=1 also writes the activity table with its lists as CSV through
`manage.py report` in a child process and prints its rows, time and peak memory.

Run with `make bench` or `python bench/reports.py` (a fresh SQLite database in a temporary
directory; set DATABASE_URL to measure on PostgreSQL).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ASYSTA_TESTING", "1")
os.environ.setdefault("ASYSTA_VAR_DIR", tempfile.mkdtemp(prefix="asysta-bench-"))
os.environ.setdefault("ASYSTA_REQUIRE_MFA", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asysta.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

FAMILIES = int(os.environ.get("BENCH_FAMILIES", "2500"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "2"))  # per family
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
REUSE = os.environ.get("BENCH_REUSE") == "1"
BUILT_YEAR = 2025


def _build() -> Any:
    from asysta.accounts.models import EmploymentForm, FtePeriod, Membership, Role
    from asysta.core import testing
    from asysta.reports.tests import bulk

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people = testing.make_people()
    assistants = [
        testing.make_user(
            f"asystent{i:03d}",
            centre=people.centre,
            roles=["assistant"],
            first="Asystent",
            last=f"{i:03d}",
            fte=Decimal("0.50") if i % 3 == 0 else Decimal("1.00"),
        )
        for i in range(FAMILIES // 15 + 1)
    ]
    roles = list(Membership.objects.filter(user__in=assistants, role=Role.ASSISTANT))
    FtePeriod.objects.bulk_create(
        FtePeriod(membership=role, fte=Decimal("1.00"), valid_from=date(BUILT_YEAR, 4, 1))
        for role in roles
        if role.fte < 1 and role.pk % 2 == 0
    )
    Membership.objects.filter(pk__in=[r.pk for r in roles if r.pk % 6 == 0]).update(
        employment_form=EmploymentForm.CIVIL_CONTRACT
    )
    made = bulk.build(
        people.centre,
        families=FAMILIES,
        assistants=assistants,
        year=BUILT_YEAR,
        contacts=CONTACTS,
        by=people.dorota,
    )
    print(
        f"centre: {made.families} families, {len(assistants)} assistants, "
        f"{made.assignments} assignments, {made.members} members, {made.closures} closures"
    )
    return people.centre


def _reused() -> tuple[Any, int]:
    """The centre and year of an existing database (BENCH_CENTRE, BENCH_YEAR)."""
    from django.db.models import Max, Q

    from asysta.core.models import Centre
    from asysta.visits.models import Contact

    wanted = os.environ.get("BENCH_CENTRE", "")
    centres = Centre.objects.order_by("pk")
    if wanted:  # a TERC code is seven digits, a pk rarely so
        centres = centres.filter(Q(terc=wanted) | Q(pk=int(wanted) if wanted.isdigit() else 0))
    centre = centres.first()
    if centre is None:
        raise SystemExit(f"no centre {wanted!r} in the database")
    if os.environ.get("BENCH_YEAR"):
        return centre, int(os.environ["BENCH_YEAR"])
    latest = Contact.objects.filter(centre=centre).aggregate(d=Max("date"))["d"]
    if latest is None:
        raise SystemExit(f"centre {centre.terc} has no contacts: set BENCH_YEAR")
    return centre, min(latest.year, date.today().year - 1)


# --- the floors: raw SQL of the same counts (SQLite and PostgreSQL alike) ---------------------

SERVED = """
    SELECT DISTINCT a.family_id FROM intake_assignment a
    WHERE a.centre_id = %s AND a.started_on <= %s
      AND (a.ended_on IS NULL OR a.ended_on >= %s)
      AND NOT EXISTS (SELECT 1 FROM closure_closure c
                      WHERE c.assignment_id = a.id AND c.closed_on < %s)
"""
# The half-year report's families: params centre, end, start, start (served); end, start
# (court); end, start (placement); end (Za życiem); end, the 18th birthday limit (children).
SEMIANNUAL_SQL = f"""
    WITH served AS ({SERVED})
    SELECT
      (SELECT COUNT(*) FROM served),
      (SELECT COUNT(*) FROM served s WHERE EXISTS (
         SELECT 1 FROM families_courtorder o WHERE o.family_id = s.family_id
         AND o.issued_on <= %s AND (o.ended_on IS NULL OR o.ended_on >= %s))),
      (SELECT COUNT(*) FROM served s JOIN families_family f ON f.id = s.family_id
       WHERE f.reporting_category_override = 'foster_care'
          OR (f.reporting_category_override = '' AND EXISTS (
              SELECT 1 FROM families_childplacement p WHERE p.family_id = f.id
              AND p.since <= %s AND (p.until IS NULL OR p.until >= %s)))),
      (SELECT COUNT(*) FROM served s JOIN families_family f ON f.id = s.family_id
       WHERE f.reporting_category_override = 'za_zyciem'
          OR (f.reporting_category_override = '' AND EXISTS (
              SELECT 1 FROM families_zazycieapplication z
              WHERE z.family_id = f.id AND z.filed_on <= %s))),
      (SELECT COUNT(*) FROM families_member m JOIN served s ON s.family_id = m.family_id
       WHERE m.role = 'child' AND m.birth_date <= %s AND m.birth_date > %s)
"""  # noqa: S608 (constant text, no input)
ENDED_SQL = """
    SELECT reason, COUNT(*) FROM closure_closure
    WHERE centre_id = %s AND closed_on >= %s AND closed_on <= %s GROUP BY reason
"""
# The activity table's families by category (on the period end) with their members: params
# centre, end, start, start (served); end, end (placement); end, the 18th birthday limit,
# end, the limit (adults, children).
CATEGORIES_SQL = f"""
    WITH served AS ({SERVED}),
    cat AS (
      SELECT f.id, CASE
        WHEN f.reporting_category_override <> '' THEN f.reporting_category_override
        WHEN EXISTS (SELECT 1 FROM families_zazycieapplication z WHERE z.family_id = f.id)
          THEN 'za_zyciem'
        WHEN EXISTS (SELECT 1 FROM families_childplacement p WHERE p.family_id = f.id
                     AND p.since <= %s AND (p.until IS NULL OR p.until >= %s))
          THEN 'foster_care'
        ELSE 'problem' END AS category
      FROM families_family f JOIN served s ON s.family_id = f.id)
    SELECT cat.category, COUNT(DISTINCT cat.id),
      SUM(CASE WHEN m.birth_date <= %s AND m.birth_date <= %s THEN 1 ELSE 0 END),
      SUM(CASE WHEN m.birth_date <= %s AND m.birth_date > %s THEN 1 ELSE 0 END)
    FROM cat LEFT JOIN families_member m ON m.family_id = cat.id GROUP BY cat.category
"""  # noqa: S608 (constant text, no input)
# Assistants employed on the period end by the FTE in force then: params end, centre, end, end.
FTE_SQL = """
    SELECT COALESCE((SELECT p.fte FROM accounts_fteperiod p
                     WHERE p.membership_id = m.id AND p.valid_from <= %s
                     ORDER BY p.valid_from DESC LIMIT 1), m.fte), COUNT(*)
    FROM accounts_membership m
    WHERE m.centre_id = %s AND m.role = 'assistant'
      AND (m.employed_from IS NULL OR m.employed_from <= %s)
      AND (m.employed_until >= %s OR (m.employed_until IS NULL AND m.is_active))
    GROUP BY 1
"""
# Contacts and hours rounded per family (activity) or per assistant (work cards): params centre,
# start, end.
TOTALS_SQL = """
    SELECT SUM(n), SUM((10 * m + 3) / 6) FROM (
      SELECT COUNT(*) AS n, SUM(duration_minutes) AS m FROM visits_contact
      WHERE centre_id = %s AND date >= %s AND date <= %s GROUP BY {group}) t
"""
# The same per month (rounded per assistant and month).
MONTHS_SQL = """
    SELECT k, SUM(n), SUM((10 * m + 3) / 6) FROM (
      SELECT {month} AS k, COUNT(*) AS n, SUM(duration_minutes) AS m FROM visits_contact
      WHERE centre_id = %s AND date >= %s AND date <= %s GROUP BY {month}, assistant_id) t
    GROUP BY k
"""
# The assistant's families (contacted or assigned in the period): params centre, start, end,
# centre, end, start.
PAIRS_SQL = """
    SELECT COUNT(*), COUNT(DISTINCT family_id) FROM (
      SELECT assistant_id, family_id FROM visits_contact
      WHERE centre_id = %s AND date >= %s AND date <= %s
      UNION
      SELECT assistant_id, family_id FROM intake_assignment
      WHERE centre_id = %s AND started_on <= %s AND (ended_on IS NULL OR ended_on >= %s)) p
"""


def _month() -> str:
    if connection.vendor == "postgresql":
        return "to_char(date, 'YYYY_MM')"
    return "strftime('%%Y_%%m', date)"


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _adult_born(start: date) -> date:
    from asysta.reports.common import years_before

    return years_before(start, 18)


def _cents(value: Any) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-2)


def semiannual_floor(centre_id: int, start: date, end: date) -> dict[str, Any]:
    """Families served, court-obliged, in foster care, Za życiem, children, ended by reason."""
    params = [centre_id, end, start, start, end, start, end, start, end, end, _adult_born(start)]
    ((served, court, foster, za_zyciem, children),) = _rows(SEMIANNUAL_SQL, params)
    reasons = dict(_rows(ENDED_SQL, [centre_id, start, end]))
    counts = {
        "families_served": served,
        "families_court": court,
        "families_foster_care": foster,
        "families_za_zyciem": za_zyciem,
        "children": children,
        "families_ended": sum(reasons.values()),
    }
    counts.update({f"ended_{reason}": n for reason, n in reasons.items()})
    return counts


def activity_floor(centre_id: int, start: date, end: date) -> dict[str, Any]:
    """Families, adults and children by category; ended by reason; assistants by FTE; contacts
    and hours (rounded per family)."""
    born = _adult_born(start)
    params = [centre_id, end, start, start, end, end, end, born, end, born]
    out: dict[str, Any] = {}
    for prefix in ("families", "adults", "children"):
        out[f"{prefix}_total"] = 0
    for category, families, adults, children in _rows(CATEGORIES_SQL, params):
        for prefix, n in (("families", families), ("adults", adults), ("children", children)):
            out[f"{prefix}_{category}"] = n
            out[f"{prefix}_total"] += n
    reasons = dict(_rows(ENDED_SQL, [centre_id, start, end]))
    out["ended_total"] = sum(reasons.values())
    out.update({f"ended_{reason}": n for reason, n in reasons.items()})
    ftes = [
        (Decimal(str(fte)).quantize(Decimal("0.01")), n)
        for fte, n in _rows(FTE_SQL, [end, centre_id, end, end])
    ]
    out["assistants_total"] = sum(n for _fte, n in ftes)
    out["assistants_fte"] = sum((fte * n for fte, n in ftes), Decimal(0))
    out.update({f"assistants_fte_{fte:.2f}".replace(".", "_"): n for fte, n in ftes})
    ((contacts, cents),) = _rows(TOTALS_SQL.format(group="family_id"), [centre_id, start, end])
    out["contacts"], out["hours"] = contacts or 0, _cents(cents)
    return out


def work_card_floor(centre_id: int, start: date, end: date) -> dict[str, Any]:
    """Contacts and hours (rounded per assistant, and per assistant and month), the assistants'
    families and the families without repeats."""
    sql = TOTALS_SQL.format(group="assistant_id")
    ((contacts, cents),) = _rows(sql, [centre_id, start, end])
    out: dict[str, Any] = {"contacts": contacts or 0, "hours": _cents(cents)}
    ((pairs, families),) = _rows(PAIRS_SQL, [centre_id, start, end, centre_id, end, start])
    out["families"], out["families_total"] = pairs, families
    if (start.year, start.month) != (end.year, end.month):
        sql = MONTHS_SQL.format(month=_month())
        for month, contacts, cents in _rows(sql, [centre_id, start, end]):
            out[f"contacts_{month}"], out[f"hours_{month}"] = contacts, _cents(cents)
    return out


# --- timing and checking ---------------------------------------------------------------------


def _median(work: Callable[[], Any]) -> float:
    samples = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _differences(report: Any, expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Figures whose value differs from the SQL (a figure the SQL has and the report lacks, or
    the other way round, counts as a difference unless it is zero)."""
    shown = {f.code: Decimal(str(f.value)) for f in report.figures}
    wanted = {code: Decimal(str(n)) for code, n in expected.items()}
    codes = set(wanted) | {c for c in shown if c.split("_")[0] in {k.split("_")[0] for k in wanted}}
    return {
        code: (shown.get(code), wanted.get(code))
        for code in sorted(codes)
        if shown.get(code, Decimal(0)) != wanted.get(code, Decimal(0))
    }


def _measure(label: str, build: Callable[..., Any], floor: Callable[[], dict[str, Any]]) -> bool:
    """Time `build` (the figures, as a report page computes them) against `floor`, print both,
    their ratio and the time with every list read; True when the figures agree."""
    differ = _differences(build(lists=False), floor())
    low, took = _median(floor), _median(lambda: build(lists=False))
    listed = _median(lambda: build(lists=True).as_dict())
    print(
        f"  {label:<28} raw SQL {low * 1000:8.2f} ms  report {took * 1000:8.2f} ms  "
        f"ratio {took / low:5.1f}  (with every list {listed * 1000:8.2f} ms)"
    )
    if differ:
        print(f"    FIGURES DIFFER (report, SQL): {differ}")
    return not differ


# Runs `manage.py` in the child and prints its own peak memory at exit: VmHWM belongs to the
# program after exec (the child's rusage would count the bench's own image it was forked from).
PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            print('PEAK', line.split()[1], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n"
)


def _export_memory(centre: Any, year: int) -> None:
    """The activity table with its lists as CSV, written by `manage.py report` in a child
    process: rows, seconds and the child's peak resident memory (Linux)."""
    target = Path(tempfile.mkdtemp(prefix="asysta-bench-export-")) / "activity.csv"
    command = [sys.executable, "-c", PEAK, str(ROOT / "manage.py"), "report", "activity",
               "--centre", centre.terc, "--from", f"{year}-01-01", "--to", f"{year}-12-31",
               "--format", "csv", "--items", "--output", str(target)]  # fmt: skip
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (our own argv, no outside input)
        command, check=True, cwd=ROOT, capture_output=True, text=True
    )
    took = time.perf_counter() - began
    peak = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")]
    with target.open("rb") as handle:
        rows = sum(1 for _line in handle)
    target.unlink()
    memory = f"{peak[0] / 1024:.0f} MB" if peak else "unknown (no /proc)"
    print(f"  CSV with lists: {rows} rows in {took:.1f} s, peak memory {memory}")


def main() -> int:
    from asysta.reports.activity import activity
    from asysta.reports.base import Period, Report
    from asysta.reports.semiannual import semiannual
    from asysta.reports.workcards import work_cards

    began = time.perf_counter()
    if REUSE:
        centre, year = _reused()
    else:
        call_command("migrate", verbosity=0)
        centre, year = _build(), BUILT_YEAR
    if connection.vendor == "postgresql" and not REUSE:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"centre {centre.terc} (pk {centre.pk}), year {year}, database {engine}, "
          f"{ROUNDS} rounds; ready in {time.perf_counter() - began:.1f} s")  # fmt: skip
    year_period = Period.year(year)
    cases: list[tuple[str, Any, Callable[..., Report], Callable[..., dict[str, Any]]]] = []
    for half in (1, 2):
        p = Period.half_year(year, half)
        cases.append((f"half-year report H{half}", p, semiannual, semiannual_floor))
    cases.append(("activity table (year)", year_period, activity, activity_floor))
    cases.append(("work cards (year, by month)", year_period, work_cards, work_card_floor))
    january = Period(date(year, 1, 1), date(year, 1, 31))
    cases.append(("work cards (January)", january, work_cards, work_card_floor))
    agree = True
    for label, p, builder, floor in cases:
        agree &= _measure(
            label,
            lambda p=p, builder=builder, **kw: builder(centre, p, **kw),
            lambda p=p, floor=floor: floor(centre.pk, p.start, p.end),
        )
    print("  figures agree with the SQL" if agree else "  SOME FIGURES DIFFER FROM THE SQL")
    if os.environ.get("BENCH_EXPORT") == "1":
        _export_memory(centre, year)
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
