"""Team meetings on the family (zespół ds. oceny sytuacji rodziny, domain.md §5).

Not a statutory body but a common practice: the assistant convenes the family, the social
worker, the school pedagogue, the probation officer and others; the team decides whether the
work goes on, the plan changes or the work ends, and sets follow-up tasks.

One kind is not the centre's own: the foster-care organiser's (PCPR's) periodic assessment of
the situation of a child in foster care (art. 130-131 of the family-support act), to which the
family's assistant is invited (domain.md §4.9). The centre only records that it was invited,
whether its assistant took part and the minutes; it makes no decision of its own there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models.assessment import PeriodicAssessment
from asysta.core.models import TenantModel
from asysta.families.models import ChildPlacement, Member
from asysta.families.models._base import FamilyOwned
from asysta.intake.models import EndReason


class MeetingKind(models.TextChoices):
    ASSESSMENT_TEAM = "assessment_team", _("zespół ds. oceny sytuacji rodziny")
    CASE_CONFERENCE = "case_conference", _("konferencja w sprawie rodziny")
    CHILD_ASSESSMENT = (
        "child_assessment",
        _("posiedzenie zespołu ds. okresowej oceny sytuacji dziecka (organizator pieczy)"),
    )
    OTHER = "other", _("inne spotkanie")


class MeetingDecision(models.TextChoices):
    CONTINUE = "continue", _("kontynuacja pracy z rodziną")
    CHANGE_PLAN = "change_plan", _("zmiana planu pracy z rodziną")
    END = "end", _("zakończenie pracy z rodziną")
    NOTIFY_COURT = "notify_court", _("zawiadomienie sądu")
    REFER = "refer", _("skierowanie do innej instytucji")


class ReturnHomeOpinion(models.TextChoices):
    """The organiser's team's view of the child's further stay in foster care (art. 130: the
    assessment weighs whether the further stay is justified), as the minutes record it."""

    RETURN_HOME = "return_home", _("powrót dziecka do rodziny możliwy")
    STAY = "stay", _("dalszy pobyt dziecka w pieczy zastępczej zasadny")
    OTHER = "other", _("inne rozwiązanie (np. zmiana formy pieczy, przysposobienie)")


class TeamMeeting(FamilyOwned):
    kind = models.CharField(
        _("rodzaj spotkania"),
        max_length=16,
        choices=MeetingKind.choices,
        default=MeetingKind.ASSESSMENT_TEAM,
    )
    held_on = models.DateField(_("data spotkania"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("uczestnicy z ośrodka"),
    )
    family_attended = models.BooleanField(_("rodzina uczestniczyła"), default=False)
    members_present = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name=_("obecni członkowie rodziny")
    )
    assessment = models.ForeignKey(
        PeriodicAssessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("omawiana ocena okresowa"),
    )
    # Kind CHILD_ASSESSMENT only (the service clears them for the other kinds).
    placement = models.ForeignKey(
        ChildPlacement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_meetings",
        verbose_name=_("dziecko w pieczy zastępczej"),
    )
    convened_by = models.CharField(
        _("zwołał (organizator pieczy, instytucja)"), max_length=200, blank=True
    )
    invited_on = models.DateField(_("zaproszenie otrzymano dnia"), null=True, blank=True)
    assistant_attended = models.BooleanField(_("asystent rodziny uczestniczył"), default=False)
    return_home_opinion = models.CharField(
        _("opinia zespołu o powrocie dziecka do rodziny"),
        max_length=12,
        choices=ReturnHomeOpinion.choices,
        blank=True,
    )
    # The minutes (protokół) of the meeting; for the centre's own kinds its findings.
    findings = models.TextField(_("ustalenia"))
    # Blank only at the organiser's meeting: the centre decides about its work elsewhere.
    decision = models.CharField(
        _("decyzja"), max_length=12, choices=MeetingDecision.choices, blank=True
    )
    end_reason = models.CharField(
        _("powód zakończenia pracy"), max_length=20, choices=EndReason.choices, blank=True
    )
    decision_note = models.TextField(_("uzasadnienie decyzji"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zapisał(a)"),
    )

    class Meta:
        verbose_name = _("spotkanie zespołu")
        verbose_name_plural = _("spotkania zespołu")
        ordering = ["-held_on", "-pk"]
        default_related_name = "team_meetings"
        indexes = [models.Index(fields=["centre", "family", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=MeetingDecision.END) | ~Q(end_reason=""),
                name="meeting_end_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind=MeetingKind.CHILD_ASSESSMENT) | ~Q(decision=""),
                name="meeting_has_decision_unless_child_assessment",
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeetingKind.CHILD_ASSESSMENT)
                | (Q(placement__isnull=False) & ~Q(convened_by="")),
                name="meeting_child_assessment_has_placement_and_organiser",
            ),
            models.CheckConstraint(
                condition=Q(kind=MeetingKind.CHILD_ASSESSMENT) | Q(placement__isnull=True),
                name="meeting_placement_only_for_child_assessment",
            ),
            models.CheckConstraint(
                condition=Q(invited_on__isnull=True) | Q(invited_on__lte=F("held_on")),
                name="meeting_invitation_not_after_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"

    @property
    def is_child_assessment(self) -> bool:
        return self.kind == MeetingKind.CHILD_ASSESSMENT


class ExternalParticipant(TenantModel):
    """Someone from outside the centre (a school pedagogue, a probation officer, a therapist)."""

    meeting = models.ForeignKey(
        TeamMeeting,
        on_delete=models.CASCADE,
        related_name="external_participants",
        verbose_name=_("spotkanie"),
    )
    name = models.CharField(_("imię i nazwisko"), max_length=200)
    institution = models.CharField(_("instytucja, funkcja"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("uczestnik spoza ośrodka")
        verbose_name_plural = _("uczestnicy spoza ośrodka")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})" if self.institution else self.name

    def get_additional_data(self) -> dict[str, object]:
        return self.meeting.get_additional_data()


class MeetingTask(TenantModel):
    """A follow-up task set by the meeting, with its owner and deadline."""

    meeting = models.ForeignKey(
        TeamMeeting, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("spotkanie")
    )
    what = models.CharField(_("zadanie"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("odpowiada (pracownik ośrodka)"),
    )
    owner_text = models.CharField(
        _("odpowiada (osoba spoza ośrodka lub rodzina)"), max_length=200, blank=True
    )
    due_on = models.DateField(_("termin"))
    done_on = models.DateField(_("wykonano dnia"), null=True, blank=True)

    class Meta:
        verbose_name = _("zadanie ze spotkania")
        verbose_name_plural = _("zadania ze spotkania")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) | ~Q(owner_text=""),
                name="meeting_task_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def owner(self) -> str:
        return str(self.owner_user) if self.owner_user_id else self.owner_text

    def get_additional_data(self) -> dict[str, object]:
        return self.meeting.get_additional_data()
