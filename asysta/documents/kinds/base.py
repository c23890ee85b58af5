"""What a document kind is: the contract between the document engine and the kinds.

A kind (metryczka, plan pracy, ocena okresowa, ...) says what record a document is made from,
builds the document's data from it, documents that data for the help page, gives fictional
sample data (used to check a centre's own template on upload and as examples on the help page),
builds its default DOCX template and names the HTML template of its PDF.

The data a kind builds is plain: strings (dates already as dd.mm.rrrr), numbers, booleans, and
lists and dicts of those — never model instances, so that a template (the centre's own, too)
can only print values, never call methods. The engine adds the common part to every document:
`centre` (the letterhead), `today`, `author` and `document` (see `engine.common_context`); a
kind's data never uses those four keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

COMMON_KEYS = frozenset({"centre", "today", "author", "document"})


@dataclass(frozen=True)
class Field:
    """One value a template may use, as written in the template."""

    path: str  # e.g. "family.case_number", "plan.goals[].actions[].deadline"
    label: str | Promise  # what it is, in Polish
    example: str  # an example value, as it would be printed


def _never(_source: Any) -> bool:
    return False


def _always(_source: Any) -> bool:
    return True


def model_ref(source: Any) -> dict[str, Any]:
    return {"pk": source.pk}


@dataclass(frozen=True)
class DocumentKind:
    code: str  # stable identifier, e.g. "work_plan" (also the template file names)
    label: str | Promise  # e.g. "Plan pracy z rodziną"
    # The record a document is made from; None when it is not one record (the monthly work
    # card: an assistant and a month), then `ref`/`resolve` say how to find it again.
    source: type[models.Model] | None
    build: Callable[[Any], dict[str, Any]]  # the kind's data from its source
    fields: tuple[Field, ...]  # every value of `build`'s data, for the help page
    sample: Callable[[], dict[str, Any]]  # fictional data of the same shape as `build`'s
    default_docx: Callable[[], bytes]  # the product's default DOCX template (docxtpl tags)
    html_template: str  # Django template of the PDF, extends "documents/pdf/base.html"
    # Whether a document of this source is big enough to be made by the background worker.
    heavy: Callable[[Any], bool] = _never
    # Whether this document makes sense for the record (the letter to a new centre only after
    # a move away, the court opinion only once it is drafted); the engine refuses it otherwise.
    applies: Callable[[Any], bool] = _always
    # Why it does not apply, as the user is told.
    not_applicable: str | Promise = ""
    ref: Callable[[Any], dict[str, Any]] = model_ref  # stored with the document (JSON)
    resolve: Callable[[dict[str, Any]], Any] | None = None  # ref -> source (None: by pk)
    extra: dict[str, Any] = field(default_factory=dict)

    def family_of(self, source: Any) -> Any:
        """The family whose record the document belongs to (None: not a family's document)."""
        from asysta.families.models import Family

        if isinstance(source, Family):
            return source
        return getattr(source, "family", None)


REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.code in REGISTRY:
        raise ValueError(f"document kind {kind.code!r} registered twice")
    REGISTRY[kind.code] = kind
    return kind


def get(code: str) -> DocumentKind:
    """The kind with this code (KeyError when there is none)."""
    return REGISTRY[code]


def kinds_for(model: type[models.Model]) -> list[DocumentKind]:
    """The kinds made from records of `model`, in registration order."""
    return [kind for kind in REGISTRY.values() if kind.source is model]
