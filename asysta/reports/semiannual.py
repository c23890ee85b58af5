"""The half-year statutory report: the family-support part (assistants, supporting families).

Sprawozdanie rzeczowo-finansowe (domain.md §11.1), for 1 Jan–30 Jun or 1 Jul–31 Dec (any
`Period` works). Every figure carries the families or assistants it counts, with the reason.

Counting rules (decided here, shown to the centre through each item's reason):

* Assistants at the period end: an active assistant role (`Membership`, role assistant,
  `is_active`) in the centre. Memberships have no employment dates yet, so "active on the end
  day" is today's `is_active`; FTE is the one in force on the end day (`FtePeriod`, else the
  role's FTE); the form of employment is `Membership.employment_form`.
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
  not ended before it.

Rows are configurable per centre (`SemiannualRow`: label, order, enabled); a centre without its
own rows gets `default_rows()`. The query count does not depend on the number of families.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from asysta.accounts.models import EmploymentForm, Membership, Role
from asysta.closure.categories import report_categories
from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.families.models import (
    ChildPlacement,
    CourtOrder,
    Family,
    Member,
    MemberRole,
    ReportingCategory,
    ZaZycieApplication,
)
from asysta.intake.caseload import fte_on
from asysta.intake.models import Assignment
from asysta.reports.base import Figure, Item, Period, Report, register
from asysta.reports.models import SemiannualRow, SupportingFamily

ADULT_AGE = 18

# (code, upper bound in months or None, label)
DURATION_BUCKETS: tuple[tuple[str, int | None, str], ...] = (
    ("duration_upto_6m", 6, "czas współpracy: do 6 miesięcy"),
    ("duration_6_12m", 12, "czas współpracy: powyżej 6 do 12 miesięcy"),
    ("duration_12_24m", 24, "czas współpracy: powyżej 12 do 24 miesięcy"),
    ("duration_over_24m", None, "czas współpracy: powyżej 24 miesięcy"),
)


def _d(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else _("obecnie")


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the month's last day when it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def default_rows(categories: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Every row of the report in its default order: (code, label). `categories` maps closure
    reasons to the centre's report categories (the defaults when not given)."""
    categories = categories or {}
    rows = [
        ("assistants_persons", _("Asystenci rodziny na koniec okresu — liczba osób")),
        ("assistants_fte", _("Asystenci rodziny na koniec okresu — liczba etatów")),
    ]
    rows += [
        (
            f"assistants_form_{value}",
            _("Asystenci rodziny na koniec okresu — %(form)s") % {"form": label},
        )
        for value, label in EmploymentForm.choices
    ]
    rows += [
        ("families_served", _("Rodziny korzystające z usług asystenta rodziny w okresie")),
        ("families_court", _("w tym rodziny zobowiązane przez sąd do pracy z asystentem")),
        ("families_foster_care", _("w tym rodziny z dzieckiem w pieczy zastępczej")),
        ("families_za_zyciem", _("w tym rodziny objęte ustawą „Za życiem”")),
        ("children", _("Dzieci w rodzinach korzystających z usług asystenta rodziny")),
        ("families_ended", _("Rodziny, z którymi zakończono pracę w okresie")),
    ]
    rows += [
        (f"ended_{reason}", categories.get(reason) or str(label))
        for reason, label in REASON_CHOICES
    ]
    rows += [(code, _(label)) for code, _months, label in DURATION_BUCKETS]
    rows += [("supporting_families", _("Rodziny wspierające na koniec okresu"))]
    return rows


def _family_item(family: Family, reason: str, amount: Decimal | None = None) -> Item:
    return Item(kind="family", pk=family.pk, label=str(family), reason=reason, amount=amount)


# --- assistants ------------------------------------------------------------------------------


