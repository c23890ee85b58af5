"""An upload handler that stops taking a file once it passes the centre's size limit.

Django's own handlers write the whole file to memory or a temporary file before the view sees
it. This one goes first: past the limit it skips the rest of the file (nothing more is kept)
and remembers the field, so the form can say the file is too big instead of "no file".
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_big: set[str] = set()
        self.received = 0

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        if self.content_length is not None and self.content_length > self.limit:
            self._skip()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._skip()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file

    def _skip(self) -> None:
        self.too_big.add(self.field_name)
        raise SkipFile
