"""Load benchmark: gunicorn as deployed, simulated people from locust, at 1 and 20 users.

The app is served as in deploy/gunicorn.conf.py (sync workers, the production settings: no
DEBUG, a secret key, Argon2 passwords) but bound to a free port on 127.0.0.1, with 2 workers,
plain-HTTP cookies and no second factor. The database is a city preset built by
`python -m bench.city` (BENCH_DATABASE_URL, default asysta_bench_l). Static files are not
requested (the project serves them through nginx, not Django).

Phases (bench/locustfile.py): one user touring every page, then 20 users in a role mix. For each
page the p50 and p95 (ms), the error count and the ratio p95 / floor p95 (the HR start page,
measured in the same phase) are printed and written as JSON to var/bench/. Then the peak memory
and time of the activity report's CSV and XLSX export with its lists, for the whole history
(`manage.py report` in a child process; ~115,000 item rows on L).

Environment: BENCH_PRESET (L), BENCH_LOAD_USERS ("1,20"), BENCH_LOAD_SECONDS ("60,90"),
BENCH_WAIT (think time between a user's pages, "2,5" s), BENCH_SKIP_EXPORT=1.
"""

from __future__ import annotations

import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.city import database  # noqa: E402
from bench.city.presets import FIRST_DAY, PASSWORD, PRESETS, terc_of  # noqa: E402

BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "bench"
ROLE_MIX = ["AssistantUser", "CoordinatorUser", "HeadUser", "FloorUser"]
FLOOR = "floor: HR start page"
# Think time between one person's pages (s): a busy office, not a stress test; with less the two
# workers saturate and every page, the floor too, measures the queue rather than itself.
WAIT = "2,5"


def _env_list(name: str, default: str) -> list[int]:
    return [int(x) for x in os.environ.get(name, default).split(",")]


