"""Logged disclosures: family data handed to someone outside the centre (the court, the centre
of the family's new municipality), with the recipient and the legal basis, never the content."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model

SECTION_COURT_DISCLOSURE = "court_disclosure"
SECTION_NEW_CENTRE_DISCLOSURE = "new_centre_disclosure"


def log_disclosure(
    *, user: Any, obj: Model, section: str, recipient: str, legal_basis: str
) -> LogEntry:
    """Record that data of `obj`'s family was disclosed to `recipient` on `legal_basis`."""
    data: dict[str, Any] = {}
    get_data = getattr(obj, "get_additional_data", None)
    if callable(get_data):
        data.update(get_data())
    data |= {"section": section, "recipient": recipient[:200], "legal_basis": legal_basis[:300]}
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        additional_data=data,
        changes="",
    )
