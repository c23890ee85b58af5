"""Queries per list page with 1 row and with 50 rows (DESIGN.md §7: the count must not grow).

Builds the S preset in a fresh temporary SQLite database (or BENCH_QUERIES_DATABASE_URL, which
is dropped and created again), then adds probe
subjects beside its data: an assistant with 1 family and one with 50 (15 in active work and 35
in monitoring whose end is near, so 50 rows also reach "Moje terminy" and the board), a family
with 1 contact and 1 plan version and one with 50 of each. Each page is asked for once to warm
up and once inside `CaptureQueriesContext`; the table shows both counts. Paginated lists show a
page of the 50 (25 families or contacts, 20 plans).
"""

from __future__ import annotations

import os
import sys
from datetime import time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.city import database  # noqa: E402
from bench.city.presets import S  # noqa: E402

WORK = {"start_time": time(10), "end_time": time(11), "duration_minutes": 60}


def _family(centre: Any, number: str) -> Any:
    from asysta.families.models import Consent, Family, Member

    family = Family.objects.create(
        centre=centre,
        case_number=f"PROBE.{number}",
        surname=f"Próbna {number}",
        building="1",
        postal_code="30-001",
        locality="Miasto",
        gmina="Miasto",
    )
    Member.objects.create(
        centre=centre,
        family=family,
        first_name="Anna",
        last_name="Próbna",
        role="parent",
        sex="F",
        birth_date=family.created_at.date() - timedelta(days=30 * 366),
    )
    Consent.objects.create(
        centre=centre, family=family, signed_by="matka", signed_on=family.created_at.date()
    )
    return family


def probe_assistant(centre: Any, name: str, active: int, monitoring: int) -> tuple[Any, list]:
    """An assistant with `active` new families (first meeting due) and `monitoring` families
    whose monitoring ends within the lead time."""
    from django.utils import timezone

    from asysta.closure.models import Closure
    from asysta.core.testing import make_user
    from asysta.intake.models import Assignment

    today = timezone.localdate()
    user = make_user(name, centre=centre, roles=["assistant"])
    families = []
    for n in range(active + monitoring):
        family = _family(centre, f"{name}.{n}")
        in_monitoring = n >= active
        started = today - timedelta(days=400 if in_monitoring else 3)
        assignment = Assignment.objects.create(
            centre=centre,
            family=family,
            assistant=user,
            started_on=started,
            phase="monitoring" if in_monitoring else "active",
        )
        if in_monitoring:
            Closure.objects.create(
                centre=centre,
                family=family,
                assignment=assignment,
                closed_on=today - timedelta(days=170),
                reason="goals_achieved",
                goals_achieved="Cele osiągnięte.",
                final_situation={"childcare": "dobrze"},
                monitoring_until=today + timedelta(days=5),
                monitoring_frequency="co miesiąc",
            )
        families.append(family)
    return user, families


def fill_family(family: Any, user: Any, count: int) -> None:
    """`count` contacts and `count` plan versions (the last in force)."""
    from django.utils import timezone

    from asysta.plans.models import WorkPlan
    from asysta.visits.models import Contact

    today = timezone.localdate()
    Contact.objects.bulk_create(
        Contact(
            centre_id=family.centre_id,
            family=family,
            assistant=user,
            place="home",
            form="home_visit",
            summary="Wizyta.",
            **{**WORK, "date": today - timedelta(days=n)},
        )
        for n in range(count)
    )
    first = today - timedelta(days=2 * count + 2)
    for n in range(count):
        start = first + timedelta(days=2 * n)
        last = n == count - 1
        WorkPlan.objects.create(
            centre_id=family.centre_id,
            family=family,
            version=n + 1,
            created_by=user,
            status="in_force" if last else "superseded",
            drawn_up_on=start,
            starts_on=start,
            ended_on=None if last else start + timedelta(days=2),
            review_due_on=start + timedelta(days=365),
        )


def pages(one: dict, fifty: dict, coordinator: Any) -> list[tuple[str, Any, str, Any, str]]:
    """(page, viewer at 1 row, url, viewer at 50 rows, url)."""
    f1, f50 = one["family"].pk, fifty["family"].pk
    a1, a50 = one["assistant"], fifty["assistant"]
    return [
        ("families list (assistant)", a1, "/rodziny/", a50, "/rodziny/"),
        ("my deadlines", a1, "/terminy/moje/", a50, "/terminy/moje/"),
        (
            "deadlines board (one assistant)",
            coordinator,
            f"/terminy/?asystent={a1.pk}",
            coordinator,
            f"/terminy/?asystent={a50.pk}",
        ),
        ("chronology", a1, f"/rodziny/{f1}/chronologia/", a50, f"/rodziny/{f50}/chronologia/"),
        ("contact list", a1, f"/rodziny/{f1}/kontakty/", a50, f"/rodziny/{f50}/kontakty/"),
        ("plan list", a1, f"/rodziny/{f1}/plany/", a50, f"/rodziny/{f50}/plany/"),
    ]


def count_queries(user: Any, url: str) -> int | str:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    client.get(url)  # warm-up: per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    return len(captured)


def main() -> int:
    # Never BENCH_DATABASE_URL: this run drops its database and adds probe rows.
    url = os.environ.get("BENCH_QUERIES_DATABASE_URL") or database.temporary_sqlite_url()
    database.prepare(url, rebuild=True)
    database.setup_django(url)
    from django.core.management import call_command

    from asysta.accounts.models import Membership
    from bench.city import build

    call_command("migrate", verbosity=0)
    centre = build.build(S)[0]
    one_user, one_families = probe_assistant(centre, "probe-1", 1, 0)
    many_user, many_families = probe_assistant(centre, "probe-50", 15, 35)
    fill_family(one_families[0], one_user, 1)
    fill_family(many_families[0], many_user, 50)
    build.rebuild_clock([centre])  # the probe rows were written without the clock's signals
    coordinator = Membership.objects.filter(centre=centre, role="coordinator").first().user
    one = {"assistant": one_user, "family": one_families[0]}
    fifty = {"assistant": many_user, "family": many_families[0]}
    print(f"\n{'list page':<34} {'1 row':>7} {'50 rows':>8}")
    for name, user1, url1, user50, url50 in pages(one, fifty, coordinator):
        small, large = count_queries(user1, url1), count_queries(user50, url50)
        flag = ""
        if isinstance(small, int) and isinstance(large, int) and large > small:
            flag = f"  GROWS by {large - small}"
        print(f"{name:<34} {small!s:>7} {large!s:>8}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
