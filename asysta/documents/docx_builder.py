"""Builds the product's default DOCX templates (docxtpl tags in an ordinary Word document).

Each document kind describes its layout with these few calls; the result is a template a
centre can download, change in Word or LibreOffice and upload as its own. The tags follow
docxtpl's rules: a value is `{{ x }}` inside one run; a loop over table rows is written as
`{%tr for … %}` / `{%tr endfor %}` in rows of their own; a loop or condition over whole
paragraphs (and the tables between them) as `{%p for … %}` / `{%p if … %}` paragraphs.

Every document starts with the centre's letterhead (logo, name, address, contact, TERC), the
place and date line and, for a family's document, its case number.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"  # present in Word; LibreOffice substitutes the metric-compatible Liberation Sans
PAGE_WIDTH_CM = 17.0  # A4 portrait less 2 cm margins


def v(expr: str) -> str:
    """A value tag."""
    return "{{ " + expr + " }}"


def yes_no(expr: str) -> str:
    """A yes/no value printed as a word."""
    return "{% if " + expr + " %}tak{% else %}nie{% endif %}"


def _set_width(cell: Any, cm: float) -> None:
    cell.width = Cm(cm)


def _set_widths(table: Any, widths: Sequence[float]) -> None:
    """Column widths in the table grid (LibreOffice reads these) and in every cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            _set_width(cell, width)


def _add_text(cell: Any, text: str, *, bold: bool = False, size: float | None = None) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def _repeat_as_header(row: Any) -> None:
    """Repeat the row at the top of every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


class TemplateDocument:
    """One default template being built."""

    def __init__(
        self,
        title: str,
        *,
        case_number: str | None = "family.case_number",
        landscape: bool = False,
    ) -> None:
        self.doc: Any = Document()
        self.landscape = landscape
        # The text width: A4 less 2 cm margins on each side.
        self.width_cm = 25.7 if landscape else PAGE_WIDTH_CM
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "Asysta"
        self._page_and_fonts()
        self._letterhead()
        self._place_and_date(case_number)
        self.title(title)

    # --- page and letterhead ---------------------------------------------------------------

    def _page_and_fonts(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        for name, size in (("Normal", 10.5), ("Heading 1", 13), ("Heading 2", 11.5)):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
            if name != "Normal":
                style.font.color.rgb = RGBColor(0, 0, 0)
                style.font.bold = True
        self.doc.styles["Normal"].paragraph_format.space_after = Pt(4)

    def _letterhead(self) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        _set_widths(table, [4, self.width_cm - 4])
        logo, text = table.rows[0].cells
        logo.paragraphs[0].add_run(v("centre.logo"))
        name = text.paragraphs[0].add_run(v("centre.name"))
        name.bold = True
        name.font.size = Pt(12)
        for line in (
            v("centre.street"),
            f"{v('centre.postal_code')} {v('centre.locality')}",
            "{% if centre.phone %}tel. "
            + v("centre.phone")
            + "{% endif %}{% if centre.phone and centre.email %}, {% endif %}"
            + "{% if centre.email %}e-mail: "
            + v("centre.email")
            + "{% endif %}",
            f"TERC: {v('centre.terc')}",
        ):
            text.add_paragraph(line).paragraph_format.space_after = Pt(0)

    def _place_and_date(self, case_number: str | None) -> None:
        line = self.doc.add_paragraph(f"{v('centre.locality')}, {v('today')}")
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if case_number:
            self.field("Znak sprawy", v(case_number))

    # --- text --------------------------------------------------------------------------------

    def title(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(12)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(14)

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        run = self.doc.add_paragraph().add_run(text)
        run.bold, run.italic = bold, italic

    def field(self, label: str, value: str) -> None:
        """`label: value` in one paragraph (the label in bold)."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def section(self, title: str, value: str, level: int = 2) -> None:
        """A heading with one value (a longer text) under it."""
        self.heading(title, level)
        self.doc.add_paragraph(value)

    # --- tables ------------------------------------------------------------------------------

    def fields(self, rows: Sequence[tuple[str, str]], *, label_cm: float = 6.0) -> None:
        """A two-column table: labels on the left, values on the right."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        _set_widths(table, [label_cm, self.width_cm - label_cm])
        for row, (text, value) in zip(table.rows, rows, strict=True):
            left, right = row.cells
            left.paragraphs[0].add_run(text).bold = True
            right.paragraphs[0].add_run(value)
        self.doc.add_paragraph()

    def table(
        self,
        headers: Sequence[str],
        loop: str,
        cells: Sequence[str],
        *,
        widths: Sequence[float] | None = None,
        size: float = 9,
    ) -> None:
        """A table with a header row and one row per element (`{%tr for loop %}`)."""
        if len(headers) != len(cells):
            raise ValueError("every column needs a header and a cell")
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        header, opening, body, closing = table.rows
        _repeat_as_header(header)
        for cell, text in zip(header.cells, headers, strict=True):
            _add_text(cell, text, bold=True, size=size)
        opening.cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
        for cell, text in zip(body.cells, cells, strict=True):
            _add_text(cell, text, size=size)
        closing.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        _set_widths(table, widths or [self.width_cm / len(headers)] * len(headers))
        self.doc.add_paragraph()

    def row_table(
        self,
        headers: Sequence[str],
        cells: Sequence[str],
        *,
        widths: Sequence[float] | None = None,
        size: float = 9,
    ) -> None:
        """A table with a header row and one fixed row (e.g. the totals)."""
        table = self.doc.add_table(rows=2, cols=len(headers))
        table.style = "Table Grid"
        for n, (header, text) in enumerate(zip(headers, cells, strict=True)):
            _add_text(table.cell(0, n), header, bold=True, size=size)
            _add_text(table.cell(1, n), text, size=size)
        _set_widths(table, widths or [self.width_cm / len(headers)] * len(headers))
        self.doc.add_paragraph()

    def signatures(self, labels: Sequence[str]) -> None:
        """Dotted lines to sign on, with what each signature is under it."""
        self.doc.add_paragraph()
        table = self.doc.add_table(rows=2, cols=len(labels))
        for n, text in enumerate(labels):
            line = table.cell(0, n).paragraphs[0]
            line.add_run("." * 40)
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            under = table.cell(1, n).paragraphs[0]
            run = under.add_run(text)
            run.font.size = Pt(8.5)
            under.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # --- paragraph loops and conditions -----------------------------------------------------

    @contextmanager
    def each(self, loop: str) -> Iterator[None]:
        """Repeat the paragraphs and tables added inside for every element."""
        self.doc.add_paragraph("{%p for " + loop + " %}")
        yield
        self.doc.add_paragraph("{%p endfor %}")

    @contextmanager
    def when(self, condition: str) -> Iterator[None]:
        """Keep the paragraphs and tables added inside only when `condition` holds."""
        self.doc.add_paragraph("{%p if " + condition + " %}")
        yield
        self.doc.add_paragraph("{%p endif %}")

    def to_bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()
