from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A native date picker; the value travels as ISO, the page shows dd.mm.rrrr."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class Select(forms.Select):
    """A plain <select> built in one pass, for long lists (the assistants of a city centre):
    Django's own renders every option through a template, which costs milliseconds per
    hundred options. Option groups are not supported."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            mark = " selected" if key in chosen else ""
            options.append(f'<option value="{escape(key)}"{mark}>{escape(label)}</option>')
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe("".join(options)),  # noqa: S308 - escaped above
        )
