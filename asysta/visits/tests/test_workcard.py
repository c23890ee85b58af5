"""The monthly work card: numbers per family from SQL aggregates, constant query count, who may
see whose card, the printable page."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.core import testing
from asysta.visits.queries import month_bounds, work_card
from asysta.visits.tests.builders import contact as make_contact


def _visit(family, by, day, start, end, **fields):
    return make_contact(family, by=by, on=day, start_time=start, end_time=end, **fields)


@pytest.fixture
def march(people, family):
    """Anna's March 2025: two families (one court-ordered, with three missed visits)."""
    second = testing.make_family(centre=people.centre, by=people.dorota, surname="Nowakowie")
    testing.assign(family=second, assistant=people.anna, by=people.dorota)
    a, b = family, second
    _visit(a, people.anna, date(2025, 3, 3), time(9, 0), time(10, 30), kilometres=Decimal("12.5"))
    _visit(
        a,
        people.anna,
        date(2025, 3, 10),
        time(9, 0),
        time(9, 20),
        form="phone",
        place="other",
        place_note="telefon",
    )
    _visit(
        a,
        people.anna,
        date(2025, 3, 14),
        time(8, 0),
        time(11, 0),
        form="accompanying",
        place="court",
        kilometres=Decimal("30"),
    )
    for day in (5, 12, 19):  # scenario 1: three missed visits are logged
        _visit(b, people.anna, date(2025, 3, day), time(16, 0), time(16, 15), form="unsuccessful")
    _visit(b, people.anna, date(2025, 3, 26), time(12, 0), time(13, 0), place="school")
    # Outside the card: another month, another assistant's contact.
    _visit(a, people.anna, date(2025, 4, 1), time(9, 0), time(10, 0))
    _visit(a, people.dorota, date(2025, 3, 20), time(9, 0), time(10, 0))
    return a, b


def test_numbers_per_family_and_totals(people, march):
    a, b = march
    card = work_card(assistant=people.anna, centre=people.centre, year=2025, month=3)
    assert (card.first_day, card.last_day) == (date(2025, 3, 1), date(2025, 3, 31))
    rows = {row.family_id: row for row in card.rows}
    assert set(rows) == {a.pk, b.pk}
    ra, rb = rows[a.pk], rows[b.pk]
    assert (ra.contacts, ra.minutes, ra.hours) == (3, 90 + 20 + 180, Decimal("4.83"))
    assert ra.hours_label == "4:50"
    assert ra.kilometres == Decimal("42.5")
    assert ra.forms["home_visit"] == 1 and ra.forms["phone"] == 1 and ra.forms["accompanying"] == 1
    assert ra.institutions == {"school": 0, "court": 1, "clinic": 0, "office": 0}
    assert (rb.contacts, rb.minutes, rb.forms["unsuccessful"]) == (4, 3 * 15 + 60, 3)
    assert rb.institution_contacts == 1 and rb.kilometres == Decimal("0")
    totals = card.totals
    assert (totals.contacts, totals.minutes, totals.hours) == (7, 395, Decimal("6.58"))
    assert totals.forms["unsuccessful"] == 3 and totals.institution_contacts == 2
    assert totals.kilometres == Decimal("42.5")
    # Families sorted by surname (accent-insensitive).
    assert [r.surname for r in card.rows] == ["Kowalscy", "Nowakowie"]


def test_assigned_family_without_contacts_appears_with_zeros(people, family):
    today = family.assignments.get().started_on
    card = work_card(
        assistant=people.anna, centre=people.centre, year=today.year, month=today.month
    )
    assert [(r.family_id, r.contacts, r.minutes) for r in card.rows] == [(family.pk, 0, 0)]
    assert card.totals.contacts == 0 and card.totals.hours == Decimal("0.00")


def test_february_of_a_leap_year():
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    with pytest.raises(ValueError):
        month_bounds(2025, 13)


def _families_with_contacts(people, n):
    for i in range(n):
        fam = testing.make_family(centre=people.centre, by=people.dorota, surname=f"Rodzina{i}")
        _visit(fam, people.dorota, date(2025, 5, 5), time(9, 0), time(10, 0), place="clinic")
        _visit(fam, people.dorota, date(2025, 5, 6), time(9, 0), time(9, 30), form="phone")


def test_constant_query_count_with_1_and_20_families(people):
    _families_with_contacts(people, 1)
    with CaptureQueriesContext(connection) as few:
        card = work_card(assistant=people.dorota, centre=people.centre, year=2025, month=5)
    assert len(card.rows) == 1
    _families_with_contacts(people, 19)
    with CaptureQueriesContext(connection) as many:
        card = work_card(assistant=people.dorota, centre=people.centre, year=2025, month=5)
    assert len(card.rows) == 20
    assert card.totals.hours == Decimal("30.00") and card.totals.institutions["clinic"] == 20
    assert len(many) == len(few) <= 3


def test_the_work_card_page_keeps_its_query_count(people, login):
    client = login(people.dorota)
    url = reverse("visits:work_card", args=[2025, 5]) + f"?asystent={people.dorota.pk}"
    _families_with_contacts(people, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _families_with_contacts(people, 19)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- the page ------------------------------------------------------------------------------------


def test_the_assistant_sees_her_own_printable_card(people, march, login):
    response = login(people.anna).get(reverse("visits:work_card", args=[2025, 3]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Karta pracy — Marzec 2025" in html
    assert "Kowalscy" in html and "Nowakowie" in html
    assert "data-print" in html and "Drukuj" in html
    assert "visits/visits.css" in html and "visits/visits.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert "4,83" in html  # hours, Polish decimal comma
    assert 'name="asystent"' not in html  # an assistant does not pick


def test_the_current_month_redirects(people, login):
    response = login(people.anna).get(reverse("visits:work_card_current"))
    assert response.status_code == 302
    assert "/karta-pracy/" in response["Location"]


def test_an_assistant_asking_for_another_card_gets_404(people, march, login):
    url = reverse("visits:work_card", args=[2025, 3]) + f"?asystent={people.anna.pk}"
    assert login(people.bartek).get(url).status_code == 404


@pytest.mark.parametrize("who", ["celina", "dorota", "urszula"])
def test_coordinator_head_and_auditor_pick_any_assistant(people, march, login, who):
    client = login(getattr(people, who))
    plain = client.get(reverse("visits:work_card", args=[2025, 3])).content.decode()
    assert "Wybierz asystenta" in plain and 'name="asystent"' in plain
    url = reverse("visits:work_card", args=[2025, 3]) + f"?asystent={people.anna.pk}"
    html = client.get(url).content.decode()
    assert "Anna Asystentka" in html and "Nowakowie" in html
    # The month links keep the chosen assistant.
    assert f"/karta-pracy/2025/4/?asystent={people.anna.pk}" in html


def test_the_head_of_another_centre_gets_404_for_our_assistant(people, march, login):
    url = reverse("visits:work_card", args=[2025, 3]) + f"?asystent={people.anna.pk}"
    assert login(people.zofia).get(url).status_code == 404


def test_the_social_worker_has_no_work_card(people, login):
    assert login(people.edward).get(reverse("visits:work_card", args=[2025, 3])).status_code == 403


@pytest.mark.parametrize(("year", "month"), [(2025, 13), (2025, 0), (1999, 5)])
def test_a_month_that_does_not_exist_is_404(people, login, year, month):
    assert (
        login(people.anna).get(reverse("visits:work_card", args=[year, month])).status_code == 404
    )
