"""The engine: DOCX through docxtpl in the sandbox, PDF/A-2b through WeasyPrint with only the
product's static files, user text printed literally in both."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.utils.safestring import mark_safe
from docx import Document
from PIL import Image
from pypdf import PdfReader

from asysta.documents import engine
from asysta.documents.fetcher import LOGO_URL, StaticOnlyFetcher, static_path
from asysta.documents.tests.engine_fixtures import (
    INJECTION,
    POLISH,
    SHEET,
    docx_template,
    kinds_fixture,  # noqa: F401 - the `kinds` fixture
)
from asysta.families.services import update_family


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf(content: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _context(people, family, **family_fields):
    if family_fields:
        update_family(family=family, by=people.dorota, **family_fields)
        family.refresh_from_db()
    common = engine.common_context(centre=people.centre, author=people.anna, label="Karta")
    return {**SHEET.build(family), **common}


def test_common_context_has_the_letterhead_author_and_dates(people):
    centre = people.centre
    centre.street, centre.postal_code, centre.locality = "ul. Długa 5", "55-010", "Testowo"
    centre.phone, centre.email = "71 000 00 00", "gops@testowo.pl"
    centre.save()
    common = engine.common_context(centre=centre, author=people.anna, label="Plan pracy")
    assert common["centre"] == {
        "name": centre.name,
        "kind": "Gminny Ośrodek Pomocy Społecznej",
        "street": "ul. Długa 5",
        "postal_code": "55-010",
        "locality": "Testowo",
        "terc": centre.terc,
        "phone": "71 000 00 00",
        "email": "gops@testowo.pl",
        "logo": "",
    }
    assert common["author"] == {"name": "Anna Asystentka", "role": "asystent rodziny"}
    assert common["document"]["label"] == "Plan pracy"
    assert len(common["today"]) == 10 and common["today"][2] == "."


def test_plain_data_cannot_skip_escaping_or_call_methods(people):
    data = engine.plain(
        {"a": mark_safe("<b>x</b>"), "b": date(2025, 3, 1), "c": None, "d": people.anna}
    )
    assert type(data["a"]) is str  # a SafeString would not be escaped
    assert data["b"] == "01.03.2025" and data["c"] == ""
    assert data["d"] == str(people.anna)  # a model instance becomes its text
    assert engine.plain("a\x07b\x0cc\r\nd") == "abc\nd"  # XML-forbidden characters removed


def test_docx_is_filled_and_opens_again(people, family, kinds):
    update_family(family=family, by=people.dorota, surname="Zażółćkowscy")
    family.refresh_from_db()
    content = engine.render_docx(SHEET.default_docx(), _context(people, family))
    text = _docx_text(content)
    assert f"Znak sprawy: {family.case_number}" in text
    assert "Rodzina: Zażółćkowscy" in text
    assert "Marek Kowalscy" in text and "rodzic" in text  # the table-row loop
    assert people.centre.name in text and "Anna Asystentka, asystent rodziny" in text


def test_docx_prints_user_text_literally(people, family, kinds):
    corpus = "\n".join(INJECTION)
    content = engine.render_docx(
        SHEET.default_docx(), _context(people, family, other_services=corpus)
    )
    text = _docx_text(content)
    for line in INJECTION:
        assert line in text, line
    assert people.centre.name in text
    # The "{{ centre.name }}" of the user text was not filled in: the centre's name appears
    # once (the letterhead), the literal tag once.
    assert text.count("{{ centre.name }}") == 1
    assert "wstrzyknięte" in text and text.count("Uwagi:") == 1
    document = Document(io.BytesIO(content))
    assert not document.inline_shapes  # no image came out of the <img> text


def test_docx_gets_the_centre_logo_only_when_there_is_one(people, family, kinds):
    without = Document(
        io.BytesIO(engine.render_docx(SHEET.default_docx(), _context(people, family)))
    )
    assert len(without.inline_shapes) == 0
    people.centre.logo.save("logo.png", ContentFile(_png()))
    logo = engine.centre_logo(people.centre)
    assert logo is not None
    content = engine.render_docx(SHEET.default_docx(), _context(people, family), logo=logo)
    assert len(Document(io.BytesIO(content)).inline_shapes) == 1


def test_a_logo_that_is_not_an_image_is_ignored(people):
    people.centre.logo.save("logo.png", ContentFile(b"<svg onload=alert(1)>"))
    assert engine.centre_logo(people.centre) is None


def test_pdf_is_pdf_a_2b_with_embedded_fonts_and_polish_letters(people, family, kinds):
    update_family(family=family, by=people.dorota, other_services=POLISH)
    family.refresh_from_db()
    content = engine.render_pdf(SHEET.html_template, _context(people, family))
    text, reader = _pdf(content)
    assert POLISH in text
    assert family.case_number in text and "Marek Kowalscy" in text
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert 'pdfaid:part="2"' in raw and 'pdfaid:conformance="B"' in raw
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVu" in str(font["/BaseFont"])
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded (a TrueType subset)


def test_pdf_prints_user_text_literally_and_fetches_nothing_it_names(people, family, kinds):
    corpus = "\n".join(INJECTION)
    fetcher = StaticOnlyFetcher()
    content = engine.render_pdf(
        SHEET.html_template, _context(people, family, other_services=corpus), fetcher=fetcher
    )
    text, reader = _pdf(content)
    flat = " ".join(text.split())
    for line in INJECTION:
        assert " ".join(line.split()) in flat, line
    # The <img> references were text: WeasyPrint was not even asked for them.
    assert not any("passwd" in url or "example.com" in url for url in fetcher.refused)
    assert all(url.startswith("https://asysta.invalid/static/") for url in fetcher.served)
    assert not reader.pages[0]["/Resources"].get("/XObject")  # no image in the page


def test_pdf_template_cannot_fetch_outside_the_static_files(people, family, kinds):
    fetcher = StaticOnlyFetcher()
    content = engine.render_pdf(
        kinds.external.html_template, _context(people, family), fetcher=fetcher
    )
    assert content.startswith(b"%PDF")
    refused = " ".join(fetcher.refused)
    for url in (
        "http://example.invalid/evil.css",
        "file:///etc/hostname",
        "https://example.invalid/pixel.png",
        "data:image/png",
    ):
        assert url in refused, url
    assert "/etc/passwd" not in " ".join(fetcher.served)
    assert {u.rsplit("/", 1)[-1] for u in fetcher.served} <= {
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://asysta.invalid/static/../../etc/passwd",
        "https://asysta.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://asysta.invalid/static/vendor/fonts/DejaVuSans.ttf?x=1",
        "https://asysta.invalid/etc/passwd",
        "https://evil.example/static/vendor/fonts/DejaVuSans.ttf",
        "file:///etc/passwd",
        LOGO_URL,  # no logo given
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_static_files_and_the_logo():
    assert static_path("https://asysta.invalid/static/vendor/fonts/DejaVuSans.ttf") is not None
    fetcher = StaticOnlyFetcher(logo=_png())
    assert fetcher.fetch(LOGO_URL).content_type == "image/png"


def test_pdf_shows_the_logo(people, family, kinds):
    people.centre.logo.save("logo.png", ContentFile(_png()))
    fetcher = StaticOnlyFetcher(logo=engine.centre_logo(people.centre))
    content = engine.render_pdf(
        SHEET.html_template,
        _context(people, family),
        logo=engine.centre_logo(people.centre),
        fetcher=fetcher,
    )
    assert LOGO_URL in fetcher.served
    _text, reader = _pdf(content)
    assert reader.pages[0]["/Resources"].get("/XObject")


def test_sandbox_refuses_reaching_python_internals():
    template = docx_template("{{ centre.name.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(Exception) as caught:
        engine.render_docx(template, engine.sample_common_context())
    assert "unsafe" in str(caught.value) or "SecurityError" in type(caught.value).__name__


def test_a_missing_value_prints_nothing_when_generating(people):
    content = engine.render_docx(
        docx_template("[{{ family.nothing.deeper }}]"), engine.sample_common_context()
    )
    assert "[]" in _docx_text(content)
