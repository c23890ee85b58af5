"""Documentation screenshots of the documents (docs/img/19–21): the "Dokumenty" box of a plan,
a generated document with its versions, the centre's templates.

Not collected by a normal run (the name does not match test_*.py); produce them with:

    ASYSTA_TESTING=1 .venv/bin/pytest -m browser tests/e2e/screenshots_documents.py \\
        -p no:cacheprovider
"""

from __future__ import annotations

from playwright.sync_api import expect

from asysta.plans.models import PlanStatus, WorkPlan
from tests.e2e.conftest import sign_in
from tests.e2e.screenshots import shoot  # noqa: F401  (the fixture)


def test_generate_box_and_document(page, full_demo, shoot):  # noqa: F811
    plan = WorkPlan.objects.filter(
        status=PlanStatus.IN_FORCE,
        family__assignments__assistant__username="asystent1",
        family__assignments__ended_on__isnull=True,
        version__gt=1,
    ).first()
    sign_in(page, "asystent1")
    page.goto(f"/rodziny/{plan.family_id}/plany/{plan.pk}/")
    page.locator("summary", has_text="Dokumenty").click()
    expect(page.get_by_role("group", name="Plan pracy z rodziną")).to_be_visible()
    shoot(page, "19-dokumenty-generowanie.png")
    page.get_by_role("group", name="Plan pracy z rodziną").get_by_role("button", name="PDF").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("wersja 1")
    shoot(page, "20-dokument-wersja.png")


def test_centre_templates(page, full_demo, shoot):  # noqa: F811
    sign_in(page, "kierownik")
    page.goto("/dokumenty/szablony/")
    expect(page.locator("main")).to_contain_text("Metryczka rodziny")
    shoot(page, "21-szablony-osrodka.png", full_page=True)
