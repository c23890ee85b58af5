"""Fixtures of the closure tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from asysta.core import testing


@pytest.fixture
def old_family(people):
    """Like `family` (Anna's, Edward its social worker), but assigned a year ago, so the work
    can be closed on past days."""
    fam = testing.make_family(centre=people.centre, by=people.dorota, social_worker=people.edward)
    testing.make_member(family=fam, by=people.dorota)
    started = timezone.localdate() - timedelta(days=365)
    testing.assign(family=fam, assistant=people.anna, by=people.dorota, started_on=started)
    return fam
