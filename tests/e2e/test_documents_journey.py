"""Documents in a browser: the assistant makes the PDF of a demo family's work plan from the
plan's page, downloads it, and the head finds the centre's templates with their field help."""

from __future__ import annotations

from playwright.sync_api import expect

from asysta.documents.models import GeneratedDocument
from asysta.plans.models import PlanStatus, WorkPlan
from tests.e2e.conftest import sign_in


def test_assistant_generates_and_downloads_a_plan_pdf(page, full_demo, axe):
    plan = (
        WorkPlan.objects.filter(
            status=PlanStatus.IN_FORCE,
            family__assignments__assistant__username="asystent1",
            family__assignments__ended_on__isnull=True,
        )
        .select_related("family")
        .first()
    )
    sign_in(page, "asystent1")
    page.goto(f"/rodziny/{plan.family_id}/plany/{plan.pk}/")
    page.locator("summary", has_text="Dokumenty").click()
    box = page.get_by_role("group", name="Plan pracy z rodziną")
    expect(box).to_be_visible()
    assert axe(page) == []
    box.get_by_role("button", name="PDF").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("wersja 1")
    assert axe(page) == []
    with page.expect_download() as info:
        page.get_by_role("link", name="Pobierz PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    document = GeneratedDocument.objects.get(kind="work_plan", family=plan.family)
    assert document.generated_by.username == "asystent1"


def test_head_finds_the_centres_templates_and_the_field_help(page, full_demo, axe):
    sign_in(page, "kierownik")
    page.goto("/dokumenty/szablony/")
    main = page.locator("main")
    for label in ("Metryczka rodziny", "Plan pracy z rodziną", "Opinia o rodzinie dla sądu"):
        expect(main).to_contain_text(label)
    assert axe(page) == []
    page.goto("/dokumenty/pola/")
    expect(page.locator("main")).to_contain_text("family.case_number")
    assert axe(page) == []
