"""Documentation screenshots of the casework (docs/img/14–18): the plan, a contact on a phone,
the work card, the periodic assessment and the deadlines board.

Not collected by a normal run (the name does not match test_*.py); produce them with:

    ASYSTA_TESTING=1 .venv/bin/pytest -m browser tests/e2e/screenshots_casework.py \
        -p no:cacheprovider

The plans, contacts and assessments are prepared through the services (tests/e2e/casework.py).
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from asysta.plans.models import ActionStatus
from asysta.plans.services import report_action_progress
from asysta.visits.tests.builders import contact as make_contact
from tests.e2e import casework
from tests.e2e.screenshots import shoot  # noqa: F401  (the fixture)


@pytest.fixture
def plan(users, demo):
    """A plan in force for one of asystent1's families, its first action under way."""
    anna = users["asystent1"]
    made = casework.plan_for_one_of(anna, users["pracownik"], days_ago=45)
    first = made.goals.get().actions.order_by("order").first()
    report_action_progress(
        action=first,
        status=ActionStatus.IN_PROGRESS,
        note="Plan dnia ustalony; rodzice pilnują pory snu dzieci.",
        by=anna,
    )
    return made


def test_plan_detail(page, login, plan, shoot):  # noqa: F811
    login("asystent1")
    page.goto(f"/rodziny/{plan.family_id}/plany/{plan.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan pracy z rodziną")
    expect(page.get_by_text("0 z 2 zrealizowanych (0%)").first).to_be_visible()
    shoot(page, "14-plan-pracy.png", full_page=True)


def test_contact_form_on_a_phone(phone_page, login, plan, shoot):  # noqa: F811
    page = phone_page
    login("asystent1", on=page)
    page.goto(f"/rodziny/{plan.family_id}/kontakty/nowy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowy kontakt")
    page.get_by_label("Od godziny").fill("09:00")
    page.get_by_label("Do godziny").fill("10:30")
    page.get_by_label("Przebieg spotkania").fill(
        "Omówiliśmy plan dnia dzieci; syn ma termin w poradni."
    )
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "15-kontakt-telefon.png")


def test_work_card(page, login, users, plan, shoot):  # noqa: F811
    anna = users["asystent1"]
    today = timezone.localdate()
    families = casework.families_of(anna)[:4]
    days = sorted({max(today.replace(day=1), today - timedelta(days=n)) for n in (0, 2, 5, 9)})
    for n, (day, family) in enumerate(zip(days, families, strict=False)):
        make_contact(
            family,
            by=anna,
            on=day,
            start_time=time(9 + n),
            end_time=time(10 + n),
            kilometres=4 + 3 * n,
        )
    login("asystent1")
    page.goto("/karta-pracy/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Karta pracy")
    expect(page.get_by_role("table").first).to_contain_text(families[0].surname)
    shoot(page, "16-karta-pracy.png", full_page=True)


def test_assessment_form(page, login, users, plan, shoot):  # noqa: F811
    from asysta.assessments.services import create_assessment

    anna = users["asystent1"]
    today = timezone.localdate()
    draft = create_assessment(
        family=plan.family,
        by=anna,
        scores=casework.SCORES,
        period_from=plan.starts_on,
        period_to=today - timedelta(days=1),
        made_on=today,
        changes="Rodzice ustalili stały plan dnia dzieci.",
        cooperation="Rodzina współpracuje, dotrzymuje ustaleń.",
        recommendation="continue",
    )
    login("asystent1")
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(f"/rodziny/{plan.family_id}/oceny/{draft.pk}/edycja/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ocen", ignore_case=True)
    first_area = page.locator("fieldset", has_text="Opieka i wychowanie dzieci").first
    expect(first_area).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "17-ocena-okresowa.png")


def test_deadlines_board(page, login, users, demo, shoot):  # noqa: F811
    anna = users["asystent1"]
    casework.plan_for_one_of(anna, users["pracownik"], days_ago=220)
    login("kierownik")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Terminy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminy ustawowe ośrodka")
    late = page.locator("#po-terminie")
    expect(late.get_by_text("okresowa ocena sytuacji rodziny").first).to_be_visible()
    shoot(page, "18-terminy.png")
