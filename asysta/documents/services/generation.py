"""Generating a document (a new frozen version every time) and marking a version sent."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.core.files import removed_if_failed
from asysta.documents import access, engine, libreoffice
from asysta.documents.kinds import base
from asysta.documents.kinds.base import DocumentKind
from asysta.documents.models import (
    DocumentFormat,
    DocumentStatus,
    DocumentTemplate,
    GeneratedDocument,
    SentHow,
)
from asysta.documents.services._common import DocumentError
from asysta.documents.services.templates import active_template

logger = logging.getLogger(__name__)


def _format(fmt: str) -> DocumentFormat:
    try:
        chosen = DocumentFormat(fmt)
    except ValueError:
        raise DocumentError(_("Nieznany format dokumentu."), field="fmt") from None
    if chosen == DocumentFormat.ODT and not libreoffice.libreoffice_available():
        raise DocumentError(libreoffice.unavailable_reason(), field="fmt")
    return chosen


def owner_of(kind: DocumentKind, source: Any, ref: dict[str, Any]) -> Any:
    """Whose a document without a family is: `kind.extra["owner"](source)`, else the source's
    `assistant`, else the user named by `ref["assistant"]`."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    finder = kind.extra.get("owner")
    found = finder(source) if callable(finder) else getattr(source, "assistant", None)
    if isinstance(found, user_model):
        return found
    pk = ref.get("assistant", found if isinstance(found, int) else None)
    return user_model.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def _whose(kind: DocumentKind, source: Any, ref: dict[str, Any], by: Any) -> tuple[Any, Any]:
    """(family, owner) of the document, after checking that `by` may generate it."""
    family = kind.family_of(source)
    if family is not None:
        if not access.can_generate_for_family(by, family):
            raise DocumentError(
                _("Dokumenty rodziny generuje jej asystent, koordynator lub kierownik.")
            )
        return family, None
    owner = owner_of(kind, source, ref)
    centre = getattr(source, "centre", None)
    if centre is not None and getattr(centre, "pk", centre) != actor_for(by).centre_id:
        owner = None  # another centre's month: refused like someone else's
    if owner is None or not access.can_generate_for_owner(by, owner):
        raise DocumentError(
            _("Ten dokument generuje asystent dla siebie albo koordynator lub kierownik.")
        )
    return None, owner


def _source_identity(kind: DocumentKind, source: Any) -> tuple[ContentType | None, int | None]:
    if isinstance(source, models.Model) and source.pk is not None:
        return ContentType.objects.get_for_model(type(source)), int(source.pk)
    return None, None


def resolve_source(kind: DocumentKind, ref: dict[str, Any]) -> Any:
    """The record a document is made from, found again from its stored reference."""
    try:
        if kind.resolve is not None:
            return kind.resolve(ref)
        if kind.source is None:
            raise LookupError(kind.code)
        return kind.source._default_manager.get(pk=ref["pk"])
    except (
        ObjectDoesNotExist,
        ValidationError,
        LookupError,
        TypeError,
        ValueError,
        OverflowError,
    ) as exc:
        raise DocumentError(_("Nie ma już rekordu, z którego powstaje ten dokument.")) from exc


def generate_document(*, kind: DocumentKind, source: Any, fmt: str, by: Any) -> GeneratedDocument:
    """Make a new version of `kind`'s document from `source` in `fmt` (docx, pdf, odt).

    A light document is made at once and returned ready; a heavy one (`kind.heavy(source)`) is
    returned pending and made by the background worker (`complete_generation`). Either way it
    is a new row: an earlier version is never overwritten.
    """
    chosen = _format(fmt)
    if not kind.applies(source):
        raise DocumentError(str(kind.not_applicable))
    ref = engine.plain(kind.ref(source))
    family, owner = _whose(kind, source, ref, by)
    centre = family.centre if family is not None else owner_centre(by)
    template = active_template(centre=centre, kind=kind.code)
    generated_at = timezone.now()
    heavy = kind.heavy(source)
    rendered = None if heavy else _render(kind, source, chosen, template, centre, by, generated_at)
    source_type, source_id = _source_identity(kind, source)
    with removed_if_failed() as track, transaction.atomic():
        _lock(family, owner)
        document = GeneratedDocument(
            centre=centre,
            family=family,
            owner=owner,
            kind=kind.code,
            label=str(kind.label),
            format=chosen,
            version=_next_version(centre.pk, _source_key(kind, ref)),
            template=template,
            template_label=engine.default_template_label(chosen),
            source_type=source_type,
            source_id=source_id,
            source_ref=ref,
            source_key=_source_key(kind, ref),
            generated_by=by,
            generated_at=generated_at,
        )
        document.file_name = _file_name(document, family, owner)
        if rendered is not None:
            _store(document, rendered)
            track(document.file)
        document.save()
        if heavy:
            _enqueue(document)
    return document


def owner_centre(by: Any) -> Any:
    from asysta.core.models import Centre

    return Centre.objects.get(pk=actor_for(by).centre_pk)


def _lock(family: Any, owner: Any) -> None:
    """Serialise generations of one family's (or one assistant's) documents: versions count."""
    from django.contrib.auth import get_user_model

    if family is not None:
        type(family).objects.select_for_update().filter(pk=family.pk).first()
    else:
        get_user_model().objects.select_for_update().filter(pk=owner.pk).first()


