"""Many families at once with `bulk_create`, for the query-count tests and `bench/reports.py`.

Not for checking figures (the hand-computed datasets do that): the rows are plausible but
bypass the services, so that 500 families (a test) or 2,500 (the benchmark) take seconds. Each
family of `year` gets, by a fixed pattern of its number: an assignment starting during the year
(every 4th from the year before), a parent and 0–3 children (some turning 18 in the year), a
reassignment (every 7th), a closure with a reason (every 5th; every 10th without monitoring),
a court order (every 6th), a child in foster care (every 9th), a "Za życiem" application (every
11th) and `contacts` contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from asysta.closure.models import REASON_CHOICES, Closure
from asysta.families.models import (
    ChildPlacement,
    CourtOrder,
    Family,
    Member,
    ZaZycieApplication,
)
from asysta.intake.models import Assignment
from asysta.visits.models import Contact

REASONS = [value for value, _label in REASON_CHOICES]
MOVED = {
    "new_centre": "OPS w innej gminie",
    "new_centre_letter_on": date(2025, 12, 31),
    "disclosure_basis": "art. 15 ust. 1",
}


@dataclass
class Bulk:
    families: int
    assignments: int
    members: int
    closures: int


def build(
    centre: Any,
    *,
    families: int,
    assistants: list[Any],
    year: int = 2025,
    contacts: int = 1,
    prefix: str = "Masowa",
    by: Any = None,
) -> Bulk:
    """`families` families of `centre` worked with by `assistants` (round robin) in `year`."""
    first = date(year, 1, 1)
    start = Family.objects.count()
    created = Family.objects.bulk_create(
        Family(
            centre=centre,
            case_number=f"M.{start + i}.{year}",
            surname=f"{prefix}{start + i:05d}",
            building="1",
            postal_code="00-001",
            locality="Miasto",
            gmina="Miasto",
        )
        for i in range(families)
    )
    assignments: list[Assignment] = []
    closures: list[tuple[int, Closure]] = []  # (index of the assignment, closure)
    members: list[Member] = []
    courts, zz, contact_rows = [], [], []
    for i, family in enumerate(created):
        started = first + timedelta(days=(i * 7) % 300)
        if i % 4 == 0:
            started = started.replace(year=year - 1)
        who = assistants[i % len(assistants)]
        if i % 7 == 0:
            moved = started + timedelta(days=40)
            assignments.append(
                Assignment(
                    centre=centre,
                    family=family,
                    assistant=who,
                    started_on=started,
                    ended_on=moved,
                    end_reason="reassigned",
                )
            )
            who, started = assistants[(i + 1) % len(assistants)], moved
        current = Assignment(centre=centre, family=family, assistant=who, started_on=started)
        assignments.append(current)
        if i % 5 == 0:
            closed_on = min(started + timedelta(days=90 + i % 200), date(year, 12, 31))
            reason = REASONS[i % len(REASONS)]
            monitored = i % 10 != 0
            if not monitored:
                current.ended_on, current.end_reason = closed_on, reason
            else:
                current.phase = "monitoring"
            closures.append(
                (
                    len(assignments) - 1,
                    Closure(
                        centre=centre,
                        family=family,
                        closed_on=closed_on,
                        reason=reason,
                        reason_other="inny" if reason == "other" else "",
                        goals_achieved="opis",
                        monitoring_until=closed_on + timedelta(days=182) if monitored else None,
                        monitoring_frequency="raz w miesiącu" if monitored else "",
                        no_monitoring_reason="" if monitored else "brak potrzeby",
                        closed_by=by,
                        **(MOVED if reason == "moved_away" else {}),
                    ),
                )
            )
        members.append(
            Member(
                centre=centre,
                family=family,
                first_name="Rodzic",
                last_name=family.surname,
                role="parent",
                sex="F",
                birth_date=date(1988, 1, 1) + timedelta(days=i % 3000),
            )
        )
        for n in range(i % 4):
            members.append(
                Member(
                    centre=centre,
                    family=family,
                    first_name=f"Dziecko{n}",
                    last_name=family.surname,
                    role="child",
                    sex="M",
                    # some turn 18 during the year, the rest are younger
                    birth_date=date(year - 18 + n * 5, 1, 1) + timedelta(days=(i * 13) % 365),
                )
            )
        if i % 6 == 0:
            courts.append(
                CourtOrder(
                    centre=centre,
                    family=family,
                    court="Sąd Rejonowy",
                    file_number=f"III Nsm {i}/{year}",
                    issued_on=started - timedelta(days=10),
                )
            )
        if i % 11 == 0:
            zz.append(
                ZaZycieApplication(
                    centre=centre, family=family, filed_on=started, applicant="matka"
                )
            )
        for n in range(contacts):
            contact_rows.append(
                Contact(
                    centre=centre,
                    family=family,
                    assistant=who,
                    date=max(started, first) + timedelta(days=n * 3),
                    start_time=time(10, 0),
                    end_time=time(11, 30),
                    duration_minutes=90,
                    place="home",
                    form="home_visit",
                    summary="Wizyta.",
                )
            )
    Assignment.objects.bulk_create(assignments)
    rows = []
    for index, closure in closures:
        closure.assignment = assignments[index]
        rows.append(closure)
    Closure.objects.bulk_create(rows)
    Member.objects.bulk_create(members)
    CourtOrder.objects.bulk_create(courts)
    ZaZycieApplication.objects.bulk_create(zz)
    Contact.objects.bulk_create(contact_rows)
    children = {
        m.family_id: m for m in members if m.role == "child" and m.birth_date.year >= year - 13
    }
    ChildPlacement.objects.bulk_create(
        ChildPlacement(
            centre=centre,
            family=family,
            child=children[family.pk],
            kind="kinship",
            carer="Babcia",
            since=date(year, 3, 1),
        )
        for i, family in enumerate(created)
        if i % 9 == 0 and family.pk in children
    )
    return Bulk(len(created), len(assignments), len(members), len(rows))
