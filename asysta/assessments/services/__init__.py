"""Services of the app: the UI, the API and commands call these (never the models directly).

Every function takes keyword-only arguments, runs in one transaction and raises
django's ValidationError (with field keys where a field is at fault) with a Polish message.
"""

from asysta.assessments.services._common import is_assistant_of, staff_of
from asysta.assessments.services.achievements import rate_plan
from asysta.assessments.services.assessments import (
    acknowledge_assessment,
    create_assessment,
    overlapping,
    submit_assessment,
    update_assessment,
)
from asysta.assessments.services.diagnoses import create_diagnosis, update_diagnosis
from asysta.assessments.services.dispatches import (
    ASSESSMENT_TO_PCPR_DEFAULT,
    pcpr_recipients,
    record_dispatch,
    routes_to_pcpr,
)
from asysta.assessments.services.meetings import (
    add_meeting_task,
    complete_meeting_task,
    create_meeting,
    kind_errors,
    update_meeting,
)

__all__ = [
    "ASSESSMENT_TO_PCPR_DEFAULT",
    "acknowledge_assessment",
    "add_meeting_task",
    "complete_meeting_task",
    "create_assessment",
    "create_diagnosis",
    "create_meeting",
    "is_assistant_of",
    "kind_errors",
    "overlapping",
    "pcpr_recipients",
    "rate_plan",
    "record_dispatch",
    "routes_to_pcpr",
    "staff_of",
    "submit_assessment",
    "update_assessment",
    "update_diagnosis",
    "update_meeting",
]
