"""Submitted reports (frozen, immutable) and background report exports.

The database itself refuses to change a submitted report: a trigger aborts any UPDATE of
`reports_reportsubmission` on SQLite and PostgreSQL, and any DELETE on PostgreSQL. SQLite gets
no DELETE trigger because Django empties tables with DELETE when it resets a test database
(PostgreSQL uses TRUNCATE, which row triggers do not see); there, deletion is refused by the
model and its queryset, and every foreign key to a submission is PROTECT. The one way past it is
removing a whole centre (`ReportSubmission.purge_centre`, used by the demo's reset), which names
the centre in the transaction's `asysta.purge_centre` setting.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import asysta.reports.models

MESSAGE = "Złożone sprawozdanie jest niezmienne (reports_reportsubmission)."

SQLITE_FORWARD = [
    f"""CREATE TRIGGER reports_submission_no_update BEFORE UPDATE ON reports_reportsubmission
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS reports_submission_no_update"]
POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION reports_submission_immutable() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE'
         AND current_setting('asysta.purge_centre', true) = OLD.centre_id::text THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '{MESSAGE}';
    END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER reports_submission_immutable
    BEFORE UPDATE OR DELETE ON reports_reportsubmission
    FOR EACH ROW EXECUTE FUNCTION reports_submission_immutable()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS reports_submission_immutable ON reports_reportsubmission",
    "DROP FUNCTION IF EXISTS reports_submission_immutable()",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


guard = _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})
unguard = _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_centre_letterhead_logo_and_attachment_limit"),
        ("reports", "0001_semiannual_rows_and_supporting_families"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportExport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("report", models.CharField(max_length=40, verbose_name="sprawozdanie")),
                ("period_start", models.DateField(verbose_name="początek okresu")),
                ("period_end", models.DateField(verbose_name="koniec okresu")),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("csv", "CSV"),
                            ("xlsx", "XLSX"),
                            ("pdf", "PDF"),
                            ("json", "JSON"),
                        ],
                        max_length=4,
                        verbose_name="format",
                    ),
                ),
                (
                    "items",
                    models.BooleanField(
                        default=False, verbose_name="z listami rodzin i asystentów"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "w kolejce"),
                            ("running", "w toku"),
                            ("done", "gotowy"),
                            ("failed", "nieudany"),
                        ],
                        default="queued",
                        max_length=8,
                        verbose_name="stan",
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(default=0, verbose_name="postęp (%)"),
                ),
                (
                    "file",
                    models.FileField(
                        blank=True,
                        max_length=300,
                        upload_to=asysta.reports.models._export_path,
                        verbose_name="plik",
                    ),
                ),
                (
                    "file_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="nazwa pliku do pobrania"
                    ),
                ),
                ("size", models.PositiveBigIntegerField(default=0, verbose_name="rozmiar (bajty)")),
                ("error", models.TextField(blank=True, verbose_name="błąd")),
                ("task_id", models.CharField(blank=True, max_length=64)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="zlecono"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="zakończono"),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="ośrodek",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="zlecił(a)",
                    ),
                ),
            ],
            options={
                "verbose_name": "eksport sprawozdania",
                "verbose_name_plural": "eksporty sprawozdań",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["centre", "-created_at"], name="report_export_recent")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("progress__lte", 100)), name="report_export_progress"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="report_export_period",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("report", models.CharField(max_length=40, verbose_name="sprawozdanie")),
                ("title", models.CharField(max_length=300, verbose_name="tytuł")),
                ("period_start", models.DateField(verbose_name="początek okresu")),
                ("period_end", models.DateField(verbose_name="koniec okresu")),
                ("data", models.JSONField(verbose_name="złożone dane")),
                (
                    "submitted_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="oznaczono jako złożone"
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="uwaga")),
                (
                    "centre",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="ośrodek",
                    ),
                ),
                (
                    "corrects",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="correction",
                        to="reports.reportsubmission",
                        verbose_name="korekta złożenia",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="oznaczył(a) jako złożone",
                    ),
                ),
            ],
            options={
                "verbose_name": "złożone sprawozdanie",
                "verbose_name_plural": "złożone sprawozdania",
                "ordering": ["-period_end", "-submitted_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["centre", "report", "period_end", "period_start"],
                        name="report_submission_lookup",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("corrects__isnull", True)),
                        fields=("centre", "report", "period_start", "period_end"),
                        name="report_submission_one_per_period",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="report_submission_period",
                    ),
                ],
            },
        ),
        migrations.RunPython(guard, unguard),
    ]
