"""A report as PDF/A: the centre's letterhead, the period, every figure with its value and, on
request, the list behind each figure (with its total); text is escaped, not interpreted."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from asysta.core import testing
from asysta.reports.base import Figure, Item, Period, Report
from asysta.reports.pdf import pdf_context, report_pdf
from asysta.reports.semiannual import semiannual
from asysta.reports.tests.activity_dataset import build

pytestmark = pytest.mark.django_db

H1 = Period.half_year(2025, 1)


def text_of(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def flat(text: str) -> str:
    return " ".join(text.split())


def test_figures_only(people):
    build(people)
    report = semiannual(people.centre, H1)
    pdf = report_pdf(report, centre=people.centre, author=people.dorota)
    text, reader = text_of(pdf)
    assert pdf.startswith(b"%PDF-")
    raw = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="2"' in raw
    text = flat(text)
    assert people.centre.name in text
    assert "01.01.2025–30.06.2025" in text
    assert "Dorota Kierowniczka" in text
    for figure in report.figures[:6]:
        assert flat(figure.label) in text
    assert "Nowakowie" not in text  # no lists asked for


def test_with_the_lists_behind_the_figures(people):
    data = build(people)
    report = semiannual(people.centre, H1)
    text, _reader = text_of(
        report_pdf(report, centre=people.centre, author=people.dorota, items=True)
    )
    text = flat(text)
    for family in (data.f1, data.f2, data.f3, data.f6):
        assert family.surname in text
    served = report.figure("families_served")
    assert f"Razem: {served.value}" in text


def test_values_are_printed_as_text(people):
    family = testing.make_family(centre=people.centre, by=people.dorota, surname="<b>Ź</b>")
    report = Report(
        name="activity",
        title="Zestawienie",
        centre_id=people.centre.pk,
        period=Period(date(2025, 1, 1), date(2025, 12, 31)),
        figures=[
            Figure(
                "families_total",
                "Rodziny",
                items=[Item("family", family.pk, "<b>Ź</b> (AR.1)", "{{ secret }}")],
            )
        ],
    )
    context = pdf_context(report, centre=people.centre, author=people.dorota, items=True)
    assert context["report"]["figures"][0]["value"] == 1
    text, _reader = text_of(
        report_pdf(report, centre=people.centre, author=people.dorota, items=True)
    )
    assert "<b>Ź</b> (AR.1)" in text and "{{ secret }}" in text
