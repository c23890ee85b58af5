"""Registering case models with django-auditlog under one rule for sensitive values.

The trail records who changed which field and when. The value of free text (notes, analyses,
descriptions: every TextField and JSONField) and of identifying or special-category fields is
never stored, only the fact that it changed (see `asysta.audit.masking`).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.registry import auditlog
from django.db import models


def register(
    model: type[models.Model], *, mask: Iterable[str] = (), exclude: Iterable[str] = ()
) -> None:
    free_text = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField | models.JSONField)
    ]
    auditlog.register(model, mask_fields=sorted({*free_text, *mask}), exclude_fields=list(exclude))
