"""Contacts with the family (karta pracy, dziennik wizyt, notatka), their corrections and the
child-safety alerts they raise (domain.md §4.4; art. 15 ust. 1 pkt 12 and 14 UWR).

A saved note is never deleted: it may be edited (auditlog keeps who and when) or corrected with a
dated correction note.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models import Member
from asysta.families.models._base import FamilyOwned
from asysta.plans.models import Action, ActionStatus


class Place(models.TextChoices):
    HOME = "home", _("dom rodziny")
    CENTRE = "centre", _("ośrodek")
    SCHOOL = "school", _("szkoła / przedszkole")
    COURT = "court", _("sąd")
    CLINIC = "clinic", _("przychodnia / poradnia")
    OFFICE = "office", _("urząd")
    OTHER = "other", _("inne miejsce")


# Places that count as cooperation with institutions on the monthly work card.
INSTITUTION_PLACES = (Place.SCHOOL, Place.COURT, Place.CLINIC, Place.OFFICE)


class ContactKind(models.TextChoices):
    """The form of the contact (forma kontaktu)."""

    HOME_VISIT = "home_visit", _("wizyta w domu rodziny")
    PHONE = "phone", _("rozmowa telefoniczna")
    ACCOMPANYING = "accompanying", _("towarzyszenie rodzinie w instytucji")
    GROUP = "group", _("zajęcia grupowe")
    TEAM_MEETING = "team_meeting", _("spotkanie zespołu")
    UNSUCCESSFUL = "unsuccessful", _("nieudana wizyta (nie zastano rodziny)")


class SafetyAction(models.TextChoices):
    """What was done about a possible threat to a child (art. 15 ust. 1 pkt 12)."""

    INTERVENTION = "intervention", _("działania interwencyjne")
    BLUE_CARD = "nk_a", _("formularz „Niebieska Karta – A”")
    COURT_NOTICE = "court_notice", _("zawiadomienie sądu rodzinnego")
    OTHER = "other", _("inne działania")


def minutes_between(start: object, end: object) -> int | None:
    """Whole minutes from `start` to `end` on one day (None unless both are times)."""
    if start is None or end is None:
        return None
    day = date(2000, 1, 1)
    delta = datetime.combine(day, end) - datetime.combine(day, start)  # type: ignore[arg-type]
    return int(delta.total_seconds() // 60)


class Contact(FamilyOwned):
    """One contact with the family: a visit, a call, an accompanied visit, a missed visit."""

    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recorded_contacts",
        verbose_name=_("zapisał(a)"),
    )
    date = models.DateField(_("data"))
    start_time = models.TimeField(_("od godziny"))
    end_time = models.TimeField(_("do godziny"))
    # Kept in step with the times by `clean()`, so reports sum it in SQL.
    duration_minutes = models.PositiveIntegerField(_("czas trwania (min)"), editable=False)
    place = models.CharField(_("miejsce"), max_length=8, choices=Place.choices)
    place_note = models.CharField(
        _("miejsce — opis"),
        max_length=200,
        blank=True,
        help_text=_("Np. nazwa szkoły lub urzędu; wymagane dla „inne miejsce”."),
    )
    form = models.CharField(_("forma kontaktu"), max_length=14, choices=ContactKind.choices)
    members_present = models.ManyToManyField(
        Member,
        blank=True,
        related_name="contacts_attended",
        verbose_name=_("obecni członkowie rodziny"),
    )
    others_present = models.CharField(
        _("inne osoby obecne"),
        max_length=300,
        blank=True,
        help_text=_("Np. pracownik socjalny, kurator, pedagog szkolny."),
    )
    summary = models.TextField(
        _("przebieg spotkania"),
        help_text=_("Tematy, obserwacje, co zrobiono od ostatniego spotkania."),
    )
    tasks_family = models.TextField(_("zadania rodziny do następnego spotkania"), blank=True)
    tasks_assistant = models.TextField(_("zadania asystenta do następnego spotkania"), blank=True)
    kilometres = models.DecimalField(
        _("przejechane kilometry"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    child_safety = models.BooleanField(
        _("możliwe zagrożenie bezpieczeństwa dziecka"),
        default=False,
        help_text=_("Zaznaczenie od razu powiadamia koordynatora i kierownika."),
    )
    safety_actions = models.JSONField(_("podjęte działania"), default=list, blank=True)
    safety_description = models.TextField(_("opis zagrożenia i podjętych działań"), blank=True)
    corrected = models.BooleanField(_("skorygowano"), default=False, editable=False)
    actions = models.ManyToManyField(
        Action,
        through="ContactAction",
        blank=True,
        related_name="contacts",
        verbose_name=_("działania planu, których dotyczył kontakt"),
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("kontakt z rodziną")
        verbose_name_plural = _("kontakty z rodziną")
        ordering = ["-date", "-start_time", "-pk"]
        default_related_name = "contacts"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="contact_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="contact_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(child_safety=False) | ~Q(safety_description=""),
                name="contact_safety_described",
            ),
            models.CheckConstraint(
                condition=Q(kilometres__isnull=True) | Q(kilometres__gte=0),
                name="contact_kilometres_not_negative",
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="contact_summary_required"),
        ]
        indexes = [
            models.Index(fields=["centre", "assistant", "date"], name="contact_assistant_date"),
            models.Index(fields=["family", "date"], name="contact_family_date"),
            # The centre's contacts of a period (activity report, work cards).
            models.Index(fields=["centre", "date"], name="contact_centre_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.date:%d.%m.%Y}"

    @property
    def duration(self) -> int | None:
        """Minutes from start to end, derived from the times (None while either is missing)."""
        return minutes_between(self.start_time, self.end_time)

    @property
    def duration_label(self) -> str:
        minutes = self.duration or 0
        return f"{minutes // 60}:{minutes % 60:02d}"

    @property
    def safety_action_labels(self) -> list[str]:
        labels = dict(SafetyAction.choices)
        return [str(labels.get(code, code)) for code in self.safety_actions or []]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[Any]] = {}
        if self.date and self.date > timezone.localdate():
            errors.setdefault("date", []).append(_("Data kontaktu nie może być z przyszłości."))
        minutes = self.duration
        if minutes is not None and minutes <= 0:
            errors.setdefault("end_time", []).append(
                _("Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.")
            )
        if self.place == Place.OTHER and not self.place_note.strip():
            errors.setdefault("place_note", []).append(_("Opisz, gdzie odbył się kontakt."))
        self._clean_safety(errors)
        if errors:
            raise ValidationError(errors)
        if minutes is not None:
            self.duration_minutes = minutes

    def _clean_safety(self, errors: dict[str, list[Any]]) -> None:
        actions = self.safety_actions or []
        if not isinstance(actions, list) or not set(actions) <= set(SafetyAction.values):
            errors.setdefault("safety_actions", []).append(_("Wybierz działania z listy."))
        if self.child_safety and not self.safety_description.strip():
            errors.setdefault("safety_description", []).append(
                _("Opisz zagrożenie i to, co zrobiono (wymagane przy zaznaczeniu zagrożenia).")
            )
        if not self.child_safety and (actions or self.safety_description.strip()):
            errors.setdefault("child_safety", []).append(
                _("Działania w sprawie bezpieczeństwa dziecka wymagają zaznaczenia zagrożenia.")
            )


class ContactAction(TenantModel):
    """An action of the plan in force addressed in a contact, with the progress reported then."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="action_reports", verbose_name=_("kontakt")
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        related_name="contact_reports",
        verbose_name=_("działanie planu"),
    )
    status_after = models.CharField(
        _("stan realizacji po kontakcie"), max_length=12, choices=ActionStatus.choices
    )
    progress_note = models.TextField(_("postęp"), blank=True)

    class Meta:
        verbose_name = _("działanie planu omówione w kontakcie")
        verbose_name_plural = _("działania planu omówione w kontaktach")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "action"], name="contact_action_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.get_status_after_display()}"

    def get_additional_data(self) -> dict[str, object]:
        return {**self.contact.get_additional_data(), "contact": self.contact_id}


