"""The command line and the UI agree: over one dataset, `manage.py report NAME --format json`
prints exactly what the report page shows (every figure's code and value, read from the page)
and what the page's JSON download holds. If either side drifts, these tests fail."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from asysta.reports.tests.activity_dataset import build

pytestmark = pytest.mark.django_db

PERIODS = [
    ("semiannual", "2025-01-01", "2025-06-30"),
    ("semiannual", "2025-07-01", "2025-12-31"),
    ("activity", "2025-01-01", "2025-12-31"),
    ("activity", "2025-03-01", "2025-06-30"),
]


class FigureCells(HTMLParser):
    """code -> value of the cells marked `data-code` / `data-value` on the report page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("data-code"):
            self.values[str(found["data-code"])] = str(found["data-value"])


def cli(name: str, centre, start: str, end: str) -> dict:
    out = io.StringIO()
    call_command("report", name, "--centre", centre.terc, "--from", start, "--to", end, stdout=out)
    return json.loads(out.getvalue())


def as_number(value) -> Decimal:
    return Decimal(str(value))


@pytest.fixture
def client_of_head(people, login):
    build(people)
    return login(people.dorota)


@pytest.mark.parametrize(("name", "start", "end"), PERIODS)
def test_page_shows_the_figures_the_command_prints(people, client_of_head, name, start, end):
    printed = cli(name, people.centre, start, end)
    page = client_of_head.get(reverse("reports:report", args=[name]), {"od": start, "do": end})
    assert page.status_code == 200
    cells = FigureCells()
    cells.feed(page.content.decode())
    shown = {code: as_number(value) for code, value in cells.values.items()}
    expected = {f["code"]: as_number(f["value"]) for f in printed["figures"]}
    assert list(cells.values) == [f["code"] for f in printed["figures"]]  # same rows, same order
    assert shown == expected
    assert any(shown.values())  # the dataset gives the period something to count


@pytest.mark.parametrize(("name", "start", "end"), PERIODS)
def test_json_download_equals_the_command_output(people, client_of_head, name, start, end):
    printed = cli(name, people.centre, start, end)
    response = client_of_head.get(
        reverse("reports:export", args=[name]), {"od": start, "do": end, "format": "json"}
    )
    assert json.loads(response.content) == printed


@pytest.mark.parametrize(("name", "start", "end"), PERIODS[:1] + PERIODS[2:3])
def test_figure_lists_on_the_page_are_the_command_items(people, client_of_head, name, start, end):
    printed = cli(name, people.centre, start, end)
    for figure in printed["figures"]:
        if not figure["items"]:
            continue
        response = client_of_head.get(
            reverse("reports:figure", args=[name, figure["code"]]), {"od": start, "do": end}
        )
        rows = response.context["rows"]
        assert [(i.kind, i.pk, i.label, i.reason) for i, _link in rows] == [
            (i["kind"], i["pk"], i["label"], i["reason"]) for i in figure["items"]
        ]
