"""The intake journey of the issue in a real browser: the social worker (`pracownik`) files the
request for an assistant, the head (`kierownik`) assigns one, the assistant sees the family and
records the first meeting. Every step goes through the pages (clicks and typing, Polish labels).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from asysta.families.models import Family
from asysta.intake.models import Assignment, Referral, ReferralStatus
from asysta.intake.services import capacity_table


def _iso(day) -> str:
    return day.isoformat()


def _pl(day) -> str:
    return day.strftime("%d.%m.%Y")


def _status(page):
    """The confirmation shown after a saved step (Django messages, role=status)."""
    return page.get_by_role("status")


def _row(page, family: Family):
    """The row of `family` in the results table (by the exact case number)."""
    number = page.locator(
        "td[data-label='Numer sprawy']", has_text=re.compile(rf"^{re.escape(family.case_number)}$")
    )
    return page.locator("#wyniki tbody tr").filter(has=number)


def _open_family_from_list(page, family: Family) -> None:
    """Filter the family list by the case number and open the family by its name."""
    page.get_by_role("navigation", name="Menu główne").get_by_role(
        "link", name=re.compile(r"^(Rodziny|Moje rodziny)$")
    ).click()
    page.get_by_label("Szukaj (nazwisko, numer sprawy)").fill(family.case_number)
    page.get_by_role("button", name="Filtruj").click()
    row = _row(page, family)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=family.surname, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")


def _open_request_from_family(page, referral: Referral) -> None:
    basis = page.get_by_role("region", name="Podstawa współpracy")
    basis.get_by_role("link", name=f"Zgłoszenie z {_pl(referral.reported_on)}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Wniosek o asystenta rodziny — {referral.family.surname}"
    )


def _save_step(page, heading: str, fields: dict[str, str], confirmation: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Zapisz").click()
    expect(_status(page)).to_contain_text(confirmation)


def _badge(page):
    return page.locator("h1 + p .badge")


def test_social_worker_files_request_head_assigns_assistant_sees_family(page, login, demo, users):
    today = timezone.localdate()
    referral = Referral.objects.select_related("family").get(
        centre=demo, status=ReferralStatus.REPORTED
    )
    family = referral.family
    assert not family.consents.exists() and not family.court_orders.exists()
    interview_day = referral.reported_on + timedelta(days=4)
    filed_day = interview_day + timedelta(days=2)
    assert filed_day < today

    # --- the social worker: interview, analysis, the family's consent, the request ------------
    login("pracownik")
    _open_family_from_list(page, family)
    _open_request_from_family(page, referral)
    expect(_badge(page)).to_have_text("zgłoszenie")
    expect(page.get_by_text("Brak podstawy prawnej")).to_be_visible()

    page.get_by_role("link", name="Zaplanuj wywiad").click()
    _save_step(
        page,
        "Zaplanuj wywiad środowiskowy",
        {"Planowana data wywiadu": _iso(interview_day)},
        "Zapisano termin wywiadu.",
    )
    expect(_badge(page)).to_have_text("wywiad zaplanowany")

    page.get_by_role("link", name="Wywiad przeprowadzony").click()
    _save_step(
        page,
        "Wywiad środowiskowy przeprowadzony",
        {"Data wywiadu środowiskowego": _iso(interview_day)},
        "Zapisano datę wywiadu.",
    )
    expect(_badge(page)).to_have_text("wywiad przeprowadzony")

    page.get_by_role("link", name="Analiza sytuacji").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analiza sytuacji rodziny")
    page.get_by_label("Potrzeby rodziny").fill("Pomoc w organizacji dnia i opiece nad dziećmi.")
    page.get_by_label("Zasoby rodziny").fill("Matka chętna do współpracy, wsparcie babci.")
    page.get_by_label("Cele pracy z rodziną").fill("Regularne wizyty w poradni, praca matki.")
    page.get_by_label("Wnioski").fill("Zasadne przydzielenie asystenta rodziny.")
    page.get_by_label("Czy rodzina potrzebuje asystenta?").select_option(
        label="Tak — złożę wniosek o przydzielenie asystenta"
    )
    page.get_by_role("button", name="Zapisz").click()
    expect(_status(page)).to_contain_text("Zapisano analizę sytuacji rodziny.")
    expect(_badge(page)).to_have_text("analiza sytuacji rodziny gotowa")
    expect(page.get_by_role("region", name="Analiza sytuacji rodziny")).to_contain_text(
        "potrzebny asystent"
    )

    # The family signs the consent: recorded on the family page (legal basis).
    page.get_by_role("navigation", name="Okruszki").get_by_role("link", name=family.surname).click()
    basis = page.get_by_role("region", name="Podstawa współpracy")
    expect(basis).to_contain_text("Brak podstawy prawnej")
    basis.get_by_role("link", name="Dodaj zgodę").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zgoda rodziny")
    parents = ", ".join(str(m) for m in family.members.filter(role="parent"))
    page.get_by_label("Kto podpisał").fill(parents)
    page.get_by_label("Data podpisania").fill(_iso(interview_day))
    page.get_by_label("Dokument").fill(f"teczka {family.case_number}")
    page.get_by_role("button", name="Zapisz").click()
    expect(_status(page)).to_contain_text("Zapisano: zgoda rodziny.")
    expect(basis).to_contain_text(f"Podstawa: zgoda rodziny z {_pl(interview_day)}")

    _open_request_from_family(page, referral)
    page.get_by_role("link", name="Złóż wniosek do kierownika").click()
    _save_step(
        page,
        "Złóż wniosek o przydzielenie asystenta rodziny",
        {"Data wniosku do kierownika": _iso(filed_day)},
        "Wniosek trafił do kierownika.",
    )
    expect(_badge(page)).to_have_text("wniosek złożony do kierownika")
    # The course of the request names who recorded each step (from the audit trail).
    expect(page.get_by_role("region", name="Zmiany etapu")).to_contain_text(
        f"wniosek złożony do kierownika ({users['pracownik']})"
    )
    # The social worker does not decide.
    expect(page.get_by_role("link", name="Decyzja kierownika")).to_have_count(0)
    page.get_by_role("button", name="Wyloguj").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")

    # --- the head: the request on the start page, the capacity suggestions, the assignment ----
    tomasz = users["asystent3"]
    before = {r.assistant.pk: r for r in capacity_table(demo)}[tomasz.pk]
    login("kierownik")
    panel = page.get_by_role("region", name="Wnioski i kolejka")
    panel.get_by_role("link", name=f"{family.surname} ({family.case_number})").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Decyzja o wniosku — rodzina {family.surname}"
    )
    expect(page.get_by_text(f"Podstawa: zgoda rodziny z {_pl(interview_day)}")).to_be_visible()
    assign = page.get_by_role("region", name="Przydziel asystenta")
    expect(assign).to_contain_text(f"{tomasz} ({before.free})")
    select = assign.get_by_label("Asystent rodziny")
    expect(select.locator("option", has_text=str(tomasz))).to_have_text(
        f"{tomasz} — {before.open_families}/{before.hard_cap} rodzin, wolne: {before.free}"
    )
    select.select_option(value=str(tomasz.pk))
    expect(assign.get_by_label("Data przydziału")).to_have_value(_iso(today))
    assign.get_by_role("button", name="Przydziel", exact=True).click()

    expect(_status(page)).to_contain_text("Przydzielono asystenta.")
    expect(_badge(page)).to_have_text("asystent przydzielony")
    expect(page.get_by_role("region", name="Zmiany etapu")).to_contain_text(
        f"asystent przydzielony ({users['kierownik']})"
    )
    expect(page.get_by_role("region", name="Przebieg")).to_contain_text(
        f"{tomasz} (od {_pl(today)})"
    )
    assignment = Assignment.objects.get(family=family, ended_on__isnull=True)
    assert assignment.assistant == tomasz
    page.get_by_role("button", name="Wyloguj").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")

    # --- the assistant: the family in "Moje rodziny", the first meeting -----------------------
    login("asystent3")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje rodziny")
    expect(page.get_by_text(f"Wyników: {before.open_families + 1}")).to_be_visible()
    row = _row(page, family)
    expect(row).to_contain_text(str(tomasz))
    row.get_by_role("link", name=family.surname, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rodzina {family.surname}")
    expect(page.get_by_role("region", name="Dane rodziny")).to_contain_text(
        f"{tomasz} (od {_pl(today)})"
    )

    _open_request_from_family(page, referral)
    page.get_by_role("link", name="Pierwsze spotkanie").click()
    present = f"pracownik socjalny {users['pracownik']}, {parents}"
    _save_step(
        page,
        "Pierwsze spotkanie z rodziną (w obecności pracownika socjalnego)",
        {"Data pierwszego spotkania": _iso(today), "Kto był obecny": present},
        "Zapisano pierwsze spotkanie — rozpoczęła się praca z rodziną.",
    )
    expect(_badge(page)).to_have_text("praca z rodziną rozpoczęta")
    expect(page.get_by_role("region", name="Przebieg")).to_contain_text(f"{_pl(today)} — {present}")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACTIVE
    assert referral.assignment == assignment
    assignment.refresh_from_db()
    assert assignment.first_contact_on == today


def test_head_cannot_assign_after_the_family_withdrew_consent(page, login, demo, users):
    """The request is filed, but the family withdrew its consent: the head's assignment is
    refused with the Polish message and nothing is assigned; a refusal is still possible."""
    today = timezone.localdate()
    referral = Referral.objects.select_related("family").get(
        centre=demo, status=ReferralStatus.REQUEST_FILED
    )
    family = referral.family
    consent = family.consents.get()
    assert not family.court_orders.exists()

    login("kierownik")
    _open_family_from_list(page, family)
    basis = page.get_by_role("region", name="Podstawa współpracy")
    expect(basis).to_contain_text(f"Podstawa: zgoda rodziny z {_pl(consent.signed_on)}")
    basis.get_by_role("link", name=f"wycofanie zgody z {_pl(consent.signed_on)}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wycofanie zgody")
    page.get_by_label("Data wycofania zgody").fill(_iso(today))
    page.get_by_label("Okoliczności wycofania").fill("Matka wycofała zgodę telefonicznie.")
    page.get_by_role("button", name="Zapisz").click()
    expect(_status(page)).to_contain_text("Zapisano wycofanie zgody.")
    expect(basis).to_contain_text("Brak podstawy prawnej")
    expect(basis).to_contain_text(f"wycofana {_pl(today)}")

    _open_request_from_family(page, referral)
    page.get_by_role("link", name="Decyzja kierownika").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Decyzja o wniosku — rodzina {family.surname}"
    )
    expect(page.get_by_text("Brak podstawy prawnej", exact=True)).to_be_visible()
    assign = page.get_by_role("region", name="Przydziel asystenta")
    assign.get_by_label("Asystent rodziny").select_option(value=str(users["asystent3"].pk))
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        assign.get_by_role("button", name="Przydziel", exact=True).click()
    assert posted.value.status == 422

    expect(assign.get_by_role("alert")).to_have_text(
        f"Brak podstawy prawnej: {_pl(today)} rodzina nie ma ani ważnej zgody, ani "
        "postanowienia sądu zobowiązującego do współpracy z asystentem. Najpierw zapisz zgodę "
        "rodziny lub postanowienie sądu."
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REQUEST_FILED
    assert not Assignment.objects.filter(family=family).exists()

    # A refusal needs no basis.
    refuse = page.get_by_role("region", name="Odmów przydziału")
    refuse.get_by_label("Powód odmowy").fill("Rodzina wycofała zgodę na współpracę.")
    refuse.get_by_role("button", name="Odmów").click()
    expect(_status(page)).to_contain_text("Zapisano odmowę przydziału.")
    expect(_badge(page)).to_have_text("odmowa przydziału")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED
