"""The annual activity table centres publish for the council (seed 004, domain.md §11.2):
families that worked with an assistant by reporting category with their adults and children,
work ended by reason, assistants by FTE at the period end, contacts and hours.

Assistants are those employed on the period end, by the same rule as the half-year report
(`Membership.employed_on`: employment dates when recorded, else today's `is_active`), each with
the FTE in force on that day; a move from 0,5 to 1,0 FTE during the period counts as 1,0.

Every figure is computed from a constant number of queries (annotations, aggregates, one
prefetch), whatever the number of families.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from asysta.accounts.models import FtePeriod, Membership, Role
from asysta.closure.models import REASON_CHOICES, Closure
from asysta.core.models import Centre
from asysta.families.models import ADULT_AGE, Family, ReportingCategory
from asysta.families.record import with_reporting_category
from asysta.intake.caseload import fte_on
from asysta.reports.base import Figure, Item, Period, Report, register
from asysta.reports.common import d, hours, served_assignments, years_before
from asysta.visits.models import Contact


def served_families(centre: Centre, period: Period) -> QuerySet[Family]:
    """Families of `centre` that worked with an assistant in `period`, each annotated with its
    reporting category (on the period end), its adults and its children, and prefetched with the
    assignments that make it count (for the reason of each item)."""
    # A member is a child of the period when under 18 on its first day; one turning 18 during
    # the period still counts as a child. Members born after the period end are left out.
    adult_born = years_before(period.start, ADULT_AGE)
    in_period = Q(members__birth_date__lte=period.end)
    families = (
        Family.objects.filter(centre=centre)
        .only("surname", "case_number", "reporting_category_override")
        .filter(Exists(served_assignments(centre, period).filter(family=OuterRef("pk"))))
        .annotate(
            n_children=Count("members", filter=in_period & Q(members__birth_date__gt=adult_born)),
            n_adults=Count("members", filter=in_period & Q(members__birth_date__lte=adult_born)),
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=served_assignments(centre, period)
                .select_related("assistant")
                .only(
                    "family",
                    "started_on",
                    "ended_on",
                    "assistant__first_name",
                    "assistant__last_name",
                    "assistant__username",
                )
                .order_by("started_on", "pk"),
                to_attr="served",
            )
        )
        .order_by("surname", "case_number", "pk")
    )
    return with_reporting_category(families, on=period.end)


def family_label(family: Any) -> str:
    return f"{family.surname} ({family.case_number})"


def _served_reason(family: Any, texts: dict[str, str]) -> str:
    """Why a family counts; `texts` are the translations, looked up once per report."""
    now = texts["now"]
    spans = "; ".join(
        f"{a.assistant} {d(a.started_on)}–{d(a.ended_on) if a.ended_on else now}"
        for a in family.served
    )
    category = texts[family.reporting_category]
    return texts["served"] % {"category": category, "spans": spans}


def family_figures(centre: Centre, period: Period) -> list[Figure]:
    figures: dict[str, Figure] = {}
    for suffix, label in (
        ("families", _("Liczba rodzin")),
        ("adults", _("Liczba osób dorosłych")),
        ("children", _("Liczba dzieci")),
    ):
        for category in ReportingCategory:
            figures[f"{suffix}_{category.value}"] = Figure(
                f"{suffix}_{category.value}",
                f"{label} — {category.label}",
                is_sum=suffix != "families",
            )
        figures[f"{suffix}_total"] = Figure(
            f"{suffix}_total", f"{label} — {_('razem')}", is_sum=suffix != "families"
        )
    # Annotated rows (reporting_category, n_adults, n_children, served).
    families: Any = served_families(centre, period)
    texts = {c.value: str(c.label) for c in ReportingCategory}  # translated once, not per row
    texts.update(now=_("obecnie"), served=_("%(category)s; asystent: %(spans)s"))
    adults_text = _("dorośli w rodzinie: %(n)d")
    children_text = _("dzieci (poniżej 18 lat na początku okresu): %(n)d")
    for family in families:
        category, label = family.reporting_category, family_label(family)
        reason = _served_reason(family, texts)
        adults = adults_text % {"n": family.n_adults}
        kids = children_text % {"n": family.n_children}
        for code in (category, "total"):
            figures[f"families_{code}"].items.append(Item("family", family.pk, label, reason))
            figures[f"adults_{code}"].items.append(
                Item(
                    "family",
                    family.pk,
                    label,
                    adults,
                    Decimal(family.n_adults),
                )
            )
            figures[f"children_{code}"].items.append(
                Item(
                    "family",
                    family.pk,
                    label,
                    kids,
                    Decimal(family.n_children),
                )
            )
    return list(figures.values())


def closure_figures(centre: Centre, period: Period) -> list[Figure]:
    """Work ended in the period, in total and by the reason of the closure. A family that ended,
    returned and ended again is counted once for each closure."""
    total = Figure("ended_total", _("Zakończono pracę z rodzinami — razem"))
    by_reason = {
        reason: Figure(f"ended_{reason}", _("Zakończono pracę — %(r)s") % {"r": label})
        for reason, label in REASON_CHOICES
    }
    closures = (
        Closure.objects.filter(
            centre=centre, closed_on__gte=period.start, closed_on__lte=period.end
        )
        .select_related("family")
        .only(
            "family",
            "closed_on",
            "reason",
            "reason_other",
            "family__surname",
            "family__case_number",
        )
        .order_by("closed_on", "pk")
    )
    for closure in closures:
        item = Item(
            "family",
            closure.family_id,
            family_label(closure.family),
            _("zakończenie %(d)s: %(r)s") % {"d": d(closure.closed_on), "r": closure.reason_label},
        )
        total.items.append(item)
        by_reason[closure.reason].items.append(item)
    return [total, *by_reason.values()]


def fte_label(fte: Decimal) -> str:
    if fte == 1:
        return _("Asystenci zatrudnieni na pełen etat")
    return _("Asystenci zatrudnieni na %(f)s etatu") % {"f": f"{fte:.2f}".replace(".", ",")}


def assistant_figures(centre: Centre, period: Period) -> list[Figure]:
    """Assistants of the centre with the FTE in force on the period end (two queries)."""
    memberships = (
        Membership.objects.filter(
            Membership.employed_on(period.end), centre=centre, role=Role.ASSISTANT
        )
        .select_related("user")
        .prefetch_related(Prefetch("fte_periods", queryset=FtePeriod.objects.all()))
        .order_by("user__last_name", "user__first_name", "pk")
    )
    persons = Figure("assistants_total", _("Asystenci rodziny (osoby) na koniec okresu"))
    ftes = Figure("assistants_fte", _("Asystenci rodziny (etaty) na koniec okresu"), is_sum=True)
    by_fte: dict[Decimal, Figure] = defaultdict(lambda: Figure("", ""))
    for membership in memberships:
        fte = fte_on(membership, period.end)
        reason = _("etat %(f)s na %(d)s") % {
            "f": f"{fte:.2f}".replace(".", ","),
            "d": d(period.end),
        }
        user = membership.user
        persons.items.append(Item("assistant", user.pk, str(user), reason))
        ftes.items.append(Item("assistant", user.pk, str(user), reason, fte))
        by_fte[fte].items.append(Item("assistant", user.pk, str(user), reason))
    grouped = []
    for fte in sorted(by_fte, reverse=True):
        figure = by_fte[fte]
        figure.code = f"assistants_fte_{fte:.2f}".replace(".", "_")
        figure.label = fte_label(fte)
        grouped.append(figure)
    return [persons, ftes, *grouped]


def contact_figures(centre: Centre, period: Period) -> list[Figure]:
    """Contacts and hours in the period, per family (one aggregate query)."""
    rows = (
        Contact.objects.filter(centre=centre, date__gte=period.start, date__lte=period.end)
        .values("family_id", "family__surname", "family__case_number")
        .annotate(n_contacts=Count("pk"), n_minutes=Sum("duration_minutes"))
        .order_by("family__surname", "family__case_number", "family_id")
    )
    contacts = Figure("contacts", _("Liczba kontaktów z rodzinami"), is_sum=True)
    spent = Figure("hours", _("Czas pracy z rodzinami (godziny)"), is_sum=True)
    for row in rows:
        label = f"{row['family__surname']} ({row['family__case_number']})"
        minutes = row["n_minutes"] or 0
        reason = _("kontakty: %(n)d, czas: %(h)d:%(m)02d") % {
            "n": row["n_contacts"],
            "h": minutes // 60,
            "m": minutes % 60,
        }
        contacts.items.append(
            Item("family", row["family_id"], label, reason, Decimal(row["n_contacts"]))
        )
        spent.items.append(Item("family", row["family_id"], label, reason, hours(minutes)))
    return [contacts, spent]


@register("activity")
def activity(centre: Centre, period: Period, **options: Any) -> Report:
    """The annual activity table (seed 004) for any period."""
    return Report(
        name="activity",
        title=_("Sprawozdanie z działalności asystentów rodziny %(s)s–%(e)s")
        % {"s": d(period.start), "e": d(period.end)},
        centre_id=centre.pk,
        period=period,
        figures=[
            *family_figures(centre, period),
            *closure_figures(centre, period),
            *assistant_figures(centre, period),
            *contact_figures(centre, period),
        ],
    )
