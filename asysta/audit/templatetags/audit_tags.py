from django import template

from asysta.audit.services import SECTION_LABELS

register = template.Library()


@register.filter
def section_label(data: object) -> str:
    """The Polish name of the part of a record that was opened (for ACCESS entries)."""
    section = data.get("section") if isinstance(data, dict) else None
    if not isinstance(section, str):
        return ""
    return SECTION_LABELS.get(section, section)
