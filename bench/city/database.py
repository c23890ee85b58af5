"""Which database a bench run uses, creating it when it is missing, and Django's set-up."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import environ

# The city presets' databases (L: what `make bench-city` uses), one per preset: a build of
# another preset found in a bench database is dropped and built again.
SERVER = "postgres://postgres@127.0.0.1:5432"


def default_url(preset_name: str) -> str:
    """BENCH_DATABASE_URL; otherwise PostgreSQL `asysta_bench_<preset>` for the city presets
    and a temporary SQLite file for S (fast, nothing to clean up)."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if preset_name == "S":
        return temporary_sqlite_url()
    return f"{SERVER}/asysta_bench_{preset_name.lower()}"


def temporary_sqlite_url() -> str:
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix='asysta-bench-s-')) / 'bench.sqlite3'}"


def _admin_connection(config: dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def prepare(url: str, *, rebuild: bool) -> None:
    """Create the database if it is missing; with `rebuild`, drop it first."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"].endswith("sqlite3"):
        path = Path(config["NAME"])
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    from psycopg import sql

    name = config["NAME"]
    with _admin_connection(config) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if not exists or rebuild:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
        # The settings the admin guide asks a city for (docs/admin.md §15.1) that a database
        # can carry itself: the load then measures the recommended set-up.
        for setting in ("jit = off", "random_page_cost = 1.1"):
            admin.execute(sql.SQL("ALTER DATABASE {} SET " + setting).format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    """Point Django at `url` (bench settings: no second factor, temporary var dir)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ASYSTA_TESTING", "1")
    os.environ.setdefault("ASYSTA_VAR_DIR", tempfile.mkdtemp(prefix="asysta-bench-"))
    os.environ.setdefault("ASYSTA_REQUIRE_MFA", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asysta.settings")
    import django

    django.setup()
