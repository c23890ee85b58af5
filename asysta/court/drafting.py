"""The first draft of a court opinion, put together from the family's record.

Every pre-filled statement keeps a reference to its record (`Opinion.sources`); where the record
has nothing to say, the section is left empty for the assistant to write.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from asysta.court import record, record_casework
from asysta.families.models import Family


def draft_sections(family: Family, *, until: date) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The opinion's section texts and the list of their sources (each tagged with its
    section). `until` is the day the children's ages are given for."""
    course = record_casework.contacts_section(family, until)
    closures = record_casework.closure_section(family)
    course.lines += closures.lines
    course.sources += closures.sources
    sections = {
        "basis": record.basis_section(family),
        "period": record.period_section(family),
        "course": course,
        "plan_execution": record_casework.plan_section(family),
        "assessments": record_casework.assessments_section(family),
        "children": record.children_section(family, until),
    }
    texts = {key: section.text for key, section in sections.items()}
    sources = [
        {"section": key, **source}
        for key, section in sections.items()
        for source in section.sources
    ]
    return texts, sources
