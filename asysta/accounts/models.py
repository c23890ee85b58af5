"""Users and their roles in a centre."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import Centre


class Role(models.TextChoices):
    HEAD = "head", _("kierownik")
    COORDINATOR = "coordinator", _("koordynator")
    ASSISTANT = "assistant", _("asystent rodziny")
    SOCIAL_WORKER = "social_worker", _("pracownik socjalny")
    HR = "hr", _("kadry i finanse")
    ADMIN = "admin", _("administrator")
    AUDITOR = "auditor", _("audytor")


class EmploymentForm(models.TextChoices):
    """The form of employment of an assistant (the half-year report counts assistants by it)."""

    EMPLOYMENT_CONTRACT = "employment_contract", _("umowa o pracę")
    CIVIL_CONTRACT = "civil_contract", _("umowa zlecenie")
    OTHER = "other", _("inna")


class User(AbstractUser):
    """A person who signs in. Roles come from memberships in a centre."""

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def is_verified(self) -> bool:
        """Whether this session passed the second factor.

        django-otp's middleware replaces this on every request's user; anywhere else (a shell,
        a management command) the answer is no.
        """
        return False


class Membership(models.Model):
    """One role of one user in one centre. A user may hold several roles in their centre."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("ośrodek")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("użytkownik")
    )
    role = models.CharField(_("rola"), max_length=16, choices=Role.choices)
    fte = models.DecimalField(
        _("wymiar etatu"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("Dla asystenta rodziny: wymiar zatrudnienia (np. 0,5)."),
    )
    employment_form = models.CharField(
        _("forma zatrudnienia"),
        max_length=20,
        choices=EmploymentForm.choices,
        default=EmploymentForm.EMPLOYMENT_CONTRACT,
        help_text=_("Dla asystenta rodziny: sprawozdanie półroczne liczy asystentów według niej."),
    )
    is_active = models.BooleanField(_("aktywna"), default=True)
    employed_from = models.DateField(
        _("zatrudnienie od"),
        null=True,
        blank=True,
        help_text=_("Pierwszy dzień pracy w tej roli (sprawozdania za minione okresy)."),
    )
    employed_until = models.DateField(
        _("zatrudnienie do"),
        null=True,
        blank=True,
        help_text=_("Ostatni dzień pracy w tej roli; puste, dopóki praca trwa."),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("rola w ośrodku")
        verbose_name_plural = _("role w ośrodku")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "user", "role"], name="membership_unique_role_per_user"
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gt=0) & models.Q(fte__lte=1), name="membership_fte_range"
            ),
            models.CheckConstraint(
                condition=models.Q(employed_from__isnull=True)
                | models.Q(employed_until__isnull=True)
                | models.Q(employed_until__gte=models.F("employed_from")),
                name="membership_employment_dates_order",
                violation_error_message=_(
                    "Koniec zatrudnienia nie może być wcześniejszy niż jego początek."
                ),
            ),
        ]
        indexes = [models.Index(fields=["centre", "role", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.centre})"

    def clean(self) -> None:
        super().clean()
        if self.employed_from and self.employed_until and self.employed_until < self.employed_from:
            raise ValidationError(
                {
                    "employed_until": _(
                        "Koniec zatrudnienia nie może być wcześniejszy niż jego początek."
                    )
                }
            )

    @staticmethod
    def employed_on(day: date, prefix: str = "") -> models.Q:
        """Roles in which the person worked on `day`: started on or before it (or no start
        recorded) and either ended on or after it, or not ended and still active. Without
        employment dates this is today's `is_active`, the only thing known.

        `prefix` reaches the role through a relation (e.g. "memberships__")."""
        started = models.Q(**{f"{prefix}employed_from__isnull": True}) | models.Q(
            **{f"{prefix}employed_from__lte": day}
        )
        not_ended = models.Q(**{f"{prefix}employed_until__gte": day}) | models.Q(
            **{f"{prefix}employed_until__isnull": True, f"{prefix}is_active": True}
        )
        return started & not_ended

    def get_additional_data(self) -> dict[str, object]:
        return {"centre": self.centre_id}


class FtePeriod(models.Model):
    """The working time (etat) of an assistant from a date on: the caseload soft cap and the
    programme settlements read the FTE in force on a given day."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="fte_periods", verbose_name=_("rola")
    )
    fte = models.DecimalField(
        _("wymiar etatu"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1.00"))],
    )
    valid_from = models.DateField(_("od dnia"))

    class Meta:
        verbose_name = _("wymiar etatu od dnia")
        verbose_name_plural = _("historia wymiaru etatu")
        ordering = ["membership", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "valid_from"], name="fte_period_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gt=0) & models.Q(fte__lte=1), name="fte_period_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fte} od {self.valid_from:%d.%m.%Y}"
