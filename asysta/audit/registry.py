"""Registering case models with django-auditlog under one rule for sensitive values.

The trail records who changed which field and when. The value of free text (notes, analyses,
descriptions: every TextField and JSONField) and of identifying or special-category fields is
never stored, only the fact that it changed (see `asysta.audit.masking`).

Many-to-many fields (who took part in a meeting, which family members were present) are audited
too, but not through django-auditlog's own m2m handler: it stores `str()` of every related row,
which for a family member is their name, and on `clear()` it lists every row of the related
table, of every centre. Our handler stores the primary keys of the rows added or removed, in the
same shape (`{"type": "m2m", "operation": "add" | "delete", "objects": [pks]}`), so the viewer
can say "dodano 2" without the trail holding anyone's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from auditlog.receivers import check_disable
from auditlog.registry import auditlog
from django.db import models
from django.db.models.signals import m2m_changed

M2M_TYPE = "m2m"
ADDED, REMOVED = "add", "delete"
# Set on the instance between `pre_clear` and `post_clear`: what the clear is about to remove.
_CLEARING = "_audit_m2m_clearing"


def register(
    model: type[models.Model], *, mask: Iterable[str] = (), exclude: Iterable[str] = ()
) -> None:
    free_text = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField | models.JSONField)
    ]
    auditlog.register(model, mask_fields=sorted({*free_text, *mask}), exclude_fields=list(exclude))
    for field in model._meta.local_many_to_many:
        if field.name not in exclude:
            _watch_m2m(model, field)


def _log(source: models.Model, field_name: str, operation: str, pks: Iterable[Any]) -> None:
    objects = sorted(pks)
    if not objects:
        return
    LogEntry.objects.log_create(
        source,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={field_name: {"type": M2M_TYPE, "operation": operation, "objects": objects}},
    )


def _watch_m2m(model: type[models.Model], field: models.ManyToManyField) -> None:
    through = field.remote_field.through
    assert through is not None  # resolved: `register` runs from the apps' `ready()`
    source_fk, target_fk = field.m2m_field_name(), field.m2m_reverse_field_name()

    def linked(instance: models.Model, reverse: bool) -> list[Any]:
        """The pks on the other side of the relation that `instance` is linked to now."""
        mine, other = (target_fk, source_fk) if reverse else (source_fk, target_fk)
        rows = through._default_manager.filter(**{f"{mine}_id": instance.pk})
        return list(rows.values_list(f"{other}_id", flat=True))

    @check_disable
    def receiver(
        sender: Any, instance: models.Model, action: str, reverse: bool, pk_set: Any, **kw: Any
    ) -> None:
        if action == "pre_clear":
            instance.__dict__.setdefault(_CLEARING, {})[field.name] = linked(instance, reverse)
            return
        if action == "post_clear":
            pks = instance.__dict__.get(_CLEARING, {}).pop(field.name, [])
        elif action in ("post_add", "post_remove"):
            pks = list(pk_set or ())
        else:
            return
        operation = ADDED if action == "post_add" else REMOVED
        if not reverse:
            _log(instance, field.name, operation, pks)
            return
        # Changed from the other side (e.g. `member.work_plans.add(plan)`): the entry belongs
        # to each changed row of the registered model, naming `instance` by its pk.
        for source in model._default_manager.filter(pk__in=pks):
            _log(source, field.name, operation, [instance.pk])

    m2m_changed.connect(
        receiver,
        sender=through,
        weak=False,
        dispatch_uid=f"asysta.audit.m2m.{model._meta.label}.{field.name}",
    )
