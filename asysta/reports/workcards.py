"""The centre's work-card summary for a period: per assistant the contacts, hours and families.

It follows the monthly work card (`asysta.visits.queries.work_card`): an assistant's families are
those assigned to them in the period plus those they recorded a contact with, and hours are the
sum of the contacts' minutes rounded the same way. Computing the monthly card per assistant would
cost three queries per assistant, so the summary aggregates the whole centre at once (four
queries whatever the number of assistants and families); a test checks both agree for a month.
An assistant without work in the period is listed (with zeros) when employed on some day of it.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.base import Figure, Item, Period, Report, register
from asysta.reports.common import d, hours
from asysta.visits.models import Contact


def _family_label(surname: str, case_number: str) -> str:
    return f"{surname} ({case_number})"


def _employed_in(period: Period) -> Q:
    """An assistant role employed on some day of `period` (dates when recorded, else today's
    `is_active`; see `Membership.employed_on`)."""
    started = Q(memberships__employed_from__isnull=True) | Q(
        memberships__employed_from__lte=period.end
    )
    not_ended = Q(memberships__employed_until__gte=period.start) | Q(
        memberships__employed_until__isnull=True, memberships__is_active=True
    )
    return started & not_ended


@register("work_card")
def work_cards(centre: Centre, period: Period, **options: Any) -> Report:
    contacts_qs = Contact.objects.filter(
        centre=centre, date__gte=period.start, date__lte=period.end
    )
    per_assistant = {
        row["assistant_id"]: row
        for row in contacts_qs.values("assistant_id")
        .annotate(n_contacts=Count("pk"), n_minutes=Sum("duration_minutes"))
        .order_by()
    }
    # (assistant, family) pairs: contacted in the period, or assigned at some time in it.
    pairs: dict[int, dict[int, str]] = defaultdict(dict)
    contacted = contacts_qs.values_list(
        "assistant_id", "family_id", "family__surname", "family__case_number"
    ).distinct()
    assigned = (
        Assignment.objects.filter(centre=centre, started_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .values_list("assistant_id", "family_id", "family__surname", "family__case_number")
        .distinct()
    )
    for assistant_id, family_id, surname, case_number in [*contacted, *assigned]:
        pairs[assistant_id][family_id] = _family_label(surname, case_number)
    users = (
        get_user_model()
        .objects.filter(
            Q(pk__in=set(per_assistant) | set(pairs))
            | (
                Q(memberships__centre=centre, memberships__role=Role.ASSISTANT)
                & _employed_in(period)
            )
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )

    contacts = Figure("contacts", _("Liczba kontaktów"), is_sum=True)
    spent = Figure("hours", _("Czas pracy z rodzinami (godziny)"), is_sum=True)
    families = Figure("families", _("Rodziny asystenta (suma po asystentach)"), is_sum=True)
    for user in users:
        row: Any = per_assistant.get(user.pk, {})
        n, minutes = row.get("n_contacts", 0), row.get("n_minutes") or 0
        own = pairs.get(user.pk, {})
        reason = _("kontakty: %(n)d, czas: %(h)d:%(m)02d, rodziny: %(f)s") % {
            "n": n,
            "h": minutes // 60,
            "m": minutes % 60,
            "f": ", ".join(sorted(own.values())) or "—",
        }
        label = str(user)
        contacts.items.append(Item("assistant", user.pk, label, reason, Decimal(n)))
        spent.items.append(Item("assistant", user.pk, label, reason, hours(minutes)))
        families.items.append(Item("assistant", user.pk, label, reason, Decimal(len(own))))

    # A family reassigned in the period is on two cards; this figure counts it once.
    distinct: dict[int, tuple[str, list[str]]] = {}
    names = {user.pk: str(user) for user in users}
    for assistant_id, own in pairs.items():
        for family_id, label in own.items():
            distinct.setdefault(family_id, (label, []))[1].append(names.get(assistant_id, "?"))
    families_total = Figure("families_total", _("Rodziny (bez powtórzeń)"))
    for family_id, (label, who) in sorted(distinct.items(), key=lambda kv: (kv[1][0], kv[0])):
        families_total.items.append(
            Item("family", family_id, label, _("asystent: %(w)s") % {"w": ", ".join(sorted(who))})
        )
    figures = [contacts, spent, families, families_total]
    if (period.start.year, period.start.month) != (period.end.year, period.end.month):
        figures += _monthly(contacts_qs, period, {user.pk: str(user) for user in users})
    return Report(
        name="work_card",
        title=_("Karty pracy asystentów %(s)s–%(e)s") % {"s": d(period.start), "e": d(period.end)},
        centre_id=centre.pk,
        period=period,
        figures=figures,
    )


def _months(period: Period) -> list[tuple[int, int]]:
    year, month, out = period.start.year, period.start.month, []
    while (year, month) <= (period.end.year, period.end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _monthly(contacts_qs: Any, period: Period, names: dict[int, str]) -> list[Figure]:
    """For a period longer than a month: contacts and hours of each month, per assistant (one
    grouped query). Months without contacts still get their (empty) figures."""
    rows = (
        contacts_qs.annotate(month=TruncMonth("date"))
        .values("month", "assistant_id")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"), f=Count("family", distinct=True))
        .order_by("month", "assistant_id")
    )
    by_month: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_month[(row["month"].year, row["month"].month)].append(row)
    figures: list[Figure] = []
    for year, month in _months(period):
        name = f"{str(MONTHS[month]).lower()} {year}"
        count = Figure(
            f"contacts_{year}_{month:02d}", _("Kontakty — %(m)s") % {"m": name}, is_sum=True
        )
        time = Figure(f"hours_{year}_{month:02d}", _("Godziny — %(m)s") % {"m": name}, is_sum=True)
        for row in by_month[(year, month)]:
            label = names.get(row["assistant_id"], "?")
            minutes = row["minutes"] or 0
            reason = _("kontakty: %(n)d, czas: %(h)d:%(m)02d, rodziny: %(f)d") % {
                "n": row["n"],
                "h": minutes // 60,
                "m": minutes % 60,
                "f": row["f"],
            }
            count.items.append(
                Item("assistant", row["assistant_id"], label, reason, Decimal(row["n"]))
            )
            time.items.append(Item("assistant", row["assistant_id"], label, reason, hours(minutes)))
        figures += [count, time]
    return figures
