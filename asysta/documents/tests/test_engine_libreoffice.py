"""DOCX -> ODT and DOCX -> PDF/A through headless LibreOffice (`make test` installs it)."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

from asysta.documents import engine, libreoffice
from asysta.documents.tests.engine_fixtures import POLISH, docx_template

needs_libreoffice = pytest.mark.skipif(
    not libreoffice.libreoffice_available(),
    reason="LibreOffice (soffice) is not installed: `make document-tools` installs it",
)


def _filled() -> bytes:
    return engine.render_docx(
        docx_template("{{ centre.name }}", f"Tekst: {POLISH} <&> {{{{ x }}}}"),
        engine.sample_common_context(),
    )


@needs_libreoffice
def test_docx_to_odt():
    odt = libreoffice.convert(_filled(), to="odt")
    archive = zipfile.ZipFile(io.BytesIO(odt))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert POLISH in content and "&lt;&amp;&gt;" in content
    assert "Gminny Ośrodek Pomocy Społecznej w Przykładowie" in content


@needs_libreoffice
def test_docx_to_pdf_a():
    pdf = libreoffice.convert(_filled(), to="pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert POLISH in reader.pages[0].extract_text()
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in raw or 'pdfaid:part="2"' in raw


def test_without_libreoffice_the_conversion_says_why(settings, monkeypatch):
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    settings.ASYSTA_SOFFICE = ""
    assert not libreoffice.libreoffice_available()
    with pytest.raises(libreoffice.ConversionError) as caught:
        libreoffice.convert(b"PK", to="odt")
    assert "LibreOffice" in str(caught.value)


def test_a_hung_conversion_is_stopped(settings, tmp_path):
    # A stand-in "soffice" that never finishes: the timeout kills it and says so.
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    settings.ASYSTA_SOFFICE = str(fake)
    settings.ASYSTA_LIBREOFFICE_TIMEOUT = 1
    with pytest.raises(libreoffice.ConversionError) as caught:
        libreoffice.convert(b"PK", to="odt")
    assert "1 s" in str(caught.value)
