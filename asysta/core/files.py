"""Files written next to a database change: none may stay behind when the change fails.

A generated document, a centre's template or a report export is written to the private files
directory before its row is saved. If the save (or the transaction's commit) then fails, the
file would be left without a row that knows of it. `removed_if_failed()` deletes the files
written inside its block when the block ends with an exception; put the block around the
`transaction.atomic()` that saves the rows, so a failed commit is covered too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

logger = logging.getLogger(__name__)


@contextmanager
def removed_if_failed() -> Iterator[Callable[[Any], None]]:
    """Yields `track(field_file)`: call it right after each `field_file.save(...)`."""
    written: list[tuple[Any, str]] = []

    def track(field_file: Any) -> None:
        if field_file.name:
            written.append((field_file.storage, field_file.name))

    try:
        yield track
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except Exception:  # the original error matters more; the leftover is logged
                logger.exception("file %s written before a failed save was not removed", name)
        raise
