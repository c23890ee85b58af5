"""Statements from the casework apps that may not be installed: plans, visits, assessments and
closure. Each function returns an empty Section when its app is absent (see `court.record`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from asysta.court.record import Section, _d, family_url, optional_model, try_reverse
from asysta.families.models import Family

# Plan states worth quoting: the plan agreed with the family and what followed it.
QUOTED_PLAN_STATES = ("agreed", "in_force", "superseded", "closed")


def plan_url(family: Family, plan: Any) -> str:
    return try_reverse("plans:detail", family.pk, plan.pk) or family_url(family.pk, "plan")


def plan_in_force(family: Family) -> Any:
    """The family's work plan in force, or None (also when plans is not installed)."""
    model = optional_model("plans", "WorkPlan")
    if model is None:
        return None
    return model.objects.filter(family=family, status="in_force").first()


def _goal_lines(family: Family, plan: Any, section: Section) -> None:
    goals = plan.goals.annotate(
        total=Count("actions"), done=Count("actions", filter=Q(actions__status="done"))
    ).order_by("order", "pk")
    for goal in goals:
        line = _("Cel (%(area)s): %(goal)s — zrealizowane działania: %(done)d z %(total)d.") % {
            "area": goal.get_area_display(),
            "goal": goal.description,
            "done": goal.done,
            "total": goal.total,
        }
        section.add(line, goal, plan_url(family, plan))


def plan_section(family: Family) -> Section:
    """Each version of the work plan agreed with the family; the goals of the latest one."""
    section = Section()
    model = optional_model("plans", "WorkPlan")
    if model is None:
        return section
    plans = list(
        model.objects.filter(family=family, status__in=QUOTED_PLAN_STATES).order_by("version")
    )
    for plan in plans:
        line = _("%(plan)s (%(status)s)") % {"plan": plan, "status": plan.get_status_display()}
        if plan.starts_on:
            line += _(", od %(d)s") % {"d": _d(plan.starts_on)}
        if plan.ended_on:
            line += _(" do %(d)s") % {"d": _d(plan.ended_on)}
        section.add(line + ".", plan, plan_url(family, plan))
    if plans:
        _goal_lines(family, plans[-1], section)
    return section


# Contacts quoted one by one (with their dates and links), the latest first.
QUOTED_CONTACTS = 10


def _contact_url(family: Family, contact: Any) -> str:
    return try_reverse("visits:contact_detail", family.pk, contact.pk) or family_url(family.pk)


def _notable_contacts(family: Family, rows: Any, section: Section) -> None:
    """Missed visits and child-safety signals, one statement each, linked to the note."""
    notable = rows.filter(Q(form="unsuccessful") | Q(child_safety=True)).order_by("-date", "-pk")
    for contact in reversed(list(notable[:QUOTED_CONTACTS])):
        if contact.child_safety:
            text = _("%(d)s — odnotowano sygnał zagrożenia bezpieczeństwa dziecka.")
        else:
            text = _("%(d)s — nieudana wizyta (nie zastano rodziny).")
        section.add(text % {"d": _d(contact.date)}, contact, _contact_url(family, contact))


def contacts_section(family: Family, until: date | None = None) -> Section:
    """How many contacts are recorded and over which period; missed visits and child-safety
    signals one by one, each linked to its note."""
    section = Section()
    model = optional_model("visits", "Contact")
    if model is None:
        return section
    rows = model.objects.filter(family=family)
    if until is not None:
        rows = rows.filter(date__lte=until)
    summary = rows.aggregate(
        n=Count("pk"),
        home=Count("pk", filter=Q(form="home_visit")),
        first=Min("date"),
        last=Max("date"),
    )
    if not summary["n"]:
        return section
    # Phrased without a counted noun, so one wording fits every number (Polish has three forms).
    line = _(
        "W okresie od %(a)s do %(b)s liczba kontaktów z rodziną zapisanych w dokumentacji: "
        "%(n)d, w tym wizyt w domu rodziny: %(h)d."
    ) % {
        "n": summary["n"],
        "h": summary["home"],
        "a": _d(summary["first"]),
        "b": _d(summary["last"]),
    }
    section.lines.append(line)
    section.sources.append(
        {
            "model": model._meta.label_lower,
            "pk": None,
            "label": _("kontakty z rodziną"),
            "url": try_reverse("visits:contact_list", family.pk) or family_url(family.pk),
        }
    )
    _notable_contacts(family, rows, section)
    return section


def assessments_section(family: Family, latest: int = 3) -> Section:
    """The latest periodic assessments passed on to the head (drafts are not quoted)."""
    section = Section()
    model = optional_model("assessments", "PeriodicAssessment")
    if model is None:
        return section
    rows = model.objects.filter(family=family, status__in=("submitted", "acknowledged"))
    for assessment in reversed(list(rows.order_by("-period_to", "-pk")[:latest])):
        line = _("%(a)s, sporządzona %(d)s — rekomendacja: %(r)s.") % {
            "a": assessment,
            "d": _d(assessment.made_on),
            "r": assessment.get_recommendation_display(),
        }
        url = try_reverse("assessments:detail", family.pk, assessment.pk)
        section.add(line, assessment, url or family_url(family.pk))
    return section


def closure_section(family: Family) -> Section:
    """The closures of the work with the family and their monitoring (scenario 15)."""
    section = Section()
    model = optional_model("closure", "Closure")
    if model is None:
        return section
    for closure in model.objects.filter(family=family).order_by("closed_on", "pk"):
        line = _("Zakończenie pracy z rodziną %(d)s — powód: %(reason)s") % {
            "d": _d(closure.closed_on),
            "reason": closure.get_reason_display(),
        }
        if closure.monitoring_until:
            line += _("; monitoring do %(d)s") % {"d": _d(closure.monitoring_until)}
        count = closure.monitoring_contacts.count()
        if count:
            line += _(" (kontakty w okresie monitoringu: %(n)d)") % {"n": count}
        url = try_reverse("closure:detail", family.pk, closure.pk)
        section.add(line + ".", closure, url)
    return section
