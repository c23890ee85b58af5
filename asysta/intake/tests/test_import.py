"""Spreadsheet import: valid files in every encoding and format load whole, a file with errors is
rejected whole with a per-row report, duplicates and the cap are caught, formulas stay text, the
command's dry run writes nothing, and the upload page previews before it writes."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from faker import Faker

from asysta.core import testing
from asysta.families.models import Consent, CourtOrder, Family, Member, ZaZycieApplication
from asysta.intake.importer import run_import
from asysta.intake.models import Assignment, EndReason
from asysta.intake.tests.import_files import EXTRA_ASSISTANTS, generate, to_csv, to_xlsx


@pytest.fixture
def logins(people):
    for login in EXTRA_ASSISTANTS:
        testing.make_user(login, centre=people.centre, roles=["assistant"])
    return ["anna", "bartek", *EXTRA_ASSISTANTS]


def _import(people, data: bytes, name: str = "rodziny.csv", **kwargs):
    return run_import(data, name, centre=people.centre, by=people.dorota, **kwargs)


def _assert_loaded(rows, families: int) -> None:
    assert Family.objects.count() == families
    assert Member.objects.count() == len(rows)
    assert set(Member.objects.values_list("pesel", flat=True)) == {r["pesel"] for r in rows}
    ended = [r for r in rows if r.get("ended_on")]
    assert Assignment.objects.filter(ended_on__isnull=False).count() == len(ended)
    assert Assignment.objects.filter(ended_on__isnull=True).count() == families - len(ended)


def test_valid_200_person_csv_utf8_bom_loads_fully_by_the_command(people, logins, tmp_path):
    rows = generate(logins)
    assert len(rows) == 200 and len({r["key"] for r in rows}) == 80
    path = tmp_path / "rodziny.csv"
    path.write_bytes(to_csv(rows))
    out = io.StringIO()
    call_command("import_families", str(path), "--centre", people.centre.terc, stdout=out)
    assert "Zaimportowano" in out.getvalue()
    _assert_loaded(rows, 80)
    assert Consent.objects.count() == 27 + 26  # zgoda + za życiem (a consent each)
    assert CourtOrder.objects.count() == 27
    assert ZaZycieApplication.objects.count() == 26
    ended = Assignment.objects.filter(ended_on__isnull=False)
    assert set(ended.values_list("end_reason", flat=True)) == {
        EndReason.GOALS_ACHIEVED,
        EndReason.MOVED_AWAY,
        EndReason.COURT_DECISION,
    }
    # Through the real services: audited, and the search column is filled.
    family_entries = LogEntry.objects.filter(content_type__model="family")
    assert family_entries.count() == 80
    assert set(family_entries.values_list("actor__username", flat=True)) == {"dorota"}
    assert not Family.objects.filter(search_text="").exists()


def test_valid_200_person_xlsx_loads_fully(people, logins):
    rows = generate(logins, seed=11)
    outcome = _import(people, to_xlsx(rows, numbers=True), "rodziny.xlsx")
    assert outcome.loaded, outcome.report.errors[:3]
    _assert_loaded(rows, 80)
    anna_families = Family.objects.visible_to(people.anna).count()
    assert anna_families == sum(
        1 for r in rows if r.get("login") == "anna" and not r.get("ended_on")
    )


def test_csv_windows_1250_with_semicolons_loads(people, logins):
    rows = generate(logins, families=12, persons=30, seed=3)
    data = to_csv(rows, encoding="cp1250")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really Windows-1250 (Polish letters in the names)
    assert _import(people, data).loaded
    _assert_loaded(rows, 12)
    assert Family.objects.filter(surname=rows[0]["surname"]).exists()


def test_csv_utf8_without_bom_with_commas_loads(people, logins):
    rows = generate(logins, families=6, persons=14, seed=5)
    assert _import(people, to_csv(rows, delimiter=",", encoding="utf-8")).loaded
    _assert_loaded(rows, 6)


def _first_row_of(rows, key):
    return next(i for i, r in enumerate(rows) if r["key"] == key)


def test_file_with_five_different_errors_is_rejected_whole(people, logins, tmp_path):
    rows = generate(logins, families=10, persons=25, seed=21)
    bad_pesel = rows[1]["pesel"]
    rows[1]["pesel"] = bad_pesel[:10] + str((int(bad_pesel[10]) + 1) % 10)
    rows[_first_row_of(rows, "R2")]["login"] = "nieznany.login"
    rows[_first_row_of(rows, "R4")]["end_reason"] = "bo tak"  # R4 is a past cooperation
    rows[_first_row_of(rows, "R6")]["birth_date"] = "31.02.2010"
    ended = _first_row_of(rows, "R8")
    rows[ended]["ended_on"] = "01.01.2000"
    data = to_csv(rows)

    outcome = _import(people, data)
    report = outcome.report
    assert not outcome.loaded
    indexes = [1, *(_first_row_of(rows, key) for key in ("R2", "R4", "R6")), ended]
    assert report.error_rows == sorted(i + 2 for i in indexes)  # row 1 holds the headers
    assert len(report.errors) == 5
    by_column = {issue.column: issue for issue in report.errors}
    assert set(by_column) == {
        "PESEL",
        "login asystenta",
        "powód zakończenia",
        "data urodzenia",
        "data zakończenia",
    }
    assert "suma kontrolna" in by_column["PESEL"].message
    assert "nieznany.login" in by_column["login asystenta"].message
    assert "31.02.2010" in by_column["data urodzenia"].message
    assert "wcześniejsza" in by_column["data zakończenia"].message
    assert Family.objects.count() == Member.objects.count() == Assignment.objects.count() == 0

    path = tmp_path / "bledy.csv"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError, match="błędy w 5 wierszach"):
        call_command("import_families", str(path), "--centre", people.centre.terc, stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 5 and all(line.startswith("wiersz ") for line in lines)
    assert bad_pesel[:10] not in err.getvalue()  # the report names the column, not the number
    assert Family.objects.count() == 0


def test_duplicates_in_the_file_and_in_the_centre_are_reported(people, logins, family):
    existing = Faker("pl_PL").pesel(datetime(1990, 1, 2), "M")
    testing.make_member(
        family=family,
        by=people.dorota,
        first_name="Jan",
        birth_date=date(1990, 1, 2),
        pesel=existing,
    )
    rows = generate(logins, families=4, persons=10, seed=8)
    rows[3]["pesel"] = rows[0]["pesel"]  # the same person twice in the file
    rows[5]["pesel"] = existing  # already a member of a family in the centre
    rows[_first_row_of(rows, "R3")]["case_number"] = rows[0]["case_number"]
    rows[_first_row_of(rows, "R4")]["case_number"] = family.case_number
    report = _import(people, to_csv(rows)).report
    messages = {(i.row, i.column): i.message for i in report.errors}
    assert "powtarza się w pliku (wiersz 2)" in messages[(5, "PESEL")]
    assert "już zapisana w ośrodku" in messages[(7, "PESEL")]
    r3, r4 = _first_row_of(rows, "R3") + 2, _first_row_of(rows, "R4") + 2
    assert "powtarza się w pliku (wiersz 2)" in messages[(r3, "numer sprawy")]
    assert "już zapisana w ośrodku" in messages[(r4, "numer sprawy")]
    assert Family.objects.count() == 1  # only the fixture's


def test_family_rows_must_agree_with_the_first_row(people, logins):
    rows = generate(logins, families=2, persons=5, seed=4)
    rows[1]["locality"] = "Inna Wieś"  # second person of R1
    rows[2]["locality"] = rows[0]["locality"]  # repeating the same value is fine
    report = _import(people, to_csv(rows)).report
    assert [(i.row, i.column) for i in report.errors] == [(3, "miejscowość")]


def test_cap_of_15_counts_existing_families(people, logins):
    for _ in range(14):
        fam = testing.make_family(centre=people.centre, by=people.dorota)
        testing.assign(family=fam, assistant=people.bartek, by=people.dorota)
    rows = generate(["bartek"], families=3, persons=6, seed=9)
    for key in ("R1", "R2", "R3"):
        row = rows[_first_row_of(rows, key)]
        row.pop("ended_on", None), row.pop("end_reason", None)
    report = _import(people, to_csv(rows)).report
    assert [(i.row, i.column) for i in report.errors] == [
        (_first_row_of(rows, key) + 2, "login asystenta") for key in ("R2", "R3")
    ]
    assert "16 rodzin" in report.errors[0].message and "limit to 15" in report.errors[0].message


def test_formula_looking_cells_are_stored_as_text(people, logins):
    rows = generate(logins, families=2, persons=4, seed=6)
    rows[0]["surname"] = '=HYPERLINK("http://zly.example";"klik")'
    rows[0]["notes"] = "=1+2"
    rows[1]["notes"] = "@SUMA(A1:A3)"
    rows[2]["notes"] = "-5 kg"
    outcome = _import(people, to_xlsx(rows), "formuly.xlsx")
    assert outcome.loaded, outcome.report.errors
    assert Family.objects.filter(surname='=HYPERLINK("http://zly.example";"klik")').exists()
    notes = set(Member.objects.values_list("notes", flat=True))
    assert {"=1+2", "@SUMA(A1:A3)", "-5 kg"} <= notes
    assert len(outcome.report.warnings) == 3


def test_csv_formula_is_kept_as_text(people, logins):
    rows = generate(logins, families=1, persons=2, seed=6)
    rows[1]["notes"] = "=cmd|' /C calc'!A0"
    assert _import(people, to_csv(rows)).loaded
    assert Member.objects.filter(notes="=cmd|' /C calc'!A0").exists()


def test_dry_run_writes_nothing(people, logins, tmp_path):
    rows = generate(logins, families=5, persons=12, seed=2)
    path = tmp_path / "rodziny.xlsx"
    path.write_bytes(to_xlsx(rows))
    entries = LogEntry.objects.count()
    out = io.StringIO()
    call_command(
        "import_families", str(path), "--centre", people.centre.terc, "--dry-run", stdout=out
    )
    assert "nic nie zapisano" in out.getvalue() and "rodziny: 5, osoby: 12" in out.getvalue()
    assert Family.objects.count() == Member.objects.count() == Assignment.objects.count() == 0
    assert LogEntry.objects.count() == entries


def test_command_refuses_a_user_who_does_not_manage_the_centre(people, logins, tmp_path):
    path = tmp_path / "rodziny.csv"
    path.write_bytes(to_csv(generate(logins, families=1, persons=2)))
    with pytest.raises(CommandError):
        call_command("import_families", str(path), "--centre", people.centre.terc, "--by", "anna")
    with pytest.raises(CommandError, match="Nie ma ośrodka"):
        call_command("import_families", str(path), "--centre", "9999999")
    assert Family.objects.count() == 0


def test_headers_are_matched_loosely_and_checked(people, logins):
    rows = generate(logins, families=1, persons=2, seed=1)
    text = to_csv(rows).decode("utf-8-sig").replace("miejscowość", "MIEJSCOWOSC", 1)
    text = text.replace("klucz rodziny;", "lp.;klucz rodziny;", 1)
    text = "\r\n".join(
        line if i == 0 else ";" + line for i, line in enumerate(text.split("\r\n")) if line
    )
    outcome = _import(people, text.encode())
    assert outcome.loaded, outcome.report.errors
    assert [w.column for w in outcome.report.warnings] == ["lp."]
    missing = to_csv(rows).decode("utf-8-sig").replace("data urodzenia", "urodzony", 1)
    report = _import(people, missing.encode()).report
    assert ("data urodzenia", 1) in {(i.column, i.row) for i in report.errors}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "pusty"),
        (b"PK\x03\x04broken", "XLSX"),
        (b"\x00" * 10, "nagłówk"),
        (b"Lp.;Adres\n1;Polna 1\n", "nagłówk"),
    ],
)
def test_unreadable_files_get_a_message(people, data, message):
    report = _import(people, data, "plik.csv").report
    assert len(report.errors) == 1 and message in report.errors[0].message


def test_the_downloaded_template_imports_once_its_login_exists(people, login):
    client = login(people.dorota)
    xlsx = client.get(reverse("intake:import_template_xlsx"))
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert "attachment" in xlsx["Content-Disposition"]
    csv_response = client.get(reverse("intake:import_template_csv"))
    assert csv_response.content.startswith(b"\xef\xbb\xbfklucz rodziny;numer sprawy;")
    testing.make_user("jan.kowalski", centre=people.centre, roles=["assistant"])
    assert _import(people, xlsx.content, "wzor.xlsx").loaded
    assert Member.objects.count() == 3


# --- the upload page ------------------------------------------------------------------------------


@pytest.fixture
def import_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "import"


def _upload(client, data: bytes, name: str = "rodziny.csv"):
    return client.post(reverse("intake:import"), {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_then_confirm(people, logins, login, import_dir):
    rows = generate(logins, families=8, persons=20, seed=12)
    client = login(people.celina)
    assert client.get(reverse("intake:import")).status_code == 200
    preview = _upload(client, to_xlsx(rows), "rodziny.xlsx")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Plik jest poprawny" in html and "Zatwierdź import" in html
    report = preview.context["report"]
    assert (len(report.families), report.persons) == (8, 20)
    assert (report.open_assignments, report.ended_assignments) == (6, 2)
    assert Family.objects.count() == 0  # the preview writes nothing
    token = preview.context["token"]
    assert [p.name for p in import_dir.iterdir()] == [f"{token}.bin"]
    assert oct(next(import_dir.iterdir()).stat().st_mode & 0o777) == "0o600"

    done = client.post(reverse("intake:import_confirm"), {"token": token})
    assert done.status_code == 302 and done["Location"] == reverse("families:list")
    _assert_loaded(rows, 8)
    assert list(import_dir.iterdir()) == []  # the waiting file is gone
    again = client.post(reverse("intake:import_confirm"), {"token": token})
    assert again.status_code == 302 and again["Location"] == reverse("intake:import")
    assert Family.objects.count() == 8


def test_upload_with_errors_shows_them_and_keeps_nothing(people, logins, login, import_dir):
    rows = generate(logins, families=3, persons=7, seed=13)
    rows[2]["birth_date"] = "2020-13-45"
    response = _upload(login(people.dorota), to_csv(rows))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Plik odrzucony" in html and "Nic nie zostało zapisane" in html
    assert "2020-13-45" in html and "Zatwierdź import" not in html
    assert not import_dir.exists() or list(import_dir.iterdir()) == []
    assert Family.objects.count() == 0


def test_confirm_rechecks_the_file(people, logins, login, import_dir):
    rows = generate(logins, families=2, persons=4, seed=14)
    client = login(people.dorota)
    token = _upload(client, to_csv(rows)).context["token"]
    # Meanwhile someone registers a family with the same case number.
    testing.make_family(centre=people.centre, by=people.dorota, case_number=rows[0]["case_number"])
    response = client.post(reverse("intake:import_confirm"), {"token": token})
    assert response.status_code == 422
    assert "już zapisana w ośrodku" in response.content.decode()
    assert Family.objects.count() == 1


def test_confirm_needs_the_token_of_this_session(people, logins, login, import_dir):
    rows = generate(logins, families=1, persons=2, seed=15)
    dorota = login(people.dorota)
    token = _upload(dorota, to_csv(rows)).context["token"]
    response = dorota.post(reverse("intake:import_confirm"), {"token": "x" + token})
    assert response.status_code == 302 and response["Location"] == reverse("intake:import")
    other = login(people.celina)  # another session (the same test client, signed in anew)
    assert other.post(reverse("intake:import_confirm"), {"token": token}).status_code == 302
    assert Family.objects.count() == 0


@pytest.mark.parametrize("who", ["anna", "bartek", "edward", "urszula"])
def test_only_head_and_coordinator_may_import(people, logins, login, import_dir, who):
    client = login(getattr(people, who))
    data = to_csv(generate(logins, families=1, persons=2))
    for name in ("intake:import", "intake:import_template_xlsx", "intake:import_template_csv"):
        assert client.get(reverse(name)).status_code == 403, name
    assert _upload(client, data).status_code == 403
    assert client.post(reverse("intake:import_confirm"), {"token": "x"}).status_code == 403
    assert Family.objects.count() == 0


def test_navigation_links(people, login):
    html = login(people.dorota).get(reverse("families:list")).content.decode()
    assert reverse("intake:import") in html and reverse("families:search") in html
    html = login(people.anna).get(reverse("families:list")).content.decode()
    assert reverse("intake:import") not in html and reverse("families:search") in html
