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


def test_dashboards_have_no_serious_violations(page, axe, login):
    login("kierownik")
    page.goto("/pulpit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wskaźniki ośrodka")
    _assert_clean(axe, page, "head's dashboard")
    page.goto("/pulpit/?od=2026-12-31&do=2026-01-01")
    expect(page.locator("#id_do_error")).to_be_visible()
    _assert_clean(axe, page, "head's dashboard with a bad period")


def test_assistant_dashboard_has_no_serious_violations(page, axe, login):
    login("asystent1")
    page.goto("/pulpit/moj/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mój pulpit")
    _assert_clean(axe, page, "assistant's dashboard")


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


def _foster_care_family(demo):
    """The demo family with a child in foster care (a placement in force)."""
    return Family.objects.filter(centre=demo, placements__isnull=False).distinct().get()


def _filed_request(demo):
    from asysta.intake.models import Referral, ReferralStatus

    return Referral.objects.select_related("family").get(
        centre=demo, status=ReferralStatus.REQUEST_FILED
    )


def test_intake_pages_have_no_serious_violations(page, axe, login, demo):
    login("kierownik")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Kolejka").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolejka oczekujących na asystenta")
    expect(page.get_by_text("proponowany wniosek").first).to_be_visible()
    expect(
        page.get_by_role("table", name="Wnioski w kolejce, w kolejności obsługi")
    ).to_be_visible()
    _assert_clean(axe, page, "queue with offers")

    referral = _filed_request(demo)
    family = referral.family
    page.goto(f"/rodziny/{family.pk}/wnioski/{referral.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Wniosek o asystenta rodziny — {family.surname}"
    )
    expect(page.get_by_role("region", name="Analiza sytuacji rodziny")).to_be_visible()
    _assert_clean(axe, page, "request detail")

    page.get_by_role("link", name="Decyzja kierownika").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Decyzja o wniosku — rodzina {family.surname}"
    )
    expect(page.get_by_role("region", name="Przydziel asystenta")).to_be_visible()
    _assert_clean(axe, page, "decision page")

    # The decision page with errors: a refusal without its reason.
    refuse = page.get_by_role("region", name="Odmów przydziału")
    refuse.get_by_role("button", name="Odmów").click()
    expect(refuse.locator("#id_refuse-reason_error")).to_have_text("To pole jest wymagane.")
    _assert_clean(axe, page, "decision page with errors")


def test_family_record_of_foster_care_and_blue_card_families(page, axe, login, demo):
    login("kierownik")
    family = _foster_care_family(demo)
    page.goto(f"/rodziny/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    placements = page.get_by_role("table", name="Dzieci przebywające poza rodziną")
    expect(placements).to_contain_text("w pieczy")
    _assert_clean(axe, page, "family detail with a child in foster care")

    blue = Family.objects.filter(
        centre=demo, blue_cards__isnull=False, blue_cards__ended_on__isnull=True
    ).get()
    page.goto(f"/rodziny/{blue.pk}/")
    expect(page.get_by_role("link", name="Procedura „Niebieskie Karty”")).to_be_visible()
    expect(page.get_by_role("region", name="Niebieska Karta")).to_contain_text("trwa od")
    _assert_clean(axe, page, "family detail with a Niebieska Karta procedure")


def test_search_and_import_pages_have_no_serious_violations(
    page, axe, login, demo, settings, tmp_path
):
    from asysta.intake.tests.import_files import generate, to_csv

    settings.VAR_DIR = tmp_path  # the previewed file waits there, not in the project's var/

    login("kierownik")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Szukaj").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Szukaj rodziny")
    page.get_by_label("Nazwisko, imię, numer sprawy lub adres").fill("kamionna")
    page.get_by_role("button", name="Szukaj", exact=True).click()
    results = page.get_by_role("table", name="Znalezione rodziny")
    expect(results.locator("tbody tr").first).to_contain_text("Kamionna")
    _assert_clean(axe, page, "search results")

    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import rodzin z arkusza")
    _assert_clean(axe, page, "import upload page")

    data = to_csv(generate(["asystent3"], families=2, persons=5, seed=4))
    page.get_by_label("Plik z rodzinami (XLSX lub CSV)").set_input_files(
        files=[{"name": "rodziny.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Podgląd importu: rodziny.csv")
    expect(page.get_by_role("status")).to_contain_text("Plik jest poprawny")
    _assert_clean(axe, page, "import preview")
