"""The example gunicorn configuration in deploy/: what each worker does once it has loaded it."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from gunicorn.config import Config

CONF = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"


def test_each_worker_freezes_what_it_loaded_at_start():
    settings = runpy.run_path(str(CONF))
    hook = settings["post_worker_init"]
    Config().set("post_worker_init", hook)  # gunicorn accepts the hook (one argument)
    gc.unfreeze()
    try:
        hook(None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert settings["workers"] >= 2 and settings["bind"].startswith("127.0.0.1:")
