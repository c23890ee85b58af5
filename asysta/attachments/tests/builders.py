"""Attachments made through the real service, for the tests of this and other apps."""

from __future__ import annotations

from typing import Any

from asysta.attachments import services
from asysta.attachments.models import Attachment
from asysta.attachments.tests import files


def attachment(
    family: Any,
    *,
    by: Any,
    name: str = "zaswiadczenie.pdf",
    data: bytes | None = None,
    **kwargs: Any,
) -> Attachment:
    """A PDF (or `data` under `name`) added to `family`'s record by `by`."""
    content = files.pdf() if data is None else data
    return services.add_attachment(
        family=family, by=by, upload=files.upload(name, content), **kwargs
    )
