"""Caseload rules: soft cap by FTE (with FTE history) or by points, monitoring families."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from asysta.accounts.models import Membership
from asysta.accounts.services import set_fte
from asysta.core import testing
from asysta.core.models import SoftCapRule
from asysta.intake.caseload import capacity_of, soft_cap_warning
from asysta.intake.models import Assignment, Phase
from asysta.intake.services import CaseloadExceeded, assign_assistant


@pytest.fixture
def tomasz(people):
    """Scenario 6: a half-time assistant (task-based employment contract)."""
    return testing.make_user(
        "tomasz",
        centre=people.centre,
        roles=["assistant"],
        first="Tomasz",
        last="Kania",
        fte=Decimal("0.50"),
    )


def _assign_many(people, assistant, n, **family_fields):
    for _ in range(n):
        fam = testing.make_family(centre=people.centre, by=people.dorota, **family_fields)
        assign_assistant(
            family=fam, assistant=assistant, by=people.dorota, started_on=date(2025, 1, 2)
        )


def test_half_time_assistant_warned_at_ninth_blocked_at_sixteenth(people, tomasz):
    _assign_many(people, tomasz, 8)
    assert soft_cap_warning(centre=people.centre, assistant=tomasz) is None
    _assign_many(people, tomasz, 1)  # the 9th: allowed, with a warning
    warning = soft_cap_warning(centre=people.centre, assistant=tomasz)
    assert "limit ośrodka (8)" in warning and "0,50" in warning
    _assign_many(people, tomasz, 6)  # up to 15
    with pytest.raises(CaseloadExceeded):
        _assign_many(people, tomasz, 1)


def test_fte_change_from_1_july_is_read_per_day(people, tomasz):
    membership = Membership.objects.get(user=tomasz, role="assistant")
    set_fte(
        membership=membership, fte=Decimal("1.00"), valid_from=date(2025, 7, 1), by=people.halina
    )
    before = capacity_of(people.centre, tomasz, day=date(2025, 6, 30))
    after = capacity_of(people.centre, tomasz, day=date(2025, 7, 1))
    assert (before.fte, before.soft_cap) == (Decimal("0.50"), 8)
    assert (after.fte, after.soft_cap) == (Decimal("1.00"), 15)


def test_monitoring_families_do_not_count_unless_the_centre_says_so(people):
    _assign_many(people, people.bartek, 15)
    Assignment.objects.filter(assistant=people.bartek).filter(
        pk__in=Assignment.objects.filter(assistant=people.bartek).values("pk")[:3]
    ).update(phase=Phase.MONITORING)
    _assign_many(people, people.bartek, 3)  # 15 working + 3 monitoring: allowed
    assert capacity_of(people.centre, people.bartek).open_families == 15
    people.centre.monitoring_counts_toward_cap = True
    people.centre.save()
    assert capacity_of(people.centre, people.bartek).open_families == 18
    with pytest.raises(CaseloadExceeded):
        _assign_many(people, people.bartek, 1)


def test_points_rule_warns_on_difficulty_points(people):
    people.centre.soft_cap_rule = SoftCapRule.POINTS
    people.centre.points_per_fte = 10
    people.centre.save()
    _assign_many(people, people.bartek, 3, difficulty=3)  # 9 points
    assert soft_cap_warning(centre=people.centre, assistant=people.bartek) is None
    _assign_many(people, people.bartek, 1, difficulty=2)  # 11 points > 10
    row = capacity_of(people.centre, people.bartek)
    assert (row.points, row.soft_cap, row.soft_cap_label) == (11, 10, "10 pkt")
    assert "11 pkt" in soft_cap_warning(centre=people.centre, assistant=people.bartek)


def test_no_soft_cap_rule(people):
    people.centre.soft_cap_rule = SoftCapRule.NONE
    people.centre.save()
    _assign_many(people, people.bartek, 15)
    row = capacity_of(people.centre, people.bartek)
    assert row.soft_cap is None and not row.over_soft_cap and row.free == 0
