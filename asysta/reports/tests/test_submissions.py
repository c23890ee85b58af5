"""Marking a report as submitted: the frozen snapshot, its immutability, the difference from
today's data, and the pages (test day 18.11.2026; the period is H1 2026, due 31.07.2026)."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.reports import services, snapshots
from asysta.reports.access import SECTION_REPORT_VIEW
from asysta.reports.base import Period
from asysta.reports.models import ReportSubmission, SubmissionLocked
from asysta.reports.semiannual import semiannual
from asysta.reports.tests.snapshot_builders import H1_2026, submission


def _family(people, surname: str, *, on: date, assistant=None):
    fam = testing.make_family(
        centre=people.centre, by=people.dorota, social_worker=people.edward, surname=surname
    )
    testing.make_member(family=fam, by=people.dorota, last_name=surname)
    testing.assign(family=fam, assistant=assistant or people.anna, by=people.dorota, started_on=on)
    return fam


@pytest.fixture
def served(people):
    """One family served in H1 2026 (Anna since 01.02.2026)."""
    return _family(people, "Adamscy", on=date(2026, 2, 1))


def _values(data):
    return {f["code"]: f["value"] for f in data["figures"]}


# --- the service ---------------------------------------------------------------------------


def test_submit_freezes_figures_and_lists_with_who_and_when(people, served):
    row = submission(people, note="złożone w CAS")

    assert row.data == semiannual(people.centre, H1_2026).as_dict()
    assert (row.period_start, row.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert row.submitted_by == people.dorota and row.note == "złożone w CAS"
    served_items = next(f for f in row.data["figures"] if f["code"] == "families_served")
    assert [i["pk"] for i in served_items["items"]] == [served.pk]
    entry = LogEntry.objects.get_for_object(row).get(action=LogEntry.Action.CREATE)
    assert entry.actor == people.dorota
    assert "Adamscy" not in str(entry.changes)  # the frozen data is not copied into the trail


def test_second_submission_of_the_period_is_refused(people, served):
    first = submission(people)
    with pytest.raises(services.ReportError, match="zostało już oznaczone jako złożone"):
        services.submit_report(
            centre=people.centre, report="semiannual", period=H1_2026, by=people.dorota
        )
    assert list(ReportSubmission.objects.all()) == [first]


def test_a_correction_is_a_new_submission_and_needs_a_reason(people, served):
    first = submission(people)
    with pytest.raises(services.ReportError, match="czego dotyczy korekta"):
        services.submit_report(
            centre=people.centre,
            report="semiannual",
            period=H1_2026,
            by=people.dorota,
            corrects=first,
        )
    correction = services.submit_report(
        centre=people.centre,
        report="semiannual",
        period=H1_2026,
        by=people.dorota,
        note="korekta: błędna data zakończenia",
        corrects=first,
    )
    assert services.current_submission(people.centre, "semiannual", H1_2026) == correction
    first.refresh_from_db()
    assert first.correction == correction
    with pytest.raises(services.ReportError, match="ma już korektę"):
        services.submit_report(
            centre=people.centre,
            report="semiannual",
            period=H1_2026,
            by=people.dorota,
            note="druga korekta tego samego",
            corrects=first,
        )


def test_a_correction_finds_the_submission_it_corrects_and_needs_one(people, served):
    with pytest.raises(services.ReportError, match="nie ma czego korygować"):
        services.submit_report(
            centre=people.centre,
            report="semiannual",
            period=H1_2026,
            by=people.dorota,
            note="korekta",
            correction=True,
        )
    assert not ReportSubmission.objects.exists()
    first = submission(people)
    correction = services.submit_report(
        centre=people.centre,
        report="semiannual",
        period=H1_2026,
        by=people.dorota,
        note="korekta: zaległe zakończenie",
        correction=True,
    )
    assert correction.corrects == first


@pytest.mark.parametrize("who", ["celina", "anna", "urszula", "zofia"])
def test_only_the_head_of_the_centre_marks_a_report_submitted(people, served, who):
    with pytest.raises(services.ReportError, match="kierownik"):
        services.submit_report(
            centre=people.centre, report="semiannual", period=H1_2026, by=getattr(people, who)
        )
    assert not ReportSubmission.objects.exists()


def test_a_period_still_running_or_an_unknown_report_is_refused(people):
    with pytest.raises(services.ReportError, match=r"Okres trwa do 31\.12\.2026"):
        services.submit_report(
            centre=people.centre,
            report="semiannual",
            period=Period.half_year(2026, 2),
            by=people.dorota,
        )
    with pytest.raises(services.ReportError, match="Nie ma takiego sprawozdania"):
        services.submit_report(
            centre=people.centre, report="nieznane", period=H1_2026, by=people.dorota
        )
    assert not ReportSubmission.objects.exists()


# --- immutability ----------------------------------------------------------------------------


def test_a_submission_cannot_be_changed_or_deleted_through_the_model(people, served):
    row = submission(people)
    row.note = "zmienione"
    with pytest.raises(SubmissionLocked):
        row.save()
    with pytest.raises(SubmissionLocked):
        row.delete()
    with pytest.raises(SubmissionLocked):
        ReportSubmission.objects.filter(pk=row.pk).update(note="zmienione")
    with pytest.raises(SubmissionLocked):
        ReportSubmission.objects.filter(pk=row.pk).delete()
    row.refresh_from_db()
    assert row.note == "" and ReportSubmission.objects.count() == 1


def test_the_database_refuses_an_update_of_a_submission(people, served):
    row = submission(people)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_reportsubmission SET note = %s WHERE id = %s", ["zmienione", row.pk]
        )
    row.refresh_from_db()
    assert row.note == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (SQLite has no DELETE trigger)"
)
def test_postgresql_refuses_a_delete_of_a_submission(people, served):
    row = submission(people)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_reportsubmission WHERE id = %s", [row.pk])
    assert ReportSubmission.objects.filter(pk=row.pk).exists()


# --- the snapshot does not change; the difference shows what did ------------------------------


def test_edits_after_submission_change_today_not_the_snapshot(people, served):
    row = submission(people)
    frozen = row.data
    closed(served, by=people.dorota, on=date(2026, 5, 10))  # work ended in H1
    late = _family(people, "Bąkowie", on=date(2026, 3, 1), assistant=people.bartek)

    row.refresh_from_db()
    assert row.data == frozen
    assert _values(row.data)["families_ended"] == 0
    today = semiannual(people.centre, H1_2026).as_dict()
    diffs = {d.code: d for d in snapshots.diff(row.data, today)}

    ended = diffs["families_ended"]
    assert (ended.submitted, ended.today, ended.difference) == (0, 1, 1)
    assert [(i.kind, i.pk) for i in ended.added] == [("family", served.pk)]
    served_diff = diffs["families_served"]
    assert (served_diff.submitted, served_diff.today, served_diff.difference) == (1, 2, 1)
    assert [i.pk for i in served_diff.added] == [late.pk] and not served_diff.removed
    assert "Bąkowie" in served_diff.added[0].label
    assert not diffs["supporting_families"].changed
    assert snapshots.changed_count(list(diffs.values())) >= 2


def test_diff_of_sums_removed_items_and_figures_on_one_side_only():
    old = {
        "figures": [
            {
                "code": "fte",
                "label": "Etaty",
                "value": "1.50",
                "items": [
                    {"kind": "assistant", "pk": 1, "label": "Anna", "amount": "1.00"},
                    {"kind": "assistant", "pk": 2, "label": "Bartek", "amount": "0.50"},
                ],
            },
            {"code": "gone", "label": "Wyłączony", "value": 3, "items": []},
        ]
    }
    new = {
        "figures": [
            {"code": "fte", "label": "Etaty", "value": "1.00", "items": [
                {"kind": "assistant", "pk": 1, "label": "Anna", "amount": "1.00"},
            ]},
            {"code": "own_new", "label": "Nowy", "value": 2, "items": []},
        ]
    }  # fmt: skip
    diffs = {d.code: d for d in snapshots.diff(old, new)}
    assert list(diffs) == ["fte", "gone", "own_new"]
    assert str(diffs["fte"].difference) == "-0.50"
    assert [i.label for i in diffs["fte"].removed] == ["Bartek"] and not diffs["fte"].added
    assert diffs["gone"].today is None and diffs["gone"].difference is None
    assert diffs["gone"].changed and diffs["own_new"].changed


# --- pages -----------------------------------------------------------------------------------

FORM = {"report": "semiannual", "od": "2026-01-01", "do": "2026-06-30", "note": "złożone w CAS"}


def test_head_marks_the_report_submitted_from_the_form(people, served, login):
    client = login(people.dorota)
    page = client.get(reverse("reports:submit") + "?report=semiannual&od=2026-01-01&do=2026-06-30")
    assert page.status_code == 200 and 'value="2026-01-01"' in page.content.decode()

    response = client.post(reverse("reports:submit"), FORM)

    row = ReportSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:submission", args=[row.pk])
    assert row.note == "złożone w CAS"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**FORM, "do": "2025-12-31"}, "Koniec okresu nie może być wcześniejszy"),
        ({**FORM, "od": "31.13.2026"}, "Wpisz poprawną datę"),
        ({**FORM, "od": "2026-07-01", "do": "2026-12-31"}, "Okres trwa do 31.12.2026"),
        ({**FORM, "report": "nieznane"}, "Wybierz poprawną wartość"),
    ],
)
def test_bad_input_is_shown_with_422_and_nothing_saved(people, served, login, data, message):
    response = login(people.dorota).post(reverse("reports:submit"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ReportSubmission.objects.exists()


def test_a_second_submission_from_the_form_is_refused_with_422(people, served, login):
    submission(people)
    response = login(people.dorota).post(reverse("reports:submit"), FORM)
    assert response.status_code == 422
    assert "zostało już oznaczone jako złożone" in response.content.decode()
    assert ReportSubmission.objects.count() == 1


def test_the_coordinator_may_not_mark_a_report_submitted(people, served, login):
    response = login(people.celina).post(reverse("reports:submit"), FORM)
    assert response.status_code == 403
    assert not ReportSubmission.objects.exists()


def test_submission_page_shows_frozen_figures_and_the_difference(people, served, login):
    row = submission(people)
    closed(served, by=people.dorota, on=date(2026, 5, 10))

    response = login(people.celina).get(reverse("reports:submission", args=[row.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Dorota" in body and f"{timezone.localtime(row.submitted_at):%d.%m.%Y}" in body
    diffs = {d.code: d for d in response.context["diffs"]}
    assert (diffs["families_ended"].submitted, diffs["families_ended"].today) == (0, 1)
    assert response.context["changed"] >= 1


def test_figure_list_of_a_submission_comes_from_the_frozen_data_and_is_logged(
    people, served, login
):
    row = submission(people)
    url = reverse("reports:submission", args=[row.pk]) + "?wskaznik=families_served"

    response = login(people.urszula).get(url)

    assert response.status_code == 200
    assert "Adamscy" in response.content.decode()
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.actor == people.urszula
    assert entry.additional_data["section"] == SECTION_REPORT_VIEW
    assert "families_served" in entry.additional_data["figure"]
    missing = reverse("reports:submission", args=[row.pk]) + "?wskaznik=nie-ma"
    assert login(people.urszula).get(missing).status_code == 404


def test_a_submission_has_no_edit_a_post_is_refused(people, served, login):
    row = submission(people, note="złożone w CAS")
    url = reverse("reports:submission", args=[row.pk])
    refused = login(people.dorota).post(url, {"note": "zmienione", "data": "{}"})
    assert refused.status_code == 409
    assert "Złożonego sprawozdania nie można zmienić" in refused.content.decode()
    assert login(people.celina).post(url, {"note": "zmienione"}).status_code == 403
    row.refresh_from_db()
    assert row.note == "złożone w CAS"


def test_another_centre_gets_404_and_does_not_see_the_submission(people, served, login):
    row = submission(people)
    client = login(people.zofia)
    assert client.get(reverse("reports:submission", args=[row.pk])).status_code == 404
    listing = client.get(reverse("reports:submissions"))
    assert listing.status_code == 200 and not listing.context["page"].object_list


def test_another_assistant_may_not_open_submissions(people, served, login):
    row = submission(people)
    assert login(people.bartek).get(reverse("reports:submission", args=[row.pk])).status_code == 403


def _submit_month(people, month: int) -> None:
    last = calendar.monthrange(2025, month)[1]
    period = Period(date(2025, month, 1), date(2025, month, last))
    services.submit_report(centre=people.centre, report="activity", period=period, by=people.dorota)


def test_list_page_query_count_does_not_grow(people, login, django_assert_max_num_queries):
    client = login(people.celina)
    _submit_month(people, 1)
    client.get(reverse("reports:submissions"))  # warm the session and the actor
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("reports:submissions"))
    for month in range(2, 12):
        _submit_month(people, month)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("reports:submissions"))
    assert len(response.context["page"].object_list) == 11


# --- the box on the report page ---------------------------------------------------------------


def _box(people, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    report = semiannual(people.centre, H1_2026)
    context = {"centre": people.centre, "report": report, "period": H1_2026, "user": user}
    return render_to_string("reports/submission_box.html", context, request=request)


def test_box_offers_the_head_to_mark_and_then_says_who_submitted(people, served):
    assert "Oznacz jako złożone" in _box(people, people.dorota)
    assert "Oznacz jako złożone" not in _box(people, people.celina)

    row = submission(people)

    box = _box(people, people.celina)
    assert f"{timezone.localtime(row.submitted_at):%d.%m.%Y} przez Dorota" in box
    assert reverse("reports:submission", args=[row.pk]) in box


def test_the_report_page_includes_the_box(people, served, login):
    url = reverse("reports:report", args=["semiannual"]) + "?od=2026-01-01&do=2026-06-30"
    assert "Oznacz jako złożone" in login(people.dorota).get(url).content.decode()
    submission(people)
    page = login(people.celina).get(url).content.decode()
    assert "Złożone</span>" in page and "Oznacz jako złożone" not in page
