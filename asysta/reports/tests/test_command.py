"""`manage.py report`: the same figures as the builders, in JSON, CSV and XLSX; bad input stops
with a Polish message and writes nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from asysta.core.testing import assign, make_family, make_member
from asysta.reports.activity import activity
from asysta.reports.base import Period
from asysta.reports.exports import escape_cell
from asysta.reports.tests.activity_dataset import YEAR, build
from asysta.reports.workcards import work_cards

pytestmark = pytest.mark.django_db

RANGE = ["--from", "2025-01-01", "--to", "2025-12-31"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def centre(people):
    build(people)
    return people.centre


@pytest.fixture
def formula_family(people):
    family = make_family(centre=people.centre, by=people.dorota, surname="=SUM(A1)")
    make_member(family=family, by=people.dorota)
    assign(family=family, assistant=people.anna, by=people.dorota, started_on=date(2025, 1, 2))
    return family


@pytest.mark.parametrize(("name", "builder"), [("activity", activity), ("work_card", work_cards)])
def test_json_is_the_builders_as_dict(centre, name, builder):
    printed = json.loads(run(name, "--centre", centre.terc, *RANGE, "--format", "json"))
    assert printed == builder(centre, Period(*YEAR)).as_dict()


def test_json_to_a_file(centre, tmp_path):
    target = tmp_path / "activity.json"
    run("activity", "--centre", centre.terc, *RANGE, "--output", str(target))
    data = json.loads(target.read_text("utf-8"))
    assert data["figures"][0]["code"] == "families_problem"
    assert [p.name for p in tmp_path.iterdir()] == ["activity.json"]  # no temporary left


def test_csv_bom_semicolons_and_formula_escaping(centre, formula_family, tmp_path):
    target = tmp_path / "activity.csv"
    run(
        "activity",
        "--centre",
        centre.terc,
        *RANGE,
        "--format",
        "csv",
        "--items",
        "--output",
        str(target),
    )
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    figures = {row[0]: row[2] for row in rows if len(row) == 3}
    report = activity(centre, Period(*YEAR))
    for figure in report.figures:
        assert figures[figure.code] == str(figure.value)
    labels = [row[3] for row in rows if len(row) == 6]
    assert f"'=SUM(A1) ({formula_family.case_number})" in labels
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_to_stdout_without_items(centre):
    printed = run("work_card", "--centre", centre.terc, *RANGE, "--format", "csv")
    assert printed.startswith("\ufeff")
    assert "hours;" in printed and "Pozycja" not in printed


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+48", "'+48"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kowalscy", "Kowalscy"),
        (3, 3),
    ],
)
def test_escape_cell(value, escaped):
    assert escape_cell(value) == escaped


def test_xlsx_holds_the_figures(centre, formula_family, tmp_path):
    target = tmp_path / "activity.xlsx"
    run(
        "activity",
        "--centre",
        centre.terc,
        *RANGE,
        "--format",
        "xlsx",
        "--items",
        "--output",
        str(target),
    )
    book = load_workbook(target)
    figures = {
        row[0]: row[2] for row in book["Wskaźniki"].iter_rows(values_only=True) if len(row) >= 3
    }
    report = activity(centre, Period(*YEAR))
    for figure in report.figures:
        assert Decimal(str(figures[figure.code])) == figure.value
    items = list(book["Pozycje"].iter_rows(values_only=True))
    assert len(items) - 1 == sum(len(f.items) for f in report.figures)
    # The formula-looking surname stays text, not a formula.
    labels = {row[3] for row in items[1:]}
    assert f"=SUM(A1) ({formula_family.case_number})" in labels
    cells = [row[3] for row in book["Pozycje"].iter_rows() if str(row[3].value).startswith("=")]
    assert cells and all(cell.data_type == "s" for cell in cells)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nothing", "--centre", "0223062", *RANGE], "Nieznane sprawozdanie"),
        (["activity", "--centre", "9999999", *RANGE], "Nie ma ośrodka"),
        (
            ["activity", "--centre", "0223062", "--from", "2025-12-31", "--to", "2025-01-01"],
            "Koniec okresu",
        ),
        (
            ["activity", "--centre", "0223062", "--from", "2025-13-01", "--to", "2025-12-31"],
            "Nieprawidłowa data",
        ),
        (
            ["activity", "--centre", "0223062", "--from", "1.01.2025", "--to", "2025-12-31"],
            "Nieprawidłowa data",
        ),
        (["activity", "--centre", "0223062", *RANGE, "--format", "xlsx", "--no-output"], None),
    ],
)
def test_bad_input_writes_nothing(centre, tmp_path, args, message):
    target = tmp_path / "out.json"
    if message is None:  # XLSX needs a file
        args, message = args[:-1], "wymaga pliku"
    else:
        args = [*args, "--output", str(target)]
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_directory(centre, tmp_path):
    with pytest.raises(CommandError, match="nie istnieje"):
        run("activity", "--centre", centre.terc, *RANGE, "--output", str(tmp_path / "no" / "x"))
    assert list(tmp_path.iterdir()) == []
