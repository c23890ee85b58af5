"""OOXML (DOCX, XLSX) and ODF (ODT, ODS) packages: safe to open, and which document they are.

Both formats are ZIP archives. Before anything inside is decompressed, the archive's directory
(the sizes each entry declares) is checked against a zip bomb — the total uncompressed size, the
compression ratio of each entry, the number of entries — and against entry names that would
escape a directory (`../`, absolute paths, backslashes), duplicated names and archives nested
inside. Python's zipfile never returns more bytes than an entry declares (and checks its CRC),
so after that check the few small parts we read (`mimetype`, `[Content_Types].xml`,
`_rels/.rels`) cannot grow past their declared size. The XML parts are parsed with defusedxml.

Pure functions over a seekable binary file; refusals are `ValidationError`s with a code.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import IO, Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_ENTRIES = 2000
MAX_TOTAL_UNCOMPRESSED = 250 * MB
MAX_RATIO = 100  # uncompressed : compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1 * MB  # small XML parts compress very well and harm nobody
MAX_PART = 2 * MB  # the package parts we parse ourselves
# Archives inside the package. Office puts the data of a chart in an embedded .xlsx
# (word/embeddings/): it is a declared-size entry like any other and we never open it.
NESTED_ARCHIVES = (".zip", ".jar", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".cab")
# Macros: VBA in OOXML, Basic / scripts in ODF.
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_DIRS = ("basic/", "scripts/")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT_MIME = "application/vnd.oasis.opendocument.text"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
# Content type of the package's main part -> kind (values of validation.FileKind).
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
OOXML_MACRO_MAIN = (
    "application/vnd.ms-word.document.macroenabled.main+xml",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
)
ODF_KINDS = {ODT_MIME: "odt", ODS_MIME: "ods"}
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT_REL = "/officeDocument"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def office_kind(fileobj: IO[bytes]) -> str:
    """The kind ("docx", "xlsx", "odt" or "ods") of a ZIP-based file; refused otherwise."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            check_entries(entries)
            kind = _odf_kind(archive, entries) or _ooxml_kind(archive)
    except zipfile.BadZipFile:
        raise _refuse(
            _("Plik jest uszkodzony (archiwum nie daje się odczytać)."), "broken"
        ) from None
    finally:
        fileobj.seek(0)
    if kind is None:
        raise _refuse(
            _(
                "To zwykłe archiwum ZIP, a nie dokument Word, Excel ani OpenDocument — archiwów "
                "nie przyjmujemy."
            ),
            "zip",
        )
    return kind


def check_entries(entries: list[zipfile.ZipInfo]) -> None:
    """The archive's directory: no bomb, no escaping or duplicated names, no nested archive."""
    if len(entries) > MAX_ENTRIES:
        raise _bomb()
    total = 0
    seen: set[str] = set()
    for entry in entries:
        total += entry.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb()
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise _bomb()
        name = entry.filename
        if not safe_entry_name(name) or name.lower() in seen:
            raise _refuse(
                _("Plik zawiera w środku niebezpieczne lub powtórzone nazwy — nie przyjmujemy go."),
                "unsafe_names",
            )
        seen.add(name.lower())
        if name.lower().endswith(NESTED_ARCHIVES):
            raise _refuse(
                _("Plik zawiera w środku inne archiwum — nie przyjmujemy go."), "nested_archive"
            )
        if entry.flag_bits & 0x1:
            raise _refuse(
                _("Plik jest zaszyfrowany. Dodaj go bez hasła albo jako PDF."), "encrypted"
            )
        lower = name.lower()
        if posixpath.basename(lower) in MACRO_PARTS or lower.startswith(MACRO_DIRS):
            raise _macros()


def safe_entry_name(name: str) -> bool:
    """A relative name that stays inside the archive's own directory."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if len(name) > 1 and name[1] == ":":  # a Windows drive: C:evil
        return False
    if any(ord(ch) < 32 for ch in name):
        return False
    return ".." not in name.split("/")


def _bomb() -> ValidationError:
    return _refuse(
        _(
            "Plik po rozpakowaniu byłby nieproporcjonalnie duży (podejrzenie „bomby zip”) — "
            "nie przyjmujemy go."
        ),
        "zip_bomb",
    )


def _macros() -> ValidationError:
    return _refuse(
        _("Dokument zawiera makra. Zapisz go bez makr (DOCX, XLSX, ODT, ODS) albo jako PDF."),
        "macros",
    )


def _odf_kind(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> str | None:
    """ODF: the first entry is `mimetype`, stored, holding the document's media type."""
    if not entries or entries[0].filename != "mimetype":
        return None
    first = entries[0]
    if first.file_size > 100:
        return None
    value = archive.read(first).decode("ascii", "replace").strip()
    kind = ODF_KINDS.get(value)
    names = set(archive.namelist())
    if kind is None or not {"content.xml", "META-INF/manifest.xml"} <= names:
        return None
    return kind


def _ooxml_kind(archive: zipfile.ZipFile) -> str | None:
    """OOXML: `_rels/.rels` names the main part; `[Content_Types].xml` says what it is."""
    names = set(archive.namelist())
    if not {"[Content_Types].xml", "_rels/.rels"} <= names:
        return None
    rels = _parse(archive, "_rels/.rels")
    target = next(
        (
            rel.get("Target", "")
            for rel in rels.iter(f"{REL_NS}Relationship")
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT_REL)
        ),
        "",
    ).lstrip("/")
    if not target or target not in names:
        return None
    content_type = _content_type(_parse(archive, "[Content_Types].xml"), target).lower()
    if content_type in OOXML_MACRO_MAIN:
        raise _macros()
    kind = OOXML_MAIN.get(content_type)
    folder = {"docx": "word/", "xlsx": "xl/"}.get(kind or "")
    return kind if folder and target.startswith(folder) else None


def _content_type(types: Any, part: str) -> str:
    for override in types.iter(f"{CT_NS}Override"):
        if override.get("PartName", "").lstrip("/") == part:
            return str(override.get("ContentType", ""))
    ext = part.rpartition(".")[2].lower()
    for default in types.iter(f"{CT_NS}Default"):
        if default.get("Extension", "").lower() == ext:
            return str(default.get("ContentType", ""))
    return ""


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART:
        raise _bomb()
    try:
        with archive.open(info) as part:
            return SafeET.parse(part, forbid_dtd=True).getroot()
    except (DefusedXmlException, SafeET.ParseError):
        raise _refuse(
            _("Dokument ma uszkodzoną lub niebezpieczną strukturę — nie przyjmujemy go."),
            "broken",
        ) from None
