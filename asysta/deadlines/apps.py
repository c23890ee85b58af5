from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeadlinesConfig(AppConfig):
    name = "asysta.deadlines"
    label = "deadlines"
    verbose_name = "Terminy ustawowe"

    def ready(self) -> None:
        from asysta.deadlines import (
            providers,  # noqa: F401 - registers the deadline providers
            store,
        )

        store.connect()
        post_migrate.connect(_rebuild_outdated, sender=self, dispatch_uid="deadlines-rebuild")


def _rebuild_outdated(**kwargs: Any) -> None:
    """After `migrate`: recompute the centres whose rows are older than the clock's rules (the
    first deploy of the table included)."""
    from asysta.deadlines import store

    stdout = kwargs.get("stdout")
    for centre in store.rebuild_outdated():
        if stdout is not None and kwargs.get("verbosity", 1) >= 1:
            stdout.write(f"  Terminy ustawowe przeliczone: {centre}")
