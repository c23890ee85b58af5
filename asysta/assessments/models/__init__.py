"""Initial diagnosis, periodic assessments of the family's situation and team meetings."""

from asysta.assessments.models.achievement import (
    Achievement,
    ActionAchievement,
    GoalAchievement,
)
from asysta.assessments.models.areas import (
    ANCHORS,
    SCORES,
    Area,
    RiskLevel,
    anchor,
)
from asysta.assessments.models.assessment import (
    COUNTED_STATUSES,
    AreaScore,
    AssessmentStatus,
    Dispatch,
    DispatchWay,
    PeriodicAssessment,
    Recommendation,
)
from asysta.assessments.models.diagnosis import DiagnosisArea, InitialDiagnosis
from asysta.assessments.models.meeting import (
    ExternalParticipant,
    MeetingDecision,
    MeetingKind,
    MeetingTask,
    ReturnHomeOpinion,
    TeamMeeting,
)

# Every model of the app goes into the audit trail (free text masked).
AUDITED = (
    InitialDiagnosis,
    DiagnosisArea,
    PeriodicAssessment,
    AreaScore,
    Dispatch,
    TeamMeeting,
    ExternalParticipant,
    MeetingTask,
    GoalAchievement,
    ActionAchievement,
)

__all__ = [
    "ANCHORS",
    "AUDITED",
    "COUNTED_STATUSES",
    "SCORES",
    "Achievement",
    "ActionAchievement",
    "Area",
    "AreaScore",
    "AssessmentStatus",
    "DiagnosisArea",
    "Dispatch",
    "DispatchWay",
    "ExternalParticipant",
    "GoalAchievement",
    "InitialDiagnosis",
    "MeetingDecision",
    "MeetingKind",
    "MeetingTask",
    "PeriodicAssessment",
    "Recommendation",
    "ReturnHomeOpinion",
    "RiskLevel",
    "TeamMeeting",
    "anchor",
]
