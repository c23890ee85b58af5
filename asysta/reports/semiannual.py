"""The half-year statutory report: the family-support part (assistants, supporting families).

Sprawozdanie rzeczowo-finansowe (domain.md §11.1), for 1 Jan–30 Jun or 1 Jul–31 Dec (any
`Period` works). Every figure carries the families or assistants it counts, with the reason.

Counting rules (decided here, shown to the centre through each item's reason):

* Assistants at the period end: an assistant role (`Membership`, role assistant) in the
  centre employed on the end day (`Membership.employed_on`): `employed_from` empty or on or
  before the end, and `employed_until` on or after the end — or empty while the role is still
  active. So an assistant who left on 31 May is counted at 31 March but not at 30 June, and a
  role without dates counts by today's `is_active` (the only thing known). FTE is the one in
  force on the end day (`FtePeriod`, else the role's FTE); the form of employment is
  `Membership.employment_form`.
* A family *used an assistant's services* in the period when an assignment of it overlaps the
  period while the work was going on: it started on or before the end, did not end before the
  start, and was not closed (`Closure.closed_on`) before the start. Monitoring after a closure
  is not the use of services: a family whose work was closed before the period and that is only
  monitored in it is not counted. A family with several assignments in the period (a change of
  assistant, or an end and a return) is one family.
* Of those: *court-obliged* when a court order of the family is in force on some day of the
  period (issued on or before the end, not ended before the start); *with a child in foster
  care* when a placement is in force on some day of the period; *Za życiem* when an application
  was filed on or before the end. The reporting category set by hand on the family wins over
  the last two, as in `families.record.reporting_category`.
* Children: members in the child role of those families who are under 18 on some day of the
  period (born on or before the end, 18th birthday after the start) — so a child turning 18 in
  the period counts. The figure is a sum; one item per family, its amount the number of children.
* Families whose work ended: each closure with `closed_on` in the period (a family closed twice
  counts twice), in total and per closure reason, labelled with the centre's report category
  (`closure.categories`).
* Duration of cooperation of the ended families: from the first assignment start of that
  cooperation (the earliest start after the family's previous closure) to the closure, in
  buckets: up to 6 months, over 6 up to 12, over 12 up to 24, over 24 months.
* Supporting families at the period end: `SupportingFamily` appointed on or before the end and
  not ended before it; and the families those supporting families help (each family once, with
  the supporting families named).

Rows are configurable per centre (`SemiannualRow`: label, order, enabled, and what `ended_*`
rows and the centre's own `own_…` rows count — `asysta.reports.semiannual_rows`); a centre
without its own rows gets `default_rows()`.

The values are six queries whatever the number of families (the centre's rows and report
categories, assistants by form and FTE, served families by category with their children — the
centre's own rows' unions included —, closures by reason and duration, supporting families);
the lists behind them are read by `SemiannualItems` only when shown or exported.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from asysta.accounts.models import EmploymentForm
from asysta.closure.categories import report_categories
from asysta.core.models import Centre
from asysta.reports.base import Figure, Period, Report, register
from asysta.reports.common import add_months, assistants_on, served_assignments, served_families
from asysta.reports.models import SemiannualRow, SupportingFamily
from asysta.reports.semiannual_ended import ended_values
from asysta.reports.semiannual_items import (
    CATEGORIES,
    SemiannualItems,
    category_filters,
    child_rule,
    employment,
)
from asysta.reports.semiannual_rows import (
    CATEGORY_FIGURES,
    DURATION_BUCKETS,
    REASON,
    default_rows,
    ended_codes,
    is_own,
)

__all__ = [
    "DURATION_BUCKETS",
    "add_months",
    "default_rows",
    "employment",
    "semiannual",
    "served_assignments",
]

SUM_CODES = frozenset({"assistants_fte", "children"})
ANY = "category:any"


def row_key(counts: list[str]) -> str:
    """What a configured row lists (`Figure.key`), as `semiannual_rows.row_items` counts it:
    closures of the chosen reasons when it names any, else the served families of the chosen
    categories."""
    reasons = sorted({v.removeprefix(REASON) for v in counts if v.startswith(REASON)})
    if reasons:
        return "reasons:" + ",".join(reasons)
    return CATEGORIES + ",".join(counts)


def _assistant_values(centre: Centre, period: Period) -> dict[str, Any]:
    """Persons, FTE in force on the end day and persons by form (one grouped query)."""
    rows = (
        assistants_on(centre, period.end)
        .order_by()
        .values("employment_form", "fte_now")
        .annotate(n=Count("pk"))
    )
    out: dict[str, Any] = {"assistants_persons": 0, "assistants_fte": Decimal(0)}
    out.update({f"assistants_form_{value}": 0 for value, _label in EmploymentForm.choices})
    for row in rows:
        out["assistants_persons"] += row["n"]
        out["assistants_fte"] += row["fte_now"] * row["n"]
        out[f"assistants_form_{row['employment_form']}"] += row["n"]
    return out


def _served_values(centre: Centre, period: Period, unions: list[str]) -> dict[str, Any]:
    """Families served, by category, their children, and each union of categories a row of
    the centre counts (one aggregate query over the families joined with their members)."""
    filters = category_filters(period)
    columns: dict[str, Any] = {
        "families_served": Count("pk", distinct=True),
        "children": Count("members", filter=child_rule(period, "members__")),
    }
    for value, code in CATEGORY_FIGURES.items():
        if value != ANY:
            columns[code] = Count("pk", distinct=True, filter=filters[value])
    for key in unions:  # a union of no known category counts nothing (`_value`)
        counts = key.removeprefix(CATEGORIES).split(",")
        chosen = [filters[v] for v in counts if v in filters]
        if ANY in counts:
            columns[key] = Count("pk", distinct=True)
        elif chosen:
            columns[key] = Count("pk", distinct=True, filter=Q(*chosen, _connector=Q.OR))
    out = served_families(centre, period).aggregate(**columns)
    out["children"] = Decimal(out["children"])
    return out


def _supporting_values(centre: Centre, period: Period) -> dict[str, int]:
    """Supporting families in force on the end day and the families they help (one query)."""
    return (
        SupportingFamily.objects.filter(centre=centre, appointed_on__lte=period.end)
        .exclude(ended_on__lt=period.end)
        .aggregate(
            supporting_families=Count("pk", distinct=True),
            supporting_families_helped=Count("supported_families", distinct=True),
        )
    )


def _value(key: str, values: dict[str, Any]) -> Any:
    """The value of the figure that lists `key`."""
    if key.startswith("reasons:"):
        return sum(values.get(f"ended_{r}", 0) for r in key.removeprefix("reasons:").split(","))
    return values.get(key, 0)


def _keys(rows: list[SemiannualRow]) -> dict[str, str]:
    """code -> what the row's figure lists (`Figure.key`): its code, or for an ended row or an
    own row that chooses what it counts, `row_key` of its choice."""
    keys = {code: code for code, _label in default_rows()}
    for row in rows:
        if row.counts and (row.code in ended_codes() or is_own(row.code)):
            keys[row.code] = row_key(row.counts)
    return keys


def _values(centre: Centre, period: Period, keys: dict[str, str]) -> dict[str, Any]:
    """Every value the rows need (four queries)."""
    unions = sorted({key for key in keys.values() if key.startswith(CATEGORIES)})
    values: dict[str, Any] = _assistant_values(centre, period)
    values.update(_served_values(centre, period, unions))
    values.update(ended_values(centre, period))
    values.update(_supporting_values(centre, period))
    return values


def _figures(
    centre: Centre, period: Period, rows: list[SemiannualRow], source: SemiannualItems
) -> list[Figure]:
    """Every enabled row in the centre's order (its own order, else the default one), each
    with its label and value."""
    own = {row.code: row for row in rows}
    keys = _keys(rows)
    values = _values(centre, period, keys)
    placed: list[tuple[int, int, Figure]] = []
    defaults = default_rows(report_categories(centre))
    for index, (code, label) in enumerate(defaults):
        row = own.get(code)
        if row is not None and not row.enabled:
            continue
        key = keys[code]
        figure = Figure(
            code, row.label if row and row.label else label, is_sum=code in SUM_CODES,
            value=_value(key, values), source=source, key=key,
        )  # fmt: skip
        placed.append((row.order if row else (index + 1) * 10, index, figure))
    extra = [row for row in rows if is_own(row.code) and row.enabled]
    for index, own_row in enumerate(extra, start=len(defaults)):
        key = keys.get(own_row.code, CATEGORIES)
        figure = Figure(
            own_row.code, own_row.label, value=_value(key, values), source=source, key=key
        )
        placed.append((own_row.order, index, figure))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [figure for _order, _index, figure in placed]


@register(
    "semiannual",
    items=SemiannualItems,
    reads=(
        "accounts.FtePeriod",
        "accounts.Membership",
        "closure.Closure",
        "closure.ReportCategoryMap",
        "families.ChildPlacement",
        "families.CourtOrder",
        "families.Family",
        "families.Member",
        "families.ZaZycieApplication",
        "intake.Assignment",
        "reports.SemiannualRow",
        "reports.SupportingFamily",
    ),
)
def semiannual(centre: Centre, period: Period, *, lists: bool = True, **options: Any) -> Report:
    """The half-year report of `centre` for `period` (see the module docstring for the rules)."""
    if not isinstance(period, Period):
        raise TypeError("period must be a reports.base.Period")
    rows = list(SemiannualRow.objects.filter(centre=centre).order_by("order", "pk"))
    return Report(
        name="semiannual",
        title=_("Sprawozdanie półroczne — asystenci rodziny i rodziny wspierające"),
        centre_id=centre.pk,
        period=period,
        figures=_figures(centre, period, rows, SemiannualItems(centre, period)),
    ).with_lists(lists)