class Correction(FamilyOwned):
    """A dated correction note to a saved contact (notes are corrected, never deleted)."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("kontakt")
    )
    text = models.TextField(_("treść korekty"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("autor korekty"),
    )

    class Meta:
        verbose_name = _("korekta notatki z kontaktu")
        verbose_name_plural = _("korekty notatek z kontaktów")
        ordering = ["created_at", "pk"]
        default_related_name = "contact_corrections"
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_text")]

    def __str__(self) -> str:
        day = timezone.localtime(self.created_at).strftime("%d.%m.%Y")
        return _("Korekta z %(d)s") % {"d": day}


class SafetyAlert(FamilyOwned):
    """A possible threat to a child noted in a contact: shown at once to the coordinator and the
    head on their start page until one of them acknowledges it."""

    contact = models.OneToOneField(
        Contact, on_delete=models.PROTECT, related_name="safety_alert", verbose_name=_("kontakt")
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("potwierdził(a)"),
    )
    acknowledged_at = models.DateTimeField(_("potwierdzono"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert: bezpieczeństwo dziecka")
        verbose_name_plural = _("alerty: bezpieczeństwo dziecka")
        ordering = ["-created_at", "-pk"]
        default_related_name = "safety_alerts"
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_by__isnull=True, acknowledged_at__isnull=True)
                | Q(acknowledged_by__isnull=False, acknowledged_at__isnull=False),
                name="safety_alert_acknowledgement_complete",
            )
        ]
        indexes = [models.Index(fields=["centre", "acknowledged_at"], name="safety_alert_open")]

    def __str__(self) -> str:
        return _("Alert bezpieczeństwa: %(c)s") % {"c": self.contact}

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None
