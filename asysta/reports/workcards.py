"""The centre's work-card summary for a period: per assistant the contacts, hours and families.

It follows the monthly work card (`asysta.visits.queries.work_card`): an assistant's families are
those assigned to them in the period plus those they recorded a contact with, and hours are the
sum of the contacts' minutes rounded the same way. Computing the monthly card per assistant would
cost three queries per assistant, so the summary aggregates the whole centre at once (four
queries whatever the number of assistants and families); a test checks both agree for a month.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from asysta.accounts.models import Role
from asysta.core.models import Centre
from asysta.intake.models import Assignment
from asysta.reports.activity import d, hours
from asysta.reports.base import Figure, Item, Period, Report, register
from asysta.visits.models import Contact


def _family_label(surname: str, case_number: str) -> str:
    return f"{surname} ({case_number})"


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
            | Q(
                memberships__centre=centre,
                memberships__role=Role.ASSISTANT,
                memberships__is_active=True,
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
    return Report(
        name="work_card",
        title=_("Karty pracy asystentów %(s)s–%(e)s") % {"s": d(period.start), "e": d(period.end)},
        centre_id=centre.pk,
        period=period,
        figures=[contacts, spent, families, families_total],
    )
