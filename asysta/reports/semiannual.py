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
without its own rows gets `default_rows()`. The query count does not depend on the number of
families.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Min, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from asysta.accounts.models import EmploymentForm, Membership, Role
from asysta.closure.categories import report_categories
from asysta.closure.models import Closure
from asysta.core.models import Centre
from asysta.families.models import (
    ADULT_AGE,
    ChildPlacement,
    CourtOrder,
    Family,
    Member,
    MemberRole,
    ReportingCategory,
    ZaZycieApplication,
)
from asysta.intake.caseload import fte_on
from asysta.reports.base import Figure, Item, Period, Report, register
from asysta.reports.common import add_months, served_assignments, years_before
from asysta.reports.common import by_family as _by_family
from asysta.reports.common import d as _d
from asysta.reports.common import family_item as _family_item
from asysta.reports.models import SemiannualRow, SupportingFamily
from asysta.reports.semiannual_ended import ended_figures
from asysta.reports.semiannual_rows import (
    DURATION_BUCKETS,
    default_rows,
    ended_codes,
    is_own,
    row_items,
)

__all__ = ["DURATION_BUCKETS", "add_months", "default_rows", "semiannual", "served_assignments"]


def employment(membership: Membership) -> str:
    """How the role counts at a period end, for the item's reason."""
    if membership.employed_from or membership.employed_until:
        return _("zatrudniony od %(s)s do %(e)s") % {
            "s": _d(membership.employed_from) if membership.employed_from else "—",
            "e": _d(membership.employed_until),
        }
    return str(NO_DATES)


NO_DATES = _lazy("(aktywna rola, bez dat zatrudnienia)")


# --- assistants ------------------------------------------------------------------------------


