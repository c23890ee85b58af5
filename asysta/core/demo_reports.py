"""The demo centre's reporting record: employment of the assistants, supporting families and
the last half-year report marked as submitted (so the report pages show every state: a
submitted period with its frozen lists, the current one still open)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from asysta.accounts.models import EmploymentForm, Membership, Role
from asysta.core.models import Centre
from asysta.families.models import Family

# username -> (years employed before today, form of employment)
EMPLOYMENT = {
    "asystent1": (6, EmploymentForm.EMPLOYMENT_CONTRACT),
    "asystent2": (3, EmploymentForm.EMPLOYMENT_CONTRACT),
    "asystent3": (2, EmploymentForm.CIVIL_CONTRACT),
}


def last_due_half_year(today: date) -> tuple[date, date]:
    """The latest half-year whose statutory deadline (31 July / 31 January) has passed."""
    if today > date(today.year, 7, 31):
        return date(today.year, 1, 1), date(today.year, 6, 30)
    if today > date(today.year, 1, 31):
        return date(today.year - 1, 7, 1), date(today.year - 1, 12, 31)
    return date(today.year - 1, 1, 1), date(today.year - 1, 6, 30)


def run(centre: Centre, users: dict[str, Any], today: date) -> None:
    from asysta.reports.base import Period
    from asysta.reports.models import SupportingFamily
    from asysta.reports.services import submit_report

    for username, (years, form) in EMPLOYMENT.items():
        Membership.objects.filter(user=users[username], centre=centre, role=Role.ASSISTANT).update(
            employed_from=today.replace(year=today.year - years, day=1), employment_form=form
        )
    helped = Family.objects.filter(centre=centre, assignments__isnull=False).order_by("pk")
    current = SupportingFamily.objects.create(
        centre=centre,
        name="Maria i Jan Wierzbiccy",
        address="ul. Polna 12, Zielona Dolina",
        appointed_on=today - timedelta(days=420),
        contract_number="RW.1.2025",
        contract_on=today - timedelta(days=415),
        notes="Pomoc w opiece nad dziećmi i prowadzeniu domu dla rodziny z tej samej ulicy.",
    )
    current.supported_families.set(helped[:1])
    SupportingFamily.objects.create(
        centre=centre,
        name="Halina Kozłowska",
        appointed_on=today - timedelta(days=900),
        contract_number="RW.2.2024",
        ended_on=today - timedelta(days=200),
    )
    start, end = last_due_half_year(today)
    submit_report(
        centre=centre,
        report="semiannual",
        period=Period(start, end),
        by=users["kierownik"],
        note="złożone w CAS",
    )
