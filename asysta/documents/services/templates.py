"""The centre's own DOCX templates: upload (checked), make a version active, back to default."""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from asysta.core.files import removed_if_failed
from asysta.documents import access
from asysta.documents.checks import MAX_TEMPLATE_BYTES, TemplateRefused, check_template
from asysta.documents.kinds.base import DocumentKind
from asysta.documents.models import DocumentTemplate
from asysta.documents.services._common import DocumentError


def active_template(*, centre: Any, kind: str) -> DocumentTemplate | None:
    """The centre's template in use for `kind` (None: the product's default)."""
    return DocumentTemplate.objects.filter(centre=centre, kind=kind, is_active=True).first()


def _check_manager(by: Any, centre: Any) -> None:
    from asysta.accounts.roles import actor_for

    if actor_for(by).centre_id != centre.pk or not access.manages_templates(by):
        raise DocumentError(_("Szablony ośrodka zmienia kierownik lub administrator."))


def _original_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    return re.sub(r"[\x00-\x1f\x7f]", "", base)[:255] or "szablon.docx"


def upload_template(
    *, centre: Any, kind: DocumentKind, file: Any, by: Any, activate: bool = True
) -> DocumentTemplate:
    """Store a new version of the centre's template of `kind`, after checking it by filling it
    with the kind's sample data; a template that fails the check is refused (nothing stored)
    with a message naming the problem. The new version becomes the one in use (`activate`);
    the earlier versions stay available."""
    _check_manager(by, centre)
    if getattr(file, "size", 0) > MAX_TEMPLATE_BYTES:
        raise DocumentError(_("Szablon jest za duży (najwyżej 10 MB)."), field="file")
    content = file.read(MAX_TEMPLATE_BYTES + 1)
    try:
        check_template(content, kind=kind)
    except TemplateRefused as exc:
        raise DocumentError(exc.message, field="file") from exc
    with removed_if_failed() as track, transaction.atomic():
        type(centre).objects.select_for_update().filter(pk=centre.pk).first()
        versions = DocumentTemplate.objects.filter(centre=centre, kind=kind.code)
        last = versions.aggregate(last=Max("version"))["last"] or 0
        if activate:
            for previous in versions.filter(is_active=True):
                previous.is_active = False
                previous.save(update_fields=["is_active"])
        template = DocumentTemplate(
            centre=centre,
            kind=kind.code,
            version=last + 1,
            sha256=hashlib.sha256(content).hexdigest(),
            original_name=_original_name(getattr(file, "name", "")),
            uploaded_by=by,
            is_active=activate,
        )
        template.file.save("template.docx", ContentFile(content), save=False)
        track(template.file)
        template.save()
    return template


def activate_template(*, template: DocumentTemplate, by: Any) -> DocumentTemplate:
    """Use this (earlier or later) version of the centre's template from now on."""
    _check_manager(by, template.centre)
    with transaction.atomic():
        others = DocumentTemplate.objects.filter(
            centre_id=template.centre_id, kind=template.kind, is_active=True
        ).exclude(pk=template.pk)
        for other in others:
            other.is_active = False
            other.save(update_fields=["is_active"])
        if not template.is_active:
            template.is_active = True
            template.save(update_fields=["is_active"])
    return template


def use_default_template(*, centre: Any, kind: str, by: Any) -> None:
    """Go back to the product's default template of `kind` (the centre's versions stay)."""
    _check_manager(by, centre)
    with transaction.atomic():
        for current in DocumentTemplate.objects.filter(centre=centre, kind=kind, is_active=True):
            current.is_active = False
            current.save(update_fields=["is_active"])
