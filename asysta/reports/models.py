"""Report settings of a centre and the record the half-year report needs beyond casework."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel


class SemiannualRow(TenantModel):
    """A centre's own wording, order and use of one row of the half-year report.

    The exact rows of the current CAS template are unconfirmed (domain.md §11.1 [U]), so a
    centre adjusts them without a code change. A row the centre has not set keeps the default
    label and position given by the code (`asysta.reports.semiannual.default_rows`). `counts`
    says what an `ended_*` row or the centre's own row (`own_…`) counts
    (`asysta.reports.semiannual_rows`).
    """

    code = models.CharField(_("wiersz (kod)"), max_length=60)
    label = models.CharField(_("treść wiersza"), max_length=300)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    enabled = models.BooleanField(_("w sprawozdaniu"), default=True)
    counts = models.JSONField(
        _("co liczy wiersz"),
        default=list,
        blank=True,
        help_text=_(
            "Lista źródeł, np. „reason:moved_away” albo „category:court”; pusta — reguła "
            "wiersza domyślnego (asysta.reports.semiannual_rows)."
        ),
    )

    class Meta:
        verbose_name = _("wiersz sprawozdania półrocznego")
        verbose_name_plural = _("wiersze sprawozdania półrocznego")
        ordering = ["centre", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="semiannual_row_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    def clean(self) -> None:
        from asysta.reports.semiannual_rows import validate_row

        super().clean()
        validate_row(self.code, self.counts)


class SupportingFamily(TenantModel):
    """A supporting family (rodzina wspierająca, art. 29–31, domain.md §8) appointed to help
    families the centre works with. Minimal: the half-year report counts those in force at the
    period end; reimbursements and the appointment procedure come later."""

    name = models.CharField(_("imię i nazwisko / nazwa"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    appointed_on = models.DateField(_("data ustanowienia"))
    contract_number = models.CharField(_("numer umowy"), max_length=60, blank=True)
    contract_on = models.DateField(_("data umowy"), null=True, blank=True)
    ended_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    supported_families = models.ManyToManyField(
        "families.Family",
        blank=True,
        related_name="supporting_families",
        verbose_name=_("wspierane rodziny"),
    )
    notes = models.TextField(_("uwagi"), blank=True)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("rodzina wspierająca")
        verbose_name_plural = _("rodziny wspierające")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("appointed_on")),
                name="supporting_family_end_not_before_start",
            )
        ]
        indexes = [models.Index(fields=["centre", "appointed_on"])]

    def __str__(self) -> str:
        return self.name

    def in_force_on(self, day: date) -> bool:
        return self.appointed_on <= day and (self.ended_on is None or self.ended_on >= day)


# --- submitted reports and background exports (issue 6, "Oznacz jako złożone", "Eksport w tle") --


class SubmissionLocked(ValidationError):
    """Any attempt to change or remove a submitted report (it is frozen as submitted)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Złożonego sprawozdania nie można zmienić ani usunąć. Jeśli złożone dane "
                "wymagają poprawy, kierownik oznacza korektę jako nowe złożenie."
            )
        )


class ReportSubmissionQuerySet(models.QuerySet["ReportSubmission"]):
    """Submissions are immutable: bulk updates and deletes through the model API are refused."""

    def update(self, **kwargs: Any) -> int:
        raise SubmissionLocked()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SubmissionLocked()

    def current(self) -> ReportSubmissionQuerySet:
        """The submissions no correction has replaced (one per centre, report and period)."""
        return self.filter(correction__isnull=True)


