"""Benchmarks: page timings as ratios against a floor measured in the same run.

The floor is a trivial signed-in page (the start page of a user without case roles). Each
benchmark page is timed the same way, and the ratio median(page) / median(floor) is printed, so
results compare across machines. Run with `make bench` (a fresh SQLite database in a temporary
directory; set DATABASE_URL to measure on PostgreSQL). Sizes follow a large city centre:
BENCH_FAMILIES families (default 5000), 15 per assistant where possible.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

FAMILIES = int(os.environ.get("BENCH_FAMILIES", "5000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def _build():
    from asysta.core import testing
    from asysta.families.models import Family
    from asysta.intake.models import Assignment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people = testing.make_people()
    centre = people.centre
    families = Family.objects.bulk_create(
        Family(
            centre=centre,
            case_number=f"B.{i}",
            surname=f"Rodzina{i:05d}",
            building="1",
            postal_code="00-001",
            locality="Miasto",
            gmina="Miasto",
        )
        for i in range(FAMILIES)
    )
    assistants = [
        testing.make_user(f"bench{i}", centre=centre, roles=["assistant"])
        for i in range(FAMILIES // 15 + 1)
    ]
    Assignment.objects.bulk_create(
        Assignment(
            centre=centre, family=fam, assistant=assistants[i // 15], started_on="2025-01-01"
        )
        for i, fam in enumerate(families)
    )
    from asysta.deadlines.store import rebuild_centre

    rebuild_centre(centre)  # bulk rows bypass the records' signals
    return people, families[0], assistants[0]


def _time(client: Client, url: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main() -> None:
    call_command("migrate", verbosity=0)
    people, family, assistant = _build()
    clients = {}
    for user in (people.halina, people.dorota, assistant):
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        clients[user.username] = client
    floor = _time(clients["halina"], reverse("home"))
    pages = [
        (f"lista rodzin (kierownik, {FAMILIES} rodzin)", "dorota", reverse("families:list")),
        ("lista rodzin, strona 100", "dorota", reverse("families:list") + "?p=100"),
        ("wyszukiwanie po nazwisku", "dorota", reverse("families:list") + "?q=Rodzina0499"),
        ("moje rodziny (asystent)", assistant.username, reverse("families:list")),
        ("metryczka rodziny", "dorota", reverse("families:detail", args=[family.pk])),
        ("obciążenie asystentów", "dorota", reverse("intake:capacity")),
        ("dziennik zdarzeń", "dorota", reverse("audit:log")),
    ]
    print(
        f"floor (trivial signed-in page): {floor * 1000:.2f} ms, {ROUNDS} rounds, "
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    for label, who, url in pages:
        median = _time(clients[who], url)
        print(f"{label:<40} {median * 1000:8.2f} ms  ratio {median / floor:6.2f}")


if __name__ == "__main__":
    main()
