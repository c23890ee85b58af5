"""The lists behind the figures of the half-year report (`asysta.reports.semiannual`): the
assistants, the families served and those of each category with the reason they count, the
children, the supporting families, and the closures (`semiannual_ended`).

The served families are those with an assignment in the period (`served_families`); each list
is its own query (a category list with its details: two, merged as they stream), ordered by the
family's surname and case number, so a figure's page reads one list and an export holds one
chunk of rows at a time. The rules are in the docstring of `asysta.reports.semiannual`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from asysta.accounts.models import EmploymentForm, Membership
from asysta.closure.models import Closure
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
from asysta.reports.base import Item, ItemSource, Period
from asysta.reports.common import (
    BY_FAMILY_ORDER,
    CHUNK,
    FAMILY_ORDER,
    assistants_on,
    family_item,
    family_label,
    runs,
    served_assignments,
    served_families,
    years_before,
)
from asysta.reports.common import d as _d
from asysta.reports.models import SupportingFamily
from asysta.reports.semiannual_ended import ended_items
from asysta.reports.semiannual_rows import CATEGORY_FIGURES, row_items

NO_DATES = _lazy("(aktywna rola, bez dat zatrudnienia)")
CATEGORIES = "categories:"


def employment(membership: Membership) -> str:
    """How the role counts at a period end, for the item's reason."""
    if membership.employed_from or membership.employed_until:
        return _("zatrudniony od %(s)s do %(e)s") % {
            "s": _d(membership.employed_from) if membership.employed_from else "—",
            "e": _d(membership.employed_until),
        }
    return str(NO_DATES)


def court_orders(period: Period) -> QuerySet[CourtOrder]:
    """Court orders in force on some day of `period`."""
    return CourtOrder.objects.filter(issued_on__lte=period.end).exclude(ended_on__lt=period.start)


def placements(period: Period) -> QuerySet[ChildPlacement]:
    """Placements in foster care in force on some day of `period`."""
    return ChildPlacement.objects.filter(since__lte=period.end).exclude(until__lt=period.start)


def applications(period: Period) -> QuerySet[ZaZycieApplication]:
    """ "Za życiem" applications filed on or before the period end."""
    return ZaZycieApplication.objects.filter(filed_on__lte=period.end)


def child_rule(period: Period, prefix: str = "") -> Q:
    """A member in the child role under 18 on some day of `period` (`prefix` reaches the
    member through a relation, e.g. "members__")."""
    return Q(
        **{
            f"{prefix}role": MemberRole.CHILD,
            f"{prefix}birth_date__lte": period.end,
            f"{prefix}birth_date__gt": years_before(period.start, ADULT_AGE),
        }
    )


def children(period: Period) -> QuerySet[Member]:
    """Members in the child role under 18 on some day of `period`."""
    return Member.objects.filter(child_rule(period))


def category_filters(period: Period) -> dict[str, Q]:
    """For each category a row may count: which served families are in it (the category set
    by hand on the family wins over the data for foster care and "Za życiem"). Uncorrelated
    subqueries: the database reads each table once, not once per family."""
    by_hand = "reporting_category_override"
    return {
        "category:court": Q(pk__in=court_orders(period).values("family_id")),
        "category:foster_care": Q(**{by_hand: ReportingCategory.FOSTER_CARE})
        | Q(pk__in=placements(period).values("family_id"), **{by_hand: ""}),
        "category:za_zyciem": Q(**{by_hand: ReportingCategory.ZA_ZYCIEM})
        | Q(pk__in=applications(period).values("family_id"), **{by_hand: ""}),
    }


