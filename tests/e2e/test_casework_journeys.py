"""The casework journeys of issue 4 in a real browser: the assistant records a visit on a phone
and sees the plan's progress; the head acknowledges a periodic assessment and finds an overdue
one on the deadlines board. The plans and assessments are prepared through the services."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import expect

from asysta.assessments.models import AssessmentStatus
from asysta.plans.models import ActionStatus
from asysta.visits.models import Contact
from tests.e2e import casework

SUMMARY = "Omówiliśmy z matką plan dnia dzieci; syn ma termin w poradni na przyszły tydzień."
PROGRESS = "Plan dnia ustalony i zawieszony w kuchni."


def _status(page):
    return page.get_by_role("status")


def test_assistant_records_a_visit_on_a_phone_and_sees_the_plan_progress(
    phone_page, demo, users, axe
):
    from tests.e2e.conftest import sign_in

    page = phone_page
    anna = users["asystent1"]
    plan = casework.plan_for_one_of(anna, users["pracownik"], days_ago=30)
    family = plan.family
    first, second = plan.goals.get().actions.order_by("order")
    parent = family.members.filter(role="parent").order_by("pk").first()
    today = timezone.localdate()

    sign_in(page, "asystent1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje rodziny")
    page.goto(f"/rodziny/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    page.locator("#kontakty").get_by_role("link", name="Nowy kontakt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowy kontakt")
    assert axe(page) == []

    expect(page.get_by_role("textbox", name="Data (wymagane)", exact=True)).to_have_value(
        today.isoformat()
    )
    page.get_by_label("Od godziny").fill("09:00")
    page.get_by_label("Do godziny").fill("10:30")
    page.get_by_label("Forma kontaktu").select_option(label="wizyta w domu rodziny")
    page.get_by_role("combobox", name="Miejsce (wymagane)", exact=True).select_option(
        label="dom rodziny"
    )
    page.get_by_label(f"{parent.first_name} {parent.last_name}", exact=False).check()
    page.get_by_label("Inne osoby obecne").fill("pedagog szkolny")
    page.get_by_label("Przebieg spotkania").fill(SUMMARY)

    card = page.locator(".card").filter(has_text=first.what)
    card.get_by_label("Omówione / realizowane w tym kontakcie").check()
    card.get_by_label("Stan realizacji").select_option(label="zrealizowane")
    card.get_by_label("Postęp").fill(PROGRESS)
    page.get_by_role("button", name="Zapisz kontakt").click()

    expect(_status(page)).to_contain_text("Zapisano kontakt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wizyta w domu rodziny")
    contact = Contact.objects.get(family=family, summary=SUMMARY)
    assert contact.duration_minutes == 90 and contact.date == today
    assert list(contact.members_present.all()) == [parent]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.progress_note) == (ActionStatus.DONE, PROGRESS)
    assert second.status == ActionStatus.PLANNED

    # The plan page: one of the two actions done.
    page.goto(f"/rodziny/{family.pk}/")
    page.locator("#plan").get_by_role("link", name=f"Wersja {plan.version}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan pracy z rodziną")
    total = page.get_by_role("progressbar", name="Realizacja działań całego planu")
    expect(total).to_have_attribute("aria-valuenow", "50")
    expect(page.get_by_text("1 z 2 zrealizowanych (50%)").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(PROGRESS)


def test_head_acknowledges_an_assessment_and_sees_the_overdue_board(page, login, demo, users):
    anna, worker = users["asystent1"], users["pracownik"]
    recent = casework.plan_for_one_of(anna, worker, days_ago=60)
    assessment = casework.submitted_assessment(recent, assistant=anna)
    old = casework.plan_for_one_of(anna, worker, days_ago=220, exclude={recent.family_id})
    late_family = old.family
    assert not late_family.assessments.exists()
    family = recent.family

    login("kierownik")
    panel = page.get_by_role("region", name=re.compile("^Oceny do zapoznania"))
    expect(panel).to_contain_text(family.surname)
    row = panel.locator("li").filter(has_text=family.case_number)
    row.get_by_role("link", name="Zapoznaj się").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zapoznanie się z oceną okresową")
    page.get_by_label("Uwagi kierownika").fill("Zgadzam się z rekomendacją asystentki.")
    page.get_by_role("button", name="Potwierdzam zapoznanie się").click()
    expect(_status(page)).to_contain_text("Potwierdzono zapoznanie się z oceną.")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ACKNOWLEDGED
    assert assessment.acknowledged_by == users["kierownik"]

    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Terminy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminy ustawowe ośrodka")
    late = page.get_by_role("region", name=re.compile(r"^Po terminie"))
    entry = (
        late.locator("tbody tr")
        .filter(has_text=late_family.case_number)
        .filter(has_text="okresowa ocena sytuacji rodziny")
    )
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("po terminie")
    # The acknowledged family's next assessment is months away: not late.
    expect(
        late.locator("tbody tr")
        .filter(has_text=family.case_number)
        .filter(has_text="okresowa ocena sytuacji rodziny")
    ).to_have_count(0)
