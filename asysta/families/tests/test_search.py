"""Family search: scoping, accents, PESEL by POST only (and audited without the number),
pagination and a constant query count."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from stdnum.pl import pesel as stdnum_pesel

from asysta.core import testing
from asysta.families import search

URL = "/rodziny/szukaj/"


def _pesel(birth: date, *, female: bool) -> str:
    """A valid PESEL for a 20th-century birth date and sex (serial 012)."""
    sex_digit = "2" if female else "1"
    first_ten = f"{birth:%y%m%d}012{sex_digit}"
    return first_ten + stdnum_pesel.calc_check_digit(first_ten)


MOTHER_PESEL = _pesel(date(1988, 3, 9), female=True)


@pytest.fixture
def zolc(people):
    """Anna's family 'Żółć' in Łódź, with a mother who has a PESEL."""
    fam = testing.make_family(
        centre=people.centre,
        by=people.dorota,
        surname="Żółć",
        street="ul. Źródlana",
        building="5",
        locality="Łódź",
    )
    testing.make_member(
        family=fam,
        by=people.dorota,
        first_name="Jadwiga",
        last_name="Żółć",
        sex="F",
        birth_date=date(1988, 3, 9),
        pesel=MOTHER_PESEL,
    )
    testing.assign(family=fam, assistant=people.anna, by=people.dorota)
    return fam


def _names(response) -> list[str]:
    page = response.context["page"]
    return [] if page is None else [f.surname for f in page.object_list]


def test_url_is_the_search_page():
    assert reverse("families:search") == URL


@pytest.mark.parametrize(
    "q",
    ["Lodz", "lódź", "ŁÓDŹ", "zolc", "Żółć", "ZOLC lodz", "jadwiga", "zrodlana 5", "AR."],
)
def test_accent_and_case_insensitive_text_search(people, zolc, login, q):
    response = login(people.anna).get(URL, {"q": q})
    assert response.status_code == 200
    assert _names(response) == ["Żółć"]


def test_every_word_must_match(people, zolc, login):
    client = login(people.dorota)
    assert _names(client.get(URL, {"q": "zolc krakow"})) == []
    assert _names(client.get(URL, {"q": "zolc"})) == ["Żółć"]


def test_empty_query_lists_nothing(people, zolc, login):
    response = login(people.dorota).get(URL)
    assert response.status_code == 200
    assert response.context["page"] is None


def test_another_assistant_finds_nothing_of_annas_families(people, zolc, family, login):
    client = login(people.bartek)
    for q in ["zolc", "Kowalscy", "lodz", zolc.case_number, family.case_number]:
        assert _names(client.get(URL, {"q": q})) == [], q
    response = client.post(URL, {"pesel": MOTHER_PESEL})
    assert response.status_code == 200
    assert _names(response) == []
    assert "Nie znaleziono" in response.content.decode()


def test_head_of_another_centre_finds_nothing(people, zolc, login):
    client = login(people.zofia)
    assert _names(client.get(URL, {"q": "zolc"})) == []
    assert _names(client.post(URL, {"pesel": MOTHER_PESEL})) == []


def test_pesel_search_by_post_finds_the_family(people, zolc, login):
    client = login(people.anna)
    response = client.post(URL, {"pesel": MOTHER_PESEL})
    assert response.status_code == 200
    assert _names(response) == ["Żółć"]
    html = response.content.decode()
    assert MOTHER_PESEL not in html  # not echoed back, not in any link
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html


def test_pesel_search_is_audited_without_the_number(people, zolc, login):
    client = login(people.dorota)
    client.post(URL, {"pesel": MOTHER_PESEL})
    entry = LogEntry.objects.get(additional_data__section=search.SECTION_PESEL_SEARCH)
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.actor == people.dorota
    assert entry.additional_data == {
        "centre": people.centre.pk,
        "section": "search_pesel",
        "results": 1,
    }
    for row in LogEntry.objects.values_list("changes", "object_repr", "additional_data"):
        assert MOTHER_PESEL not in str(row)


def test_text_search_writes_no_access_entry(people, zolc, login):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    login(people.dorota).get(URL, {"q": "zolc"})
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before


def test_pesel_in_a_get_is_ignored(people, zolc, login):
    response = login(people.dorota).get(URL, {"pesel": MOTHER_PESEL})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "pomijany" in response.content.decode()


def test_pesel_typed_into_the_text_field_is_not_searched(people, zolc, login):
    response = login(people.dorota).get(URL, {"q": MOTHER_PESEL})
    assert response.status_code == 422
    assert response.context["page"] is None
    assert "PESEL" in response.content.decode()


@pytest.mark.parametrize("value", ["123", "88030901235", "abcdefghijk"])
def test_invalid_pesel_is_refused_with_a_message(people, zolc, login, value):
    response = login(people.dorota).post(URL, {"pesel": value})
    assert response.status_code == 422
    assert "PESEL" in response.content.decode()
    assert not LogEntry.objects.filter(additional_data__section="search_pesel").exists()


def test_pagination_by_25(people, login):
    for i in range(30):
        testing.make_family(centre=people.centre, by=people.dorota, surname=f"Wójcik-{i:02d}")
    client = login(people.dorota)
    first = client.get(URL, {"q": "wojcik"})
    assert len(_names(first)) == 25 and first.context["page"].paginator.count == 30
    assert "q=wojcik&amp;p=2" in first.content.decode()
    assert len(_names(client.get(URL, {"q": "wojcik", "p": 2}))) == 5


def test_htmx_request_gets_only_the_results(people, zolc, login):
    response = login(people.dorota).get(URL, {"q": "zolc"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Żółć" in html and "<html" not in html


def _count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_the_same_for_1_and_50_results(people, login):
    assistants = [people.anna, people.bartek] + [
        testing.make_user(f"asystent{i}", centre=people.centre, roles=["assistant"])
        for i in range(2)
    ]

    def add(n, start):
        for i in range(start, start + n):
            fam = testing.make_family(centre=people.centre, by=people.dorota, surname="Mazur")
            testing.assign(family=fam, assistant=assistants[i % 4], by=people.dorota)

    client = login(people.dorota)
    add(1, 0)
    one = _count_queries(client, q="mazur")
    add(49, 1)
    many = _count_queries(client, q="mazur")
    assert many == one
    shown = client.get(URL, {"q": "mazur"})
    assert len(_names(shown)) == 25 and shown.context["page"].paginator.count == 50
    assert _count_queries(client, q="mazur", p=2) == one
