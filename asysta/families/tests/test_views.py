"""Family pages: who gets what, bad input, audit of changes and reads, constant query counts."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.core import testing
from asysta.families.models import Family, Member

VALID = {
    "case_number": "AR.4011.7.2025",
    "surname": "Nowakowie",
    "street": "",
    "building": "7",
    "flat": "",
    "postal_code": "55-011",
    "locality": "Brzezinka",
    "gmina": "Testowo",
    "phone": "",
    "social_worker": "",
}


def _pesel(first_ten: str) -> str:
    from stdnum.pl import pesel

    return first_ten + pesel.calc_check_digit(first_ten)


def _family_urls(family):
    member = family.members.first()
    return [
        ("GET", reverse("families:detail", args=[family.pk])),
        ("GET", reverse("families:edit", args=[family.pk])),
        ("POST", reverse("families:edit", args=[family.pk])),
        ("GET", reverse("families:member_create", args=[family.pk])),
        ("POST", reverse("families:member_create", args=[family.pk])),
        ("GET", reverse("families:member_edit", args=[family.pk, member.pk])),
        ("POST", reverse("families:member_edit", args=[family.pk, member.pk])),
    ]


def test_another_assistant_gets_404_everywhere(people, family, login):
    client = login(people.bartek)
    for method, url in _family_urls(family):
        response = client.get(url) if method == "GET" else client.post(url, VALID)
        assert response.status_code == 404, (method, url)
    assert Family.objects.get(pk=family.pk).surname == "Kowalscy"


def test_head_of_another_centre_gets_404(people, family, login):
    client = login(people.zofia)
    for method, url in [
        *_family_urls(family),
        ("GET", reverse("intake:assign", args=[family.pk])),
        ("GET", reverse("families:access_log", args=[family.pk])),
    ]:
        response = client.get(url) if method == "GET" else client.post(url, VALID)
        assert response.status_code == 404, (method, url)


def test_assistant_of_the_family_reads_and_edits(people, family, login):
    client = login(people.anna)
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 200
    data = {**VALID, "case_number": family.case_number, "surname": "Kowalscy-Nowak"}
    response = client.post(reverse("families:edit", args=[family.pk]), data)
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.surname == "Kowalscy-Nowak"
    entry = LogEntry.objects.get_for_object(family).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == people.anna
    assert "surname" in entry.changes_dict
    assert entry.additional_data["centre"] == people.centre.pk


@pytest.mark.parametrize("who", ["edward", "urszula"])
def test_social_worker_and_auditor_read_but_do_not_write(people, family, login, who):
    client = login(getattr(people, who))
    assert client.get(reverse("families:detail", args=[family.pk])).status_code == 200
    response = client.post(reverse("families:edit", args=[family.pk]), VALID)
    assert response.status_code == 403
    assert Family.objects.get(pk=family.pk).case_number != VALID["case_number"]


def test_head_registers_a_family_and_it_is_audited(people, login):
    response = login(people.dorota).post(reverse("families:create"), VALID)
    family = Family.objects.get(case_number=VALID["case_number"])
    assert response.status_code == 302
    assert response["Location"] == reverse("families:detail", args=[family.pk])
    entry = LogEntry.objects.get_for_object(family).get(action=LogEntry.Action.CREATE)
    assert entry.actor == people.dorota
    assert entry.additional_data == {
        "centre": people.centre.pk,
        "family": family.pk,
        "case_number": VALID["case_number"],
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postal_code", "55010", "NN-NNN"),
        ("postal_code", "5-5010", "NN-NNN"),
        ("building", "", "To pole jest wymagane"),
    ],
)
def test_bad_family_input_is_shown_next_to_the_field(people, login, field, value, message):
    data = {**VALID, field: value}
    response = login(people.dorota).post(reverse("families:create"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert 'value="Nowakowie"' in html  # what the user typed is kept
    assert not Family.objects.exists()


def test_duplicate_case_number_is_refused(people, family, login):
    data = {**VALID, "case_number": family.case_number}
    response = login(people.dorota).post(reverse("families:create"), data)
    assert response.status_code == 422
    assert "już istnieje" in response.content.decode()
    assert Family.objects.count() == 1


def test_opening_a_family_is_logged_without_data_values(people, family, login):
    login(people.anna).get(reverse("families:detail", args=[family.pk]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == people.anna
    assert entry.object_pk == str(family.pk)
    assert entry.additional_data["section"] == "record"
    assert entry.additional_data["family"] == family.pk
    assert not entry.changes
    assert entry.remote_addr == "127.0.0.1"


def test_member_pesel_is_masked_in_the_audit_trail(people, family, login):
    response = login(people.anna).post(
        reverse("families:member_create", args=[family.pk]),
        {
            "first_name": "Ewa",
            "last_name": "Kowalska",
            "role": "parent",
            "sex": "F",
            "birth_date": "1991-05-14",
            "pesel": _pesel("9105141234"),
        },
    )
    member = Member.objects.get(first_name="Ewa")
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(member).get(action=LogEntry.Action.CREATE)
    changes = str(entry.changes)
    assert member.pesel[:6] not in changes and member.pesel[5:] not in changes
    assert entry.changes_dict["pesel"][1] == "[ukryte]"
    assert entry.additional_data["family"] == family.pk


def test_bad_pesel_in_the_member_form(people, family, login):
    url = reverse("families:member_create", args=[family.pk])
    data = {
        "first_name": "Ewa",
        "last_name": "Kowalska",
        "role": "parent",
        "sex": "M",
        "birth_date": "1991-05-14",
        "pesel": _pesel("9105141234"),
    }
    response = login(people.anna).post(url, data)
    assert response.status_code == 422
    assert "inną płeć" in response.content.decode()
    assert not family.members.filter(first_name="Ewa").exists()


def test_assistant_lists_only_own_families(people, family, login):
    other = testing.make_family(centre=people.centre, by=people.dorota, surname="Zielińscy")
    testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    html = login(people.anna).get(reverse("families:list")).content.decode()
    assert "Kowalscy" in html and "Zielińscy" not in html
    assert "Moje rodziny" in html


def test_head_lists_all_families_of_the_centre_only(people, family, login):
    testing.make_family(centre=people.centre_b, by=people.zofia, surname="Obcy")
    html = login(people.dorota).get(reverse("families:list")).content.decode()
    assert "Kowalscy" in html and "Obcy" not in html


def test_list_filter_and_htmx_partial(people, family, login):
    testing.make_family(centre=people.centre, by=people.dorota, surname="Zielińscy")
    client = login(people.dorota)
    response = client.get(reverse("families:list"), {"q": "ziel"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Zielińscy" in html and "Kowalscy" not in html
    assert "<html" not in html  # only the results partial is swapped in


def _queries_for_list(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["dorota", "anna"])
def test_list_query_count_does_not_grow(people, login, who):
    client = login(getattr(people, who))
    url = reverse("families:list")

    def add(n):
        for _ in range(n):
            fam = testing.make_family(centre=people.centre, by=people.dorota)
            if who == "anna":
                testing.assign(family=fam, assistant=people.anna, by=people.dorota)

    add(1)
    one = _queries_for_list(client, url)
    add(14)  # Anna's cap is 15; the head sees more
    if who == "dorota":
        for _ in range(35):
            testing.make_family(centre=people.centre, by=people.dorota)
    many = _queries_for_list(client, url)
    assert many == one


def test_detail_shows_members_and_assistant(people, family, login):
    testing.make_member(
        family=family,
        by=people.dorota,
        first_name="Zosia",
        role="child",
        sex="F",
        birth_date=date(2016, 2, 1),
    )
    html = login(people.dorota).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "Zosia" in html and "dziecko" in html
    assert str(people.anna) in html


def test_list_filter_is_accent_insensitive_and_matches_first_names(people, family, login):
    other = testing.make_family(
        centre=people.centre, by=people.dorota, surname="Żółkiewscy", locality="Łódź"
    )
    testing.make_member(
        family=other, by=people.dorota, first_name="Grzegorz", last_name="Żółkiewski"
    )
    client = login(people.dorota)
    for q in ("zolkiew", "lodz", "grzegorz zolk"):
        html = client.get(reverse("families:list"), {"q": q}).content.decode()
        assert "Żółkiewscy" in html and "Kowalscy" not in html, q


def test_a_pesel_in_the_list_filter_is_not_used(people, family, login):
    response = login(people.dorota).get(reverse("families:list"), {"q": "91051412340"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Numeru PESEL nie wpisuj w filtrze" in html and "Kowalscy" in html
