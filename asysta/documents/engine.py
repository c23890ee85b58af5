"""The document engine: the common part of every document's data, DOCX from Word templates
(docxtpl in a Jinja sandbox), PDF/A-2b from HTML (WeasyPrint) and ODT through LibreOffice.

Safety: a kind's data and the common context are made plain (`plain`) before any template sees
them — strings, numbers, booleans, lists and dicts, nothing with methods, no "safe" strings that
would skip escaping, no XML control characters. DOCX templates run in a SandboxedEnvironment
with autoescape, so a value is printed as text once and never read again as a template or as
Word XML; PDFs come from Django templates (autoescape) and WeasyPrint reads only the product's
static files and the centre's logo (`fetcher.StaticOnlyFetcher`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import ChainableUndefined, StrictUndefined, Undefined
from jinja2.sandbox import SandboxedEnvironment

from asysta.core.models import LOGO_MAX_BYTES, LOGO_SIGNATURES
from asysta.documents import libreoffice
from asysta.documents.fetcher import ASSET_BASE, LOGO_URL, StaticOnlyFetcher
from asysta.documents.kinds.base import DocumentKind, Field

if TYPE_CHECKING:
    from asysta.core.models import Centre
    from asysta.documents.models import DocumentTemplate

PDF_VARIANT = "pdf/a-2b"
LOGO_HEIGHT = Mm(18)
# XML 1.0 forbids these; "\a" and "\f" would also become paragraph and page breaks in docxtpl.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def plain(value: Any) -> Any:
    """`value` as plain data a template can only print: str, int, float, bool, lists and dicts
    of those. None becomes "", dates dd.mm.rrrr, anything else its text."""
    if value is None:
        return ""  # a template would print "None"
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        # An exact str: a str subclass (Django's SafeString) would skip autoescaping.
        return _CONTROL.sub("", str.__str__(value).replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, Promise | Decimal):
        return plain(str(value))
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d.%m.%Y %H:%M")
        )
    if isinstance(value, date):
        return _d(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    return plain(str(value))


def sandbox(*, strict: bool = False) -> SandboxedEnvironment:
    """The Jinja environment of DOCX templates: sandboxed, autoescaped; `strict` (the upload
    check) fails on an unknown field, the generation prints nothing for a missing value."""
    undefined: type[Undefined] = StrictUndefined if strict else ChainableUndefined
    return SandboxedEnvironment(autoescape=True, undefined=undefined)


def _role_label(user: Any, centre: Centre) -> str:
    from asysta.accounts.models import Membership, Role

    roles = Membership.objects.filter(user=user, centre=centre, is_active=True)
    labels = dict(Role.choices)
    order = [r.value for r in Role]
    found = sorted(set(roles.values_list("role", flat=True)), key=order.index)
    return ", ".join(str(labels[r]) for r in found)


def common_context(
    *, centre: Centre, author: Any, label: Any, generated_at: datetime | None = None
) -> dict[str, Any]:
    """The part of every document's data that is not the kind's: the letterhead (`centre`),
    `today`, `author` ({name, role}) and `document` ({label, generated_at}). `centre.logo` is
    "" here; the DOCX and PDF renderers put the logo in when the centre has one."""
    moment = timezone.localtime(generated_at or timezone.now())
    return plain(
        {
            "centre": {
                "name": centre.name,
                "kind": centre.get_kind_display(),
                "street": centre.street,
                "postal_code": centre.postal_code,
                "locality": centre.locality,
                "terc": centre.terc,
                "phone": centre.phone,
                "email": centre.email,
                "logo": "",
            },
            "today": _d(moment.date()),
            "author": {
                "name": author.get_full_name() or author.get_username(),
                "role": _role_label(author, centre),
            },
            "document": {"label": label, "generated_at": moment},
        }
    )


def sample_common_context() -> dict[str, Any]:
    """Fictional letterhead, author and dates (the upload check and the help page)."""
    return {
        "centre": {
            "name": "Gminny Ośrodek Pomocy Społecznej w Przykładowie",
            "kind": "Gminny Ośrodek Pomocy Społecznej",
            "street": "ul. Słoneczna 1",
            "postal_code": "00-001",
            "locality": "Przykładowo",
            "terc": "0223062",
            "phone": "71 123 45 67",
            "email": "gops@przykladowo.pl",
            "logo": "",
        },
        "today": "15.03.2025",
        "author": {"name": "Anna Przykładowa", "role": "asystent rodziny"},
        "document": {"label": "Plan pracy z rodziną", "generated_at": "15.03.2025 10:30"},
    }


# The common fields, for the help page (examples: `sample_common_context`).
COMMON_LABELS: dict[str, str | Promise] = {
    "centre.name": _("nazwa ośrodka"),
    "centre.kind": _("rodzaj ośrodka"),
    "centre.street": _("ulica i numer"),
    "centre.postal_code": _("kod pocztowy"),
    "centre.locality": _("miejscowość"),
    "centre.terc": _("kod TERC gminy"),
    "centre.phone": _("telefon ośrodka"),
    "centre.email": _("e-mail ośrodka"),
    "centre.logo": _("logo ośrodka (obraz; puste, gdy ośrodek go nie ma)"),
    "today": _("data wygenerowania (dd.mm.rrrr)"),
    "author.name": _("kto generuje dokument"),
    "author.role": _("jego rola w ośrodku"),
    "document.label": _("nazwa dokumentu"),
    "document.generated_at": _("data i godzina wygenerowania"),
}


def common_fields() -> list[Field]:
    """The fields of the common context, with examples, for the help page."""
    sample = sample_common_context()
    fields = []
    for path, label in COMMON_LABELS.items():
        head, _dot, tail = path.partition(".")
        example = sample[head][tail] if tail else sample[head]
        fields.append(Field(path=path, label=label, example=str(example)))
    return fields


def centre_logo(centre: Centre) -> bytes | None:
    """The centre's logo (PNG or JPEG), or None when it has none or it is not an image."""
    if not centre.logo:
        return None
    try:
        with centre.logo.open("rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > LOGO_MAX_BYTES or not data.startswith(LOGO_SIGNATURES):
        return None
    return data


def render_docx(template: bytes, context: Mapping[str, Any], *, logo: bytes | None = None) -> bytes:
    """Fill the DOCX `template` with `context` (made plain here)."""
    return fill_docx(template, plain(context), logo=logo, env=sandbox())


def fill_docx(
    template: bytes,
    data: dict[str, Any],
    *,
    env: SandboxedEnvironment,
    logo: bytes | None = None,
) -> bytes:
    """Fill the DOCX `template` with `data`, which is plain already (see `plain`)."""
    document = DocxTemplate(io.BytesIO(template))
    if logo and isinstance(data.get("centre"), dict):
        image = InlineImage(document, io.BytesIO(logo), height=LOGO_HEIGHT)
        data = {**data, "centre": {**data["centre"], "logo": image}}
    document.render(data, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(
    html_template: str,
    context: Mapping[str, Any],
    *,
    logo: bytes | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """PDF/A-2b from the kind's Django template (which extends "documents/pdf/base.html")."""
    from weasyprint import HTML

    data = plain(context)
    if "centre" in data:
        data["centre"] = {**data["centre"], "logo": LOGO_URL if logo else ""}
    html = render_to_string(html_template, data)
    fetcher = fetcher or StaticOnlyFetcher(logo=logo)
    pdf = HTML(string=html, base_url=ASSET_BASE, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return bytes(pdf)


@dataclass
class Rendered:
    content: bytes
    template: DocumentTemplate | None  # None: the product's default
    template_label: str
    notes: list[str] = field(default_factory=list)


def default_template_label(fmt: str) -> str:
    if fmt == "pdf":
        return "szablon PDF Asysty (domyślny)"
    return "szablon Asysty (domyślny)"


def render(
    *,
    kind: DocumentKind,
    data: Mapping[str, Any],
    common: Mapping[str, Any],
    fmt: str,
    template: DocumentTemplate | None,
    logo: bytes | None,
) -> Rendered:
    """The document in `fmt` from the kind's data and the common context.

    DOCX and ODT come from the centre's active template of the kind (or the product's default);
    PDF from the kind's HTML template — or, when the centre has its own template and LibreOffice
    is installed, from the centre's DOCX, so the PDF has the centre's own layout too.
    """
    context = {**data, **common}
    if fmt == "pdf" and (template is None or not libreoffice.libreoffice_available()):
        pdf = render_pdf(kind.html_template, context, logo=logo)
        return Rendered(pdf, None, default_template_label(fmt))
    source = read_template(template) if template is not None else kind.default_docx()
    docx = render_docx(source, context, logo=logo)
    label = template.label if template is not None else default_template_label(fmt)
    if fmt == "docx":
        return Rendered(docx, template, label)
    return Rendered(libreoffice.convert(docx, to=fmt), template, label)


def read_template(template: DocumentTemplate) -> bytes:
    with template.file.open("rb") as handle:
        return bytes(handle.read())
