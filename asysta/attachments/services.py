"""Adding an attachment to a family's record, and the head's removal of one.

An upload is checked whole (`validation.check_file`) before anything is written; the file is then
stored under a name of ours, read back and compared with the hash taken at the check, and only
then is the row created. Any refusal or failure leaves no row and no file behind.

Removal is the head's alone and keeps a trace. A family's file is part of the centre's records
(the office rules and the archives decide when they are destroyed), so nobody simply deletes an
attachment; but a scan put into the wrong family's record, or one the centre had no right to
keep, must go. The head removes it with a reason: the bytes and the description are erased, the
row stays (what it was, who added it, who removed it, when and why) and the change is audited.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import partial
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for
from asysta.attachments import validation
from asysta.attachments.models import Attachment
from asysta.families.access import can_write
from asysta.families.models import Family

# Records an attachment may belong to: rows of these apps that belong to the same family
# (a plan, a contact, a diagnosis or assessment, a team meeting, a court request, a closure,
# a generated document). Named by app so that no app here has to import the documents app.
TARGET_APPS = frozenset({"plans", "visits", "assessments", "court", "closure", "documents"})


def storage() -> Storage:
    return Attachment._meta.get_field("file").storage  # type: ignore[attr-defined,no-any-return]


def target_ref(obj: models.Model) -> str:
    """How a record is named in a link to the upload page: `plans.workplan:12`."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve_target(family: Family, ref: str) -> models.Model | None:
    """The record `ref` (see `target_ref`) of `family`; None for an empty ref."""
    if not ref:
        return None
    label, _sep, pk = ref.partition(":")
    try:
        model, key = apps.get_model(label), int(pk)
    except (LookupError, ValueError):
        raise ValidationError({"target": _no_target()}) from None
    if model._meta.app_label not in TARGET_APPS:  # never look up rows of other apps
        raise ValidationError({"target": _no_target()})
    found = model._default_manager.filter(pk=key).first()
    message = _target_error(family, found) if found is not None else _no_target()
    if message:
        raise ValidationError({"target": message})
    return found


def _no_target() -> str:
    return _("Nie ma takiego dokumentu sprawy tej rodziny.")


def _target_error(family: Family, target: models.Model | None) -> str | None:
    if target is None:
        return None
    if target._meta.app_label not in TARGET_APPS or getattr(target, "family_id", None) != family.pk:
        return _("Załącznik można dodać tylko do dokumentu sprawy tej samej rodziny.")
    return None


def _signature_error(family: Family, signature_of: Attachment | None) -> str | None:
    if signature_of is None:
        return None
    if signature_of.family_id != family.pk or signature_of.removed:
        return _("Wskaż plik tej samej rodziny.")
    if signature_of.is_signature_file:
        return _("Wskaż podpisany dokument, a nie inny plik podpisu.")
    return None


def add_attachment(
    *,
    family: Family,
    by: Any,
    upload: File,
    target: models.Model | None = None,
    description: str = "",
    signature_of: Attachment | None = None,
) -> Attachment:
    """Check `upload` and keep it, byte for byte, as an attachment of `family` (and `target`).

    Raises ValidationError keyed by the argument at fault (`upload`, `target`, `signature_of`);
    then nothing is stored.
    """
    if not can_write(by, family):
        raise ValidationError(
            {"upload": _("Załączniki dodaje asystent rodziny, koordynator lub kierownik.")}
        )
    errors = {
        key: message
        for key, message in (
            ("target", _target_error(family, target)),
            ("signature_of", _signature_error(family, signature_of)),
        )
        if message
    }
    if errors:
        raise ValidationError(errors)
    try:
        checked = validation.check_file(
            upload, name=upload.name or "", size=upload.size, max_mb=family.centre.attachment_max_mb
        )
    except ValidationError as exc:
        raise ValidationError({"upload": exc}) from None
    if signature_of is not None and checked.kind != validation.FileKind.SIGNATURE:
        raise ValidationError(
            {"signature_of": _("Podpisem innego pliku może być tylko plik .xades lub .xml.")}
        )
    stored = _store(family, upload, checked)
    try:
        with transaction.atomic():
            return Attachment.objects.create(
                centre_id=family.centre_id,
                family=family,
                target=target,
                file=stored,
                original_name=checked.name,
                kind=checked.kind,
                content_type=checked.mime,
                size=checked.size,
                sha256=checked.sha256,
                signed=checked.signed,
                signature_of=signature_of,
                description=description.strip(),
                uploaded_by=by,
            )
    except BaseException:
        storage().delete(stored)
        raise


def _store(family: Family, upload: File, checked: validation.Checked) -> str:
    """Save the bytes under our own name; read them back and compare with the checked hash."""
    ext = checked.name.rpartition(".")[2]
    name = f"attachments/{family.centre_id}/{family.pk}/{uuid.uuid4().hex}.{ext}"
    upload.seek(0)
    stored = storage().save(name, upload)
    try:
        if stored_sha256(stored) != checked.sha256:
            raise ValidationError(
                {"upload": _("Nie udało się zapisać pliku bez zmian — spróbuj ponownie.")}
            )
    except BaseException:
        storage().delete(stored)
        raise
    return stored


def stored_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with storage().open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(validation.CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def may_remove(user: Any, centre_id: int) -> bool:
    """Only the head of the centre removes attachments."""
    actor = actor_for(user)
    return actor.centre_id == centre_id and actor.has(Role.HEAD)


def remove_attachment(*, attachment: Attachment, by: Any, reason: str) -> Attachment:
    """The head removes an attachment (and the signature files of it), giving a reason.

    The rows stay as the trace; their files and descriptions are erased once the change is
    committed.
    """
    if not may_remove(by, attachment.centre_id):
        raise ValidationError({"reason": _("Załącznik może usunąć tylko kierownik ośrodka.")})
    if attachment.removed:
        raise ValidationError({"reason": _("Ten załącznik został już usunięty.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Podaj powód usunięcia.")})
    now = timezone.now()
    with transaction.atomic():
        rows = [attachment, *attachment.signatures.present()]
        for row in rows:
            row.removed_at, row.removed_by, row.removal_reason = now, by, reason
            row.description = ""
            row.save(update_fields=["removed_at", "removed_by", "removal_reason", "description"])
            transaction.on_commit(partial(storage().delete, str(row.file.name)))
    return attachment
