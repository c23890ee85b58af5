"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA), skip link, session dialog."""

from __future__ import annotations

from playwright.sync_api import expect

from asysta.families.models import Family


def _assert_clean(axe, page, what: str) -> None:
    found = axe(page)
    assert not found, f"{what} ({page.url}): serious/critical axe violations:\n" + "\n".join(found)


def test_login_page_has_no_serious_violations(page, axe, demo):
    page.goto("/konto/logowanie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")
    _assert_clean(axe, page, "login page")
    # A failed sign-in shows an error and must stay accessible too.
    page.get_by_label("Login").fill("asystent1")
    page.get_by_label("Hasło").fill("to-nie-jest-haslo")
    page.get_by_role("button", name="Zaloguj się").click()
    expect(page.get_by_role("alert")).to_contain_text("Nieprawidłowy login lub hasło")
    _assert_clean(axe, page, "login page with an error")


def test_assistant_pages_have_no_serious_violations(page, axe, login, users):
    login("asystent1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje rodziny")
    _assert_clean(axe, page, "assistant's family list")

    family = Family.objects.visible_to(users["asystent1"]).order_by("pk").first()
    page.goto(f"/rodziny/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    _assert_clean(axe, page, "family detail")


def test_head_pages_have_no_serious_violations(page, axe, login):
    login("kierownik")
    expect(page.get_by_role("table", name="Obciążenie asystentów rodziny")).to_be_visible()
    _assert_clean(axe, page, "head's home page")

    page.goto("/rodziny/nowa/")
    page.get_by_label("Numer sprawy").fill("DAR.4011.97.2025")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#id_surname_error")).to_have_text("To pole jest wymagane.")
    _assert_clean(axe, page, "family form with required fields missing")

    for label, value in (("Nazwisko rodziny", "Wrzosowie"), ("Numer domu", "7")):
        page.get_by_label(label).fill(value)
    for label in ("Miejscowość", "Gmina"):
        page.get_by_label(label).fill("Zielona Dolina")
    page.get_by_label("Kod pocztowy").fill("5501")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#id_postal_code_error")).to_contain_text("NN-NNN")
    _assert_clean(axe, page, "family form with errors")


FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), select, textarea"


def test_skip_link_is_the_first_focusable_element(page, login):
    # The login page autofocuses the login field; there the skip link is first in DOM order.
    page.goto("/konto/logowanie/")
    first = page.locator(FOCUSABLE).first
    expect(first).to_have_text("Przejdź do treści")
    expect(page.get_by_label("Login")).to_be_focused()

    login("kierownik")
    for path in ("/", "/rodziny/", "/rodziny/nowa/"):
        page.goto(path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.tagName, document.activeElement.textContent.trim(),"
            " document.activeElement.getAttribute('href')]"
        )
        assert focused == ["A", "Przejdź do treści", "#tresc"], f"{path}: {focused}"
        expect(page.get_by_role("link", name="Przejdź do treści")).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page.locator("main#tresc")).to_be_focused()


def test_session_timeout_warning_is_dismissed_with_escape(page, login, settings):
    # The page warns min(120, idle/2) s before the end: with 5 s, after about 3 s.
    settings.SESSION_IDLE_TIMEOUT = 5
    login("asystent1")
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=4_500)
    expect(warning).to_have_attribute("role", "alertdialog")
    expect(warning.get_by_role("button", name="Przedłuż sesję")).to_be_focused()
    page.keyboard.press("Escape")
    expect(warning).to_be_hidden(timeout=1_000)
