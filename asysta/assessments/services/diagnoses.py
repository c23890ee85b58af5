"""The initial diagnosis (ocena wstępna): recording and correcting it.

A diagnosis is part of the family's documentation (art. 15 ust. 1 pkt 14), so it is corrected,
never deleted; every change is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asysta.assessments.models import (
    Area,
    DiagnosisArea,
    InitialDiagnosis,
    RiskLevel,
)
from asysta.assessments.services._common import not_future, only, require_writer
from asysta.families.models import Family

DIAGNOSIS_FIELDS = (
    "made_on",
    "sources",
    "child_risk",
    "child_risk_description",
    "family_view",
    "conclusions",
    "proposed_goals",
)

AreaTexts = Mapping[str, Mapping[str, str]]


def _clean_areas(areas: AreaTexts) -> dict[str, tuple[str, str]]:
    """Area code -> (strengths, problems), only the areas with something written."""
    cleaned = {}
    for code, texts in areas.items():
        if code not in Area.values:
            raise ValidationError(_("Nieznany obszar: %(a)s.") % {"a": code})
        strengths = (texts.get("strengths") or "").strip()
        problems = (texts.get("problems") or "").strip()
        if strengths or problems:
            cleaned[code] = (strengths, problems)
    if not cleaned:
        raise ValidationError(
            _("Opisz co najmniej jeden obszar funkcjonowania rodziny (zasoby lub problemy).")
        )
    return cleaned


def _check(diagnosis: InitialDiagnosis) -> None:
    not_future(diagnosis.made_on, "made_on")
    if diagnosis.child_risk != RiskLevel.NONE and not diagnosis.child_risk_description.strip():
        raise ValidationError(
            {"child_risk_description": _("Opisz, na czym polega zagrożenie bezpieczeństwa dzieci.")}
        )
    diagnosis.full_clean(exclude=["centre", "family", "made_by"])


def _save_areas(diagnosis: InitialDiagnosis, areas: dict[str, tuple[str, str]]) -> None:
    existing = {row.area: row for row in diagnosis.areas.all()}
    for code, row in existing.items():
        if code not in areas:
            row.delete()
    for code, (strengths, problems) in areas.items():
        current = existing.get(code)
        if current is None:
            DiagnosisArea.objects.create(
                centre_id=diagnosis.centre_id,
                diagnosis=diagnosis,
                area=code,
                strengths=strengths,
                problems=problems,
            )
        elif (current.strengths, current.problems) != (strengths, problems):
            current.strengths, current.problems = strengths, problems
            current.save(update_fields=["strengths", "problems"])


@transaction.atomic
def create_diagnosis(
    *, family: Family, by: Any, areas: AreaTexts, **fields: Any
) -> InitialDiagnosis:
    """Record the initial diagnosis of the family, made by `by`, with its areas (area code ->
    {"strengths", "problems"}; areas left empty are not recorded)."""
    require_writer(family, by)
    cleaned = _clean_areas(areas)
    diagnosis = InitialDiagnosis(
        centre_id=family.centre_id, family=family, made_by=by, **only(fields, DIAGNOSIS_FIELDS)
    )
    _check(diagnosis)
    diagnosis.save()
    _save_areas(diagnosis, cleaned)
    return diagnosis


@transaction.atomic
def update_diagnosis(
    *, diagnosis: InitialDiagnosis, by: Any, areas: AreaTexts, **fields: Any
) -> InitialDiagnosis:
    """Correct a diagnosis; only the fields and areas that changed are written."""
    require_writer(diagnosis.family, by)
    cleaned = _clean_areas(areas)
    for name, value in only(fields, DIAGNOSIS_FIELDS).items():
        setattr(diagnosis, name, value)
    _check(diagnosis)
    diagnosis.save()
    _save_areas(diagnosis, cleaned)
    return diagnosis
