"""The documents' domain error."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class DocumentError(ValidationError):
    """A refusal shown to the user as it is (next to the field it names, if any)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__({field: [message]} if field else message)
        self.text = message
