"""Fixtures of the assessment tests: the Lewandowscy family of scenario 7 (domain.md §16)."""

from __future__ import annotations

from datetime import date

import pytest

from asysta.core import testing

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
