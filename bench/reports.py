"""Benchmark: the half-year report of a city-sized centre against the raw SQL of the same counts.

A centre with BENCH_FAMILIES families worked with in 2025 (default 2,500, a large city's year)
and about one assistant per 15 families (~170, some part-time, some changing FTE in the year),
built with `bulk_create` (`asysta.reports.tests.bulk`: assignments over the year,
reassignments, members with children, closures with reasons, court orders, placements, "Za
życiem" applications, contacts). The floor is the raw SQL of the same counts — families served,
court-obliged, with a child in foster care, Za życiem, children, ended work by reason — in two
SELECTs. Each is timed BENCH_ROUNDS times (default 7); the medians and their ratio are printed,
and the builder's figures are checked against the SQL (exit status 1 when they differ).

Run with `make bench` or `python bench/reports.py` (a fresh SQLite database in a temporary
directory; set DATABASE_URL to measure on PostgreSQL).
"""

from __future__ import annotations

import os
import statistics
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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
YEAR = 2025


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
        FtePeriod(membership=role, fte=Decimal("1.00"), valid_from=date(YEAR, 4, 1))
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
        year=YEAR,
        contacts=2,
        by=people.dorota,
    )
    print(
        f"centre: {made.families} families, {len(assistants)} assistants, "
        f"{made.assignments} assignments, {made.members} members, {made.closures} closures"
    )
    return people.centre


# The same counts as the half-year report, straight in SQL (the rules of its docstring). The
# parameters are: centre, end, start, start (served); end, start (court); end, start (placement);
# end (Za życiem); end, the 18th birthday limit (children).
COUNTS_SQL = """
    WITH served AS (
        SELECT DISTINCT a.family_id FROM intake_assignment a
        WHERE a.centre_id = %s AND a.started_on <= %s
          AND (a.ended_on IS NULL OR a.ended_on >= %s)
          AND NOT EXISTS (SELECT 1 FROM closure_closure c
                          WHERE c.assignment_id = a.id AND c.closed_on < %s)
    )
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
"""

ENDED_SQL = """
    SELECT reason, COUNT(*) FROM closure_closure
    WHERE centre_id = %s AND closed_on >= %s AND closed_on <= %s
    GROUP BY reason
"""


def raw_counts(centre_id: int, start: date, end: date) -> dict[str, int]:
    """Families served, court-obliged, in foster care, Za życiem, children, ended by reason."""
    adult_born = start.replace(year=start.year - 18)
    params = [centre_id, end, start, start, end, start, end, start, end, end, adult_born]
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, params)
        served, court, foster, za_zyciem, children = cursor.fetchone()
        cursor.execute(ENDED_SQL, [centre_id, start, end])
        reasons = dict(cursor.fetchall())
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


def _median(work: Callable[[], Any]) -> float:
    samples = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> int:
    from asysta.reports.activity import activity
    from asysta.reports.base import Period
    from asysta.reports.semiannual import semiannual

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    centre = _build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    print(f"built in {time.perf_counter() - began:.1f} s")
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    status = 0
    for half in (1, 2):
        period = Period.half_year(YEAR, half)
        report = semiannual(centre, period)
        sql = raw_counts(centre.pk, period.start, period.end)
        differ = {
            code: (report.figure(code).value, n)
            for code, n in sql.items()
            if report.figure(code).value != n
        }
        floor = _median(lambda p=period: raw_counts(centre.pk, p.start, p.end))
        took = _median(lambda p=period: semiannual(centre, p))
        print(
            f"H{half} {YEAR}: {sql['families_served']} families served, "
            f"{sql['families_ended']} ended; database {engine}, {ROUNDS} rounds"
        )
        print(f"  raw SQL of the counts            {floor * 1000:9.2f} ms")
        print(
            f"  half-year report (with lists)    {took * 1000:9.2f} ms  ratio {took / floor:6.1f}"
        )
        if differ:
            status = 1
            print(f"  FIGURES DIFFER (report, SQL): {differ}")
        else:
            print(f"  figures agree with the SQL ({len(sql)} rows)")
    year = Period.year(YEAR)
    floor = _median(lambda: raw_counts(centre.pk, year.start, year.end))
    took = _median(lambda: activity(centre, year))
    print(f"activity table {YEAR}               {took * 1000:9.2f} ms  ratio {took / floor:6.1f}")
    return status


if __name__ == "__main__":
    sys.exit(main())
