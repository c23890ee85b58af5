"""Template helpers: accessible Bootstrap form fields."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def widget(field: BoundField) -> SafeString:
    """The field's input with Bootstrap classes and the ARIA links to its help and errors."""
    w = field.field.widget
    if isinstance(w, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(w, forms.CheckboxInput):
        css = "form-check-input"
    else:
        css = "form-control"
    attrs: dict[str, str | bool] = {"class": css + (" is-invalid" if field.errors else "")}
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.id_for_label}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("partials/field.html")
def field(bound: BoundField) -> dict[str, BoundField]:
    return {"field": bound}
