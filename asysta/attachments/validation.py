"""What an uploaded file is, and whether a centre may keep it.

Pure functions: they read the file they are given and never touch the database or the storage.
A file is accepted only when its extension and its content agree on one of the allowed types
(PDF, JPG, PNG, DOCX, ODT, XLSX, ODS, and XML signatures .xades / .xml). The content is recognised
by its own bytes (magic numbers, the structure of the OOXML / ODF package, a parsed XML
signature), never by the name or the Content-Type the browser sent: both are the uploader's word.

Every refusal is a `ValidationError` with a Polish message the user can act on and a `code` the
tests (and the API) can rely on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import IO

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asysta.attachments import archives

MB = 1024 * 1024
DEFAULT_MAX_MB = 20
MAX_NAME_LENGTH = 120  # characters of the kept original name (the stored name is ours)
HEAD_BYTES = 4096
CHUNK = 1024 * 1024


class FileKind(models.TextChoices):
    PDF = "pdf", gettext_lazy("dokument PDF")
    JPEG = "jpeg", gettext_lazy("obraz JPG")
    PNG = "png", gettext_lazy("obraz PNG")
    DOCX = "docx", gettext_lazy("dokument Word (DOCX)")
    ODT = "odt", gettext_lazy("dokument OpenDocument (ODT)")
    XLSX = "xlsx", gettext_lazy("arkusz Excel (XLSX)")
    ODS = "ods", gettext_lazy("arkusz OpenDocument (ODS)")
    SIGNATURE = "signature", gettext_lazy("plik podpisu (XAdES / XML)")


EXTENSIONS: dict[str, FileKind] = {
    "pdf": FileKind.PDF,
    "jpg": FileKind.JPEG,
    "jpeg": FileKind.JPEG,
    "png": FileKind.PNG,
    "docx": FileKind.DOCX,
    "odt": FileKind.ODT,
    "xlsx": FileKind.XLSX,
    "ods": FileKind.ODS,
    "xades": FileKind.SIGNATURE,
    "xml": FileKind.SIGNATURE,
}
# The Content-Type a download is served with: ours, from the detected kind, never the uploader's.
MIME_TYPES: dict[str, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.DOCX: archives.DOCX_MIME,
    FileKind.ODT: archives.ODT_MIME,
    FileKind.XLSX: archives.XLSX_MIME,
    FileKind.ODS: archives.ODS_MIME,
    FileKind.SIGNATURE: "application/xml",
}
ALLOWED_LABEL = "PDF, JPG, PNG, DOCX, ODT, XLSX, ODS, XAdES/XML"

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows .exe / .dll
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa",  # Mach-O (macOS), both byte orders
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # a script
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc / .xls, or a password-protected DOCX
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg")
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
# A PDF signature value dictionary: /ByteRange plus /Sig (its /Type, or the field's /FT) or a
# /SubFilter. `\b` keeps /SigFlags (set by an empty signature field) from counting.
PDF_SIG = re.compile(rb"/Sig\b|/SubFilter\s*/|/DocTimeStamp\b")
PDF_OVERLAP = 32

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
FORBIDDEN_NAME_CHARS = frozenset('<>:"/\\|?*')
# Control, format (e.g. U+202E, which turns "raport‮fdp.exe" into "raportexe.pdf"), private,
# unassigned and surrogate code points, and line / paragraph separators.
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})


@dataclass(frozen=True)
class Checked:
    """An accepted file: what it is, as the centre will keep it."""

    kind: FileKind
    mime: str
    name: str  # the original name, sanitised
    size: int
    sha256: str
    signed: bool


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def mb(size: int) -> str:
    """A size in MB the Polish way: 25,3 MB."""
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def sanitise_name(name: str) -> str:
    """The file's own name, safe to show and to offer for download.

    Directories (`/`, `\\`, `../`) go, so do control and invisible characters and the characters
    Windows forbids; Unicode is normalised (NFC: Polish letters from a Mac look the same as from
    Windows); a reserved Windows name (CON, NUL, COM1, ...) gets a `_` in front; the length is
    limited, keeping the extension (lower-case).
    """
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in DROPPED_CATEGORIES and ch not in FORBIDDEN_NAME_CHARS
    )
    text = " ".join(text.split()).strip(" .")
    stem, dot, ext = text.rpartition(".")
    if not dot or not ext.isalnum() or len(ext) > 10:
        stem, ext = text, ""
    stem = stem.strip(" .")
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = "_" + stem
    ext = ext.lower()
    stem = (stem or "plik")[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .") or "plik"
    return f"{stem}.{ext}" if ext else stem


def kind_for_name(name: str) -> FileKind:
    """The kind the (sanitised) name promises; refused when the extension is not allowed."""
    _stem, dot, ext = name.rpartition(".")
    ext = ext.lower() if dot else ""
    if ext not in EXTENSIONS:
        shown = f".{ext}" if ext else _("bez rozszerzenia")
        raise refuse(
            _("Pliki typu %(ext)s nie są przyjmowane. Dozwolone: %(allowed)s.")
            % {"ext": shown, "allowed": ALLOWED_LABEL},
            "disallowed_type",
        )
    return EXTENSIONS[ext]


def check_size(size: int, max_mb: int = DEFAULT_MAX_MB) -> None:
    """Refuse an empty file and one over the centre's limit (before anything is read)."""
    if size <= 0:
        raise refuse(_("Plik jest pusty."), "empty")
    if size > max_mb * MB:
        raise refuse(
            _("Plik ma %(size)s, a ośrodek przyjmuje załączniki do %(limit)d MB.")
            % {"size": mb(size), "limit": max_mb},
            "too_large",
        )


