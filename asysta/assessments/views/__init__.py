"""Views of the app: initial diagnosis, periodic assessments, team meetings."""

from asysta.assessments.views.assessments import (
    assessment_create,
    assessment_detail,
    assessment_edit,
    assessment_list,
    assessment_submit,
)
from asysta.assessments.views.diagnoses import diagnosis_create, diagnosis_detail, diagnosis_edit
from asysta.assessments.views.handling import (
    assessment_acknowledge,
    assessment_dispatch,
    assessment_rate,
)
from asysta.assessments.views.meetings import (
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_task_add,
    meeting_task_done,
)

__all__ = [
    "assessment_acknowledge",
    "assessment_create",
    "assessment_detail",
    "assessment_dispatch",
    "assessment_edit",
    "assessment_list",
    "assessment_rate",
    "assessment_submit",
    "diagnosis_create",
    "diagnosis_detail",
    "diagnosis_edit",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_task_add",
    "meeting_task_done",
]