class ReportSubmission(TenantModel):
    """A report as submitted (e.g. to the voivode through CAS): its figures and the lists of
    families and assistants behind them, frozen (`Report.as_dict()`), with who and when.

    Made only by `asysta.reports.services.submit_report`. Never changed or deleted: `save()` of
    an existing row, `delete()` and queryset `update()`/`delete()` raise `SubmissionLocked`, and
    the database refuses an UPDATE (and, on PostgreSQL, a DELETE) with a trigger (migration
    0002). A correction is a new row whose `corrects` points at the submission it replaces.
    """

    report = models.CharField(_("sprawozdanie"), max_length=40)
    title = models.CharField(_("tytuł"), max_length=300)
    period_start = models.DateField(_("początek okresu"))
    period_end = models.DateField(_("koniec okresu"))
    data = models.JSONField(_("złożone dane"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oznaczył(a) jako złożone"),
    )
    submitted_at = models.DateTimeField(_("oznaczono jako złożone"), default=timezone.now)
    note = models.CharField(_("uwaga"), max_length=500, blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("korekta złożenia"),
    )

    objects = ReportSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("złożone sprawozdanie")
        verbose_name_plural = _("złożone sprawozdania")
        ordering = ["-period_end", "-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "report", "period_start", "period_end"],
                condition=models.Q(corrects__isnull=True),
                name="report_submission_one_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_submission_period",
            ),
        ]
        indexes = [
            models.Index(
                fields=["centre", "report", "period_end", "period_start"],
                name="report_submission_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SubmissionLocked()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SubmissionLocked()

    @classmethod
    def purge_centre(cls, centre_id: int) -> None:
        """Remove every submission of a centre that is itself being removed as a whole (the
        demo centre's reset). The one way past the immutability: on PostgreSQL the trigger lets
        a DELETE through only for the centre this transaction names in `asysta.purge_centre`."""
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('asysta.purge_centre', %s, true)", [str(centre_id)]
                    )
            rows: models.QuerySet[ReportSubmission] = models.QuerySet(cls)
            rows = rows.filter(centre_id=centre_id)
            rows._raw_delete(rows.db)  # one statement: corrections go with what they correct


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"
    JSON = "json", "JSON"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("w kolejce")
    RUNNING = "running", _("w toku")
    DONE = "done", _("gotowy")
    FAILED = "failed", _("nieudany")


def _export_path(instance: ReportExport, _filename: str) -> str:
    day = timezone.localdate()
    return f"reports/{instance.centre_id}/{day:%Y/%m}/{uuid.uuid4().hex}.{instance.format}"


class ReportExport(TenantModel):
    """A report file made by the background worker (a big centre's report with its lists).

    The file lives under the private files directory and is served only by the download view,
    which logs the read."""

    report = models.CharField(_("sprawozdanie"), max_length=40)
    period_start = models.DateField(_("początek okresu"))
    period_end = models.DateField(_("koniec okresu"))
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    items = models.BooleanField(_("z listami rodzin i asystentów"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zlecił(a)"),
    )
    status = models.CharField(
        _("stan"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    file = models.FileField(_("plik"), upload_to=_export_path, blank=True, max_length=300)
    file_name = models.CharField(_("nazwa pliku do pobrania"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("rozmiar (bajty)"), default=0)
    error = models.TextField(_("błąd"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("zlecono"), default=timezone.now)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("eksport sprawozdania")
        verbose_name_plural = _("eksporty sprawozdań")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_export_progress"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_export_period",
            ),
        ]
        indexes = [models.Index(fields=["centre", "-created_at"], name="report_export_recent")]

    def __str__(self) -> str:
        return (
            f"{self.report} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y} ({self.format})"
        )

    @property
    def is_done(self) -> bool:
        return self.status == ExportStatus.DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)


# --- computed figures kept for the lists and downloads that follow a report page (issue 11) ---


class ReportCache(TenantModel):
    """The figures of a report (or of a named computation of the dashboards) as last computed
    for a centre and period, with the data version they were computed at
    (`asysta.reports.cache`). Only values and labels: the lists of families are read afresh
    whenever they are shown. One row per centre, name and period, replaced on every
    computation; a row whose version is not today's is never used.

    `log_mark` is the audit trail's highest id when they were computed: a later audited change
    of a table they read makes them stale. `row_mark` is set when they read a table of dated
    entries (contacts): its highest id then, so that a new entry dated outside the period
    (today's contact, under last year's report) leaves them in use
    (`asysta.reports.cache_version`)."""

    report = models.CharField(_("sprawozdanie"), max_length=40)
    period_start = models.DateField(_("początek okresu"))
    period_end = models.DateField(_("koniec okresu"))
    version = models.CharField(_("wersja danych"), max_length=64)
    summary = models.JSONField(_("wartości wskaźników"))
    computed_at = models.DateTimeField(_("obliczono"), default=timezone.now)
    row_mark = models.BigIntegerField(_("ostatni wpis datowany"), null=True, blank=True)
    log_mark = models.BigIntegerField(_("ostatni wpis dziennika"), null=True, blank=True)

    class Meta:
        verbose_name = _("obliczone wskaźniki sprawozdania")
        verbose_name_plural = _("obliczone wskaźniki sprawozdań")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "report", "period_start", "period_end"],
                name="report_cache_one_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"
