"""The statutory clock kept as a table: one row per open step of a family.

Why a table and not providers computed on every page: at a city's size (4,000 families in work)
the providers return ~16,000 steps, and the board, the start pages and "Moje terminy" would all
build and filter that list in Python. Kept as rows, every list is a SQL query that costs what
its reader sees: an assistant's own rows through the (centre, assistant, due_on) index, a page
of the board through (centre, due_on), counts by kind as one GROUP BY.

The rows are a cache of the providers (`asysta.deadlines.providers`): they are recomputed for a
family, in the same transaction, whenever a record the providers read is saved or deleted
(`asysta.deadlines.store`), and can be rebuilt for a whole centre at any time
(`manage.py deadlines_rebuild`). Nothing in a row depends on today's date: what a day shows is
decided when reading (`shown_from` / `shown_until`), so the table never goes stale overnight.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel
from asysta.families.models import Family


class DeadlineEntry(TenantModel):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="+", verbose_name=_("rodzina")
    )
    # The family's assistant now (the open assignment), so one assistant's rows are one range
    # of the index; None for a family without an assistant.
    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asystent"),
    )
    kind = models.CharField(_("rodzaj"), max_length=32)
    due_on = models.DateField(_("termin"))
    # The record the step is about, as its page needs it (an assignment, a plan, a request...).
    source_id = models.PositiveBigIntegerField(_("rekord"))
    # What the label names besides the kind (a plan action's text, a court file number).
    detail = models.CharField(_("szczegóły"), max_length=200, blank=True)
    # A step is shown on the days from..until (inclusive); None is open-ended.
    shown_from = models.DateField(_("widoczny od"), null=True, blank=True)
    shown_until = models.DateField(_("widoczny do"), null=True, blank=True)

    class Meta:
        verbose_name = _("termin ustawowy")
        verbose_name_plural = _("terminy ustawowe")
        indexes = [
            models.Index(fields=["centre", "due_on"], name="deadline_centre_due"),
            models.Index(fields=["centre", "assistant", "due_on"], name="deadline_assistant_due"),
            models.Index(fields=["family", "kind"], name="deadline_family_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on:%d.%m.%Y}"


class ClockVersion(models.Model):
    """The version of the clock's rules a centre's rows were computed with; a deploy that
    changes a provider bumps `asysta.deadlines.store.RULES_VERSION` and the rows are rebuilt
    after `migrate`."""

    centre = models.OneToOneField(
        "core.Centre", on_delete=models.CASCADE, related_name="+", verbose_name=_("ośrodek")
    )
    version = models.PositiveIntegerField(_("wersja reguł"))
    rebuilt_at = models.DateTimeField(_("przeliczono"), auto_now=True)

    class Meta:
        verbose_name = _("wersja terminów ośrodka")
        verbose_name_plural = _("wersje terminów ośrodków")

    def __str__(self) -> str:
        return f"{self.centre_id}: {self.version}"
