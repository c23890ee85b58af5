"""The check of a centre's own DOCX template before it is stored.

The template is opened as a DOCX (a ZIP with Word's parts, no macros, no compressed-size bomb,
no external images or linked files), its table-row loops are checked, and it is filled with the
kind's sample data and a sample letterhead under StrictUndefined in the sandbox. Each refusal is
a `TemplateRefused` whose message names the problem in Polish: an unclosed tag (with the text of
the paragraph it is in), an unknown field (by its full path, e.g. `family.case_numbr`), a loop
over table rows written as a plain `{% for %}`, or a file that is not a Word document at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from defusedxml import ElementTree
from django.utils.translation import gettext as _
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from asysta.documents import engine
from asysta.documents.kinds.base import DocumentKind

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # a part that unpacks to more than 100x its packed size is a bomb
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# "{% for", "{%- for", "{%tr for", "{%p endfor" ...: the docxtpl prefix (tr/tc/p/r) or none.
LOOP_TAG = re.compile(r"\{%(?:(?P<scope>tr|tc|p|r)\s|-?\s*)(?P<tag>for|endfor)\b[^%]*%?\}?")


def row_loop_help() -> str:
    return _(
        "Pętlę po wierszach tabeli zapisz jako {%tr for … %} w osobnym wierszu tabeli nad "
        "powtarzanym wierszem i {%tr endfor %} w osobnym wierszu pod nim."
    )


class TemplateRefused(Exception):
    """The template cannot be used; `message` says why, in Polish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_template(content: bytes, *, kind: DocumentKind) -> None:
    """Refuse (TemplateRefused) a template that cannot make documents of `kind`."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateRefused(_("Szablon jest za duży (najwyżej 10 MB)."))
    parts = _open_docx(content)
    _check_structure(parts)
    data = engine.plain({**kind.sample(), **engine.sample_common_context()})
    try:
        filled = engine.fill_docx(content, data, env=_strict_sandbox(data))
    except TemplateSyntaxError as exc:
        raise TemplateRefused(_syntax_message(exc)) from exc
    except UndefinedError as exc:
        raise TemplateRefused(
            _(
                "Nieznane pole „%(field)s”. Dostępne pola tego dokumentu wymienia strona „Pola "
                "dokumentów” — sprawdź pisownię."
            )
            % {"field": exc.message}
        ) from exc
    except SecurityError as exc:
        raise TemplateRefused(_("Szablon używa niedozwolonej operacji: %s") % exc) from exc
    except Exception as exc:
        raise TemplateRefused(
            _(
                "Szablonu nie da się wypełnić przykładowymi danymi: sprawdź, czy każde pole i "
                "każda pętla są zapisane tak, jak w szablonie domyślnym tego dokumentu."
            )
        ) from exc
    _check_result(filled)


def _open_docx(content: bytes) -> dict[str, bytes]:
    """The XML parts of a DOCX (document, headers, footers, relationships), checked."""
    not_docx = TemplateRefused(
        _(
            "To nie jest plik Word (DOCX). Zapisz szablon w Wordzie lub LibreOffice jako "
            "„Dokument programu Word (.docx)”."
        )
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise not_docx from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise not_docx
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise TemplateRefused(_("Szablon zawiera makra — zapisz go jako zwykły .docx."))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES or any(
        info.file_size > MAX_RATIO * max(info.compress_size, 1024) for info in infos
    ):
        raise TemplateRefused(_("Plik po rozpakowaniu jest podejrzanie duży — odrzucono."))
    wanted = [
        n
        for n in sorted(names)
        if n == "word/document.xml"
        or re.fullmatch(r"word/(header|footer)\d*\.xml", n)
        or n.endswith(".rels")
    ]
    try:
        return {name: archive.read(name) for name in wanted}
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise not_docx from exc


def _parse(xml: bytes, name: str) -> Any:
    try:
        return ElementTree.fromstring(xml)
    except Exception as exc:
        raise TemplateRefused(_("Część „%s” szablonu nie jest poprawnym XML.") % name) from exc


def _check_structure(parts: dict[str, bytes]) -> None:
    for name, xml in parts.items():
        root = _parse(xml, name)
        if name.endswith(".rels"):
            _check_relationships(root)
            continue
        for paragraph in root.iter(f"{W}p"):
            _check_paragraph("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
        for t_index, table in enumerate(root.iter(f"{W}tbl"), start=1):
            for r_index, row in enumerate(table.iter(f"{W}tr"), start=1):
                for cell in row.iter(f"{W}tc"):
                    text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
                    _check_cell(text, table=t_index, row=r_index)


def _check_paragraph(text: str) -> None:
    """Every `{{` and `{%` of a paragraph is closed in the same paragraph."""
    for opening, closing in (("{{", "}}"), ("{%", "%}")):
        if text.count(opening) > text.count(closing):
            raise TemplateRefused(
                _("Niezamknięte pole lub znacznik — brakuje „%(closing)s”. Miejsce: „%(text)s”.")
                % {"closing": closing, "text": text.strip()[:120]}
            )


def _check_cell(text: str, *, table: int, row: int) -> None:
    """A plain `{% for %}` must end in the same table cell; else it spans rows or cells."""
    depth = 0
    for match in LOOP_TAG.finditer(text):
        if match["scope"]:
            continue
        depth += 1 if match["tag"] == "for" else -1
        if depth < 0:
            break
    if depth != 0:
        raise TemplateRefused(
            _(
                "Tabela %(t)s, wiersz %(r)s: pętla „%(tag)s” zaczyna się w jednej komórce, a "
                "kończy w innej. %(help)s"
            )
            % {"t": table, "r": row, "tag": _first_plain_loop(text), "help": row_loop_help()}
        )


def _first_plain_loop(text: str) -> str:
    for match in LOOP_TAG.finditer(text):
        if not match["scope"]:
            return match.group(0)
    return "{% for %}"


def _check_relationships(root: Any) -> None:
    """External targets other than hyperlinks (linked images, attached templates, OLE
    links) would be fetched by Word or LibreOffice when the document is opened or converted."""
    for rel in root.iter(REL):
        if rel.get("TargetMode") == "External" and rel.get("Type") != HYPERLINK:
            raise TemplateRefused(
                _(
                    "Szablon odwołuje się do zewnętrznego pliku (%s). Wstaw obraz do dokumentu "
                    "zamiast go łączyć."
                )
                % (rel.get("Target") or "")[:80]
            )


class _NamedUndefined(StrictUndefined):
    """StrictUndefined whose message is the full path of the missing field."""

    _paths: dict[int, str] = {}

    @property
    def _undefined_message(self) -> str:
        name = str(self._undefined_name)
        if self._undefined_obj is missing:
            return name
        parent = self._paths.get(id(self._undefined_obj))
        return f"{parent}.{name}" if parent else name


def _strict_sandbox(data: dict[str, Any]) -> SandboxedEnvironment:
    paths: dict[int, str] = {}
    _collect_paths(data, "", paths)
    undefined = type("NamedUndefined", (_NamedUndefined,), {"_paths": paths})
    return SandboxedEnvironment(autoescape=True, undefined=undefined)


def _collect_paths(value: Any, path: str, out: dict[int, str]) -> None:
    if isinstance(value, dict):
        out[id(value)] = path
        for key, item in value.items():
            _collect_paths(item, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        out[id(value)] = path
        for item in value:
            _collect_paths(item, f"{path}[]", out)


def _syntax_message(exc: TemplateSyntaxError) -> str:
    text = exc.message or ""
    if block := re.search(r"innermost block that needs to be closed is '(\w+)'", text):
        what = _("Znacznik {%% %(tag)s %%} nie jest zamknięty — brakuje {%% end%(tag)s %%}.") % {
            "tag": block[1]
        }
    elif tag := re.search(r"Encountered unknown tag '(\w+)'", text):
        what = _("Nieznany znacznik {%% %(tag)s %%}") % {"tag": tag[1]}
        if tag[1].startswith("end"):
            what += _(" — zamyka coś, czego nie otwarto.")
    elif name := re.search(r"No filter named '(\w+)'", text):
        what = _("Nieznany filtr „%s”.") % name[1]
    elif "end of print statement" in text or "unexpected end of template" in text.lower():
        what = _("Niezamknięte pole {{ … }} albo znacznik {% … %} (brakuje „}}” lub „%}”).")
    else:
        what = _("Błąd składni szablonu: %s.") % text
    where = _paragraph(exc)
    return f"{what} {_('Miejsce')}: „{where}”." if where else what


def _paragraph(exc: TemplateSyntaxError) -> str:
    """The text of the paragraph the error is in (docxtpl puts each paragraph on a line)."""
    lines = [line.strip() for line in getattr(exc, "docx_context", None) or []]
    if not lines:
        return ""
    index = min(3, max((exc.lineno or 1) - 1, 0), len(lines) - 1)
    text = lines[index] or next((line for line in lines if line), "")
    return text[:120]


def _check_result(filled: bytes) -> None:
    """The filled template is a DOCX again, with well-formed XML (a loop spanning paragraphs
    or cells can tear Word's structure apart)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(filled))
        ElementTree.fromstring(archive.read("word/document.xml"))
    except Exception as exc:
        raise TemplateRefused(
            _(
                "Po wypełnieniu przykładowymi danymi szablon nie jest poprawnym dokumentem Word. "
                "Zwykle to pętla {% for %} obejmująca kilka akapitów — użyj {%p for … %} / "
                "{%p endfor %} w osobnych akapitach. %(help)s"
            )
            % {"help": row_loop_help()}
        ) from exc
