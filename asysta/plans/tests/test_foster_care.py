"""Art. 15 ust. 1 pkt 2: with a child of the family in foster care, the plan names the foster-care
coordinator and is linked to the child's care plan (plan pomocy dziecku) before it takes effect."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.core import testing
from asysta.families import record
from asysta.plans import services
from asysta.plans.models import PlanStatus
from asysta.plans.services import PlanError
from asysta.plans.tests import builders

TODAY = timezone.localdate()
ON = TODAY - timedelta(days=10)


@pytest.fixture
def child(people, family):
    return testing.make_member(
        family=family,
        by=people.anna,
        first_name="Kacper",
        role="child",
        birth_date=date(2018, 4, 2),
    )


@pytest.fixture
def placement(people, family, child):
    return record.add_placement(
        family=family,
        by=people.anna,
        child=child,
        kind="kinship",
        carer="Babcia Halina",
        pcpr="PCPR Oleśnica",
        since=TODAY - timedelta(days=100),
    )


@pytest.fixture
def agreed(people, family, placement):
    builders.consent(family, by=people.anna, on=ON)
    return builders.agreed_plan(family, people=people, on=ON)


def test_without_the_coordinator_the_plan_is_refused(people, agreed):
    with pytest.raises(PlanError) as caught:
        services.put_in_force(plan=agreed, on=TODAY, by=people.anna)
    assert caught.value.field == "foster_coordinator"
    assert "koordynatora rodzinnej pieczy zastępczej" in caught.value.message
    assert "Kacper" in caught.value.message
    assert len(caught.value.problems) == 3  # coordinator, child, care plan (PCPR and date)
    agreed.refresh_from_db()
    assert agreed.status == PlanStatus.AGREED


def test_with_the_coordinator_and_the_care_plan_it_takes_effect(people, agreed, child):
    services.update_plan(
        plan=agreed,
        by=people.anna,
        foster_coordinator="Jan Lis, PCPR Oleśnica",
        care_plan_child=child,
        care_plan_pcpr="PCPR Oleśnica",
        care_plan_date=ON,
    )
    services.put_in_force(plan=agreed, on=TODAY, by=people.anna)
    assert agreed.status == PlanStatus.IN_FORCE


def test_the_linked_child_must_be_the_one_in_care(people, family, agreed):
    sibling = testing.make_member(
        family=family, by=people.anna, first_name="Ola", role="child", birth_date=date(2019, 1, 1)
    )
    services.update_plan(
        plan=agreed,
        by=people.anna,
        foster_coordinator="Jan Lis",
        care_plan_child=sibling,
        care_plan_pcpr="PCPR Oleśnica",
        care_plan_date=ON,
    )
    with pytest.raises(PlanError) as caught:
        services.put_in_force(plan=agreed, on=TODAY, by=people.anna)
    assert caught.value.field == "care_plan_child"


def test_a_child_of_another_family_cannot_be_linked(people, family, agreed):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(family=other, by=people.dorota, role="child")
    with pytest.raises(ValidationError) as caught:
        services.update_plan(plan=agreed, by=people.anna, care_plan_child=stranger)
    assert "care_plan_child" in caught.value.message_dict


def test_an_ended_placement_asks_for_nothing(people, agreed, placement):
    record.end_placement(placement=placement, by=people.anna, until=ON - timedelta(days=1))
    services.put_in_force(plan=agreed, on=TODAY, by=people.anna)
    assert agreed.status == PlanStatus.IN_FORCE
