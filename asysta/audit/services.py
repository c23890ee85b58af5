"""Audit helpers: logged reads of family records and the queries behind the audit viewers.

Changes are written by django-auditlog (each case model is registered in its app's `ready()`);
reads are written here with the action ACCESS. Neither stores field values of a read, nor PESEL,
passwords, tokens or note text.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from asysta.core.http import client_ip

SECTION_RECORD = "record"
SECTION_LABELS: dict[str, str] = {
    SECTION_RECORD: "metryczka rodziny",
    "special": "dane szczególnej kategorii (zdrowie, niepełnosprawność)",
    "blue_card": "Niebieska Karta — szczegóły",
    "referral": "wniosek o asystenta rodziny",
    "search_pesel": "wyszukiwanie po numerze PESEL",
    "plan": "plan pracy z rodziną",
    "contact": "notatka z kontaktu z rodziną",
    "assessments": "diagnoza, oceny okresowe i spotkania zespołu",
    "court": "sąd: wnioski o opinię, opinie i pisma",
    "court_disclosure": "udostępnienie sądowi (opinia, pismo)",
    "closure": "zakończenie pracy i monitoring",
    "new_centre_disclosure": "przekazanie danych ośrodkowi w nowym miejscu zamieszkania",
    "chronology": "chronologia sprawy rodziny",
    "attachments": "załączniki",
    "report_view": "sprawozdanie: lista rodzin lub asystentów wskaźnika",
    "report_export": "sprawozdanie: eksport (CSV, XLSX, PDF, JSON)",
}


def _client_ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def log_read(
    *,
    user: Any,
    obj: Model,
    section: str = SECTION_RECORD,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> LogEntry:
    """Record that `user` opened `obj` (a family record or a part of it); `extra` says more
    about what was read (never field values)."""
    data: dict[str, Any] = {}
    get_data = getattr(obj, "get_additional_data", None)
    if callable(get_data):
        data.update(get_data())
    data.update(extra or {})
    data["section"] = section
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        remote_addr=_client_ip(request),
        additional_data=data,
        changes="",
    )


def entries_for_centre(centre_id: int) -> QuerySet[LogEntry]:
    return (
        LogEntry.objects.filter(additional_data__centre=centre_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def entries_for_family(*, centre_id: int, family_id: int) -> QuerySet[LogEntry]:
    return entries_for_centre(centre_id).filter(additional_data__family=family_id)
