"""Forms of the app (they only shape input; the services decide)."""

from asysta.assessments.forms.assessment import (
    AcknowledgeForm,
    AssessmentForm,
    DispatchForm,
    RatingForm,
)
from asysta.assessments.forms.diagnosis import DiagnosisForm
from asysta.assessments.forms.meeting import (
    ExternalFormSet,
    MeetingForm,
    TaskForm,
    TaskFormSet,
    external_rows,
    task_rows,
)

__all__ = [
    "AcknowledgeForm",
    "AssessmentForm",
    "DiagnosisForm",
    "DispatchForm",
    "ExternalFormSet",
    "MeetingForm",
    "RatingForm",
    "TaskForm",
    "TaskFormSet",
    "external_rows",
    "task_rows",
]
