"""The annual activity table centres publish for the council (seed 004, domain.md §11.2):
families that worked with an assistant by reporting category with their adults and children,
work ended by reason, assistants by FTE at the period end, contacts and hours.

Assistants are those employed on the period end, by the same rule as the half-year report
(`Membership.employed_on`: employment dates when recorded, else today's `is_active`), each with
the FTE in force on that day; a move from 0,5 to 1,0 FTE during the period counts as 1,0.

The values are four grouped SQL queries whatever the number of families (families by category
with their members, closures by reason, assistants by FTE, contacts with hours rounded per
family); the list behind each figure is read by `ActivityItems` only when it is shown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.families.models import ReportingCategory
from asysta.reports.activity_items import (
    ActivityItems,
    fte_code,
    members_counted,
    served_families_by_category,
)
from asysta.reports.base import Figure, Period, Report, register
from asysta.reports.common import (
    assistants_on,
    cents_to_hours,
    d,
    hour_cents,
)
from asysta.visits.models import Contact

__all__ = ["activity", "served_families_by_category"]


def family_figures(centre: Centre, period: Period, source: ActivityItems) -> list[Figure]:
    """Families, adults and children by category and in total (one grouped query)."""
    adults, children = members_counted(period)
    rows = (
        served_families_by_category(centre, period)
        .order_by()
        .values("reporting_category")
        .annotate(
            families=Count("pk", distinct=True),
            adults=Count("members", filter=adults),
            children=Count("members", filter=children),
        )
    )
    counts = {row["reporting_category"]: row for row in rows}
    figures = []
    for suffix, label in (
        ("families", _("Liczba rodzin")),
        ("adults", _("Liczba osób dorosłych")),
        ("children", _("Liczba dzieci")),
    ):
        numbers = {c.value: counts.get(c.value, {}).get(suffix, 0) for c in ReportingCategory}
        named = [(c.value, str(c.label)) for c in ReportingCategory]
        for code, name in [*named, ("total", _("razem"))]:
            n = sum(numbers.values()) if code == "total" else numbers[code]
            is_sum = suffix != "families"
            figures.append(
                Figure(
                    f"{suffix}_{code}",
                    f"{label} — {name}",
                    is_sum=is_sum,
                    value=Decimal(n) if is_sum else n,
                    source=source,
                )
            )
    return figures


def closure_figures(centre: Centre, period: Period, source: ActivityItems) -> list[Figure]:
    """Work ended in the period, in total and by the reason of the closure (one grouped query).
    A family that ended, returned and ended again is counted once for each closure."""
    rows = (
        Closure.objects.filter(
            centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
        )
        .order_by()
        .values("reason")
        .annotate(n=Count("pk"))
    )
    counts = {row["reason"]: row["n"] for row in rows}
    total = Figure(
        "ended_total",
        _("Zakończono pracę z rodzinami — razem"),
        value=sum(counts.values()),
        source=source,
    )
    return [
        total,
        *(
            Figure(
                f"ended_{reason}",
                _("Zakończono pracę — %(r)s") % {"r": label},
                value=counts.get(reason, 0),
                source=source,
            )
            for reason, label in REASON_CHOICES
        ),
    ]


def fte_label(fte: Decimal) -> str:
    if fte == 1:
        return _("Asystenci zatrudnieni na pełen etat")
    return _("Asystenci zatrudnieni na %(f)s etatu") % {"f": f"{fte:.2f}".replace(".", ",")}


def assistant_figures(centre: Centre, period: Period, source: ActivityItems) -> list[Figure]:
    """Assistants of the centre with the FTE in force on the period end (one grouped query)."""
    rows = assistants_on(centre, period.end).order_by().values("fte_now").annotate(n=Count("pk"))
    by_fte = {row["fte_now"]: row["n"] for row in rows}
    persons = Figure(
        "assistants_total",
        _("Asystenci rodziny (osoby) na koniec okresu"),
        value=sum(by_fte.values()),
        source=source,
    )
    ftes = Figure(
        "assistants_fte",
        _("Asystenci rodziny (etaty) na koniec okresu"),
        is_sum=True,
        value=sum((fte * n for fte, n in by_fte.items()), Decimal(0)),
        source=source,
    )
    grouped = [
        Figure(fte_code(fte), fte_label(fte), value=by_fte[fte], source=source)
        for fte in sorted(by_fte, reverse=True)
    ]
    return [persons, ftes, *grouped]


def contact_figures(centre: Centre, period: Period, source: ActivityItems) -> list[Figure]:
    """Contacts and hours in the period, the hours rounded per family as each family's item
    is (one query over the per-family sums)."""
    per_family = (
        Contact.objects.filter(centre=centre, date__gte=period.start, date__lte=period.end)
        .order_by()
        .values("family_id")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .annotate(cents=hour_cents("minutes"))
    )
    totals = per_family.aggregate(contacts=Sum("n"), hundredths=Sum("cents"))
    contacts = totals["contacts"] or 0
    return [
        Figure(
            "contacts",
            _("Liczba kontaktów z rodzinami"),
            is_sum=True,
            value=Decimal(contacts),
            source=source,
        ),
        Figure(
            "hours",
            _("Czas pracy z rodzinami (godziny)"),
            is_sum=True,
            value=cents_to_hours(totals["hundredths"], listed=bool(contacts)),
            source=source,
        ),
    ]


@register(
    "activity",
    items=ActivityItems,
    reads=(
        "accounts.FtePeriod",
        "accounts.Membership",
        "closure.Closure",
        "families.ChildPlacement",
        "families.Family",
        "families.Member",
        "families.ZaZycieApplication",
        "intake.Assignment",
        "visits.Contact",
    ),
)
def activity(centre: Centre, period: Period, *, lists: bool = True, **options: Any) -> Report:
    """The annual activity table (seed 004) for any period."""
    source = ActivityItems(centre, period)
    return Report(
        name="activity",
        title=_("Sprawozdanie z działalności asystentów rodziny %(s)s–%(e)s")
        % {"s": d(period.start), "e": d(period.end)},
        centre_id=centre.pk,
        period=period,
        figures=[
            *family_figures(centre, period, source),
            *closure_figures(centre, period, source),
            *assistant_figures(centre, period, source),
            *contact_figures(centre, period, source),
        ],
    ).with_lists(lists)
