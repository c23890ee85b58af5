"""The list of a family's plan versions costs the same number of queries with 1 version and
with 50 (DESIGN.md §6)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.plans import services
from asysta.plans.tests import builders

TODAY = timezone.localdate()


def _next_version_in_force(plan, *, people, family):
    plan = services.new_version(plan=plan, by=people.anna)
    services.record_consultation(
        plan=plan, social_worker=people.edward, on=TODAY, form="spotkanie", by=people.anna
    )
    services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    return services.put_in_force(plan=plan, on=TODAY, by=people.anna)


def test_plan_versions_run_the_same_queries_for_1_and_50_rows(people, family, login):
    plan = builders.plan_in_force(family, people=people, on=TODAY - timedelta(days=100))
    client = login(people.anna)
    url = reverse("plans:list", args=[family.pk])
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Wersja 1" in page and "0 / 1" in page
    for _ in range(49):
        plan = _next_version_in_force(plan, people=people, family=family)
    many, page = testing.get_counted(client, url)
    assert "Wersja 50" in page and "Wersja 31" in page and "Wersja 30" not in page  # 20 a page
    assert many == one
    last, page = testing.get_counted(client, url, {"p": 3})
    assert "Wersja 1<" in page and last == one
