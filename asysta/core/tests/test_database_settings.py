"""The database settings on PostgreSQL: statements prepared by the server, unless a pooler in
transaction mode sits between (it would lose them between transactions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def database_settings(**env: str) -> dict:
    """`DATABASES["default"]` as the settings module builds it with `env` (a fresh process)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ASYSTA_", "DATABASE_"))}
    base.update(SECRET_KEY="x" * 50, DATABASE_URL="postgres://asysta@db.example:5432/asysta")
    code = (
        "import json, asysta.settings as s; d = s.DATABASES['default'];"
        "print(json.dumps({k: d.get(k) for k in ('OPTIONS', 'DISABLE_SERVER_SIDE_CURSORS')}))"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code], env=base | env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("env", "prepared", "server_cursors"),
    [
        ({}, True, True),
        ({"ASYSTA_DB_PREPARED": "0"}, False, True),
        ({"ASYSTA_DB_TRANSACTION_POOLER": "1"}, False, False),
    ],
    ids=["default", "switched-off", "transaction-pooler"],
)
def test_statements_are_prepared_unless_a_transaction_pooler_is_between(
    env, prepared, server_cursors
):
    found = database_settings(**env)
    assert bool((found["OPTIONS"] or {}).get("server_side_binding")) is prepared
    assert (not found["DISABLE_SERVER_SIDE_CURSORS"]) is server_cursors
