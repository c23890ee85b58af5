"""The family's chronology: every dated event recorded by the other apps, newest first.

Each source (one per event type) reads its records with one or two queries, whatever their
number, so the page's query count does not grow with the family's history. Free text (notes of
contacts, descriptions, justifications) never enters an event: only dates, kinds and short titles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from asysta.families.models import Family


class EventKind(models.TextChoices):
    REQUEST = "request", _("wniosek o asystenta")
    BASIS = "basis", _("podstawa współpracy")
    ASSIGNMENT = "assignment", _("przydział asystenta")
    PLAN = "plan", _("plan pracy z rodziną")
    CONTACT = "contact", _("kontakt z rodziną")
    ASSESSMENT = "assessment", _("diagnoza i oceny okresowe")
    MEETING = "meeting", _("spotkanie zespołu")
    COURT = "court", _("sąd")
    CLOSURE = "closure", _("zakończenie pracy i monitoring")
    BLUE_CARD = "blue_card", _("Niebieska Karta")
    PLACEMENT = "placement", _("dzieci poza rodziną")


@dataclass(frozen=True)
class Event:
    """One dated event of the family's history (no free text beyond a short title)."""

    on: date
    kind: str
    title: str
    url: str
    who: Any = None
    alert: bool = False
    # Tie-break within a day: the record's creation order (a later step of the same record
    # gets a higher `step`).
    order: tuple[int, int] = (0, 0)

    @property
    def kind_label(self) -> str:
        return _kind_label(self.kind, get_language())


@lru_cache(maxsize=64)
def _kind_label(kind: str, language: str | None) -> str:
    """The kind's name in `language` (a long case has hundreds of events of a few kinds)."""
    return str(EventKind(kind).label)


Source = Callable[[Family], Iterable[Event]]


def _sources() -> dict[str, Sequence[Source]]:
    from asysta.chronology import sources as s

    return {
        EventKind.REQUEST: [s.referral_events],
        EventKind.BASIS: [s.consent_events, s.court_order_events, s.za_zyciem_events],
        EventKind.ASSIGNMENT: [s.assignment_events],
        EventKind.PLAN: [s.plan_events],
        EventKind.CONTACT: [s.contact_events],
        EventKind.ASSESSMENT: [s.diagnosis_events, s.assessment_events],
        EventKind.MEETING: [s.meeting_events],
        EventKind.COURT: [s.opinion_request_events, s.court_notice_events],
        EventKind.CLOSURE: [s.closure_events, s.monitoring_events],
        EventKind.BLUE_CARD: [s.blue_card_events],
        EventKind.PLACEMENT: [s.placement_events],
    }


def family_timeline(
    family: Family,
    *,
    kinds: Iterable[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Event]:
    """Every event of `family` of the given `kinds` (all when None) dated within
    [`date_from`, `date_to`] (either end open when None), newest first."""
    wanted = set(kinds) if kinds else set(EventKind.values)
    events: list[Event] = []
    for kind, sources in _sources().items():
        if kind not in wanted:
            continue
        for source in sources:
            events.extend(
                event
                for event in source(family)
                if (date_from is None or event.on >= date_from)
                and (date_to is None or event.on <= date_to)
            )
    events.sort(key=lambda e: (e.on, e.order), reverse=True)
    return events
