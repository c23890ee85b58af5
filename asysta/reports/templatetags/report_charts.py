"""Accessible bar charts for the dashboards: an inline SVG (role="img", labelled with a summary of
its values) followed by a table of the same numbers. Every chart of the dashboards is drawn by
`{% bar_chart chart %}` from a `BarChart`, a list of (label, value) bars with a maximum.

The geometry is computed here, so the template only places the shapes; values are printed next to
each bar, so colour never carries the meaning alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

WIDTH = 640  # the SVG's user units (per chart: `BarChart.width`); it scales to its column
VALUE_ROOM = 150  # room right of the longest bar for the value (and flag) printed after it
ROW = 44  # each bar: its label above, the bar below
BAR_TOP, BAR_HEIGHT = 20, 16
LABEL_BASELINE, VALUE_BASELINE = 14, 33
FOOTER = 22  # room for the reference line's label


def show(value: int | Decimal, places: int = 0) -> str:
    """A number as Polish text (decimal comma)."""
    if isinstance(value, Decimal) and places:
        return number_format(value, places)
    return str(value)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    display: str = ""  # the printed value; the number itself when empty
    note: str = ""  # an extra column of the table
    flag: str = ""  # a short word printed after the value in the SVG (e.g. "ponad limit")
    emphasis: bool = False  # drawn in the warning colour (the flag says why)
    href: str = ""  # the label links to the list behind the figure

    @property
    def shown(self) -> str:
        return self.display or show(self.value)


@dataclass(frozen=True)
class Reference:
    """A vertical line at `value` (e.g. the statutory cap, NIK's 20%), with its label."""

    value: int | Decimal
    label: str


@dataclass
class BarChart:
    slug: str  # unique on the page: the ids of the SVG's title
    title: str  # the table's caption and the SVG's title
    label_header: str
    value_header: str
    bars: list[Bar]
    maximum: int | Decimal = 0  # the scale; the largest value (or the reference) when 0
    note_header: str = ""
    reference: Reference | None = None
    empty_text: str = field(default="")
    width: int = WIDTH  # narrower for small multiples, so the text keeps its size

    @cached_property
    def scale(self) -> Decimal:
        """The value drawn across the full width: computed once per chart (each bar's width
        divides by it, and a chart may have a few hundred bars)."""
        values = [Decimal(b.value) for b in self.bars]
        if self.reference is not None:
            values.append(Decimal(self.reference.value))
        top = max([Decimal(self.maximum), *values]) if values else Decimal(self.maximum)
        return top if top > 0 else Decimal(1)

    def _x(self, value: int | Decimal) -> int:
        return round(Decimal(value) / self.scale * (self.width - VALUE_ROOM))

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + (FOOTER if self.reference else 4)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Each bar with its place in the SVG."""
        placed = []
        for n, bar in enumerate(self.bars):
            top = n * ROW
            width = self._x(bar.value)
            placed.append(
                {
                    "bar": bar,
                    "label_y": top + LABEL_BASELINE,
                    "bar_y": top + BAR_TOP,
                    "width": width,
                    "value_x": width + 6,
                    "value_y": top + VALUE_BASELINE,
                }
            )
        return placed

    @property
    def reference_x(self) -> int | None:
        return None if self.reference is None else self._x(self.reference.value)

    @property
    def reference_anchor(self) -> str:
        x = self.reference_x or 0
        return "end" if x > self.width - 2 * VALUE_ROOM else "start"

    @property
    def summary(self) -> str:
        """What a screen reader hears for the SVG: the title and every value."""
        values = "; ".join(
            f"{b.label}: {b.shown}"
            + (f" ({b.flag})" if b.flag else "")
            + (f", {b.note}" if b.note else "")
            for b in self.bars
        )
        text = _("Wykres słupkowy: %(title)s. %(values)s") % {
            "title": self.title,
            "values": values or self.empty_text,
        }
        if self.reference is not None:
            text += ". " + self.reference.label
        return text


@register.inclusion_tag("reports/partials/chart_bars.html")
def bar_chart(chart: BarChart) -> dict[str, Any]:
    return {"chart": chart}