def _assistant_figures(centre: Centre, period: Period) -> dict[str, list[Item]]:
    memberships = (
        Membership.objects.filter(centre=centre, role=Role.ASSISTANT, is_active=True)
        .select_related("user")
        .prefetch_related("fte_periods")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    out: dict[str, list[Item]] = defaultdict(list)
    for membership in memberships:
        user, fte = membership.user, fte_on(membership, period.end)
        form = membership.get_employment_form_display()
        label = user.get_full_name() or user.username
        why = _("aktywna rola asystenta rodziny; %(form)s") % {"form": form}
        out["assistants_persons"].append(Item("assistant", user.pk, label, why))
        out["assistants_fte"].append(
            Item(
                "assistant",
                user.pk,
                label,
                _("etat %(fte)s w dniu %(d)s") % {"fte": fte, "d": _d(period.end)},
                amount=fte,
            )
        )
        out[f"assistants_form_{membership.employment_form}"].append(
            Item("assistant", user.pk, label, str(form))
        )
    return out


# --- families that used the services ----------------------------------------------------------


def served_assignments(centre: Centre, period: Period) -> QuerySet[Assignment]:
    """Assignments during which the work with the family went on in some day of `period`."""
    closed_before = Closure.objects.filter(assignment=OuterRef("pk"), closed_on__lt=period.start)
    return (
        Assignment.objects.filter(centre=centre, started_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .exclude(Exists(closed_before))
    )


def _by_family(rows: Iterable[Any]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[row.family_id].append(row)
    return out


def _served_figures(centre: Centre, period: Period) -> dict[str, list[Item]]:
    served = served_assignments(centre, period)
    closed_on = Closure.objects.filter(assignment=OuterRef("pk")).values("assignment")
    assignments = (
        served.select_related("family", "assistant")
        .annotate(work_closed_on=Subquery(closed_on.annotate(d=Min("closed_on")).values("d")[:1]))
        .order_by("family__surname", "family__case_number", "family_id", "started_on")
    )
    families: dict[int, Family] = {}
    spans: dict[int, list[str]] = defaultdict(list)
    for a in assignments:
        families.setdefault(a.family_id, a.family)
        span = f"{a.assistant} {_d(a.started_on)}–{_d(a.ended_on)}"
        if a.work_closed_on and a.work_closed_on != a.ended_on:
            span += " " + _("(praca zakończona %(d)s)") % {"d": _d(a.work_closed_on)}
        spans[a.family_id].append(span)

    in_served = Q(family__in=served.values("family_id"))
    courts = _by_family(
        CourtOrder.objects.filter(in_served, issued_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .order_by("issued_on")
    )
    placements = _by_family(
        ChildPlacement.objects.filter(in_served, since__lte=period.end)
        .exclude(until__lt=period.start)
        .select_related("child")
        .order_by("since")
    )
    za_zyciem = _by_family(
        ZaZycieApplication.objects.filter(in_served, filed_on__lte=period.end).order_by("filed_on")
    )
    children = _by_family(
        Member.objects.filter(
            in_served,
            role=MemberRole.CHILD,
            birth_date__lte=period.end,
            birth_date__gt=years_before(period.start, ADULT_AGE),
        ).order_by("birth_date", "pk")
    )

    out: dict[str, list[Item]] = defaultdict(list)
    for pk, family in families.items():
        override = family.reporting_category_override
        out["families_served"].append(
            _family_item(family, _("przydział: %(s)s") % {"s": "; ".join(spans[pk])})
        )
        if pk in courts:
            orders = ", ".join(f"{c} z {_d(c.issued_on)}" for c in courts[pk])
            out["families_court"].append(
                _family_item(family, _("postanowienie sądu: %(o)s") % {"o": orders})
            )
        if override == ReportingCategory.FOSTER_CARE or (not override and pk in placements):
            reason = (
                _("kategoria ustawiona ręcznie")
                if override
                else "; ".join(
                    _("%(child)s w pieczy od %(since)s do %(until)s")
                    % {"child": p.child.first_name, "since": _d(p.since), "until": _d(p.until)}
                    for p in placements[pk]
                )
            )
            out["families_foster_care"].append(_family_item(family, reason))
        if override == ReportingCategory.ZA_ZYCIEM or (not override and pk in za_zyciem):
            reason = (
                _("kategoria ustawiona ręcznie")
                if override
                else ", ".join(str(z) for z in za_zyciem[pk])
            )
            out["families_za_zyciem"].append(_family_item(family, reason))
        if pk in children:
            kids = children[pk]
            names = ", ".join(f"{m.first_name} ur. {_d(m.birth_date)}" for m in kids)
            out["children"].append(
                _family_item(
                    family,
                    _("dzieci poniżej 18 lat w okresie: %(n)s") % {"n": names},
                    amount=Decimal(len(kids)),
                )
            )
    return out


# --- ended work ------------------------------------------------------------------------------


def _cooperation_starts(closures: list[Closure], period: Period) -> dict[int, date]:
    """closure pk -> the first assignment start of the cooperation it ended (two queries)."""
    family_ids = {c.family_id for c in closures}
    assignments = _by_family(
        Assignment.objects.filter(family_id__in=family_ids, started_on__lte=period.end).only(
            "pk", "family_id", "started_on"
        )
    )
    history = _by_family(
        Closure.objects.filter(family_id__in=family_ids, closed_on__lte=period.end)
        .only("pk", "family_id", "closed_on", "assignment_id")
        .order_by("closed_on", "pk")
    )
    starts: dict[int, date] = {}
    for closure in closures:
        earlier = [
            c
            for c in history[closure.family_id]
            if (c.closed_on, c.pk) < (closure.closed_on, closure.pk)
        ]
        previous = earlier[-1] if earlier else None
        candidates = [
            a.started_on
            for a in assignments[closure.family_id]
            if a.started_on <= closure.closed_on
            and (
                previous is None
                or a.started_on > previous.closed_on
                or (a.started_on == previous.closed_on and a.pk != previous.assignment_id)
            )
        ]
        starts[closure.pk] = min(candidates, default=closure.closed_on)
    return starts


def _ended_figures(centre: Centre, period: Period, categories: dict[str, str]) -> dict[str, Any]:
    closures = list(
        Closure.objects.filter(
            centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
        )
        .select_related("family")
        .order_by("closed_on", "pk")
    )
    starts = _cooperation_starts(closures, period)
    out: dict[str, list[Item]] = defaultdict(list)
    for closure in closures:
        reason_label = closure.get_reason_display()
        why = _("zakończenie pracy %(d)s: %(r)s") % {"d": _d(closure.closed_on), "r": reason_label}
        out["families_ended"].append(_family_item(closure.family, why))
        out[f"ended_{closure.reason}"].append(_family_item(closure.family, why))
        start = starts[closure.pk]
        for code, months, _label in DURATION_BUCKETS:
            if months is None or closure.closed_on <= add_months(start, months):
                out[code].append(
                    _family_item(
                        closure.family,
                        _("współpraca %(s)s–%(e)s") % {"s": _d(start), "e": _d(closure.closed_on)},
                    )
                )
                break
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
    return {"supporting_families": items}


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
    items.update(_ended_figures(centre, period, categories))
    items.update(_supporting_figures(centre, period))

    own = {row.code: row for row in SemiannualRow.objects.filter(centre=centre)}
    placed: list[tuple[int, int, Figure]] = []
    for index, (code, label) in enumerate(default_rows(categories)):
        row = own.get(code)
        if row is not None and not row.enabled:
            continue
        figure = Figure(
            code=code,
            label=row.label if row is not None and row.label else label,
            items=items.get(code, []),
            is_sum=code in SUM_CODES,
        )
        order = row.order if row is not None else (index + 1) * 10
        placed.append((order, index, figure))
    placed.sort(key=lambda t: (t[0], t[1]))
    return Report(
        name="semiannual",
        title=_("Sprawozdanie półroczne — asystenci rodziny i rodziny wspierające"),
        centre_id=centre.pk,
        period=period,
        figures=[figure for _order, _index, figure in placed],
    )
