"""Reports in a browser: the head opens the last half-year report of the demo centre, clicks a
figure, sees the families behind it adding up to the figure, and downloads the CSV."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

SERVED = "Rodziny korzystające z usług asystenta rodziny w okresie"


def test_head_checks_a_half_year_figure_and_downloads_the_csv(page, full_demo, axe):
    sign_in(page, "kierownik")
    page.goto("/sprawozdania/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawozdania")
    assert axe(page) == []
    card = page.get_by_role("region", name="Sprawozdanie półroczne (rzeczowo-finansowe)")
    card.get_by_role("button", name="Pokaż sprawozdanie").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprawozdanie półroczne")
    expect(page.locator("main")).to_contain_text("okres 01.01.2026–30.06.2026")
    assert axe(page) == []
    cell = page.locator('td[data-code="families_served"]')
    value = int(cell.get_attribute("data-value"))
    assert value > 0, "the demo centre served families in the half-year"
    cell.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(SERVED)
    rows = page.locator("#pozycje tbody tr")
    expect(rows).to_have_count(value)
    expect(page.locator("#razem")).to_have_text(str(value))
    assert axe(page) == []
    first = rows.first.get_by_role("link")
    expect(first).to_have_attribute("href", re.compile(r"^/rodziny/\d+/$"))

    page.get_by_role("link", name="Wróć do sprawozdania").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "sprawozdanie-semiannual-2026-01-01_2026-06-30.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows_csv = list(csv.reader(io.StringIO(handle.read()), delimiter=";"))
    values = {row[0]: row[2] for row in rows_csv if len(row) == 3}
    assert values["families_served"] == str(value)
