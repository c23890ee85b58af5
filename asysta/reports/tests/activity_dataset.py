"""A small centre built through the real services, with every figure of the activity report and
the work-card summary computed by hand in the docstring of `build` (year 2025)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from asysta.accounts.models import Membership, Role
from asysta.accounts.services import set_fte
from asysta.closure.tests.builders import closed
from asysta.core.testing import People, assign, make_family, make_member
from asysta.families.basis import add_za_zyciem_application
from asysta.families.record import add_placement
from asysta.visits.tests.builders import contact

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@dataclass
class Dataset:
    f1: Any
    f2: Any
    f3: Any
    f4: Any
    f5: Any
    f6: Any


def child(family: Any, by: Any, born: date, first: str = "Ola") -> Any:
    return make_member(
        family=family, by=by, first_name=first, role="child", sex="F", birth_date=born
    )


def build(people: People) -> Dataset:
    """Period 2025:

    F1 Nowakowie (problem): Anna from 1.02.2025; 1 adult, 2 children (one turns 18 on
      10.06.2025 — a child of the period); contacts 1.03 (1 h) and 1.04 (1,5 h), one in 2026.
    F2 Wiśniewscy (foster care): Anna from 1.06.2024; 2 adults, 1 child placed since 1.09.2024.
    F3 Zielińscy (Za życiem): Bartek from 10.03.2025, closed 30.06.2025 (goals achieved); 1 adult.
    F4 Starzy: Anna from 2023, closed 30.11.2024 with monitoring into 2025 — not served in 2025.
    F5 Przyszli: Anna from 5.01.2026 — not served in 2025.
    F6 Lewandowscy (problem): Anna from 10.01.2025, Bartek from 1.05.2025; 1 adult, 1 child;
      Bartek's contact 1.06.2025 (45 min).
    Bartek works 0,5 FTE from 2024, 1,0 FTE from 1.07.2025; Anna 1,0 FTE.
    """
    by = people.dorota
    f1 = make_family(centre=people.centre, by=by, surname="Nowakowie")
    make_member(family=f1, by=by)
    child(f1, by, date(2015, 3, 1))
    child(f1, by, date(2007, 6, 10), "Ewa")
    assign(family=f1, assistant=people.anna, by=by, started_on=date(2025, 2, 1))
    contact(f1, by=people.anna, on=date(2025, 3, 1))
    contact(f1, by=people.anna, on=date(2025, 4, 1), end_time=time(11, 30))
    contact(f1, by=people.anna, on=date(2026, 1, 10))

    f2 = make_family(centre=people.centre, by=by, surname="Wiśniewscy")
    make_member(family=f2, by=by)
    make_member(family=f2, by=by, first_name="Anna", sex="F", birth_date=date(1990, 1, 1))
    placed = child(f2, by, date(2016, 5, 5))
    add_placement(
        family=f2,
        by=by,
        child=placed,
        kind="kinship",
        carer="Babcia Wiśniewska",
        since=date(2024, 9, 1),
    )
    assign(family=f2, assistant=people.anna, by=by, started_on=date(2024, 6, 1))

    f3 = make_family(centre=people.centre, by=by, surname="Zielińscy")
    make_member(family=f3, by=by, first_name="Iza", sex="F", birth_date=date(1999, 2, 2))
    add_za_zyciem_application(family=f3, by=by, filed_on=date(2025, 3, 1), applicant="matka")
    assign(family=f3, assistant=people.bartek, by=by, started_on=date(2025, 3, 10))
    closed(f3, by=by, on=date(2025, 6, 30))

    f4 = make_family(centre=people.centre, by=by, surname="Starzy")
    make_member(family=f4, by=by)
    assign(family=f4, assistant=people.anna, by=by, started_on=date(2023, 1, 1))
    closed(f4, by=by, on=date(2024, 11, 30))

    f5 = make_family(centre=people.centre, by=by, surname="Przyszli")
    make_member(family=f5, by=by)
    assign(family=f5, assistant=people.anna, by=by, started_on=date(2026, 1, 5))

    f6 = make_family(centre=people.centre, by=by, surname="Lewandowscy")
    make_member(family=f6, by=by)
    child(f6, by, date(2010, 1, 1))
    assign(family=f6, assistant=people.anna, by=by, started_on=date(2025, 1, 10))
    assign(family=f6, assistant=people.bartek, by=by, started_on=date(2025, 5, 1))
    contact(f6, by=people.bartek, on=date(2025, 6, 1), end_time=time(10, 45))

    bartek = Membership.objects.get(centre=people.centre, user=people.bartek, role=Role.ASSISTANT)
    set_fte(membership=bartek, fte=Decimal("0.5"), valid_from=date(2024, 1, 1), by=by)
    set_fte(membership=bartek, fte=Decimal("1.0"), valid_from=date(2025, 7, 1), by=by)
    return Dataset(f1, f2, f3, f4, f5, f6)
