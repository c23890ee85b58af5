"""The checks of an uploaded file (pure functions): names, sizes, types by content and
extension, OOXML/ODF packages (zip bombs, unsafe names, macros), XML signatures, signed PDFs."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from asysta.attachments import archives, validation
from asysta.attachments.tests import files
from asysta.attachments.validation import MB, FileKind


def check(name: str, data: bytes, max_mb: int = 20) -> validation.Checked:
    return validation.check_file(io.BytesIO(data), name=name, size=len(data), max_mb=max_mb)


def refused(name: str, data: bytes, max_mb: int = 20) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        check(name, data, max_mb)
    return err.value


# --- accepted: every allowed type, built for real --------------------------------------------

ACCEPTED = [
    ("skan.pdf", files.pdf, FileKind.PDF, "application/pdf"),
    ("zdjecie.jpg", lambda: files.image("JPEG"), FileKind.JPEG, "image/jpeg"),
    ("zdjecie.JPEG", lambda: files.image("JPEG"), FileKind.JPEG, "image/jpeg"),
    ("mapa.png", files.image, FileKind.PNG, "image/png"),
    ("pismo.docx", files.docx, FileKind.DOCX, archives.DOCX_MIME),
    ("budzet.xlsx", files.xlsx, FileKind.XLSX, archives.XLSX_MIME),
    ("notatka.odt", files.odt, FileKind.ODT, archives.ODT_MIME),
    ("budzet.ods", files.ods, FileKind.ODS, archives.ODS_MIME),
    ("wniosek.pdf.xades", files.xades, FileKind.SIGNATURE, "application/xml"),
    ("podpis.xml", files.xades, FileKind.SIGNATURE, "application/xml"),
]


@pytest.mark.parametrize(("name", "build", "kind", "mime"), ACCEPTED)
def test_each_allowed_type_is_accepted_by_content_and_extension(name, build, kind, mime):
    data = build()
    checked = check(name, data)
    assert checked.kind == kind and checked.mime == mime
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.name == name.rpartition(".")[0] + "." + name.rpartition(".")[2].lower()


def test_only_signature_files_and_signed_pdfs_are_marked_signed():
    assert check("podpis.xades", files.xades()).signed
    assert check("umowa.pdf", files.pdf(signed=True)).signed
    assert not check("umowa.pdf", files.pdf()).signed
    # a signature field waiting to be signed (/FT /Sig, /SigFlags, no /ByteRange) is not a signature
    assert not check("formularz.pdf", files.pdf(empty_signature_field=True)).signed
    assert not check("pismo.docx", files.docx()).signed


def test_a_signature_found_across_read_chunks(monkeypatch):
    monkeypatch.setattr(validation, "CHUNK", 7)  # "/ByteRange" and "/Sig" cut in pieces
    assert validation.pdf_is_signed(io.BytesIO(files.pdf(signed=True)))


def test_an_enveloped_xml_signature_inside_a_document_is_accepted():
    data = (
        b'<?xml version="1.0"?><Dokument xmlns="urn:x"><Tresc>Wniosek</Tresc>'
        b'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></Dokument>'
    )
    assert check("pismo.xml", data).kind == FileKind.SIGNATURE


# --- refused: type, content, mismatch ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("setup.exe", files.EXE, "disallowed_type"),
        ("strona.html", files.HTML, "disallowed_type"),
        ("archiwum.zip", files.plain_zip(), "disallowed_type"),
        ("bez_rozszerzenia", files.pdf(), "disallowed_type"),
        ("faktura.pdf", files.EXE, "executable"),  # a renamed Windows program
        ("faktura.pdf", files.ELF, "executable"),
        ("skrypt.pdf", b"#!/bin/sh\nrm -rf /\n", "executable"),
        ("faktura.pdf", files.HTML, "html"),  # an HTML page named .pdf
        ("obraz.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "html"),
        ("pismo.docx", files.plain_zip(), "zip"),  # a zip without the Word parts
        ("notatka.odt", files.odf(mimetype_first=False), "zip"),
        ("stary.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_office"),
        ("tekst.pdf", b"Zwykly tekst, nie PDF", "unknown"),
        ("lol.pdf", files.BILLION_LAUGHS, "mismatch"),  # XML named .pdf: never parsed
        ("pismo.docx", files.odt(), "mismatch"),
        ("zdjecie.png", files.image("JPEG"), "mismatch"),
        ("arkusz.xlsx", files.docx(), "mismatch"),
        ("skan.pdf", files.docx(), "mismatch"),
        ("podpis.xades", files.pdf(), "mismatch"),
        ("pusty.pdf", b"", "empty"),
    ],
)
def test_refused_types_say_why(name, data, code):
    err = refused(name, data)
    assert err.code == code
    assert err.messages[0] and err.messages[0][0].isupper()  # a Polish sentence, not a code


def test_a_mismatch_names_the_extension_and_what_the_file_really_is():
    message = refused("pismo.docx", files.odt()).messages[0]
    assert ".docx" in message and "OpenDocument" in message
    assert "(tekst XML)" in refused("skan.pdf", files.xades()).messages[0]


def test_a_file_over_the_centres_limit_is_refused_before_it_is_read():
    class Unreadable(io.BytesIO):
        def read(self, *args):  # the size alone decides
            raise AssertionError("read before the size check")

    with pytest.raises(ValidationError) as err:
        validation.check_file(Unreadable(), name="skan.pdf", size=21 * MB, max_mb=20)
    assert err.value.code == "too_large"
    assert "21,0 MB" in err.value.messages[0] and "20 MB" in err.value.messages[0]
    validation.check_size(20 * MB, 20)  # exactly the limit is allowed


def test_a_file_bigger_than_it_claims_is_refused_while_hashed():
    data = files.pdf() + b"\x00" * (2 * MB)
    with pytest.raises(ValidationError) as err:
        validation.check_file(io.BytesIO(data), name="skan.pdf", size=100, max_mb=1)
    assert err.value.code == "too_large"


# --- OOXML / ODF packages ---------------------------------------------------------------------


def test_a_zip_bomb_inside_a_docx_is_refused_from_the_directory():
    err = refused("pismo.docx", files.docx_with_zip_bomb(200))
    assert err.code == "zip_bomb"


def _entries(*sizes: tuple[int, int], prefix: str = "word/p") -> list[zipfile.ZipInfo]:
    out = []
    for i, (size, compressed) in enumerate(sizes):
        info = zipfile.ZipInfo(f"{prefix}{i}.xml")
        info.file_size, info.compress_size = size, compressed
        out.append(info)
    return out


def test_zip_limits_total_size_ratio_and_entry_count():
    archives.check_entries(_entries((50 * MB, 5 * MB), (50 * MB, 5 * MB)))  # ratio 10: fine
    archives.check_entries(_entries((900_000, 100)))  # small parts may compress very well
    for entries in (
        _entries(*[(60 * MB, 6 * MB)] * 5),  # 300 MB in total
        _entries((5 * MB, 10 * 1024)),  # ratio 512
        _entries(*[(10, 10)] * (archives.MAX_ENTRIES + 1)),
    ):
        with pytest.raises(ValidationError) as err:
            archives.check_entries(entries)
        assert err.value.code == "zip_bomb"


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ("../../etc/cron.d/evil", "unsafe_names"),
        ("word/../../evil.xml", "unsafe_names"),
        ("/etc/passwd", "unsafe_names"),
        ("word\\..\\evil.xml", "unsafe_names"),
        ("C:evil.xml", "unsafe_names"),
        ("word/document.xml", "unsafe_names"),  # a second entry of the same name
        ("word/embeddings/inner.zip", "nested_archive"),
        ("word/vbaProject.bin", "macros"),
    ],
)
def test_a_docx_with_dangerous_entries_is_refused(entry, code):
    assert refused("pismo.docx", files.with_extra_entries(files.docx(), {entry: b"x"})).code == code


def test_an_embedded_chart_workbook_is_allowed():
    data = files.with_extra_entries(
        files.docx(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": files.xlsx()}
    )
    assert check("wykres.docx", data).kind == FileKind.DOCX


def test_odf_macros_and_a_wrong_mimetype_are_refused():
    with_macro = files.with_extra_entries(files.odt(), {"Basic/Standard/Module1.xml": b"<x/>"})
    assert refused("notatka.odt", with_macro).code == "macros"
    assert refused("notatka.odt", files.odf("application/x-foo")).code == "zip"


def test_an_encrypted_entry_is_refused():
    data = bytearray(files.docx())
    # set the "encrypted" flag on every central-directory entry
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    assert refused("pismo.docx", bytes(data)).code == "encrypted"


def test_a_damaged_archive_is_refused():
    assert refused("pismo.docx", files.docx()[:300]).code == "broken"


# --- XML --------------------------------------------------------------------------------------


def test_billion_laughs_is_refused_without_expanding():
    assert refused("podpis.xades", files.BILLION_LAUGHS).code == "xml_dtd"


def test_an_external_entity_is_refused():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&e;</ds:Signature>'
    )
    assert refused("podpis.xml", xxe).code == "xml_dtd"


def test_xml_that_is_not_a_signature_or_is_broken_is_refused():
    assert refused("dane.xml", b"<?xml version='1.0'?><dane><a>1</a></dane>").code == (
        "xml_not_signature"
    )
    assert refused("podpis.xades", b"<ds:Signature><unclosed>").code == "xml_broken"


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\System32\\raport.PDF", "raport.pdf"),
        ("C:\\Users\\anna\\Pulpit\\skan.jpg", "skan.jpg"),
        ("raport\x00.pdf", "raport.pdf"),
        ("wniosek\r\n\t.pdf", "wniosek.pdf"),
        ("faktura\u202efdp.exe", "fakturafdp.exe"),  # right-to-left override dropped
        ("Zas\u0301wiadczenie.pdf", "Zaświadczenie.pdf"),  # NFD (a Mac) -> NFC
        ("CON.pdf", "_CON.pdf"),
        ("lpt1.tar.docx", "_lpt1.tar.docx"),
        ('a<b>c:"d"|e?f*.pdf', "abcdef.pdf"),
        ("  .ukryty.pdf  ", "ukryty.pdf"),
        ("..", "plik"),
        (".pdf", "pdf"),
        ("", "plik"),
        ("skan   z    pracy.pdf", "skan z pracy.pdf"),
    ],
)
def test_file_names_are_sanitised(raw, clean):
    assert validation.sanitise_name(raw) == clean


def test_a_long_name_is_cut_but_keeps_its_extension():
    name = validation.sanitise_name("ż" * 300 + ".PDF")
    assert len(name) == validation.MAX_NAME_LENGTH and name.endswith("ż.pdf")


def test_a_name_with_traversal_is_accepted_under_its_clean_name():
    assert check("../../../skan.pdf", files.pdf()).name == "skan.pdf"
