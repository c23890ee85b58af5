from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from asysta.audit.registry import ADDED, M2M_TYPE
from asysta.audit.services import SECTION_LABELS

register = template.Library()


@register.filter
def section_label(data: object) -> str:
    """The Polish name of the part of a record that was opened (for ACCESS entries)."""
    section = data.get("section") if isinstance(data, dict) else None
    if not isinstance(section, str):
        return ""
    return SECTION_LABELS.get(section, section)


def _m2m_summary(entry: Any, name: str, change: dict[str, Any]) -> str:
    """E.g. "uczestnicy z ośrodka: dodano 2" — the trail keeps only the rows' keys."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    try:
        label = str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        label = name
    count = len(change.get("objects") or ())
    verb = _("dodano") if change.get("operation") == ADDED else _("usunięto")
    return f"{label}: {verb} {count}"


@register.filter
def changed_fields(entry: Any) -> str:
    """The changed fields of an entry; a many-to-many change as its label and a count."""
    changes = entry.changes_dict
    if not isinstance(changes, dict) or not changes:
        return "—"
    return ", ".join(
        _m2m_summary(entry, name, change)
        if isinstance(change, dict) and change.get("type") == M2M_TYPE
        else name
        for name, change in changes.items()
    )
