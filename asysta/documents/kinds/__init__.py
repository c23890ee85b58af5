"""The document kinds (see `base`). Importing this package registers every kind, in the order
of the catalogue (domain.md §4): the help page and the family's panel list them so."""

from asysta.documents.kinds import (
    assessments,
    closure,
    court,
    family,
    intake,
    meetings,
    plans,
    visits,
    workcard,
)
from asysta.documents.kinds.base import register

CATALOGUE = (
    family.FAMILY_RECORD,
    intake.ASSISTANT_REQUEST,
    intake.ASSIGNMENT_LETTER,
    family.CONSENT,
    plans.WORK_PLAN,
    visits.CONTACT_RECORD,
    visits.VISIT_DIARY,
    workcard.WORK_CARD,
    assessments.INITIAL_DIAGNOSIS,
    assessments.PERIODIC_ASSESSMENT,
    meetings.TEAM_MEETING,
    court.COURT_OPINION,
    closure.CLOSING_REPORT,
    closure.MONITORING_CARD,
    court.COURT_NOTICE,
    closure.NEW_CENTRE_LETTER,
)

for _kind in CATALOGUE:
    register(_kind)
