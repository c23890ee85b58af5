"""The family record (metryczka rodziny): family, members, legal basis, placements, problems."""

from asysta.families.models.basis import Consent, CourtObligation, CourtOrder, ZaZycieApplication
from asysta.families.models.family import CaseNumberCounter, Family, ReportingCategory
from asysta.families.models.member import (
    ADULT_AGE,
    Member,
    MemberRole,
    ParentalAuthority,
    Relationship,
    Sex,
    age_on,
    validate_pesel,
)
from asysta.families.models.record import (
    BlueCard,
    ChildPlacement,
    FamilyProblem,
    PlacementKind,
    ProblemArea,
)

__all__ = [
    "ADULT_AGE",
    "BlueCard",
    "CaseNumberCounter",
    "ChildPlacement",
    "Consent",
    "CourtObligation",
    "CourtOrder",
    "Family",
    "FamilyProblem",
    "Member",
    "MemberRole",
    "ParentalAuthority",
    "PlacementKind",
    "ProblemArea",
    "Relationship",
    "ReportingCategory",
    "Sex",
    "ZaZycieApplication",
    "age_on",
    "validate_pesel",
]
