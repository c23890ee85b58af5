"""The attachment corpus: real small files of every allowed type, and the files to refuse.

Everything is built here, in the test, with the libraries the formats belong to (pypdf,
Pillow, python-docx, openpyxl) or by hand where the format is a few bytes (ODF, XAdES).
"""

from __future__ import annotations

import io
import warnings
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from asysta.attachments.archives import ODS_MIME, ODT_MIME


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    """An uploaded file as the view hands it to the service (the browser's type is ignored)."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf(*, signed: bool = False, empty_signature_field: bool = False) -> bytes:
    """A one-page PDF; `signed` adds a signature field with its value dictionary (ByteRange,
    Contents), as a signing application writes it; `empty_signature_field` adds the field
    only (not signed yet)."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if signed or empty_signature_field:
        field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject("Podpis1"),
            }
        )
        if signed:
            value = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Sig"),
                    NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
                    NameObject("/SubFilter"): NameObject("/ETSI.CAdES.detached"),
                    NameObject("/ByteRange"): ArrayObject(
                        [NumberObject(0), NumberObject(100), NumberObject(300), NumberObject(50)]
                    ),
                    NameObject("/Contents"): ByteStringObject(b"\x00" * 64),
                }
            )
            field[NameObject("/V")] = writer._add_object(value)
        form = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject([writer._add_object(field)]),
                NameObject("/SigFlags"): NumberObject(3 if signed else 1),
            }
        )
        writer._root_object[NameObject("/AcroForm")] = form
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def docx(text: str = "Zaświadczenie ze szkoły") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Wydatek", "Kwota"])
    book.active.append(["Czynsz", 850])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
  manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:text><text:p>Notatka</text:p></office:text></office:body>
</office:document-content>"""


def odf(mime: str = ODT_MIME, *, mimetype_first: bool = True) -> bytes:
    """A minimal OpenDocument package: `mimetype` (first, stored), content and manifest."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        parts = [
            ("content.xml", CONTENT),
            ("META-INF/manifest.xml", MANIFEST.format(mime=mime)),
        ]
        if mimetype_first:
            archive.writestr(zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED)
        for name, text in parts:
            archive.writestr(name, text)
    return out.getvalue()


def odt() -> bytes:
    return odf(ODT_MIME)


def ods() -> bytes:
    return odf(ODS_MIME)


XADES = """<?xml version="1.0" encoding="UTF-8"?>
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="Signature-1">
 <ds:SignedInfo>
  <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
  <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
  <ds:Reference URI="wniosek.pdf">
   <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
   <ds:DigestValue>q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0q1w=</ds:DigestValue>
  </ds:Reference>
 </ds:SignedInfo>
 <ds:SignatureValue>AAAA</ds:SignatureValue>
 <ds:Object>
  <xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"
    Target="#Signature-1">
   <xades:SignedProperties Id="SignedProperties-1">
    <xades:SignedSignatureProperties>
     <xades:SigningTime>2025-03-14T10:15:00Z</xades:SigningTime>
    </xades:SignedSignatureProperties>
   </xades:SignedProperties>
  </xades:QualifyingProperties>
 </ds:Object>
</ds:Signature>
"""


def xades() -> bytes:
    return XADES.encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&lol3;</ds:Signature>
"""
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def with_extra_entries(data: bytes, entries: dict[str, bytes]) -> bytes:
    """A copy of a ZIP-based file with extra entries appended."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item))
        with warnings.catch_warnings():  # a duplicated name is one of the cases built
            warnings.simplefilter("ignore", UserWarning)
            for name, content in entries.items():
                target.writestr(name, content)
    return out.getvalue()


def docx_with_zip_bomb(megabytes: int = 200) -> bytes:
    """A real DOCX carrying a `megabytes` run of zeros, compressed (a few hundred KB)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item))
        zeros = b"\x00" * (1024 * 1024)
        with target.open("word/media/image1.bin", "w", force_zip64=True) as entry:
            for _ in range(megabytes):
                entry.write(zeros)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notatka.txt", "to nie jest dokument")
    return out.getvalue()
