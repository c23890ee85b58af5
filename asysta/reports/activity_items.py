"""The lists behind the figures of the activity table (`asysta.reports.activity`): which
families, closures and assistants each figure counts, and why.

Each list is its own query (two for the families with their assistants, merged as they
stream), read in chunks as values rather than model rows, so an export of ten years of a city
holds one chunk at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.families.models import ADULT_AGE, Family, ReportingCategory
from asysta.families.record import with_reporting_category
from asysta.reports.base import Item, ItemSource, Period
from asysta.reports.common import (
    BY_FAMILY_ORDER,
    CHUNK,
    FAMILY_ORDER,
    assistants_on,
    d,
    family_label,
    hours,
    runs,
    served_assignments,
    served_families,
    years_before,
)
from asysta.visits.models import Contact

ASSISTANTS = "assistants_"


def members_counted(period: Period) -> tuple[Q, Q]:
    """Adults and children of a family in `period` (filters on `members__`). A member is a
    child of the period when under 18 on its first day; one turning 18 during the period still
    counts as a child. Members born after the period end are left out."""
    adult_born = years_before(period.start, ADULT_AGE)
    in_period = Q(members__birth_date__lte=period.end)
    return (
        in_period & Q(members__birth_date__lte=adult_born),
        in_period & Q(members__birth_date__gt=adult_born),
    )


def served_families_by_category(centre: Centre, period: Period) -> QuerySet[Any]:
    """Families of `centre` that worked with an assistant in `period`, annotated with their
    reporting category on the period end."""
    return with_reporting_category(served_families(centre, period), on=period.end)


def fte_code(fte: Decimal) -> str:
    """The code of the figure of assistants employed at `fte` (e.g. "assistants_fte_0_50")."""
    return f"assistants_fte_{fte:.2f}".replace(".", "_")


class ActivityItems(ItemSource):
    """The items of every figure of the activity table of one centre and period."""

    def items(self, key: str) -> Iterable[Item]:
        kind, _sep, rest = key.partition("_")
        if key.startswith(ASSISTANTS):
            return self._assistants.get(key, [])
        if kind == "families":
            return self._families(rest)
        if kind in ("adults", "children"):
            return self._members(kind, rest)
        if kind == "ended":
            return self._closures(rest)
        if key in ("contacts", "hours"):
            return self._contacts(key)
        return []

    def _in_category(self, category: str) -> QuerySet[Any]:
        families = served_families_by_category(self.centre, self.period)
        if category != "total":
            families = families.filter(reporting_category=category)
        return families

    def _families(self, category: str) -> Iterator[Item]:
        """Each family with its category and the assistants who worked with it: one stream of
        the served assignments, each carrying its family's category (the rule of
        `with_reporting_category`, as a subquery), grouped by family as they come."""
        of_family = with_reporting_category(
            Family.objects.filter(pk=OuterRef("family_id")).order_by(), on=self.period.end
        )
        spans = served_assignments(self.centre, self.period).annotate(
            category=Subquery(of_family.values("reporting_category")[:1])
        )
        if category != "total":  # by the families' query: the planner sees what it selects
            spans = spans.filter(family__in=self._in_category(category).values("pk"))
        rows = (
            spans.order_by(*BY_FAMILY_ORDER, "started_on", "pk")
            .values_list(
                "family_id",
                "family__surname",
                "family__case_number",
                "category",
                "started_on",
                "ended_on",
                "assistant__first_name",
                "assistant__last_name",
                "assistant__username",
            )
            .iterator(CHUNK)
        )
        names = {c.value: str(c.label) for c in ReportingCategory}  # translated once
        served = _("%(category)s; asystent: %(spans)s")
        for family_id, assignments in runs(rows, key=lambda row: row[0]):
            text = "; ".join(
                f"{f'{first} {last}'.strip() or user} {d(start)}–{d(end)}"
                for *_family, start, end, first, last, user in assignments
            )
            _pk, surname, case_number, family_category = assignments[0][:4]
            reason = served % {"category": names[family_category], "spans": text}
            yield Item("family", family_id, family_label(surname, case_number), reason)

    def _members(self, kind: str, category: str) -> Iterator[Item]:
        adults, children = members_counted(self.period)
        counted = adults if kind == "adults" else children
        text = (
            _("dorośli w rodzinie: %(n)d")
            if kind == "adults"
            else _("dzieci (poniżej 18 lat na początku okresu): %(n)d")
        )
        rows = (
            self._in_category(category)
            .annotate(n=Count("members", filter=counted))
            .order_by(*FAMILY_ORDER)
            .values_list("pk", "surname", "case_number", "n")
            .iterator(CHUNK)
        )
        for pk, surname, case_number, n in rows:
            yield Item(
                "family", pk, family_label(surname, case_number), text % {"n": n}, Decimal(n)
            )

    def _closures(self, reason: str) -> Iterator[Item]:
        """Each closure of the period (a family closed twice is two items)."""
        closures = Closure.objects.filter(
            centre=self.centre, closed_on__gte=self.period.start, closed_on__lte=self.period.end
        )
        if reason != "total":
            closures = closures.filter(reason=reason)
        rows = closures.order_by("closed_on", "pk").values_list(
            "family_id",
            "family__surname",
            "family__case_number",
            "closed_on",
            "reason",
            "reason_other",
        )
        names = {value: str(label) for value, label in REASON_CHOICES}  # translated once
        ended = _("zakończenie %(d)s: %(r)s")
        for family_id, surname, case_number, closed_on, code, other in rows.iterator(CHUNK):
            why = f"{names[code]}: {other}" if other else names[code]  # as Closure.reason_label
            label = family_label(surname, case_number)
            yield Item("family", family_id, label, ended % {"d": d(closed_on), "r": why})

    @cached_property
    def _assistants(self) -> dict[str, list[Item]]:
        """Assistants with the FTE in force on the period end (one query, a few hundred rows
        at most, so the three lists are made together)."""
        end = self.period.end
        memberships = (
            assistants_on(self.centre, end)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        out: dict[str, list[Item]] = {"assistants_total": [], "assistants_fte": []}
        in_force = _("etat %(f)s na %(d)s")
        for membership in memberships:
            fte, user = membership.fte_now, membership.user
            reason = in_force % {"f": f"{fte:.2f}".replace(".", ","), "d": d(end)}
            out["assistants_total"].append(Item("assistant", user.pk, str(user), reason))
            out["assistants_fte"].append(Item("assistant", user.pk, str(user), reason, fte))
            out.setdefault(fte_code(fte), []).append(Item("assistant", user.pk, str(user), reason))
        return out

    def _contacts(self, key: str) -> Iterator[Item]:
        """Contacts and time per family (one grouped query)."""
        rows = (
            Contact.objects.filter(
                centre=self.centre, date__gte=self.period.start, date__lte=self.period.end
            )
            .values("family_id", "family__surname", "family__case_number")
            .annotate(n_contacts=Count("pk"), n_minutes=Sum("duration_minutes"))
            .order_by(*BY_FAMILY_ORDER)
            .values_list(
                "family_id", "family__surname", "family__case_number", "n_contacts", "n_minutes"
            )
            .iterator(CHUNK)
        )
        spent = _("kontakty: %(n)d, czas: %(h)d:%(m)02d")
        for family_id, surname, case_number, n, minutes in rows:
            minutes = minutes or 0
            reason = spent % {"n": n, "h": minutes // 60, "m": minutes % 60}
            amount = Decimal(n) if key == "contacts" else hours(minutes)
            yield Item("family", family_id, family_label(surname, case_number), reason, amount)
