"""The main journeys in a real browser: the assistant's own families, the head's intake."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import expect

from asysta.core import demo
from asysta.families.models import Family
from asysta.intake.models import Assignment


def _table_column(page, header: str) -> list[str]:
    """The texts of one column of the results table, by its header."""
    table = page.locator("#wyniki table")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    index = headers.index(header) + 1
    return [t.strip() for t in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def test_assistant_sees_exactly_own_families_opens_one_and_signs_out(page, login, users):
    anna = users["asystent1"]
    login("asystent1")

    expect(page.get_by_role("heading", level=1)).to_have_text("Moje rodziny")
    expect(page.get_by_role("navigation", name="Menu główne")).to_contain_text("Moje rodziny")

    visible = Family.objects.visible_to(anna)
    assigned = set(
        Assignment.objects.filter(assistant=anna, ended_on__isnull=True).values_list(
            "family__case_number", flat=True
        )
    )
    assert len(assigned) == 10  # the demo gives asystent1 ten families
    assert set(visible.values_list("case_number", flat=True)) == assigned

    case_numbers = _table_column(page, "Numer sprawy")
    assert len(case_numbers) == len(set(case_numbers)), "a family is listed twice"
    assert set(case_numbers) == assigned
    assert set(_table_column(page, "Rodzina")) == set(visible.values_list("surname", flat=True))
    assert set(_table_column(page, "Asystent")) == {str(anna)}
    expect(page.get_by_text("Wyników: 10")).to_be_visible()

    others = set(
        Family.objects.filter(centre=anna.memberships.first().centre)
        .exclude(case_number__in=assigned)
        .values_list("case_number", flat=True)
    )
    assert len(others) == demo.FAMILY_COUNT - 10
    assert not others & set(case_numbers), "families of other assistants are listed"
    for number in others:
        expect(page.locator("#wyniki")).not_to_contain_text(re.compile(rf"{re.escape(number)}\b"))

    family = visible.order_by("surname", "pk").first()
    page.get_by_role("link", name=family.surname, exact=True).first.click()
    expect(page).to_have_url(re.compile(rf"/rodziny/{family.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    expect(page.get_by_text(f"Numer sprawy: {family.case_number}")).to_be_visible()
    members = page.get_by_role("table", name="Członkowie rodziny")
    rows = members.locator("tbody tr")
    expect(rows).to_have_count(family.members.count())
    for member in family.members.all():
        expect(members).to_contain_text(f"{member.first_name} {member.last_name}")
    expect(page.get_by_role("region", name="Dane rodziny")).to_contain_text(str(anna))

    page.get_by_role("button", name="Wyloguj").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")
    page.goto(f"/rodziny/{family.pk}/")
    expect(page).to_have_url(re.compile(r"/konto/logowanie/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")


def _fill_family_form(page, *, case_number, surname, postal_code):
    page.get_by_label("Numer sprawy").fill(case_number)
    page.get_by_label("Nazwisko rodziny").fill(surname)
    page.get_by_label("Ulica").fill("Słoneczna")
    page.get_by_label("Numer domu").fill("12")
    page.get_by_label("Numer lokalu").fill("3")
    page.get_by_label("Kod pocztowy").fill(postal_code)
    page.get_by_label("Miejscowość").fill("Zielona Dolina")
    page.get_by_label("Gmina").fill("Zielona Dolina")
    page.get_by_label("Telefon kontaktowy").fill("600 100 200")


def test_head_creates_family_adds_member_and_assigns_assistant(page, login, users):
    login("kierownik")

    capacity = page.get_by_role("table", name="Obciążenie asystentów rodziny")
    expect(capacity).to_be_visible()
    for username, count in (("asystent1", 10), ("asystent2", 9), ("asystent3", 5)):
        row = capacity.locator("tbody tr", has_text=str(users[username]))
        expect(row.locator("td[data-label='Rodziny']")).to_have_text(str(count))
        expect(row.locator("td[data-label='Wolne']")).to_have_text(str(15 - count))

    page.get_by_role("link", name="Dodaj rodzinę").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nowa rodzina")
    _fill_family_form(
        page, case_number="DAR.4011.99.2025", surname="Jaworscy", postal_code="55-010"
    )
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rodzina Jaworscy")
    expect(page.get_by_role("status")).to_contain_text("Zapisano rodzinę Jaworscy")
    family = Family.objects.get(case_number="DAR.4011.99.2025")
    assert (family.street, family.postal_code, family.flat) == ("Słoneczna", "55-010", "3")
    expect(page.get_by_text("bez asystenta")).to_be_visible()

    page.get_by_role("link", name="Dodaj osobę").click()
    expect(page.get_by_label("Nazwisko")).to_have_value("Jaworscy")
    page.get_by_label("Imię").fill("Marta")
    page.get_by_label("Nazwisko").fill("Jaworska")
    page.get_by_label("Rola w rodzinie").select_option(label="rodzic")
    page.get_by_label("Płeć").select_option(label="kobieta")
    page.get_by_label("Data urodzenia").fill("1990-04-17")
    page.get_by_role("button", name="Zapisz").click()

    members = page.get_by_role("table", name="Członkowie rodziny")
    expect(members).to_contain_text("Marta Jaworska")
    expect(members).to_contain_text("17.04.1990")
    assert family.members.get().first_name == "Marta"

    # Without a legal basis the first assignment is refused; the family signs its consent.
    basis = page.get_by_role("region", name="Podstawa współpracy")
    expect(basis).to_contain_text("Brak podstawy prawnej")
    basis.get_by_role("link", name="Dodaj zgodę").click()
    page.get_by_label("Kto podpisał").fill("Marta Jaworska")
    page.get_by_label("Data podpisania").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Zapisz").click()
    expect(basis).to_contain_text("Podstawa: zgoda rodziny")

    tomasz = users["asystent3"]
    page.get_by_role("link", name="Przydziel asystenta").click()
    select = page.get_by_label("Asystent rodziny")
    expect(select.locator("option", has_text=str(tomasz))).to_have_text(
        f"{tomasz} — 5/15 rodzin, wolne: 10"
    )
    select.select_option(value=str(tomasz.pk))
    page.get_by_role("button", name="Przydziel").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rodzina Jaworscy")
    today = timezone.localdate().strftime("%d.%m.%Y")
    expect(page.get_by_role("region", name="Dane rodziny")).to_contain_text(
        f"{tomasz} (od {today})"
    )
    assert Assignment.objects.get(family=family, ended_on__isnull=True).assistant == tomasz


def test_bad_postal_code_shows_polish_error_next_to_field_and_keeps_input(page, login):
    login("kierownik")
    page.goto("/rodziny/nowa/")
    _fill_family_form(
        page, case_number="DAR.4011.98.2025", surname="Nowakowie", postal_code="55010"
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Zapisz").click()
    assert posted.value.status == 422

    expect(page.get_by_role("alert")).to_contain_text("Formularz zawiera błędy")
    field = page.get_by_label("Kod pocztowy")
    expect(field).to_have_value("55010")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "id_postal_code_error")
    error = page.locator("#id_postal_code_error")
    expect(error).to_have_text("Kod pocztowy podaj w formacie NN-NNN, np. 55-010.")
    # Next to the field: in the same field group, right below the input.
    expect(field.locator("xpath=following-sibling::*[1]")).to_have_id("id_postal_code_error")
    field_box, error_box = field.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 30
    # Nothing typed is lost.
    expect(page.get_by_label("Numer sprawy")).to_have_value("DAR.4011.98.2025")
    expect(page.get_by_label("Nazwisko rodziny")).to_have_value("Nowakowie")
    expect(page.get_by_label("Numer lokalu")).to_have_value("3")
    expect(page.get_by_label("Telefon kontaktowy")).to_have_value("600 100 200")
    assert not Family.objects.filter(case_number="DAR.4011.98.2025").exists()
