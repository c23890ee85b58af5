"""Fixtures of the assessment tests: the Lewandowscy family of scenario 7 (domain.md §16)."""

from __future__ import annotations

from datetime import date

import pytest

from asysta.core import testing
from asysta.families import record

ASSIGNED_ON = date(2025, 2, 3)


@pytest.fixture
def lewandowscy(people):
    """A family of centre A with two members, Anna its assistant since 3 Feb 2025."""
    family = testing.make_family(
        centre=people.centre, by=people.dorota, surname="Lewandowscy", social_worker=people.edward
    )
    testing.make_member(family=family, by=people.dorota, first_name="Ewa", sex="F")
    testing.make_member(
        family=family,
        by=people.dorota,
        first_name="Kuba",
        role="child",
        birth_date=date(2016, 4, 2),
    )
    testing.assign(family=family, assistant=people.anna, by=people.dorota, started_on=ASSIGNED_ON)
    return family


@pytest.fixture
def placement(people, family):
    """Kacper (7), a child of `family`, in a kinship foster family since 1 March 2025."""
    kacper = testing.make_member(
        family=family,
        by=people.dorota,
        first_name="Kacper",
        role="child",
        relationship="son",
        birth_date=date(2018, 5, 1),
        lives_in_household=False,
    )
    return record.add_placement(
        family=family,
        by=people.anna,
        child=kacper,
        kind="kinship",
        carer="Babcia Halina",
        pcpr="PCPR Oleśnica",
        since=date(2025, 3, 1),
    )


@pytest.fixture
def other_placement(people, lewandowscy):
    """A child of another family of the same centre, in foster care."""
    kuba = lewandowscy.members.get(first_name="Kuba")
    return record.add_placement(
        family=lewandowscy,
        by=people.dorota,
        child=kuba,
        kind="prof",
        carer="Rodzina Zawodowa",
        since=date(2025, 1, 2),
    )