def _source_key(kind: DocumentKind, ref: dict[str, Any]) -> str:
    return f"{kind.code}:{json.dumps(ref, sort_keys=True, ensure_ascii=True)}"[:300]


def _next_version(centre_id: int, source_key: str) -> int:
    last = GeneratedDocument.objects.filter(centre_id=centre_id, source_key=source_key).aggregate(
        last=Max("version")
    )["last"]
    return (last or 0) + 1


def _ascii(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.")[:60] or "dokument"


def _file_name(document: GeneratedDocument, family: Any, owner: Any) -> str:
    whose = family.case_number if family is not None else owner.get_username()
    return f"{_ascii(document.label)}_{_ascii(whose)}_v{document.version}.{document.format}"


def _render(
    kind: DocumentKind,
    source: Any,
    fmt: str,
    template: DocumentTemplate | None,
    centre: Any,
    by: Any,
    generated_at: datetime,
) -> engine.Rendered:
    try:
        data = kind.build(source)
        common = engine.common_context(
            centre=centre, author=by, label=kind.label, generated_at=generated_at
        )
        return engine.render(
            kind=kind,
            data=data,
            common=common,
            fmt=fmt,
            template=template,
            logo=engine.centre_logo(centre),
        )
    except libreoffice.ConversionError as exc:
        raise DocumentError(str(exc), field="fmt") from exc
    except Exception as exc:
        # The details (possibly with case data) go to the server log only.
        logger.exception("document %s could not be generated", kind.code)
        raise DocumentError(
            _(
                "Nie udało się wygenerować dokumentu. Jeśli ośrodek używa własnego szablonu, "
                "sprawdź go na stronie szablonów; jeśli nie — zgłoś to administratorowi "
                "(kod błędu dla administratora: %(error)s)."
            )
            % {"error": type(exc).__name__}
        ) from exc


def _store(document: GeneratedDocument, rendered: engine.Rendered) -> None:
    document.file.save(document.file_name, ContentFile(rendered.content), save=False)
    document.sha256 = hashlib.sha256(rendered.content).hexdigest()
    document.size = len(rendered.content)
    document.template = rendered.template
    document.template_label = rendered.template_label[:300]
    document.status = DocumentStatus.READY
    document.progress = 100
    document.error = ""


def _enqueue(document: GeneratedDocument) -> None:
    from asysta.documents.tasks import generate_pending_document

    result = generate_pending_document.enqueue(document_id=document.pk)
    GeneratedDocument.objects.filter(pk=document.pk).update(task_id=str(result.id)[:64])
    document.refresh_from_db()


def _progress(document: GeneratedDocument, percent: int) -> None:
    GeneratedDocument.objects.filter(pk=document.pk).update(progress=percent)


def complete_generation(*, document_id: int) -> GeneratedDocument | None:
    """Make a pending document (the background worker's part of `generate_document`)."""
    document = (
        GeneratedDocument.objects.select_related("centre", "generated_by", "template")
        .filter(pk=document_id, status=DocumentStatus.PENDING)
        .first()
    )
    if document is None:
        return None
    with set_actor(document.generated_by):
        _progress(document, 10)
        try:
            kind = base.get(document.kind)
            source = resolve_source(kind, document.source_ref)
            _progress(document, 30)
            rendered = _render(
                kind,
                source,
                document.format,
                document.template,
                document.centre,
                document.generated_by,
                document.generated_at,
            )
        except Exception as exc:
            logger.exception("pending document %s could not be generated", document.pk)
            message = (
                exc.text
                if isinstance(exc, DocumentError)
                else _(
                    "Nie udało się wygenerować dokumentu. Spróbuj ponownie; jeśli to się powtarza, "
                    "zgłoś to administratorowi."
                )
            )
            with transaction.atomic():
                document.status = DocumentStatus.FAILED
                document.error = message
                document.save(update_fields=["status", "error"])
            return document
        _progress(document, 90)
        with removed_if_failed() as track, transaction.atomic():
            _store(document, rendered)
            track(document.file)
            document.save()
    return document


def mark_sent(
    *, document: GeneratedDocument, by: Any, on: date, to: str, how: str
) -> GeneratedDocument:
    """Record that this version was sent: when, to whom and how. Marking again corrects the
    mark (the earlier one stays in the audit trail)."""
    if document.status != DocumentStatus.READY:
        raise DocumentError(_("Wysłać można tylko gotowy dokument."))
    if document.family_id is not None:
        allowed = access.can_generate_for_family(by, document.family)
    else:
        allowed = access.can_generate_for_owner(by, document.owner)
    if not allowed:
        raise DocumentError(_("Wysłanie oznacza osoba, która może zmieniać ten dokument."))
    if on > timezone.localdate():
        raise DocumentError(_("Data wysłania nie może być z przyszłości."), field="on")
    if on < timezone.localtime(document.generated_at).date():
        raise DocumentError(
            _("Data wysłania nie może być wcześniejsza niż wygenerowanie dokumentu."), field="on"
        )
    to = (to or "").strip()
    if not to:
        raise DocumentError(_("Podaj, do kogo wysłano dokument."), field="to")
    if how not in SentHow.values:
        raise DocumentError(_("Wybierz sposób wysłania."), field="how")
    with transaction.atomic():
        document.sent_on, document.sent_to, document.sent_how = on, to[:300], how
        document.sent_by = by
        document.save(update_fields=["sent_on", "sent_to", "sent_how", "sent_by"])
    return document
