"""Family record pages: the sectioned family form, members, children outside the family,
problem areas, Niebieska Karta; who gets what, bad input, audit, constant query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.families import record
from asysta.families.models import BlueCard, ChildPlacement, Family

TODAY = timezone.localdate()
FAMILY = {
    "case_number": "",
    "surname": "Nowakowie",
    "difficulty": "2",
    "street": "Polna",
    "building": "7",
    "flat": "",
    "postal_code": "55-011",
    "locality": "Brzezinka",
    "gmina": "Testowo",
    "meeting_place": "Szkoła Podstawowa nr 2",
    "phone": "600 100 200",
    "email": "nowakowie@example.pl",
    "social_worker": "",
    "reporting_category_override": "",
    "other_services": "Kurator: p. Lis (SR Oława)",
    "strengths_available": "Babcia pomaga w opiece",
    "strengths_at_risk": "",
    "strengths_missing": "Stała praca",
}
PLACEMENT = {"kind": "prof", "carer": "RZ zawodowa Wiśniewskich", "since": "2025-01-10"}


@pytest.fixture
def child(people, family):
    return testing.make_member(
        family=family,
        by=people.anna,
        first_name="Zosia",
        role="child",
        sex="F",
        birth_date=date(2016, 2, 1),
    )


@pytest.fixture
def placement(people, family, child):
    return record.add_placement(
        family=family,
        by=people.anna,
        child=child,
        kind="kinship",
        carer="Babcia",
        since=date(2025, 1, 10),
    )


@pytest.fixture
def blue_card(people, family):
    return record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 2, 1))


def _new_urls(family, placement, blue_card):
    args = [family.pk]
    return [
        reverse("families:placement_create", args=args),
        reverse("families:placement_edit", args=[*args, placement.pk]),
        reverse("families:placement_end", args=[*args, placement.pk]),
        reverse("families:problems", args=args),
        reverse("families:blue_card_start", args=args),
        reverse("families:blue_card_end", args=[*args, blue_card.pk]),
    ]


def test_another_assistant_gets_404_on_every_record_url(
    people, family, child, placement, blue_card, login
):
    client = login(people.bartek)
    for url in _new_urls(family, placement, blue_card):
        assert client.get(url).status_code == 404, url
        response = client.post(url, {**PLACEMENT, "child": child.pk, "area_care": "on"})
        assert response.status_code == 404, url
    assert ChildPlacement.objects.count() == 1 and not family.problems.exists()


@pytest.mark.parametrize("who", ["edward", "urszula"])
def test_readers_may_not_change_the_record(people, family, placement, blue_card, login, who):
    client = login(getattr(people, who))
    for url in _new_urls(family, placement, blue_card):
        assert client.get(url).status_code == 403, url


def test_head_registers_a_family_from_the_sectioned_form_with_a_generated_number(people, login):
    response = login(people.dorota).post(reverse("families:create"), FAMILY)
    family = Family.objects.get()
    assert response.status_code == 302
    assert family.case_number == f"AR.1.{TODAY.year}"
    assert family.meeting_place == "Szkoła Podstawowa nr 2" and family.difficulty == 2
    assert family.email == "nowakowie@example.pl"
    assert family.strengths_missing == "Stała praca"


def test_all_family_errors_come_in_one_round_and_typed_values_stay(people, family, login):
    data = {
        **FAMILY,
        "case_number": family.case_number,  # taken
        "postal_code": "55010",
        "email": "nie-mail",
        "difficulty": "7",
    }
    response = login(people.dorota).post(reverse("families:create"), data)
    assert response.status_code == 422
    html = response.content.decode()
    for field in ("case_number", "postal_code", "email", "difficulty"):
        assert f'id="id_{field}_error"' in html, field
    assert "już istnieje" in html
    assert "Babcia pomaga w opiece" in html and 'value="Szkoła Podstawowa nr 2"' in html
    assert Family.objects.count() == 1


def test_override_shows_as_set_by_hand(people, family, login):
    client = login(people.anna)
    data = {**FAMILY, "case_number": family.case_number, "reporting_category_override": "za_zyciem"}
    assert client.post(reverse("families:edit", args=[family.pk]), data).status_code == 302
    html = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "objęta ustawą „Za życiem”" in html and "(ustawiona ręcznie)" in html


def test_a_17_year_old_parent_without_a_note_is_refused_next_to_the_notes(people, family, login):
    seventeen = TODAY.replace(year=TODAY.year - 17)
    data = {
        "first_name": "Kasia",
        "last_name": "Kowalska",
        "sex": "F",
        "birth_date": seventeen.isoformat(),
        "role": "parent",
        "relationship": "mother",
        "parental_authority": "full",
        "lives_in_household": "on",
        "school": "Liceum nr 1",
        "notes": "",
    }
    client = login(people.anna)
    response = client.post(reverse("families:member_create", args=[family.pk]), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_notes_error"' in html and "niepełnoletni" in html
    assert 'value="Liceum nr 1"' in html
    assert not family.members.filter(first_name="Kasia").exists()
    data["notes"] = "Małoletnia matka, opuściła MOW w maju."
    response = client.post(reverse("families:member_create", args=[family.pk]), data)
    assert response.status_code == 302
    kasia = family.members.get(first_name="Kasia")
    assert kasia.school == "Liceum nr 1" and kasia.parental_authority == "full"


def test_assistant_records_a_child_outside_the_family(people, family, child, login):
    url = reverse("families:placement_create", args=[family.pk])
    response = login(people.anna).post(url, {**PLACEMENT, "child": child.pk, "pcpr": "PCPR"})
    assert response.status_code == 302
    assert response["Location"].endswith("#poza-rodzina")
    placement = ChildPlacement.objects.get()
    assert placement.child == child and placement.family == family
    entry = LogEntry.objects.get_for_object(placement).get(action=LogEntry.Action.CREATE)
    assert entry.actor == people.anna and entry.additional_data["family"] == family.pk


def test_placement_until_before_since_is_shown_next_to_the_field(people, family, child, login):
    url = reverse("families:placement_create", args=[family.pk])
    data = {**PLACEMENT, "child": child.pk, "until": "2024-12-31", "court_file": "III Nsm 5/25"}
    response = login(people.anna).post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_until_error"' in html and "wcześniejsza" in html
    assert 'value="III Nsm 5/25"' in html
    assert not ChildPlacement.objects.exists()


def test_placement_for_a_non_member_or_an_adult_is_refused(people, family, login):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(
        family=other, by=people.dorota, role="child", sex="F", birth_date=date(2018, 1, 1)
    )
    adult = family.members.get(first_name="Marek")
    client = login(people.anna)
    url = reverse("families:placement_create", args=[family.pk])
    for member in (stranger, adult):
        response = client.post(url, {**PLACEMENT, "child": member.pk})
        assert response.status_code == 422
        assert 'id="id_child_error"' in response.content.decode()
    assert not ChildPlacement.objects.exists()


def test_a_placement_of_another_family_is_404(people, family, login):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    kid = testing.make_member(
        family=other, by=people.dorota, role="child", sex="M", birth_date=date(2017, 1, 1)
    )
    theirs = record.add_placement(
        family=other, by=people.dorota, child=kid, kind="prof", carer="X", since=date(2025, 1, 1)
    )
    client = login(people.anna)
    for name in ("placement_edit", "placement_end"):
        assert (
            client.get(reverse(f"families:{name}", args=[family.pk, theirs.pk])).status_code == 404
        )


def test_placement_is_edited_and_ended(people, family, child, placement, login):
    client = login(people.celina)
    url = reverse("families:placement_edit", args=[family.pk, placement.pk])
    data = {**PLACEMENT, "child": child.pk, "carer": "Babcia Zofia Nowak"}
    assert client.post(url, data).status_code == 302
    end = reverse("families:placement_end", args=[family.pk, placement.pk])
    assert client.post(end, {"until": "2024-01-01"}).status_code == 422
    assert client.post(end, {"until": "2025-06-30"}).status_code == 302
    placement.refresh_from_db()
    assert placement.carer == "Babcia Zofia Nowak" and placement.until == date(2025, 6, 30)
    assert LogEntry.objects.get_for_object(placement).filter(actor=people.celina).count() == 2


def test_problem_areas_are_chosen_with_notes(people, family, login):
    client = login(people.anna)
    url = reverse("families:problems", args=[family.pk])
    data = {"area_income": "on", "note_income": "zasiłek okresowy", "area_housing": "on"}
    assert client.post(url, data).status_code == 302
    assert dict(family.problems.values_list("area", "note")) == {
        "income": "zasiłek okresowy",
        "housing": "",
    }
    html = client.get(url).content.decode()
    assert 'value="zasiłek okresowy"' in html
    response = client.post(url, {"area_income": "on", "note_care": "bez zaznaczenia"})
    assert response.status_code == 422
    assert 'id="id_note_care_error"' in response.content.decode()
    assert family.problems.count() == 2
    assert client.post(url, {"area_care": "on"}).status_code == 302
    assert list(family.problems.values_list("area", flat=True)) == ["care"]
    actions = LogEntry.objects.filter(actor=people.anna, content_type__model="familyproblem")
    assert actions.filter(action=LogEntry.Action.DELETE).count() == 2


def test_blue_card_started_and_ended_through_the_pages(people, family, login):
    client = login(people.anna)
    start = reverse("families:blue_card_start", args=[family.pk])
    data = {"started_on": "2025-02-01", "team": "GDP 3", "details": "opis"}
    assert client.post(start, data).status_code == 302
    assert client.post(start, data).status_code == 422  # one procedure at a time
    card = BlueCard.objects.get()
    end = reverse("families:blue_card_end", args=[family.pk, card.pk])
    assert client.post(end, {"ended_on": "2025-01-01"}).status_code == 422
    assert client.post(end, {"ended_on": "2025-04-01"}).status_code == 302
    card.refresh_from_db()
    assert card.ended_on == date(2025, 4, 1) and card.details == "opis"
    assert LogEntry.objects.get_for_object(card).filter(actor=people.anna).count() == 2


def _detail_queries(client, family) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("families:detail", args=[family.pk])).status_code == 200
    return len(ctx.captured_queries)


def _grow(people, family, *, members: int, placements: int) -> None:
    for n in range(members):
        kid = testing.make_member(
            family=family,
            by=people.dorota,
            first_name=f"Dziecko{n}",
            role="child",
            sex="M",
            birth_date=date(2012 + n % 10, 1, 1),
            disability="orzeczenie",
        )
        if n < placements:
            record.add_placement(
                family=family,
                by=people.dorota,
                child=kid,
                kind="prof",
                carer="RZ",
                since=TODAY - timedelta(days=10 + n),
            )
    record.set_problems(family=family, by=people.dorota, areas={"addiction": "", "income": ""})


@pytest.mark.parametrize("who", ["anna", "edward"])
def test_family_page_query_count_does_not_grow(people, login, who):
    """1 member and 1 placement vs 8 members and 4 placements: the same number of queries."""
    family = testing.make_family(
        centre=people.centre, by=people.dorota, social_worker=people.edward
    )
    testing.assign(family=family, assistant=people.anna, by=people.dorota)
    record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 2, 1), details="x")
    client = login(getattr(people, who))
    _grow(people, family, members=1, placements=1)
    one = _detail_queries(client, family)
    _grow(people, family, members=7, placements=3)
    assert family.members.count() == 8 and family.placements.count() == 4
    assert _detail_queries(client, family) == one
