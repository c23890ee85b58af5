"""Documents built through the real services (the policy test's samples use these)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from asysta.documents.models import DocumentTemplate, GeneratedDocument
from asysta.documents.services import generate_document, upload_template
from asysta.documents.tests.engine_fixtures import sample_family_kind


def document(family: Any, *, by: Any, fmt: str = "docx") -> GeneratedDocument:
    """A document of the family (its first version, or the next one)."""
    existing = family.documents.order_by("pk").first()
    if existing is not None:
        return existing
    return generate_document(kind=sample_family_kind(), source=family, fmt=fmt, by=by)


def centre_template(family: Any, *, by: Any) -> DocumentTemplate:
    """The centre's own template (the kind's default, uploaded as version 1)."""
    kind = sample_family_kind()
    existing = DocumentTemplate.objects.filter(centre=family.centre, kind=kind.code).first()
    if existing is not None:
        return existing
    upload = SimpleUploadedFile("szablon ośrodka.docx", kind.default_docx())
    return upload_template(centre=family.centre, kind=kind, file=upload, by=by, activate=False)
