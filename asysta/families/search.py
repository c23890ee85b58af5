"""Finding families: by name, case number and address (accent-insensitive) or by PESEL.

Text search runs on `Family.search_text`, a normalised column (lower case, no diacritics) that
the services keep up to date; every word of the query must occur in it. `contains` becomes
`LIKE '%…%'`, which PostgreSQL answers from the pg_trgm GIN index (migration 0003) and SQLite
by a scan of one centre's rows. A PESEL is matched exactly against `Member.pesel`.

Every query starts from `Family.objects.visible_to(user)`: nobody finds a family they may not
open, not even as a "no result / one result" signal for a PESEL.

Audit decision: a text search is not a read of a family record, so it writes no ACCESS entry
(the record is logged when it is opened). A PESEL search is different: it identifies one person
precisely, so a run of such searches is how someone would probe who is a client of the centre.
It is therefore logged as an ACCESS entry on the searching user with the section
"search_pesel" and the number of results — never the number searched for, which also never
appears in a URL (the form is sent by POST) or in the application log.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from asysta.core.http import client_ip
from asysta.core.text import normalize
from asysta.families.models import Family

SECTION_PESEL_SEARCH = "search_pesel"
MAX_WORDS = 8


def query_words(q: str) -> list[str]:
    """The normalised words of a query ('Łódź  Żółć' -> ['lodz', 'zolc']), at most MAX_WORDS."""
    return normalize(q).split()[:MAX_WORDS]


def with_current_assistant(families: QuerySet[Family]) -> QuerySet[Family]:
    # intake sits above families: reach Assignment through the app registry, not an import.
    assignment = apps.get_model("intake", "Assignment")
    open_assignments = Prefetch(
        "assignments",
        queryset=assignment.objects.filter(ended_on__isnull=True).select_related("assistant"),
        to_attr="open_assignments",
    )
    return families.prefetch_related(open_assignments).order_by("surname", "case_number", "pk")


def search_text(user: Any, q: str) -> QuerySet[Family]:
    """Families visible to `user` whose names, case number or address contain every word of `q`.

    An empty query finds nothing (the page shows the form, not the whole centre).
    """
    if not query_words(q):
        return Family.objects.none()
    return with_current_assistant(matching(Family.objects.visible_to(user), q))


def looks_like_pesel(q: str) -> bool:
    return q.strip().isdigit() and len(q.strip()) == 11


def matching(families: QuerySet[Family], q: str) -> QuerySet[Family]:
    """`families` whose search column contains every normalised word of `q`."""
    for word in query_words(q):
        families = families.filter(search_text__contains=word)
    return families


def search_pesel(user: Any, pesel: str) -> QuerySet[Family]:
    """Families visible to `user` with a member whose PESEL is exactly `pesel`."""
    visible = Family.objects.visible_to(user)
    matching = visible.filter(members__pesel=pesel).values("pk")
    return with_current_assistant(visible.filter(pk__in=matching))


def log_pesel_search(*, user: Any, centre_id: int, results: int, request: HttpRequest) -> None:
    """An ACCESS entry 'searched by PESEL, N results' on the searching user; no PESEL in it."""
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user,
        remote_addr=client_ip(request),
        additional_data={"centre": centre_id, "section": SECTION_PESEL_SEARCH, "results": results},
        changes="",
    )
