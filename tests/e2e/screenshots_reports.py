"""Documentation screenshots of the reports (docs/img/22–24): the list of reports with their
period pickers, the half-year report with its figures, the families behind one figure.

Not collected by a normal run (the name does not match test_*.py); produce them with:

    ASYSTA_TESTING=1 .venv/bin/pytest -m browser tests/e2e/screenshots_reports.py \\
        -p no:cacheprovider
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.screenshots import shoot  # noqa: F401  (the fixture)


def test_reports(page, full_demo, shoot):  # noqa: F811
    sign_in(page, "kierownik")
    page.goto("/sprawozdania/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawozdania")
    shoot(page, "22-sprawozdania-lista.png")

    card = page.get_by_role("region", name="Sprawozdanie półroczne (rzeczowo-finansowe)")
    card.get_by_role("button", name="Pokaż sprawozdanie").click()
    expect(page.locator('td[data-code="families_served"]')).to_be_visible()
    shoot(page, "23-sprawozdanie-polroczne.png", full_page=True)

    page.locator('td[data-code="families_served"]').get_by_role("link").click()
    expect(page.locator("#razem")).to_be_visible()
    shoot(page, "24-sprawozdanie-lista-rodzin.png", full_page=True)