def _assistant_figures(centre: Centre, period: Period) -> dict[str, list[Item]]:
    memberships = (
        Membership.objects.filter(
            Membership.employed_on(period.end), centre=centre, role=Role.ASSISTANT
        )
        .select_related("user")
        .prefetch_related("fte_periods")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    out: dict[str, list[Item]] = defaultdict(list)
    forms = {value: str(label) for value, label in EmploymentForm.choices}  # translated once
    counted, in_force = _("asystent rodziny %(employed)s; %(form)s"), _("etat %(fte)s w dniu %(d)s")
    no_dates = str(NO_DATES)
    for membership in memberships:
        user, fte = membership.user, fte_on(membership, period.end)
        form = forms[membership.employment_form]
        label = user.get_full_name() or user.username
        dated = membership.employed_from or membership.employed_until
        why = counted % {"employed": employment(membership) if dated else no_dates, "form": form}
        out["assistants_persons"].append(Item("assistant", user.pk, label, why))
        out["assistants_fte"].append(
            Item(
                "assistant",
                user.pk,
                label,
                in_force % {"fte": fte, "d": _d(period.end)},
                amount=fte,
            )
        )
        out[f"assistants_form_{membership.employment_form}"].append(
            Item("assistant", user.pk, label, str(form))
        )
    return out


# --- families that used the services ----------------------------------------------------------


@dataclass(frozen=True)
class _Served:
    """A served family as the items need it (read with its assignments, not a model row)."""

    pk: int
    label: str  # as Family.__str__
    override: str

    def __str__(self) -> str:
        return self.label


def _served_assignments(centre: Centre, period: Period) -> Iterable[Any]:
    """The served assignments as plain rows (a city's year is thousands of them)."""
    closed_on = Closure.objects.filter(assignment=OuterRef("pk")).values("assignment")
    return (
        served_assignments(centre, period)
        .annotate(
            work_closed_on=Subquery(closed_on.annotate(d=Min("closed_on")).values("d")[:1]),
            surname=F("family__surname"),
            case_number=F("family__case_number"),
            override=F("family__reporting_category_override"),
            first_name=F("assistant__first_name"),
            last_name=F("assistant__last_name"),
            username=F("assistant__username"),
        )
        .order_by("family__surname", "family__case_number", "family_id", "started_on")
        .values_list(
            "family_id",
            "started_on",
            "ended_on",
            "work_closed_on",
            "surname",
            "case_number",
            "override",
            "first_name",
            "last_name",
            "username",
            named=True,
        )
    )


def _served_figures(centre: Centre, period: Period) -> dict[str, list[Item]]:
    served = served_assignments(centre, period)
    families: dict[int, _Served] = {}
    spans: dict[int, list[str]] = defaultdict(list)
    work_closed, now = _("(praca zakończona %(d)s)"), _("obecnie")  # translated once
    for a in _served_assignments(centre, period):
        if a.family_id not in families:
            label = f"{a.surname} ({a.case_number})"
            families[a.family_id] = _Served(a.family_id, label, a.override)
        who = f"{a.first_name} {a.last_name}".strip() or a.username  # as User.__str__
        span = f"{who} {_d(a.started_on)}–{_d(a.ended_on) if a.ended_on else now}"
        if a.work_closed_on and a.work_closed_on != a.ended_on:
            span += " " + work_closed % {"d": _d(a.work_closed_on)}
        spans[a.family_id].append(span)

    in_served = Q(family__in=served.values("family_id"))
    courts = _by_family(
        CourtOrder.objects.filter(in_served, issued_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .only("family", "court", "file_number", "issued_on")
        .order_by("issued_on")
    )
    placements = _by_family(
        ChildPlacement.objects.filter(in_served, since__lte=period.end)
        .exclude(until__lt=period.start)
        .select_related("child")
        .only("family", "since", "until", "child", "child__first_name")
        .order_by("since")
    )
    za_zyciem = _by_family(
        ZaZycieApplication.objects.filter(in_served, filed_on__lte=period.end)
        .only("family", "filed_on")
        .order_by("filed_on")
    )
    children = _by_family(
        Member.objects.filter(
            in_served,
            role=MemberRole.CHILD,
            birth_date__lte=period.end,
            birth_date__gt=years_before(period.start, ADULT_AGE),
        )
        .order_by("birth_date", "pk")
        .values_list("family_id", "first_name", "birth_date", named=True)
    )

    out: dict[str, list[Item]] = defaultdict(list)
    assigned, ordered, by_hand = (
        _("przydział: %(s)s"),
        _("postanowienie sądu: %(o)s"),
        _("kategoria ustawiona ręcznie"),
    )
    placed, young = (
        _("%(child)s w pieczy od %(since)s do %(until)s"),
        _("dzieci poniżej 18 lat w okresie: %(n)s"),
    )
    for pk, family in families.items():
        override = family.override
        out["families_served"].append(_family_item(family, assigned % {"s": "; ".join(spans[pk])}))
        if pk in courts:
            orders = ", ".join(f"{c} z {_d(c.issued_on)}" for c in courts[pk])
            out["families_court"].append(_family_item(family, ordered % {"o": orders}))
        if override == ReportingCategory.FOSTER_CARE or (not override and pk in placements):
            reason = (
                by_hand
                if override
                else "; ".join(
                    placed
                    % {"child": p.child.first_name, "since": _d(p.since), "until": _d(p.until)}
                    for p in placements[pk]
                )
            )
            out["families_foster_care"].append(_family_item(family, reason))
        if override == ReportingCategory.ZA_ZYCIEM or (not override and pk in za_zyciem):
            reason = by_hand if override else ", ".join(str(z) for z in za_zyciem[pk])
            out["families_za_zyciem"].append(_family_item(family, reason))
        if pk in children:
            kids = children[pk]
            names = ", ".join(f"{m.first_name} ur. {_d(m.birth_date)}" for m in kids)
            out["children"].append(
                _family_item(family, young % {"n": names}, amount=Decimal(len(kids)))
            )
    return out


def _supporting_figures(centre: Centre, period: Period) -> dict[str, list[Item]]:
    rows = (
        SupportingFamily.objects.filter(centre=centre, appointed_on__lte=period.end)
        .exclude(ended_on__lt=period.end)
        .order_by("name", "pk")
    )
    items = [
        Item(
            kind="supporting_family",
            pk=s.pk,
            label=s.name,
            reason=_("ustanowiona %(d)s%(c)s")
            % {
                "d": _d(s.appointed_on),
                "c": f", umowa {s.contract_number}" if s.contract_number else "",
            },
        )
        for s in rows
    ]
    links = (
        SupportingFamily.supported_families.through.objects.filter(supportingfamily__in=rows)
        .select_related("family", "supportingfamily")
        .order_by("family__surname", "family__case_number", "family_id", "supportingfamily__name")
    )
    helped: dict[int, tuple[Family, list[str]]] = {}
    for link in links:
        helped.setdefault(link.family_id, (link.family, []))[1].append(link.supportingfamily.name)
    families = [
        _family_item(family, _("wspierana przez: %(s)s") % {"s": ", ".join(names)})
        for family, names in helped.values()
    ]
    return {"supporting_families": items, "supporting_families_helped": families}


# --- the report ------------------------------------------------------------------------------

SUM_CODES = frozenset({"assistants_fte", "children"})


@register("semiannual")
def semiannual(centre: Centre, period: Period, **options: Any) -> Report:
    """The half-year report of `centre` for `period` (see the module docstring for the rules)."""
    if not isinstance(period, Period):
        raise TypeError("period must be a reports.base.Period")
    categories = report_categories(centre)
    items: dict[str, list[Item]] = {}
    items.update(_assistant_figures(centre, period))
    items.update(_served_figures(centre, period))
    ended, closures = ended_figures(centre, period)
    items.update(ended)
    items.update(_supporting_figures(centre, period))

    rows = list(SemiannualRow.objects.filter(centre=centre).order_by("order", "pk"))
    own = {row.code: row for row in rows}
    defaults = default_rows(categories)
    placed: list[tuple[int, int, Figure]] = []
    for index, (code, label) in enumerate(defaults):
        row = own.get(code)
        if row is not None and not row.enabled:
            continue
        counted = items.get(code, [])
        if row is not None and row.counts and code in ended_codes():
            counted = row_items(row.counts, items, closures)
        figure = Figure(
            code=code,
            label=row.label if row is not None and row.label else label,
            items=counted,
            is_sum=code in SUM_CODES,
        )
        order = row.order if row is not None else (index + 1) * 10
        placed.append((order, index, figure))
    extra = [row for row in rows if is_own(row.code) and row.enabled]
    for index, row in enumerate(extra, start=len(defaults)):
        figure = Figure(
            code=row.code, label=row.label, items=row_items(row.counts, items, closures)
        )
        placed.append((row.order, index, figure))
    placed.sort(key=lambda t: (t[0], t[1]))
    return Report(
        name="semiannual",
        title=_("Sprawozdanie półroczne — asystenci rodziny i rodziny wspierające"),
        centre_id=centre.pk,
        period=period,
        figures=[figure for _order, _index, figure in placed],
    )