def server_env(url: str, var_dir: str) -> dict[str, str]:
    """The production settings, on loopback: what the child processes run with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASYSTA_")}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ASYSTA_REQUIRE_MFA="0",
        ASYSTA_SECURE_COOKIES="0",
        ASYSTA_VAR_DIR=var_dir,
        ASYSTA_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="asysta.settings",
    )
    return env


def users_by_role(terc: str) -> dict[str, list[str]]:
    """Active users of the centre per role; assistants only those with families now."""
    from asysta.accounts.models import Membership
    from asysta.intake.models import Assignment

    working = Assignment.objects.filter(centre__terc=terc, ended_on__isnull=True)
    found: dict[str, list[str]] = {}
    for role in ("assistant", "coordinator", "head", "hr"):
        rows = Membership.objects.filter(centre__terc=terc, role=role, is_active=True)
        if role == "assistant":
            rows = rows.filter(user__in=working.values("assistant"))
        names = sorted(rows.values_list("user__username", flat=True))
        random.Random(terc).shuffle(names)  # the same people in every run, not the first few
        found[role] = names
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "asysta.wsgi:application",
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--timeout",
        "120",
    ]
    handle = log.open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/logowanie/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def run_phase(env: dict[str, str], host: str, users: int, seconds: int, work: Path) -> list[dict]:
    """One locust run; the per-page rows of its statistics."""
    prefix = work / f"phase-{users}"
    classes = ["TourUser"] if users == 1 else ROLE_MIX
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        str(min(users, 5)),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "60",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
        # Many users: count from the moment all are signed in (20 Argon2 sign-ins at once
        # would otherwise queue the first pages behind them).
        *(["--reset-stats"] if users > 1 else []),
        *classes,
    ]
    with (work / f"locust-{users}.log").open("w") as log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log, check=False)  # noqa: S603
    return _rows(prefix.with_name(prefix.name + "_stats.csv"))


def _rows(stats: Path) -> list[dict]:
    rows = []
    with stats.open() as handle:
        for line in csv.DictReader(handle):
            if line["Name"] == "Aggregated":
                rows.append({"page": "(all pages, requests/s)", "rate": float(line["Requests/s"])})
                continue
            rows.append(
                {
                    "page": line["Name"],
                    "requests": int(line["Request Count"]),
                    "errors": int(line["Failure Count"]),
                    "p50": float(line["50%"] or 0),
                    "p95": float(line["95%"] or 0),
                }
            )
    floor = next((r["p95"] for r in rows if r["page"] == FLOOR), 0.0)
    for row in rows:
        if "p95" in row:
            row["ratio"] = round(row["p95"] / floor, 1) if floor else None
    return sorted(rows, key=lambda r: (r["page"] != FLOOR, r["page"]))


def print_phase(users: int, seconds: int, rows: list[dict]) -> None:
    rate = next((r["rate"] for r in rows if "rate" in r), 0.0)
    mix = "" if users == 1 else " (role mix)"
    print(f"\n{users} user(s), {seconds} s{mix}: {rate:.1f} requests/s")
    print(f"{'page':<38} {'n':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>9}")
    for r in (r for r in rows if "p95" in r):
        ratio = f"{r['ratio']:.1f}" if r["ratio"] is not None else "—"
        print(
            f"{r['page']:<38} {r['requests']:>6} {r['errors']:>6} {r['p50']:>8.0f} "
            f"{r['p95']:>8.0f} {ratio:>9}"
        )


def export_run(env: dict[str, str], terc: str, start: date, fmt: str, work: Path) -> dict:
    """`manage.py report activity` with its lists in a child: wall time and peak RSS."""
    output = work / f"activity-{start.isoformat()}.{fmt}"
    command = [
        sys.executable,
        "manage.py",
        "report",
        "activity",
        "--centre",
        terc,
        "--from",
        start.isoformat(),
        "--to",
        date.today().isoformat(),
        "--format",
        fmt,
        "--items",
        "--output",
        str(output),
    ]
    began = time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    row = {
        "format": fmt,
        "from": start.isoformat(),
        "seconds": round(time.monotonic() - began, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "exit": child.returncode,
        "bytes": output.stat().st_size if output.exists() else 0,
    }
    if fmt == "csv" and output.exists():
        with output.open(encoding="utf-8-sig") as handle:
            row["lines"] = sum(1 for _ in handle)
    output.unlink(missing_ok=True)  # measured; tens of MB not worth keeping in /tmp
    return row


def export_memory(env: dict[str, str], terc: str, work: Path) -> list[dict]:
    """The ten-year export next to a one-day one (the interpreter's own footprint)."""
    runs = [
        export_run(env, terc, date.today(), "csv", work),
        export_run(env, terc, FIRST_DAY, "csv", work),
        export_run(env, terc, FIRST_DAY, "xlsx", work),
    ]
    print("\nactivity report export with lists (manage.py report, child process)")
    print(
        f"{'period':<24} {'format':>6} {'rows':>9} {'MB out':>7} {'seconds':>8} {'peak RSS MB':>12}"
    )
    for run in runs:
        period = f"{run['from']} – today"
        rows = run.get("lines", "")
        size = run["bytes"] / 1e6
        print(
            f"{period:<24} {run['format']:>6} {rows!s:>9} {size:>7.1f} {run['seconds']:>8.1f} "
            f"{run['peak_rss_mb']:>12}" + ("" if run["exit"] == 0 else f"  FAILED ({run['exit']})")
        )
    return runs


def main() -> int:
    preset = PRESETS[os.environ.get("BENCH_PRESET", "L")]
    url = database.default_url(preset.name)
    database.setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # other work may have added tables since the build
    terc = terc_of(preset, 0)
    work = Path(tempfile.mkdtemp(prefix="asysta-load-"))
    users = users_by_role(terc)
    if not users["assistant"]:
        raise SystemExit(f"no centre {terc} with working assistants at {url}: run make bench-city")
    (work / "users.json").write_text(json.dumps(users))
    env = server_env(url, str(work))
    env.update(
        BENCH_USERS_FILE=str(work / "users.json"),
        BENCH_PASSWORD=PASSWORD,
        BENCH_WAIT=os.environ.get("BENCH_WAIT", WAIT),
    )
    port = free_port()
    server = start_server(env, port, work / "gunicorn.log")
    result: dict = {"preset": preset.name, "centre": terc, "date": date.today().isoformat()}
    try:
        counts = _env_list("BENCH_LOAD_USERS", "1,20")
        spans = _env_list("BENCH_LOAD_SECONDS", "60,90")
        for n, seconds in zip(counts, spans, strict=True):
            rows = run_phase(env, f"http://127.0.0.1:{port}", n, seconds, work)
            print_phase(n, seconds, rows)
            result[f"users_{n}"] = rows
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    if os.environ.get("BENCH_SKIP_EXPORT") != "1":
        result["export"] = export_memory(env, terc, work)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"load-{preset.name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(result, indent=2))
    print(f"\nresults: {target}; logs: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
