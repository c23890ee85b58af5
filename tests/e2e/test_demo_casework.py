"""The demo centre as `make run` shows it: the casework at every stage, seen by the head and by an
assistant, with no accessibility violations on the pages that show it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from asysta.assessments.models import AssessmentStatus, PeriodicAssessment
from asysta.plans.models import PlanStatus, WorkPlan
from tests.e2e.conftest import sign_in


def test_head_sees_the_demo_casework_waiting_and_overdue(page, full_demo, axe):
    waiting = PeriodicAssessment.objects.get(status=AssessmentStatus.SUBMITTED)
    sign_in(page, "kierownik")
    panel = page.get_by_role("region", name=re.compile("^Oceny do zapoznania"))
    expect(panel).to_contain_text(waiting.family.case_number)
    assert axe(page) == []

    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Terminy").click()
    late = page.get_by_role("region", name=re.compile(r"^Po terminie"))
    for what in ("okresowa ocena sytuacji rodziny", "przegląd planu", "działanie planu"):
        expect(late.locator("tbody tr").filter(has_text=what).first).to_be_visible()
    assert axe(page) == []


def test_assistant_opens_a_demo_family_with_its_plan_contacts_and_chronology(page, full_demo, axe):
    plan = (
        WorkPlan.objects.filter(
            status=PlanStatus.IN_FORCE,
            family__assignments__assistant__username="asystent1",
            family__assignments__ended_on__isnull=True,
            version__gt=1,
        )
        .select_related("family")
        .first()
    )
    assert plan is not None, "the demo has no revised plan for asystent1"
    family = plan.family
    sign_in(page, "asystent1")
    page.goto(f"/rodziny/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    page.locator("#plan").get_by_role("link", name=f"Wersja {plan.version}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan pracy z rodziną")
    expect(page.get_by_role("progressbar", name="Realizacja działań całego planu")).to_be_visible()
    assert axe(page) == []

    page.goto(f"/rodziny/{family.pk}/chronologia/")
    timeline = page.locator("main")
    for event in ("pierwsze spotkanie", "plan pracy", "ocena okresowa", "wizyta"):
        expect(timeline).to_contain_text(re.compile(event, re.IGNORECASE))
    assert axe(page) == []
