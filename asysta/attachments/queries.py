"""Read queries of attachments, shared by the pages and the family panel."""

from __future__ import annotations

from django.db.models import QuerySet

from asysta.attachments.models import Attachment
from asysta.families.models import Family


def family_attachments(family: Family, *, include_removed: bool = False) -> QuerySet[Attachment]:
    """The family's attachments, newest first, with everything a list shows (one query)."""
    rows = Attachment.objects.filter(centre_id=family.centre_id, family=family)
    if not include_removed:
        rows = rows.present()
    return rows.select_related("uploaded_by", "removed_by", "target_type", "signature_of").order_by(
        "-created_at", "-pk"
    )