def check_file(
    fileobj: IO[bytes], *, name: str, size: int, max_mb: int = DEFAULT_MAX_MB
) -> Checked:
    """Check an upload: name, size, extension and content together. `fileobj` must be seekable.

    The size is checked first, from what the upload says, and again while the bytes are hashed
    (a caller's size may be wrong; the bytes are not).
    """
    clean = sanitise_name(name)
    check_size(size, max_mb)
    promised = kind_for_name(clean)
    found, signed = detect(fileobj)
    if found != promised:
        # XML is only parsed when a signature file is promised; otherwise it is just "XML".
        label = _("tekst XML") if found == FileKind.SIGNATURE else found.label
        raise refuse(
            _(
                "Rozszerzenie pliku (.%(ext)s) nie zgadza się z jego zawartością (%(found)s). "
                "Zapisz plik we właściwym formacie albo popraw jego nazwę."
            )
            % {"ext": clean.rpartition(".")[2], "found": label},
            "mismatch",
        )
    if found == FileKind.SIGNATURE:
        check_signature_xml(fileobj)
    digest, real_size = _hash(fileobj, max_mb)
    return Checked(
        kind=found,
        mime=MIME_TYPES[found],
        name=clean,
        size=real_size,
        sha256=digest,
        signed=signed,
    )


def detect(fileobj: IO[bytes]) -> tuple[FileKind, bool]:
    """The file's kind by its content, and whether it carries an electronic signature.

    Markup that is not HTML is taken for an XML signature here; `check_signature_xml` (called
    by `check_file` once the name promises a signature) parses it and makes sure it is one.
    """
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise refuse(
            _(
                "To jest program (plik wykonywalny), a nie dokument — takich plików "
                "nie przyjmujemy."
            ),
            "executable",
        )
    if head.startswith(b"%PDF-"):
        return FileKind.PDF, pdf_is_signed(fileobj)
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG, False
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG, False
    if head.startswith(b"PK\x03\x04"):
        return FileKind(archives.office_kind(fileobj)), False
    if head.startswith(OLE_MAGIC):
        raise refuse(
            _(
                "To plik w starym formacie Office (DOC, XLS) albo zabezpieczony hasłem. Zapisz "
                "go jako DOCX, XLSX lub PDF bez hasła i dodaj ponownie."
            ),
            "old_office",
        )
    if _looks_like_markup(head):
        if any(marker in head.lower() for marker in HTML_MARKERS):
            raise refuse(
                _("To jest strona HTML (lub obraz SVG), a nie dokument — nie przyjmujemy jej."),
                "html",
            )
        return FileKind.SIGNATURE, True
    raise refuse(
        _("Nie rozpoznajemy typu tego pliku. Dozwolone: %(allowed)s.") % {"allowed": ALLOWED_LABEL},
        "unknown",
    )


def _looks_like_markup(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        return True
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def pdf_is_signed(fileobj: IO[bytes]) -> bool:
    """Whether a PDF carries a signature: a /ByteRange and a /Sig (or /SubFilter) dictionary.

    A signature dictionary is never inside a compressed object stream (the /ByteRange names the
    raw bytes it covers), so a scan of the raw bytes finds it.
    """
    fileobj.seek(0)
    byte_range = sig = False
    tail = b""
    while chunk := fileobj.read(CHUNK):
        window = tail + chunk
        byte_range = byte_range or b"/ByteRange" in window
        sig = sig or PDF_SIG.search(window) is not None
        if byte_range and sig:
            break
        tail = window[-PDF_OVERLAP:]
    fileobj.seek(0)
    return byte_range and sig


def check_signature_xml(fileobj: IO[bytes]) -> None:
    """An XML file must be an XML signature (XMLDSig / XAdES), parsed with no DTD or entities."""
    fileobj.seek(0)
    try:
        root = SafeET.parse(fileobj, forbid_dtd=True).getroot()
    except DefusedXmlException:
        raise refuse(
            _(
                "Plik XML zawiera deklarację DTD lub encje — ze względów bezpieczeństwa takich "
                "plików nie przyjmujemy."
            ),
            "xml_dtd",
        ) from None
    except SafeET.ParseError:
        raise refuse(_("Plik XML jest uszkodzony (nie daje się odczytać)."), "xml_broken") from None
    finally:
        fileobj.seek(0)
    if next(root.iter(f"{{{XMLDSIG_NS}}}Signature"), None) is None:
        raise refuse(
            _(
                "Plik XML nie jest podpisem elektronicznym (brak elementu ds:Signature). Jako XML "
                "przyjmujemy tylko pliki podpisu XAdES."
            ),
            "xml_not_signature",
        )


def _hash(fileobj: IO[bytes], max_mb: int) -> tuple[str, int]:
    fileobj.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := fileobj.read(CHUNK):
        size += len(chunk)
        check_size(size, max_mb)
        digest.update(chunk)
    fileobj.seek(0)
    check_size(size, max_mb)
    return digest.hexdigest(), size
