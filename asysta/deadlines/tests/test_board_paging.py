"""The board and "Moje terminy" at any size: paged, filtered, counted and sorted in SQL, with a
constant number of queries, and an assistant's list reading only that assistant's rows."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.deadlines import queries
from asysta.deadlines.models import DeadlineEntry


def _families(people, assistant, n, *, late: bool, surname: str = "Kowalscy"):
    """`n` families assigned to `assistant`, their first meeting late (assigned 40 days ago)
    or soon (assigned today)."""
    started = timezone.localdate() - timedelta(days=40 if late else 0)
    made = []
    for _ in range(n):
        fam = testing.make_family(centre=people.centre, by=people.dorota, surname=surname)
        testing.assign(family=fam, assistant=assistant, by=people.dorota, started_on=started)
        made.append(fam)
    return made


def _assistants(people, n):
    return [
        testing.make_user(f"asystent{i}", centre=people.centre, roles=["assistant"], last=f"A{i}")
        for i in range(n)
    ]


def test_the_board_pages_late_and_soon_steps_separately(people, login, monkeypatch):
    monkeypatch.setattr(queries, "BOARD_PAGE_SIZE", 3)
    late = _families(people, people.bartek, 4, late=True, surname="Nowakowie")
    _families(people, people.anna, 2, late=False, surname="Wiśniewscy")
    client = login(people.dorota)
    first = client.get(reverse("deadlines:board")).content.decode()
    assert "Po terminie (4)" in first and "Wkrótce (2)" in first
    assert first.count("Nowakowie") == 3 and first.count("Wiśniewscy") == 2
    assert "Strona 1 z 2" in first and "po=2#po-terminie" in first
    second = client.get(reverse("deadlines:board") + "?po=2").content.decode()
    assert second.count("Nowakowie") == 1 and second.count("Wiśniewscy") == 2
    assert late[0].case_number in first + second and late[3].case_number in first + second


def test_the_board_filters_by_assistant_kind_and_state(people, login):
    _families(people, people.bartek, 2, late=True, surname="Nowakowie")
    _families(people, people.anna, 1, late=False, surname="Wiśniewscy")
    client = login(people.celina)
    board = reverse("deadlines:board")
    by_anna = client.get(board, {"asystent": people.anna.pk}).content.decode()
    assert "Wiśniewscy" in by_anna and "Nowakowie" not in by_anna
    assert "Po terminie (0)" in by_anna and "Wkrótce (1)" in by_anna
    only_late = client.get(board, {"stan": "po-terminie"}).content.decode()
    assert "Nowakowie" in only_late and "Wiśniewscy" not in only_late
    assert "Wkrótce (1)" in only_late  # the count stays, the rows are hidden
    other_kind = client.get(board, {"rodzaj": "court_opinion"}).content.decode()
    assert "Nowakowie" not in other_kind and "Po terminie (0)" in other_kind


def test_a_bad_filter_is_refused_next_to_the_field(people, login):
    _families(people, people.bartek, 1, late=True)
    response = login(people.dorota).get(reverse("deadlines:board"), {"asystent": "999999"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Wybierz poprawną wartość" in html or "Select a valid choice" in html
    assert "Po terminie (1)" in html  # nothing filtered, nothing lost


def test_the_board_runs_the_same_queries_for_1_and_50_rows(people, login):
    client = login(people.dorota)
    assistants = _assistants(people, 4)
    _families(people, assistants[0], 1, late=True)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("deadlines:board")).status_code == 200
    for index, assistant in enumerate(assistants):
        _families(people, assistant, 12 if index else 13, late=True)
    with CaptureQueriesContext(connection) as fifty:
        html = client.get(reverse("deadlines:board")).content.decode()
    assert "Po terminie (50)" in html
    assert len(fifty.captured_queries) == len(one.captured_queries)


def test_my_deadlines_run_the_same_queries_for_1_and_many_rows(people, login):
    client = login(people.bartek)
    _families(people, people.bartek, 1, late=True)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("deadlines:mine"))
        client.get(reverse("families:list"))
    _families(people, people.bartek, 14, late=True)
    with CaptureQueriesContext(connection) as many:
        mine = client.get(reverse("deadlines:mine")).content.decode()
        start = client.get(reverse("families:list")).content.decode()
    assert mine.count("pierwsze spotkanie z rodziną") == 15
    assert "Wszystkie moje terminy (15)" in start  # the panel: the first rows and the count
    assert start.count("pierwsze spotkanie z rodziną") == queries.PANEL_ROWS
    assert len(many.captured_queries) == len(one.captured_queries)


def test_an_assistants_deadlines_read_only_their_own_rows(people, family):
    """Anna's list is one range of the (centre, assistant, due_on) index: the other
    assistants' families add neither queries nor rows read."""

    def mine():
        anna = type(people.anna).objects.get(pk=people.anna.pk)  # who she is, read anew
        with CaptureQueriesContext(connection) as captured:
            items = queries.my_deadlines(anna)
        return items, captured

    before, few = mine()
    for assistant in _assistants(people, 3):
        _families(people, assistant, 10, late=True)
    after, many = mine()
    assert [d.family for d in after] == [d.family for d in before] == [family]
    assert len(many.captured_queries) == len(few.captured_queries)
    listing = next(q["sql"] for q in many.captured_queries if "deadlineentry" in q["sql"])
    assert f'"assistant_id" = {people.anna.pk}' in listing.replace("%s", "")
    if connection.vendor == "postgresql":
        own = DeadlineEntry.objects.filter(assistant=people.anna).count()  # shown or not
        others = DeadlineEntry.objects.exclude(assistant=people.anna).count()
        assert others >= 30 and _rows_read(people) <= own


def _rows_read(people) -> int:
    """Rows PostgreSQL reads from the clock's table for Anna's list (index scans only, as a
    city-sized table would be read)."""
    rows = queries.entries(
        people.centre, timezone.localdate(), within_lead=True, assistant=people.anna
    )
    with connection.cursor() as cursor:
        # As on a server: statistics known (autovacuum), a table too big to read whole.
        cursor.execute("ANALYZE deadlines_deadlineentry")
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = json.loads(rows.explain(format="json", analyze=True))

    def read(node) -> int:
        own = 0
        if node.get("Relation Name") == "deadlines_deadlineentry":
            own = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
        return own + sum(read(child) for child in node.get("Plans", []))

    return read(plan[0]["Plan"])


@pytest.mark.parametrize("role", ["anna", "edward", "halina"])
def test_only_the_centre_wide_roles_open_the_board(people, login, role):
    assert login(getattr(people, role)).get(reverse("deadlines:board")).status_code == 403
