"""Keeping the clock's table (`DeadlineEntry`) equal to what the providers compute.

- **A family's rows** are recomputed whenever a record a provider watches is saved or deleted
  (post_save / post_delete), inside the transaction that changed it: a service that records the
  first meeting or approves a plan leaves the clock right when it commits, and a rolled-back
  change leaves it as it was. Only the providers watching that record run, for that one family
  (a handful of indexed queries). The product writes case records with `save()` only — the audit
  trail relies on the same signals — so no change escapes.
- **A centre's rows** are rebuilt at once by `rebuild_centre` (bulk loads, `manage.py
  deadlines_rebuild`) with one query per provider, and after `migrate` for every centre whose
  rows were computed with older rules (`RULES_VERSION`).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete

from asysta.core.models import Centre
from asysta.deadlines.clock import PROVIDERS, Due, FamilyOf, Provider, Scope
from asysta.deadlines.models import ClockVersion, DeadlineEntry
from asysta.families.models import Family
from asysta.intake.models import Assignment

# Bump when a provider's rule changes: `migrate` then rebuilds every centre's rows.
RULES_VERSION = 1
BATCH = 2000

_state = threading.local()


def _current_assistants(scope: Scope) -> dict[int, int]:
    """The assistant of each family of the scope now (one open assignment per family)."""
    rows = scope.narrow(Assignment.objects.filter(ended_on__isnull=True))
    return dict(rows.values_list("family_id", "assistant_id"))


def _entries(dues: Iterable[Due], assistants: dict[int, int]) -> Iterator[DeadlineEntry]:
    for due in dues:
        yield DeadlineEntry(
            centre_id=due.centre_id,
            family_id=due.family_id,
            assistant_id=assistants.get(due.family_id),
            kind=due.kind,
            due_on=due.due_on,
            source_id=due.source_id,
            detail=due.detail,
            shown_from=due.shown_from,
            shown_until=due.shown_until,
        )


def _compute(scope: Scope, providers: Iterable[Provider]) -> list[DeadlineEntry]:
    dues = [due for source in providers for due in source.func(scope)]
    return list(_entries(dues, _current_assistants(scope) if dues else {}))


def refresh_families(
    family_ids: Iterable[int], providers: Iterable[Provider] | None = None
) -> None:
    """Recompute the rows of `family_ids` (of `providers`' kinds; all kinds by default)."""
    ids = tuple(sorted(set(family_ids)))
    chosen = list(PROVIDERS if providers is None else providers)
    if not ids or not chosen:
        return
    kinds = [kind for source in chosen for kind in source.kinds]
    with transaction.atomic():
        DeadlineEntry.objects.filter(family_id__in=ids, kind__in=kinds).delete()
        DeadlineEntry.objects.bulk_create(_compute(Scope(family_ids=ids), chosen))


def rebuild_centre(centre: Centre) -> int:
    """Recompute every row of `centre` (one query per provider); returns the number of rows."""
    with transaction.atomic():
        DeadlineEntry.objects.filter(centre=centre).delete()
        rows = _compute(Scope(centre_id=centre.pk), PROVIDERS)
        DeadlineEntry.objects.bulk_create(rows, batch_size=BATCH)
        ClockVersion.objects.update_or_create(centre=centre, defaults={"version": RULES_VERSION})
    return len(rows)


def rebuild_outdated() -> list[Centre]:
    """Rebuild the centres whose rows were computed with older rules (after `migrate`)."""
    current = ClockVersion.objects.filter(version=RULES_VERSION).values("centre_id")
    outdated = list(Centre.objects.exclude(pk__in=current))
    for centre in outdated:
        rebuild_centre(centre)
    return outdated


def _key(row: DeadlineEntry) -> tuple[Any, ...]:
    return (
        row.family_id,
        row.kind,
        row.due_on,
        row.source_id,
        row.assistant_id,
        row.detail,
        row.shown_from,
        row.shown_until,
    )


def differences(centre: Centre) -> int:
    """How many rows of `centre` differ from what the providers compute now (0 when the table
    is right): for `manage.py deadlines_rebuild --check` and the tests."""
    kept = Counter(_key(row) for row in DeadlineEntry.objects.filter(centre=centre))
    fresh = Counter(_key(row) for row in _compute(Scope(centre_id=centre.pk), PROVIDERS))
    return sum(((kept - fresh) + (fresh - kept)).values())


# --- keeping the rows right as records change ---------------------------------------------------


def _deleting() -> set[int]:
    """Families being deleted now: their records' deletions need no recomputation."""
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


def _family_deleting(sender: Any, instance: Family, **kwargs: Any) -> None:
    _deleting().add(instance.pk)


def _family_deleted(sender: Any, instance: Family, **kwargs: Any) -> None:
    _deleting().discard(instance.pk)


def _watchers() -> dict[type[Model], list[tuple[Provider, FamilyOf]]]:
    found: dict[type[Model], list[tuple[Provider, FamilyOf]]] = {}
    for source in PROVIDERS:
        for model, family_of in source.watches:
            found.setdefault(model, []).append((source, family_of))
    # The rows name the family's assistant: a change of assignment concerns every kind.
    found[Assignment] = [(source, _assignment_family) for source in PROVIDERS]
    return found


def _assignment_family(instance: Any) -> int | None:
    return instance.family_id


def _changed(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures: rebuild the centre afterwards
    watchers = _WATCHERS.get(sender, [])
    family_id = watchers[0][1](instance) if watchers else None
    if family_id is None or family_id in _deleting():
        return
    refresh_families([family_id], [source for source, _family_of in watchers])


_WATCHERS: dict[type[Model], list[tuple[Provider, FamilyOf]]] = {}


def connect() -> None:
    """Wire the signals (from `DeadlinesConfig.ready`, after the providers registered)."""
    _WATCHERS.clear()
    _WATCHERS.update(_watchers())
    for model in _WATCHERS:
        uid = f"deadlines-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    pre_delete.connect(_family_deleting, sender=Family, dispatch_uid="deadlines-family-pre")
    post_delete.connect(_family_deleted, sender=Family, dispatch_uid="deadlines-family-post")
