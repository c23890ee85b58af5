"""The lists behind the work-card summary (`asysta.reports.workcards`): each assistant with their
contacts, time and families, each family with its assistants, and each month's contacts per
assistant.

The per-assistant lists are made together (four queries: contacts per assistant, the
(assistant, family) pairs, the assistants listed) and are as long as the centre's staff; the
months' lists too (one query grouped by month and assistant).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.base import Item, ItemSource, Period
from asysta.reports.common import family_label, hours
from asysta.visits.models import Contact

PER_ASSISTANT = ("contacts", "hours", "families")


def contacts_in(centre: Centre, period: Period) -> QuerySet[Contact]:
    return Contact.objects.filter(centre=centre, date__gte=period.start, date__lte=period.end)


def assigned_in(centre: Centre, period: Period) -> QuerySet[Assignment]:
    """Assignments of `centre` in force at some time of `period` (monitoring included): an
    assistant's families on the card besides those they met."""
    return Assignment.objects.filter(centre=centre, started_on__lte=period.end).exclude(
        ended_on__lt=period.start
    )


def employed_in(period: Period, prefix: str = "memberships__") -> Q:
    """An assistant role employed on some day of `period` (dates when recorded, else today's
    `is_active`; see `Membership.employed_on`), reached through `prefix`."""
    started = Q(**{f"{prefix}employed_from__isnull": True}) | Q(
        **{f"{prefix}employed_from__lte": period.end}
    )
    not_ended = Q(**{f"{prefix}employed_until__gte": period.start}) | Q(
        **{f"{prefix}employed_until__isnull": True, f"{prefix}is_active": True}
    )
    return started & not_ended


def listed_assistants(centre: Centre, period: Period) -> QuerySet[Any]:
    """Who the summary lists: every assistant with a contact or a family in the period, and
    every assistant role employed on some day of it."""
    contacted = contacts_in(centre, period).values("assistant_id")
    assigned = assigned_in(centre, period).values("assistant_id")
    employed = Q(memberships__centre=centre, memberships__role=Role.ASSISTANT) & employed_in(period)
    return (
        get_user_model()
        .objects.filter(Q(pk__in=contacted) | Q(pk__in=assigned) | employed)
        .distinct()
    )


def months(period: Period) -> list[tuple[int, int]]:
    year, month, out = period.start.year, period.start.month, []
    while (year, month) <= (period.end.year, period.end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _name(first: str, last: str, username: str) -> str:
    """As `User.__str__`, from the three columns."""
    return f"{first} {last}".strip() or username


class WorkCardItems(ItemSource):
    """The items of every figure of the work-card summary of one centre and period."""

    def items(self, key: str) -> Iterable[Item]:
        if key in PER_ASSISTANT or key == "families_total":
            return self._cards[key]
        if key.startswith(("contacts_", "hours_")):
            return self._month(key)
        return []

    def _pairs(self) -> dict[int, dict[int, str]]:
        """assistant -> family -> label: contacted in the period, or assigned at some time of
        it (one query each)."""
        out: dict[int, dict[int, str]] = defaultdict(dict)
        columns = ("assistant_id", "family_id", "family__surname", "family__case_number")
        contacted = contacts_in(self.centre, self.period).order_by().values_list(*columns)
        assigned = assigned_in(self.centre, self.period).order_by().values_list(*columns)
        for assistant_id, family_id, surname, case_number in [*contacted, *assigned]:
            out[assistant_id][family_id] = family_label(surname, case_number)
        return out

    @cached_property
    def _cards(self) -> dict[str, list[Item]]:
        per_assistant = {
            row["assistant_id"]: row
            for row in contacts_in(self.centre, self.period)
            .values("assistant_id")
            .annotate(n_contacts=Count("pk"), n_minutes=Sum("duration_minutes"))
            .order_by()
        }
        own_families = self._pairs()
        users = listed_assistants(self.centre, self.period).order_by(
            "last_name", "first_name", "pk"
        )
        out: dict[str, list[Item]] = {key: [] for key in PER_ASSISTANT}
        counted = _("kontakty: %(n)d, czas: %(h)d:%(m)02d, rodziny: %(f)s")
        for user in users:
            row: Any = per_assistant.get(user.pk, {})
            n, minutes = row.get("n_contacts", 0), row.get("n_minutes") or 0
            own = own_families.get(user.pk, {})
            reason = counted % {
                "n": n,
                "h": minutes // 60,
                "m": minutes % 60,
                "f": ", ".join(sorted(own.values())) or "—",
            }
            label = str(user)
            out["contacts"].append(Item("assistant", user.pk, label, reason, Decimal(n)))
            out["hours"].append(Item("assistant", user.pk, label, reason, hours(minutes)))
            out["families"].append(Item("assistant", user.pk, label, reason, Decimal(len(own))))
        names = {item.pk: item.label for item in out["contacts"]}
        out["families_total"] = _distinct_families(own_families, names)
        return out

    @cached_property
    def _months(self) -> dict[tuple[int, int], list[Any]]:
        """Contacts, time and families per month and assistant (one grouped query, as many
        rows as assistants times months)."""
        rows = (
            contacts_in(self.centre, self.period)
            .annotate(month=TruncMonth("date"))
            .values(
                "month",
                "assistant_id",
                "assistant__first_name",
                "assistant__last_name",
                "assistant__username",
            )
            .annotate(
                n=Count("pk"), minutes=Sum("duration_minutes"), f=Count("family", distinct=True)
            )
            .order_by("month", "assistant_id")
        )
        out: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for row in rows:
            out[(row["month"].year, row["month"].month)].append(row)
        return out

    def _month(self, key: str) -> list[Item]:
        """One month's contacts and time per assistant."""
        kind, year, month = key.split("_")
        counted = _("kontakty: %(n)d, czas: %(h)d:%(m)02d, rodziny: %(f)d")
        items = []
        for row in self._months.get((int(year), int(month)), []):
            minutes = row["minutes"] or 0
            reason = counted % {"n": row["n"], "h": minutes // 60, "m": minutes % 60, "f": row["f"]}
            label = _name(
                row["assistant__first_name"],
                row["assistant__last_name"],
                row["assistant__username"],
            )
            amount = Decimal(row["n"]) if kind == "contacts" else hours(minutes)
            items.append(Item("assistant", row["assistant_id"], label, reason, amount))
        return items


def _distinct_families(
    own_families: dict[int, dict[int, str]], names: dict[int, str]
) -> list[Item]:
    """A family reassigned in the period is on two cards; this list counts it once, naming
    both assistants."""
    distinct: dict[int, tuple[str, list[str]]] = {}
    for assistant_id, own in own_families.items():
        for family_id, label in own.items():
            distinct.setdefault(family_id, (label, []))[1].append(names.get(assistant_id, "?"))
    return [
        Item("family", family_id, label, _("asystent: %(w)s") % {"w": ", ".join(sorted(who))})
        for family_id, (label, who) in sorted(distinct.items(), key=lambda kv: (kv[1][0], kv[0]))
    ]
