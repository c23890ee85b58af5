"""The administrator's lists (accounts, working-time changes) cost the same number of queries
with few rows and with 50 (DESIGN.md §6)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from asysta.accounts.models import Membership
from asysta.accounts.services import set_fte
from asysta.core import testing


def test_account_list_runs_the_same_queries_for_8_and_50_accounts(people, login):
    client = login(people.adam)
    url = reverse("admin:accounts_user_changelist")
    client.get(url)
    few, page = testing.get_counted(client, url)
    assert "Asystentka" in page and "zofia" not in page  # centre A's accounts only
    for i in range(42):
        testing.make_user(f"pracownik{i:02d}", centre=people.centre, roles=["assistant"])
    many, page = testing.get_counted(client, url)
    assert "pracownik41" in page and "50 użytkownicy" in page
    assert many == few


def test_fte_changes_run_the_same_queries_for_1_and_50_rows(people, login):
    def assistant(n):
        user = testing.make_user(f"etat{n:02d}", centre=people.centre, roles=["assistant"])
        return Membership.objects.get(user=user)

    first = date(2025, 1, 1)
    set_fte(membership=assistant(0), fte=Decimal("0.50"), valid_from=first, by=people.adam)
    client = login(people.adam)
    url = reverse("admin:accounts_fteperiod_changelist")
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Etat00 — asystent rodziny" in page
    for i in range(1, 50):
        day = first + timedelta(days=i)
        set_fte(membership=assistant(i), fte=Decimal("0.75"), valid_from=day, by=people.adam)
    many, page = testing.get_counted(client, url)
    assert "Etat49 — asystent rodziny" in page and "50 historia wymiaru etatu" in page
    assert many == one
