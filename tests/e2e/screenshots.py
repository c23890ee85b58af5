"""Documentation screenshots (docs/img/*.png) from the demo centre in headless Chromium.

Not collected by a normal run (the name does not match test_*.py); produce them with:

    ASYSTA_TESTING=1 .venv/bin/pytest -m browser tests/e2e/screenshots.py -p no:cacheprovider

Each screenshot first checks that the page is the expected one and that Bootstrap's CSS loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from asysta.families.models import Family
from asysta.families.services import create_family
from asysta.intake.models import Assignment, Referral, ReferralStatus
from asysta.intake.services import assign_assistant
from asysta.intake.tests.import_files import generate, to_csv

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
ASYSTA_BLUE = "rgb(31, 78, 121)"


@pytest.fixture
def shoot():
    IMG.mkdir(parents=True, exist_ok=True)

    def _shoot(page, name: str, *, full_page: bool = False) -> None:
        page.wait_for_load_state("networkidle")
        # Bootstrap and the Asysta theme are applied: a flex navbar in Asysta blue, Bootstrap's
        # system font stack instead of the browser's default serif.
        nav = page.locator("header nav.navbar")
        expect(nav).to_have_css("background-color", ASYSTA_BLUE)
        expect(nav).to_have_css("display", "flex")
        expect(page.locator("body")).to_have_css("font-family", re.compile("system-ui"))
        page.screenshot(path=str(IMG / name), animations="disabled", full_page=full_page)
        assert (IMG / name).stat().st_size > 10_000, f"{name} looks empty"

    return _shoot


def test_login(page, demo, shoot):
    page.goto("/konto/logowanie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")
    page.get_by_label("Login").fill("asystent1")
    shoot(page, "01-logowanie.png")


def test_assistant_family_list_and_detail(page, login, users, shoot):
    login("asystent1")
    expect(page.get_by_text("Wyników: 10")).to_be_visible()
    shoot(page, "03-moje-rodziny.png")

    family = Family.objects.visible_to(users["asystent1"]).order_by("surname", "pk").first()
    page.get_by_role("link", name=family.surname, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    shoot(page, "04-karta-rodziny.png")


def test_phone_family_list(phone_page, login, shoot):
    login("asystent1", on=phone_page)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Moje rodziny")
    expect(phone_page.locator("#wyniki thead")).to_be_hidden()  # rows stack on a phone
    shoot(phone_page, "07-moje-rodziny-telefon.png")


def _fill_caseload(demo, head, assistant, up_to: int) -> None:
    """Give `assistant` more families (through the services) until they carry `up_to`."""
    year = timezone.localdate().year
    current = assistant.assignments.filter(ended_on__isnull=True).count()
    for n in range(up_to - current):
        family = create_family(
            centre=demo,
            by=head,
            case_number=f"DAR.4011.{101 + n}.{year}",
            surname=["Malinowie", "Pawlakowie", "Zającowie", "Wróblowie", "Sikorowie"][n % 5],
            building=str(10 + n),
            postal_code="55-011",
            locality="Brzezinka",
            gmina="Zielona Dolina",
        )
        assign_assistant(family=family, assistant=assistant, by=head)


def test_head_home_assignment_cap_and_audit_log(page, login, demo, users, shoot):
    login("kierownik")
    expect(page.get_by_role("table", name="Obciążenie asystentów rodziny")).to_be_visible()
    shoot(page, "02-pulpit-kierownika.png")

    anna = users["asystent1"]
    _fill_caseload(demo, users["kierownik"], anna, up_to=15)
    assigned = Assignment.objects.filter(ended_on__isnull=True).values("family")
    waiting = Family.objects.filter(centre=demo).exclude(pk__in=assigned)
    family = waiting.order_by("pk").first()
    assert family is not None, "the demo has no family waiting for an assistant"
    page.goto(f"/rodziny/{family.pk}/przydziel/")
    page.get_by_label("Asystent rodziny").select_option(value=str(anna.pk))
    page.get_by_role("button", name="Przydziel").click()
    expect(page.locator("#id_assistant_error")).to_contain_text("ustawowy limit to 15 rodzin")
    shoot(page, "05-przydzial-limit.png")

    page.goto("/dziennik/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dziennik zdarzeń ośrodka")
    expect(page.get_by_role("table", name="Wpisy dziennika")).to_be_visible()
    shoot(page, "06-dziennik-zdarzen.png")


def _filed_request(demo) -> Referral:
    """The demo request waiting for the head's decision."""
    return Referral.objects.select_related("family").get(
        centre=demo, status=ReferralStatus.REQUEST_FILED
    )


def test_request_decision_and_queue(page, login, demo, shoot):
    login("kierownik")
    referral = _filed_request(demo)
    family = referral.family
    page.get_by_role("region", name="Wnioski i kolejka").get_by_role(
        "link", name=f"{family.surname} ({family.case_number})"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Decyzja o wniosku — rodzina {family.surname}"
    )
    expect(page.get_by_role("region", name="Przydziel asystenta")).to_contain_text("Wolne miejsca")
    shoot(page, "09-decyzja-kierownika.png")

    page.get_by_role("navigation", name="Okruszki").get_by_role("link", name="Wniosek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Wniosek o asystenta rodziny — {family.surname}"
    )
    expect(page.get_by_role("region", name="Analiza sytuacji rodziny")).to_contain_text(
        "potrzebny asystent"
    )
    shoot(page, "08-wniosek.png")

    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Kolejka").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolejka oczekujących na asystenta")
    expect(page.get_by_text("proponowany wniosek").first).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(3)
    shoot(page, "10-kolejka.png")


def test_family_record_of_foster_care_family(page, login, demo, shoot):
    login("kierownik")
    family = Family.objects.filter(centre=demo, placements__isnull=False).distinct().get()
    page.goto(f"/rodziny/{family.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    expect(page.get_by_role("table", name="Dzieci przebywające poza rodziną")).to_contain_text(
        "w pieczy"
    )
    shoot(page, "11-metryczka.png", full_page=True)


def test_search_results(page, login, shoot):
    login("kierownik")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Szukaj").click()
    page.get_by_label("Nazwisko, imię, numer sprawy lub adres").fill("kamionna")
    page.get_by_role("button", name="Szukaj", exact=True).click()
    results = page.get_by_role("table", name="Znalezione rodziny")
    expect(results.locator("tbody tr").first).to_contain_text("Kamionna")
    shoot(page, "12-wyszukiwanie.png")


def test_import_preview(page, login, shoot, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the previewed file waits there, not in the project's var/
    login("kierownik")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Import").click()
    data = to_csv(generate(["asystent2", "asystent3"], families=3, persons=8, seed=4))
    page.get_by_label("Plik z rodzinami (XLSX lub CSV)").set_input_files(
        files=[{"name": "rodziny.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Podgląd importu: rodziny.csv")
    expect(page.get_by_role("status")).to_contain_text("Plik jest poprawny")
    expect(page.get_by_role("button", name="Zatwierdź import")).to_be_visible()
    shoot(page, "13-import-podglad.png")
