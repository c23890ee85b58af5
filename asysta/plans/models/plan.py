"""Work plan → goals → actions.

Statutory minimum (art. 15 ust. 3 UWR): the scope of actions with deadlines and expected effects,
drawn up with the family members and after consulting the social worker (ust. 1 pkt 1); with the
foster-care coordinator and coordinated with the child's care plan when a child is in foster care
(ust. 1 pkt 2). Plans are versioned: a new version starts as a copy of the previous one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models import Member
from asysta.families.models._base import FamilyOwned


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("projekt")
    AGREED = "agreed", _("uzgodniony z rodziną")
    IN_FORCE = "in_force", _("obowiązuje")
    SUPERSEDED = "superseded", _("zastąpiony")
    CLOSED = "closed", _("zamknięty")


class WorkPlan(FamilyOwned):
    """One version of the work plan with the family."""

    version = models.PositiveIntegerField(_("wersja"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    drawn_up_on = models.DateField(_("data sporządzenia"))
    starts_on = models.DateField(_("obowiązuje od"), null=True, blank=True)
    ended_on = models.DateField(
        _("obowiązywał do"), null=True, blank=True, help_text=_("Zastąpienie lub zamknięcie.")
    )
    review_due_on = models.DateField(
        _("termin przeglądu planu"),
        null=True,
        blank=True,
        help_text=_("Domyślnie rok od wejścia planu w życie."),
    )
    agreed_on = models.DateField(_("uzgodniony z rodziną dnia"), null=True, blank=True)
    participants = models.ManyToManyField(
        Member,
        blank=True,
        related_name="work_plans",
        verbose_name=_("członkowie rodziny współtworzący plan"),
    )
    approved_on = models.DateField(_("zatwierdzony dnia"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zatwierdził"),
    )
    # Consultation with the social worker (art. 15 ust. 1 pkt 1).
    consulted_on = models.DateField(
        _("konsultacja z pracownikiem socjalnym"), null=True, blank=True
    )
    consultation_form = models.CharField(
        _("forma konsultacji"),
        max_length=100,
        blank=True,
        help_text=_("Np. spotkanie, telefonicznie, e-mail."),
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pracownik socjalny"),
    )
    # Foster care (art. 15 ust. 1 pkt 2): coordinator and the child's care plan.
    foster_coordinator = models.CharField(
        _("koordynator rodzinnej pieczy zastępczej"),
        max_length=200,
        blank=True,
        help_text=_("Imię i nazwisko, PCPR."),
    )
    care_plan_child = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dziecko (plan pomocy dziecku)"),
    )
    care_plan_pcpr = models.CharField(
        _("PCPR / organizator pieczy (plan pomocy dziecku)"), max_length=200, blank=True
    )
    care_plan_date = models.DateField(_("data planu pomocy dziecku"), null=True, blank=True)
    diagnosis_summary = models.TextField(
        _("podsumowanie diagnozy / obszary problemowe"), blank=True
    )
    resources = models.TextField(_("zasoby rodziny i wsparcie zewnętrzne"), blank=True)
    risks = models.TextField(_("zagrożenia i działania na rzecz bezpieczeństwa"), blank=True)
    notes = models.TextField(_("uwagi"), blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("poprzednia wersja"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sporządził"),
    )

    class Meta:
        verbose_name = _("plan pracy z rodziną")
        verbose_name_plural = _("plany pracy z rodziną")
        ordering = ["-version"]
        default_related_name = "workplans"
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="workplan_version_unique"),
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(status="in_force"),
                name="workplan_one_in_force_per_family",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="workplan_version_positive"),
            models.CheckConstraint(
                condition=~Q(status__in=["in_force", "superseded", "closed"])
                | Q(starts_on__isnull=False),
                name="workplan_in_force_has_start",
            ),
            models.CheckConstraint(
                condition=Q(review_due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(review_due_on__gt=F("starts_on")),
                name="workplan_review_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ended_on__gte=F("starts_on")),
                name="workplan_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True, approved_by__isnull=True)
                | Q(approved_on__isnull=False, approved_by__isnull=False),
                name="workplan_approval_complete",
            ),
        ]
        indexes = [models.Index(fields=["centre", "status"], name="workplan_centre_status")]

    def __str__(self) -> str:
        return _("Plan pracy z rodziną, wersja %(v)s") % {"v": self.version}

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_in_force(self) -> bool:
        return self.status == PlanStatus.IN_FORCE

    @property
    def is_open(self) -> bool:
        """Still being prepared: a draft, or agreed with the family but not yet in force."""
        return self.status in (PlanStatus.DRAFT, PlanStatus.AGREED)

    @property
    def is_review_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.is_in_force
            and self.review_due_on is not None
            and self.review_due_on < timezone.localdate()
        )


class GoalArea(models.TextChoices):
    """Areas of work (domain.md §4.2)."""

    CHILDCARE = "childcare", _("opieka i wychowanie dzieci")
    HOUSEHOLD = "household", _("prowadzenie gospodarstwa domowego")
    MATERIAL = "material", _("sytuacja materialna i mieszkaniowa")
    EMPLOYMENT = "employment", _("zatrudnienie i kwalifikacje zawodowe")
    HEALTH = "health", _("zdrowie (w tym uzależnienia i zdrowie psychiczne)")
    RELATIONS = "relations", _("relacje w rodzinie i aktywność społeczna")
    SAFETY = "safety", _("bezpieczeństwo dzieci")
    EDUCATION = "education", _("edukacja i rozwój dzieci")
    INSTITUTIONS = "institutions", _("współpraca z instytucjami")
    OTHER = "other", _("inne")


class Goal(TenantModel):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    area = models.CharField(_("obszar"), max_length=12, choices=GoalArea.choices)
    description = models.TextField(_("cel"))
    is_main = models.BooleanField(
        _("cel główny (długoterminowy)"),
        default=False,
        help_text=_("Bez zaznaczenia: cel szczegółowy (krótkoterminowy)."),
    )
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("cel planu")
        verbose_name_plural = _("cele planu")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="goal_description_required")
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_additional_data(self) -> dict[str, object]:
        return {**self.plan.get_additional_data(), "plan": self.plan_id}


class Responsible(models.TextChoices):
    MEMBER = "member", _("członek rodziny")
    ASSISTANT = "assistant", _("asystent rodziny")
    SOCIAL_WORKER = "social_worker", _("pracownik socjalny")
    INSTITUTION = "institution", _("instytucja / inna osoba")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("zaplanowane")
    IN_PROGRESS = "in_progress", _("w trakcie")
    DONE = "done", _("zrealizowane")
    NOT_DONE = "not_done", _("niezrealizowane")
    CANCELLED = "cancelled", _("anulowane")


class Action(TenantModel):
    """What is to be done, by whom, by when and with what expected effect (art. 15 ust. 3)."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("cel")
    )
    what = models.TextField(_("działanie"))
    responsible_kind = models.CharField(
        _("kto realizuje"), max_length=14, choices=Responsible.choices
    )
    responsible_member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("członek rodziny"),
    )
    responsible_name = models.CharField(
        _("instytucja / osoba"),
        max_length=200,
        blank=True,
        help_text=_("Dla instytucji: nazwa, np. poradnia psychologiczno-pedagogiczna."),
    )
    deadline = models.DateField(_("termin"))
    expected_effect = models.TextField(_("przewidywany efekt"))
    indicator = models.CharField(_("wskaźnik osiągnięcia"), max_length=300, blank=True)
    status = models.CharField(
        _("stan realizacji"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.PLANNED,
    )
    progress_note = models.TextField(_("uwagi o realizacji"), blank=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="action_what_required"),
            models.CheckConstraint(
                condition=~Q(expected_effect=""), name="action_expected_effect_required"
            ),
            models.CheckConstraint(
                condition=Q(responsible_kind="member", responsible_member__isnull=False)
                | Q(responsible_kind__in=["assistant", "social_worker"])
                | (Q(responsible_kind="institution") & ~Q(responsible_name="")),
                name="action_responsible_required",
            ),
        ]
        indexes = [models.Index(fields=["centre", "status", "deadline"], name="action_due")]

    def __str__(self) -> str:
        return self.what[:80]

    def get_additional_data(self) -> dict[str, object]:
        return {**self.goal.get_additional_data(), "goal": self.goal_id}

    def clean(self) -> None:
        """Who does it must be named (art. 15 ust. 3): a member of the family or an institution."""
        super().clean()
        errors: dict[str, Any] = {}
        kind = self.responsible_kind
        if kind == Responsible.MEMBER:
            family_id = self.goal.plan.family_id if self.goal_id else None
            member = self.responsible_member if self.responsible_member_id else None
            if member is None:
                errors["responsible_member"] = _("Wskaż członka rodziny, który to zrobi.")
            elif family_id and member.family_id != family_id:
                errors["responsible_member"] = _("Ta osoba nie należy do tej rodziny.")
        else:
            self.responsible_member = None
        if kind == Responsible.INSTITUTION and not self.responsible_name.strip():
            errors["responsible_name"] = _("Podaj nazwę instytucji lub osoby, która to zrobi.")
        for name in ("what", "expected_effect"):
            value = getattr(self, name)
            if value and not value.strip():
                errors[name] = _("To pole nie może być puste.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self) -> bool:
        """Past its deadline and neither done, cancelled nor reported as not done."""
        from django.utils import timezone

        return (
            self.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
            and self.deadline < timezone.localdate()
        )

    @property
    def responsible_label(self) -> str:
        if self.responsible_kind == Responsible.MEMBER and self.responsible_member_id:
            return str(self.responsible_member)
        if self.responsible_name:
            return f"{self.get_responsible_kind_display()}: {self.responsible_name}"
        return str(self.get_responsible_kind_display())