class SemiannualItems(ItemSource):
    """The items of every figure of the half-year report of one centre and period."""

    def items(self, key: str) -> Iterable[Item]:
        lists = {
            "families_served": self._served,
            "families_court": self._court,
            "families_foster_care": self._foster_care,
            "families_za_zyciem": self._za_zyciem,
            "children": self._children,
        }
        if key in lists:
            return lists[key]()
        if key.startswith("assistants_"):
            return self._assistants.get(key, [])
        if key.startswith("supporting_"):
            return self._supporting[key]
        if key.startswith(CATEGORIES):
            return self._union(key.removeprefix(CATEGORIES).split(","))
        return ended_items(self.centre, self.period, key)

    @property
    def _families(self) -> QuerySet[Family]:
        return served_families(self.centre, self.period)

    @cached_property
    def _assistants(self) -> dict[str, list[Item]]:
        """Assistants employed on the period end (one query; a few hundred rows at most, so
        the lists are made together)."""
        end = self.period.end
        memberships = (
            assistants_on(self.centre, end)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        out: dict[str, list[Item]] = {}
        forms = {value: str(label) for value, label in EmploymentForm.choices}  # translated once
        counted = _("asystent rodziny %(employed)s; %(form)s")
        in_force = _("etat %(fte)s w dniu %(d)s")
        for membership in memberships:
            user, fte = membership.user, membership.fte_now
            form = forms[membership.employment_form]
            label = user.get_full_name() or user.username
            why = counted % {"employed": employment(membership), "form": form}
            out.setdefault("assistants_persons", []).append(Item("assistant", user.pk, label, why))
            reason = in_force % {"fte": fte, "d": _d(end)}
            out.setdefault("assistants_fte", []).append(
                Item("assistant", user.pk, label, reason, amount=fte)
            )
            out.setdefault(f"assistants_form_{membership.employment_form}", []).append(
                Item("assistant", user.pk, label, str(form))
            )
        return out

    def _served(self) -> Iterator[Item]:
        """Each family once, with every assignment that makes it count."""
        closed_on = Closure.objects.filter(assignment=OuterRef("pk")).values("assignment")
        rows = (
            served_assignments(self.centre, self.period)
            .annotate(
                work_closed_on=Subquery(closed_on.annotate(d=Min("closed_on")).values("d")[:1]),
                surname=F("family__surname"),
                case_number=F("family__case_number"),
            )
            .order_by(*BY_FAMILY_ORDER, "started_on", "pk")
            .values_list(
                "family_id",
                "started_on",
                "ended_on",
                "work_closed_on",
                "surname",
                "case_number",
                "assistant__first_name",
                "assistant__last_name",
                "assistant__username",
                named=True,
            )
        )
        assigned, work_closed = _("przydział: %(s)s"), _("(praca zakończona %(d)s)")
        for family_id, spans in runs(rows.iterator(CHUNK), key=lambda a: a.family_id):
            texts = []
            for a in spans:
                who = f"{a.assistant__first_name} {a.assistant__last_name}".strip()
                text = f"{who or a.assistant__username} {_d(a.started_on)}–{_d(a.ended_on)}"
                if a.work_closed_on and a.work_closed_on != a.ended_on:
                    text += " " + work_closed % {"d": _d(a.work_closed_on)}
                texts.append(text)
            label = family_label(spans[0].surname, spans[0].case_number)
            yield Item("family", family_id, label, assigned % {"s": "; ".join(texts)})

    def _court(self) -> Iterator[Item]:
        orders = (
            court_orders(self.period)
            .filter(family__in=self._families.values("pk"))
            .select_related("family")
            .only(
                "family",
                "family__surname",
                "family__case_number",
                "court",
                "file_number",
                "issued_on",
            )
            .order_by(*BY_FAMILY_ORDER, "issued_on", "pk")
        )
        ordered = _("postanowienie sądu: %(o)s")
        for _pk, rows in runs(orders.iterator(CHUNK), key=lambda c: c.family_id):
            text = ", ".join(f"{c} z {_d(c.issued_on)}" for c in rows)
            yield family_item(rows[0].family, ordered % {"o": text})

    def _in_category(
        self, category: str, details: QuerySet[Any], *order: str
    ) -> Iterator[tuple[Any, list[Any]]]:
        """The served families in `category` as they stream, each with its `details` in
        `order` (none when the category was set by hand on the family). The details are a few
        rows per family of the category, read first and kept: the families' stream cannot
        disagree with them."""
        families = self._families.filter(category_filters(self.period)[category])
        derived = families.filter(reporting_category_override="").values("pk")
        kept: dict[int, list[Any]] = defaultdict(list)
        for row in details.filter(family__in=derived).order_by(*order):
            kept[row.family_id].append(row)
        parents = families.order_by(*FAMILY_ORDER).only(
            "surname", "case_number", "reporting_category_override"
        )
        for family in parents.iterator(CHUNK):
            yield family, kept.get(family.pk, [])

    def _foster_care(self) -> Iterator[Item]:
        details = placements(self.period).select_related("child")
        by_hand = _("kategoria ustawiona ręcznie")
        placed = _("%(child)s w pieczy od %(since)s do %(until)s")
        for family, rows in self._in_category("category:foster_care", details, "since", "pk"):
            reason = by_hand
            if not family.reporting_category_override:
                reason = "; ".join(
                    placed
                    % {"child": p.child.first_name, "since": _d(p.since), "until": _d(p.until)}
                    for p in rows
                )
            yield family_item(family, reason)

    def _za_zyciem(self) -> Iterator[Item]:
        details = applications(self.period).only("family", "filed_on")
        by_hand = _("kategoria ustawiona ręcznie")
        for family, rows in self._in_category("category:za_zyciem", details, "filed_on", "pk"):
            reason = ", ".join(str(z) for z in rows)
            yield family_item(family, by_hand if family.reporting_category_override else reason)

    def _children(self) -> Iterator[Item]:
        kids = (
            children(self.period)
            .filter(family__in=self._families.values("pk"))
            .order_by(*BY_FAMILY_ORDER, "birth_date", "pk")
            .values_list(
                "family_id", "family__surname", "family__case_number", "first_name", "birth_date"
            )
        )
        young = _("dzieci poniżej 18 lat w okresie: %(n)s")
        for family_id, rows in runs(kids.iterator(CHUNK), key=lambda m: m[0]):
            names = ", ".join(f"{first} ur. {_d(born)}" for _f, _s, _c, first, born in rows)
            label = family_label(rows[0][1], rows[0][2])
            yield Item("family", family_id, label, young % {"n": names}, Decimal(len(rows)))

    def _union(self, counts: list[str]) -> list[Item]:
        """A centre's row counting families served in any of the chosen categories."""
        codes = {"families_served", *(CATEGORY_FIGURES.get(v, "") for v in counts)} - {""}
        return row_items(counts, {code: list(self.items(code)) for code in codes}, [])

    @cached_property
    def _supporting(self) -> dict[str, list[Item]]:
        end = self.period.end
        rows = (
            SupportingFamily.objects.filter(centre=self.centre, appointed_on__lte=end)
            .exclude(ended_on__lt=end)
            .order_by("name", "pk")
        )
        appointed = _("ustanowiona %(d)s%(c)s")
        items = [
            Item(
                kind="supporting_family",
                pk=s.pk,
                label=s.name,
                reason=appointed
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
            .order_by(*BY_FAMILY_ORDER, "supportingfamily__name")
        )
        helped: dict[int, tuple[Family, list[str]]] = {}
        for link in links:
            helped.setdefault(link.family_id, (link.family, []))[1].append(
                link.supportingfamily.name
            )
        families = [
            family_item(family, _("wspierana przez: %(s)s") % {"s": ", ".join(names)})
            for family, names in helped.values()
        ]
        return {"supporting_families": items, "supporting_families_helped": families}
