"""How far each goal and action of the work plan was achieved in the assessed period."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.assessments.models.assessment import PeriodicAssessment
from asysta.core.models import TenantModel
from asysta.plans.models import Action, Goal


class Achievement(models.TextChoices):
    ACHIEVED = "achieved", _("osiągnięty / zrealizowane")
    PARTLY = "partly", _("częściowo")
    NOT_ACHIEVED = "not_achieved", _("nieosiągnięty / niezrealizowane")


class GoalAchievement(TenantModel):
    assessment = models.ForeignKey(
        PeriodicAssessment,
        on_delete=models.CASCADE,
        related_name="goal_achievements",
        verbose_name=_("ocena"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="achievements", verbose_name=_("cel")
    )
    achievement = models.CharField(_("realizacja"), max_length=12, choices=Achievement.choices)
    comment = models.TextField(_("uzasadnienie"), blank=True)

    class Meta:
        verbose_name = _("realizacja celu")
        verbose_name_plural = _("realizacja celów")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "goal"], name="goal_achievement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_achievement_display()}"

    def get_additional_data(self) -> dict[str, object]:
        return self.assessment.get_additional_data()


class ActionAchievement(TenantModel):
    assessment = models.ForeignKey(
        PeriodicAssessment,
        on_delete=models.CASCADE,
        related_name="action_achievements",
        verbose_name=_("ocena"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="achievements", verbose_name=_("działanie")
    )
    achievement = models.CharField(_("realizacja"), max_length=12, choices=Achievement.choices)
    comment = models.TextField(_("uzasadnienie"), blank=True)

    class Meta:
        verbose_name = _("realizacja działania")
        verbose_name_plural = _("realizacja działań")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "action"], name="action_achievement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_achievement_display()}"

    def get_additional_data(self) -> dict[str, object]:
        return self.assessment.get_additional_data()
