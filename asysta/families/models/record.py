"""The rest of the family record: children outside the family, problem areas, Niebieska Karta."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.calendar import add_working_days
from asysta.families.models._base import FamilyOwned
from asysta.families.models.member import Member


class PlacementKind(models.TextChoices):
    KINSHIP = "kinship", _("rodzina zastępcza spokrewniona")
    NON_PROFESSIONAL = "non_prof", _("rodzina zastępcza niezawodowa")
    PROFESSIONAL = "prof", _("rodzina zastępcza zawodowa")
    FAMILY_HOME = "family_home", _("rodzinny dom dziecka")
    INSTITUTION = "institution", _("placówka opiekuńczo-wychowawcza")
    THERAPEUTIC = "therapeutic", _("regionalna placówka opiekuńczo-terapeutyczna")
    OTHER = "other", _("inna forma")


class ChildPlacement(FamilyOwned):
    """A child of the family living outside it (foster care, institution)."""

    child = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="placements", verbose_name=_("dziecko")
    )
    kind = models.CharField(_("forma pieczy"), max_length=12, choices=PlacementKind.choices)
    carer = models.CharField(
        _("rodzina zastępcza / placówka"), max_length=200, help_text=_("Nazwa lub nazwisko.")
    )
    pcpr = models.CharField(_("PCPR / organizator pieczy"), max_length=200, blank=True)
    coordinator = models.CharField(
        _("koordynator rodzinnej pieczy zastępczej"), max_length=200, blank=True
    )
    since = models.DateField(_("od"))
    until = models.DateField(_("do"), null=True, blank=True)
    court_file = models.CharField(_("sygnatura akt sądu"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("dziecko poza rodziną")
        verbose_name_plural = _("dzieci poza rodziną")
        ordering = ["-since"]
        default_related_name = "placements"
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="placement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} — {self.get_kind_display()}"


class ProblemArea(models.TextChoices):
    """Problem areas of the family record (domain.md §4.1)."""

    CARE_UPBRINGING = "care", _("bezradność w sprawach opiekuńczo-wychowawczych")
    HOUSEHOLD = "household", _("trudności w prowadzeniu gospodarstwa domowego")
    LOW_INCOME = "income", _("ubóstwo, niskie dochody")
    UNEMPLOYMENT = "unemployment", _("bezrobocie")
    ADDICTION = "addiction", _("uzależnienie")
    VIOLENCE = "violence", _("przemoc domowa")
    MENTAL_DISORDER = "mental", _("zaburzenia psychiczne")
    DISABILITY = "disability", _("niepełnosprawność")
    LONG_ILLNESS = "illness", _("długotrwała lub ciężka choroba")
    HOUSING = "housing", _("problemy mieszkaniowe")
    OTHER = "other", _("inne")


class FamilyProblem(FamilyOwned):
    area = models.CharField(_("obszar problemowy"), max_length=12, choices=ProblemArea.choices)
    note = models.CharField(_("opis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("obszar problemowy rodziny")
        verbose_name_plural = _("obszary problemowe rodziny")
        default_related_name = "problems"
        constraints = [
            models.UniqueConstraint(fields=["family", "area"], name="family_problem_unique_area")
        ]

    def __str__(self) -> str:
        return self.get_area_display()


class BlueCard(FamilyOwned):
    """The Niebieska Karta procedure. Everybody who sees the family sees that it is running;
    the details only the family's assistant, the coordinator and the head."""

    started_on = models.DateField(_("wszczęcie procedury"))
    ended_on = models.DateField(_("zakończenie procedury"), null=True, blank=True)
    details = models.TextField(_("szczegóły (dostęp ograniczony)"), blank=True)
    team = models.CharField(_("zespół interdyscyplinarny / grupa"), max_length=200, blank=True)
    # The NK-A steps (domain.md §16 scenario 9): the form filled in by the assistant goes to the
    # interdisciplinary team (ZI) within 5 working days; the diagnostic-and-support group (GDP)
    # meets for the first time within 5 working days of the team's receipt.
    nka_filled_on = models.DateField(_("wypełnienie formularza NK-A"), null=True, blank=True)
    dispatched_on = models.DateField(_("przekazanie do zespołu"), null=True, blank=True)
    team_received_on = models.DateField(_("otrzymanie przez zespół"), null=True, blank=True)
    gdp_first_meeting_on = models.DateField(
        _("pierwsze posiedzenie grupy diagnostyczno-pomocowej"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("procedura „Niebieskie Karty”")
        verbose_name_plural = _("procedury „Niebieskie Karty”")
        ordering = ["-started_on"]
        default_related_name = "blue_cards"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="blue_card_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(dispatched_on__isnull=True)
                | Q(nka_filled_on__isnull=True)
                | Q(dispatched_on__gte=F("nka_filled_on")),
                name="blue_card_dispatch_after_nka",
            ),
            models.CheckConstraint(
                condition=Q(gdp_first_meeting_on__isnull=True)
                | Q(team_received_on__isnull=True)
                | Q(gdp_first_meeting_on__gte=F("team_received_on")),
                name="blue_card_gdp_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"Niebieska Karta od {self.started_on:%d.%m.%Y}"

    @property
    def dispatch_due_on(self) -> date | None:
        """The NK-A form must reach the team within 5 working days of being filled in."""
        if self.nka_filled_on is None:
            return None
        return add_working_days(self.nka_filled_on, NKA_DISPATCH_WORKING_DAYS)

    @property
    def gdp_meeting_due_on(self) -> date | None:
        """The group's first meeting within 5 working days of the team's receipt."""
        if self.team_received_on is None:
            return None
        return add_working_days(self.team_received_on, GDP_MEETING_WORKING_DAYS)

    @property
    def dispatch_late(self) -> bool:
        """Sent after the due day, or not sent and the due day has passed."""
        return _late(self.dispatch_due_on, self.dispatched_on)

    @property
    def gdp_meeting_late(self) -> bool:
        return _late(self.gdp_meeting_due_on, self.gdp_first_meeting_on)


NKA_DISPATCH_WORKING_DAYS = 5
GDP_MEETING_WORKING_DAYS = 5


def _late(due_on: date | None, done_on: date | None) -> bool:
    if due_on is None:
        return False
    return (done_on or timezone.localdate()) > due_on
