"""The contact form on a phone: a note typed before a session timeout comes back as a draft
(kept in the browser), can be discarded, and is forgotten once the contact is saved."""

from __future__ import annotations

from playwright.sync_api import expect

from asysta.intake.models import Assignment
from asysta.visits.models import Contact

NOTE = "Rozmowa z matką o zapisaniu Kacpra do poradni; dzieci zadbane."


def _family_of(user):
    return Assignment.objects.filter(assistant=user, ended_on__isnull=True).first().family


def test_a_draft_survives_a_reload_and_is_cleared_after_saving(
    browser, live_server, phone_page, demo, users, axe
):
    from tests.e2e.conftest import sign_in

    page = phone_page
    family = _family_of(users["asystent1"])
    sign_in(page, "asystent1")
    url = f"/rodziny/{family.pk}/kontakty/nowy/"
    page.goto(url)
    notice = page.get_by_role("status").filter(has_text="Przywrócono niezapisany szkic")
    expect(notice).to_be_hidden()
    assert axe(page) == []

    page.get_by_label("Od godziny").fill("10:00")
    page.get_by_label("Do godziny").fill("11:30")
    page.get_by_label("Przebieg spotkania").fill(NOTE)
    page.get_by_label("Przejechane kilometry").fill("7")

    # The session ran out and the assistant comes back to the form: the draft is restored.
    page.goto(url)
    expect(notice).to_be_visible()
    expect(page.get_by_label("Przebieg spotkania")).to_have_value(NOTE)
    expect(page.get_by_label("Do godziny")).to_have_value("11:30")

    # The safety details appear only with the flag.
    description = page.get_by_label("Opis zagrożenia i podjętych działań")
    expect(description).to_be_hidden()
    page.get_by_label("Możliwe zagrożenie bezpieczeństwa dziecka").check()
    expect(description).to_be_visible()
    page.get_by_label("Możliwe zagrożenie bezpieczeństwa dziecka").uncheck()

    page.get_by_role("button", name="Zapisz kontakt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wizyta w domu rodziny")
    saved = Contact.objects.get(family=family, summary=NOTE)
    assert saved.duration_minutes == 90

    # Saved: the next new contact starts empty.
    page.goto(url)
    expect(notice).to_be_hidden()
    expect(page.get_by_label("Przebieg spotkania")).to_have_value("")


def test_a_draft_can_be_discarded(browser, live_server, phone_page, demo, users):
    from tests.e2e.conftest import sign_in

    page = phone_page
    family = _family_of(users["asystent1"])
    sign_in(page, "asystent1")
    url = f"/rodziny/{family.pk}/kontakty/nowy/"
    page.goto(url)
    page.get_by_label("Przebieg spotkania").fill("Szkic do odrzucenia.")
    page.goto(url)
    page.get_by_role("button", name="Odrzuć szkic").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Przebieg spotkania")).to_have_value("")
    expect(page.get_by_text("Przywrócono niezapisany szkic")).to_be_hidden()


def test_contact_pages_and_the_work_card_pass_the_accessibility_scan(
    browser, live_server, page, demo, users, axe
):
    from datetime import time, timedelta

    from django.utils import timezone

    from asysta.visits.tests.builders import contact as make_contact
    from tests.e2e.conftest import sign_in

    anna = users["asystent1"]
    family = _family_of(anna)
    note = make_contact(family, by=anna, child_safety=True, start_time=time(8), end_time=time(9))
    sign_in(page, "asystent1")
    for url in (
        f"/rodziny/{family.pk}/kontakty/",
        f"/rodziny/{family.pk}/kontakty/{note.pk}/",
        f"/rodziny/{family.pk}/kontakty/{note.pk}/korekta/",
    ):
        page.goto(url)
        assert axe(page) == [], url
    today = timezone.localdate() - timedelta(days=1)
    page.goto(f"/karta-pracy/{today.year}/{today.month}/")
    expect(page.get_by_role("button", name="Drukuj")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(family.surname)
    assert axe(page) == []
