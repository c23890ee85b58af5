"""Documentation screenshots of the dashboards (docs/img/25–26): the head's dashboard and the
assistant's own one, from the demo centre with its casework.

Not collected by a normal run (the name does not match test_*.py); produce them with:

    ASYSTA_TESTING=1 .venv/bin/pytest -m browser tests/e2e/screenshots_dashboards.py \\
        -p no:cacheprovider
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.screenshots import shoot  # noqa: F401  (the fixture)


def test_head_dashboard(page, full_demo, shoot):  # noqa: F811
    sign_in(page, "kierownik")
    page.goto("/pulpit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wskaźniki ośrodka")
    expect(page.get_by_role("img", name="Rodziny na asystenta wobec limitu")).to_be_visible()
    expect(page.get_by_role("table", name="Rodziny według kategorii")).to_be_visible()
    shoot(page, "25-pulpit-kierownika.png", full_page=True)


def test_assistant_dashboard(page, full_demo, shoot):  # noqa: F811
    sign_in(page, "asystent1")
    page.goto("/pulpit/moj/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mój pulpit")
    expect(page.get_by_role("table", name="Moje rodziny według kategorii")).to_be_visible()
    shoot(page, "26-pulpit-asystenta.png", full_page=True)
