"""Small document kinds for the engine's tests (the real kinds are tested in test_kinds*).

`kinds` registers them for one test and removes them afterwards; `sample_family_kind` gives the
first real kind made from a family (the policy test's samples), or this module's sheet when no
real kind is registered yet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from docx import Document

from asysta.documents.kinds import base
from asysta.documents.kinds.base import DocumentKind, Field
from asysta.families.models import Family, Member

TEMPLATES_DIR = Path(__file__).parent / "templates"
POLISH = "zażółć gęślą jaźń ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
# User text that must come out literally, never as markup, template code or a fetched file.
INJECTION = [
    "a < b & c > d",
    "{{ centre.name }}",
    "{% for x in family.members %}X{% endfor %}",
    "</w:t></w:r><w:r><w:t>wstrzyknięte",
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    '<img src="http://example.com/x.png">',
]


def _build(family: Family) -> dict[str, Any]:
    members = [
        {"name": f"{m.first_name} {m.last_name}", "role": m.get_role_display()}
        for m in family.members.order_by("pk")
    ]
    return {
        "family": {
            "case_number": family.case_number,
            "surname": family.surname,
            "services": family.other_services,
            "members": members,
        }
    }


def _sample() -> dict[str, Any]:
    return {
        "family": {
            "case_number": "AR.0007.2025",
            "surname": "Przykładowscy",
            "services": "kurator zawodowy",
            "members": [{"name": "Jan Przykładowski", "role": "rodzic"}],
        }
    }


def docx_template(*lines: str, rows: tuple[str, ...] | None = None) -> bytes:
    """A DOCX with one paragraph per line and, optionally, a table with one cell per row."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    if rows:
        table = document.add_table(rows=len(rows), cols=2)
        for index, text in enumerate(rows):
            left, _sep, right = text.partition("|")
            table.cell(index, 0).text = left
            table.cell(index, 1).text = right
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _default_docx() -> bytes:
    return docx_template(
        "{{ centre.logo }}",
        "{{ centre.name }}",
        "Znak sprawy: {{ family.case_number }}",
        "Rodzina: {{ family.surname }}",
        "Uwagi: {{ family.services }}",
        "{{ author.name }}, {{ author.role }}, {{ today }}",
        rows=(
            "Imię i nazwisko|Rola",
            "{%tr for m in family.members %}|",
            "{{ m.name }}|{{ m.role }}",
            "{%tr endfor %}|",
        ),
    )


SHEET = DocumentKind(
    code="engine_test_sheet",
    label="Karta testowa rodziny",
    source=Family,
    build=_build,
    fields=(
        Field("family.case_number", "numer sprawy", "AR.0007.2025"),
        Field("family.surname", "nazwisko rodziny", "Przykładowscy"),
        Field("family.services", "inne służby", "kurator zawodowy"),
        Field("family.members[].name", "imię i nazwisko", "Jan Przykładowski"),
        Field("family.members[].role", "rola w rodzinie", "rodzic"),
    ),
    sample=_sample,
    default_docx=_default_docx,
    html_template="documents_tests/sheet.html",
)
HEAVY = replace(
    SHEET, code="engine_test_heavy", label="Karta testowa (w tle)", heavy=lambda s: True
)
EXTERNAL = replace(
    SHEET, code="engine_test_external", html_template="documents_tests/external.html"
)
# Made from one record under the family (a member): the source must be the family's own.
MEMBER = replace(
    SHEET,
    code="engine_test_member",
    label="Karta testowa osoby",
    source=Member,
    build=lambda m: {"member": {"name": f"{m.first_name} {m.last_name}"}},
    fields=(Field("member.name", "imię i nazwisko", "Jan Przykładowski"),),
    sample=lambda: {"member": {"name": "Jan Przykładowski"}},
    default_docx=lambda: docx_template("Osoba: {{ member.name }}"),
)


@dataclass(frozen=True)
class Month:
    """The source of a document without a family: an assistant's month."""

    assistant: Any
    year: int
    month: int


def _month_ref(source: Month) -> dict[str, Any]:
    return {"assistant": source.assistant.pk, "year": source.year, "month": source.month}


def _month_resolve(ref: dict[str, Any]) -> Month:
    user = get_user_model().objects.get(pk=int(ref["assistant"]))
    return Month(user, int(ref["year"]), int(ref["month"]))


OWN = DocumentKind(
    code="engine_test_month",
    label="Karta miesiąca (test)",
    source=None,
    build=lambda m: {
        "card": {"assistant": m.assistant.get_full_name(), "month": f"{m.month:02d}.{m.year}"}
    },
    fields=(Field("card.month", "miesiąc", "03.2025"),),
    sample=lambda: {"card": {"assistant": "Anna Przykładowa", "month": "03.2025"}},
    default_docx=lambda: docx_template("Karta {{ card.month }}", "{{ card.assistant }}"),
    html_template="documents_tests/month.html",
    ref=_month_ref,
    resolve=_month_resolve,
)


@pytest.fixture(name="kinds")
def kinds_fixture(settings):
    """The test kinds, registered for one test; their PDF templates on the template path."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES_DIR]}]
    added = []
    for kind in (SHEET, HEAVY, EXTERNAL, MEMBER, OWN):
        if kind.code not in base.REGISTRY:
            base.register(kind)
            added.append(kind.code)
    yield SimpleNamespace(sheet=SHEET, heavy=HEAVY, external=EXTERNAL, member=MEMBER, own=OWN)
    for code in added:
        base.REGISTRY.pop(code, None)


def sample_family_kind() -> DocumentKind:
    """The first registered kind made from the family record, for the policy test's samples."""
    found = base.kinds_for(Family)
    if found:
        return found[0]
    # No real kind registered yet (the kinds arrive separately): the test sheet stands in.
    return base.REGISTRY.get(SHEET.code) or base.register(SHEET)
