"""A sample of the generated rows through the models' own validation (`full_clean`) and the
closure rules, to show the bulk path writes what the services would accept."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError

from asysta.closure import rules
from asysta.closure.models import Closure
from asysta.core.models import Centre


def _check(instance) -> list[str]:
    try:
        instance.full_clean()
        if isinstance(instance, Closure):
            rules.check_closure(instance, instance.assignment)
    except ValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return [f"{type(instance).__name__} {instance.pk}: {detail}"]
    return []


def sample(models: list, centres: list[Centre], per_model: int) -> int:
    """full_clean() up to `per_model` random rows of each model; prints problems, returns their
    number."""
    problems: list[str] = []
    checked: Counter[str] = Counter()
    for model in models:
        if model._meta.auto_created:
            continue  # many-to-many rows have no rules of their own
        rows = model.objects.all()
        if any(f.name == "centre" for f in model._meta.fields):
            rows = rows.filter(centre__in=centres)
        for instance in rows.order_by("?")[:per_model]:
            problems += _check(instance)
            checked[model.__name__] += 1
    print(
        f"validated {sum(checked.values())} rows of {len(checked)} models: {len(problems)} problems"
    )
    for line in problems[:30]:
        print("  " + line)
    return len(problems)
