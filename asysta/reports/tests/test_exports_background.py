"""Background exports: the worker's file (same builder as the page), progress, failure, the
pages and the logged download (tests run the task at once: the immediate backend)."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from asysta.core import testing
from asysta.reports import services, tasks
from asysta.reports.access import SECTION_REPORT_EXPORT
from asysta.reports.models import ExportStatus, ReportExport
from asysta.reports.semiannual import semiannual
from asysta.reports.tests.snapshot_builders import H1_2026, export
from asysta.reports.workcards import work_cards


@pytest.fixture
def served(people):
    fam = testing.make_family(
        centre=people.centre, by=people.dorota, social_worker=people.edward, surname="Adamscy"
    )
    testing.make_member(family=fam, by=people.dorota, last_name="Adamscy")
    testing.assign(family=fam, assistant=people.anna, by=people.dorota, started_on=date(2026, 2, 1))
    return fam


def _content(row: ReportExport) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def test_csv_export_is_made_with_the_same_builder(people, served, settings):
    row = export(people, fmt="csv", items=True)

    assert (row.status, row.progress) == (ExportStatus.DONE, 100)
    assert row.finished_at is not None and row.task_id
    assert row.file_name == "semiannual_2026-01-01_2026-06-30.csv"
    assert Path(row.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    text = _content(row).decode("utf-8")
    assert text.startswith("\ufeff")
    assert "families_served;" in text and "Adamscy" in text  # figures and the lists
    assert row.size == len(_content(row))


def test_json_export_equals_the_report_data(people, served):
    row = export(people, fmt="json")
    assert json.loads(_content(row)) == semiannual(people.centre, H1_2026).as_dict()


def test_xlsx_export_has_the_figures_and_the_lists(people, served):
    row = export(people, fmt="xlsx", items=True)
    book = load_workbook(io.BytesIO(_content(row)), read_only=True)
    assert book.sheetnames == ["Wskaźniki", "Pozycje"]
    items = list(book["Pozycje"].iter_rows(values_only=True))
    assert any(r[0] == "families_served" and r[2] == served.pk for r in items)


def test_pdf_export_is_a_real_pdf_with_the_figures_and_lists(people, served):
    row = export(people, fmt="pdf", items=True)
    assert row.status == ExportStatus.DONE and row.file_name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(_content(row)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Adamscy" in text and "01.01.2026" in text


def test_a_failure_is_recorded_with_a_message_and_no_file(people, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tasks.exports, "to_csv", broken)
    row = export(people, fmt="csv")
    assert row.status == ExportStatus.FAILED
    assert row.error == "Nie udało się utworzyć pliku." and not row.file
    assert "disk full" not in row.error


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"fmt": "docx"}, "Wybierz format pliku"),
        ({"report": "nieznane"}, "Nie ma takiego sprawozdania"),
        ({"by": "zofia"}, "własnego ośrodka"),
    ],
)
def test_bad_requests_are_refused(people, fields, message):
    kwargs = {"report": "semiannual", "fmt": "csv", "by": people.dorota, **fields}
    if kwargs["by"] == "zofia":
        kwargs["by"] = people.zofia
    with pytest.raises(services.ReportError, match=message):
        services.start_export(centre=people.centre, period=H1_2026, items=False, **kwargs)
    assert not ReportExport.objects.exists()


def test_a_finished_export_is_not_run_again(people):
    row = export(people, fmt="csv")
    assert tasks.complete_export(export_id=row.pk) is None


def test_should_export_in_background_counts_served_families_in_one_query(
    people, served, settings, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert services.should_export_in_background(people.centre, H1_2026) is False
    settings.ASYSTA_REPORT_BACKGROUND_FAMILIES = 0
    assert services.should_export_in_background(people.centre, H1_2026) is True
    settings.ASYSTA_REPORT_BACKGROUND_FAMILIES = 1
    assert services.should_export_in_background(people.centre, H1_2026) is False


def test_the_report_page_suggests_the_background_export_from_its_own_count(
    people, served, settings, django_assert_num_queries
):
    report = semiannual(people.centre, H1_2026, lists=False)
    settings.ASYSTA_REPORT_BACKGROUND_FAMILIES = 0
    with django_assert_num_queries(0):  # the report's "families served" figure
        assert services.should_export_in_background(people.centre, H1_2026, report) is True
    settings.ASYSTA_REPORT_BACKGROUND_FAMILIES = 1
    with django_assert_num_queries(0):
        assert services.should_export_in_background(people.centre, H1_2026, report) is False
    cards = work_cards(people.centre, H1_2026, lists=False)  # no such figure: counted
    settings.ASYSTA_REPORT_BACKGROUND_FAMILIES = 0
    with django_assert_num_queries(1):
        assert services.should_export_in_background(people.centre, H1_2026, cards) is True


# --- pages -----------------------------------------------------------------------------------

FORM = {"report": "semiannual", "od": "2026-01-01", "do": "2026-06-30", "format": "csv"}


def test_request_page_progress_and_logged_download(people, served, login):
    client = login(people.celina)
    assert client.get(reverse("reports:background_export_start")).status_code == 200

    response = client.post(reverse("reports:background_export_start"), {**FORM, "items": "on"})

    row = ReportExport.objects.get()
    assert response["Location"] == reverse("reports:background_export", args=[row.pk])
    assert row.requested_by == people.celina and row.items
    page = client.get(response["Location"]).content.decode()
    download = reverse("reports:background_export_download", args=[row.pk])
    assert download in page and 'hx-trigger="every 2s"' not in page
    got = client.get(download)
    assert got.status_code == 200 and b"Adamscy" in b"".join(got.streaming_content)
    assert got["Cache-Control"] == "private, no-store"
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.actor == people.celina
    assert entry.additional_data["section"] == SECTION_REPORT_EXPORT
    assert entry.additional_data["format"] == "csv"


def test_a_queued_export_polls_every_two_seconds_and_reloads_without_js(people, login, monkeypatch):
    monkeypatch.setattr(services, "_enqueue", lambda export: None)  # no worker has run it yet
    row = export(people, fmt="csv")
    client = login(people.dorota)
    page = client.get(reverse("reports:background_export", args=[row.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    partial = client.get(
        reverse("reports:background_export", args=[row.pk]), headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode() and "every 2s" in partial.content.decode()
    download = reverse("reports:background_export_download", args=[row.pk])
    assert client.get(download).status_code == 404  # not ready yet


def test_bad_input_is_shown_with_422_and_nothing_queued(people, login):
    client = login(people.dorota)
    response = client.post(reverse("reports:background_export_start"), {**FORM, "do": "2025-01-01"})
    assert response.status_code == 422
    assert "Koniec okresu nie może być wcześniejszy" in response.content.decode()
    response = client.post(reverse("reports:background_export_start"), {**FORM, "format": "doc"})
    assert response.status_code == 422
    assert not ReportExport.objects.exists()


def test_another_centre_gets_404(people, served, login):
    row = export(people, fmt="csv")
    client = login(people.zofia)
    assert client.get(reverse("reports:background_export", args=[row.pk])).status_code == 404
    download = reverse("reports:background_export_download", args=[row.pk])
    assert client.get(download).status_code == 404


def test_an_assistant_may_not_export_the_centre_report(people, login):
    row = export(people, fmt="csv")
    client = login(people.anna)
    assert client.get(reverse("reports:background_export", args=[row.pk])).status_code == 403
    assert client.post(reverse("reports:background_export_start"), FORM).status_code == 403


def test_purge_removes_old_exports_with_their_files_and_keeps_recent_ones(
    people, served, django_capture_on_commit_callbacks
):
    old, recent = export(people, fmt="csv"), export(people, fmt="json")
    old_path = Path(old.file.path)
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    out = io.StringIO()
    call_command("purge_report_exports", "--older-than", "30", "--dry-run", stdout=out)
    assert "Do usunięcia eksportów starszych niż 30 dni: 1." in out.getvalue() and old_path.exists()

    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows are gone
        call_command("purge_report_exports", "--older-than", "30", stdout=out)
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not old_path.exists() and Path(recent.file.path).exists()
    assert LogEntry.objects.filter(object_pk=str(old.pk), action=LogEntry.Action.DELETE).exists()


def test_purge_refuses_a_bad_number_of_days(people, served):
    row = export(people, fmt="csv")
    with pytest.raises(CommandError, match="nie mniejszą niż 1"):
        call_command("purge_report_exports", "--older-than", "0")
    assert ReportExport.objects.filter(pk=row.pk).exists()


def test_only_readers_of_reports_may_export_them(people, served):
    for user in (people.anna, people.halina):
        with pytest.raises(services.ReportError, match="eksportują kierownik"):
            export(people, fmt="csv", by=user)
    assert not ReportExport.objects.exists()


def test_a_failure_after_the_file_was_written_leaves_no_file(people, served, settings, monkeypatch):
    real = tasks._progress

    def broken_at_90(row, percent, **fields):
        if percent == 90:
            raise RuntimeError("database gone")
        real(row, percent, **fields)

    monkeypatch.setattr(tasks, "_progress", broken_at_90)
    row = export(people, fmt="csv")
    assert row.status == ExportStatus.FAILED and not row.file
    root = Path(settings.MEDIA_ROOT)
    assert not [p for p in root.rglob("*") if p.is_file()]
