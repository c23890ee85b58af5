"""The intake's list pages cost the same number of queries with few rows and with 50
(DESIGN.md §6). The queue page has its own test beside the request pages' tests."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.intake.models import QueuePriority
from asysta.intake.tests import builders
from asysta.visits.tests.builders import contact

TODAY = timezone.localdate()


def _more_assistants(people, n):
    """`n` more assistants of centre A, each with one family; the families."""
    families = []
    for i in range(n):
        user = testing.make_user(
            f"asystent{i:02d}", centre=people.centre, roles=["assistant"], last=f"Nowak{i:02d}"
        )
        family = testing.make_family(centre=people.centre, by=people.dorota)
        testing.assign(family=family, assistant=user, by=people.dorota)
        families.append(family)
    return families


def _queued(people, n):
    for _ in range(n):
        family = testing.make_family(
            consent=False, centre=people.centre, by=people.dorota, social_worker=people.edward
        )
        builders.queued_referral(family, people=people, on=TODAY, priority=QueuePriority.OTHER)


def test_capacity_page_runs_the_same_queries_for_2_and_50_assistants(people, login):
    client = login(people.dorota)
    url = reverse("intake:capacity")
    client.get(url)
    two, page = testing.get_counted(client, url)
    assert "Anna Asystentka" in page and "Bartek Asystent" in page
    _more_assistants(people, 48)
    many, page = testing.get_counted(client, url)
    assert page.count('data-label="Asystent"') == 50 and "Nowak47" in page
    assert many == two


def test_assign_page_runs_the_same_queries_for_2_and_50_assistants(people, family, login):
    client = login(people.dorota)
    url = reverse("intake:assign", args=[family.pk])
    client.get(url)
    two, page = testing.get_counted(client, url)
    assert page.count('data-label="Asystent"') == 2
    _more_assistants(people, 48)
    many, page = testing.get_counted(client, url)
    assert page.count('data-label="Asystent"') == 50 and "Nowak47" in page
    assert many == two


def test_decision_page_runs_the_same_queries_for_2_and_50_assistants(people, login):
    family = testing.make_family(
        consent=False, centre=people.centre, by=people.dorota, social_worker=people.edward
    )
    builders.court_order(family, by=people.edward, on=TODAY)
    referral = builders.filed_referral(family, social_worker=people.edward, on=TODAY)
    client = login(people.dorota)
    url = reverse("intake:referral_decide", args=[family.pk, referral.pk])
    client.get(url)
    two, page = testing.get_counted(client, url)
    assert page.count('data-label="Asystent"') == 2
    _more_assistants(people, 48)
    many, page = testing.get_counted(client, url)
    assert page.count('data-label="Asystent"') == 50 and "Nowak47" in page
    assert many == two


def _alert(family, people):
    contact(family, by=people.dorota, child_safety=True)


def test_head_home_runs_the_same_queries_for_1_and_50_rows(people, family, login):
    """The start page's panels (capacity, queue, child-safety alerts) grow with the centre,
    its cost does not."""
    client = login(people.dorota)
    url = reverse("home")
    _queued(people, 1)
    _alert(family, people)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "Kolejka oczekujących (wnioski: 1)" in page and page.count("zapisał(a):") == 1
    for other in _more_assistants(people, 48):
        _alert(other, people)
    _queued(people, 49)
    many, page = testing.get_counted(client, url)
    assert "Kolejka oczekujących (wnioski: 50)" in page
    assert "Obciążenie wszystkich asystentów (50)" in page
    assert page.count("zapisał(a):") == 20  # the panel's first rows
    assert many == one


def test_handover_page_runs_the_same_queries_for_1_and_15_families(people, login):
    """The leaving assistant's families (15 at most, the statutory cap) and 50 assistants."""

    def bartek_gets(n):
        for _ in range(n):
            family = testing.make_family(centre=people.centre, by=people.dorota, surname="Wróbel")
            testing.assign(family=family, assistant=people.bartek, by=people.dorota)

    client = login(people.dorota)
    url = reverse("intake:handover", args=[people.bartek.pk])
    bartek_gets(1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert page.count('data-label="Rodzina"') == 1
    bartek_gets(14)
    _more_assistants(people, 48)
    many, page = testing.get_counted(client, url)
    assert page.count('data-label="Rodzina"') == 15 and "Nowak47" in page
    assert many == one
