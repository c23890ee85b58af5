"""Intake: the request for an assistant, the head's decision, the queue, the assignment."""

from asysta.intake.models.assignment import Assignment, EndReason, Phase
from asysta.intake.models.referral import (
    QueuePriority,
    Referral,
    ReferralSource,
    ReferralStatus,
)

__all__ = [
    "Assignment",
    "EndReason",
    "Phase",
    "QueuePriority",
    "Referral",
    "ReferralSource",
    "ReferralStatus",
]
