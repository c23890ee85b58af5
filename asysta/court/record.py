"""What the family's record says, as statements for an opinion or a closing report.

Each statement keeps a reference to the record it comes from (model label, pk, label, link), so
the opinion can show where every pre-filled sentence was taken from. The casework apps that may
or may not be installed (plans, visits, assessments, closure) are read through the app registry
at run time only — this module imports none of them and no migration depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from asysta.families.models import Family, MemberRole, age_on


@dataclass
class Section:
    """Lines of text and the records they come from."""

    lines: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add(self, line: str, obj: models.Model | None = None, url: str = "") -> None:
        self.lines.append(line)
        if obj is not None:
            self.sources.append(reference(obj, url=url))


def _d(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def try_reverse(name: str, *args: Any) -> str:
    """The URL of `name`, or "" when that app (or page) is not there."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def family_url(family_id: int, anchor: str = "") -> str:
    url = reverse("families:detail", args=[family_id])
    return f"{url}#{anchor}" if anchor else url


def reference(obj: models.Model, *, url: str = "") -> dict[str, Any]:
    """A link to one record: its model label, pk, a readable label and the page showing it."""
    if not url and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    return {
        "model": obj._meta.label_lower,
        "pk": obj.pk,
        "label": f"{obj._meta.verbose_name}: {obj}",
        "url": url or family_url(getattr(obj, "family_id", 0) or 0),
    }


def optional_model(app_label: str, model_name: str) -> type[Any] | None:
    """A model of a casework app if that app is installed (else None)."""
    if not apps.is_installed(f"asysta.{app_label}"):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _date_field(model: type[models.Model], *names: str) -> str | None:
    own = {f.name for f in model._meta.concrete_fields}
    return next((n for n in names if n in own), None)


# --- the family record (families, intake) ---------------------------------------------------


def basis_section(family: Family) -> Section:
    """Court orders and consents, with their dates (the whole ledger, also what has ended)."""
    section = Section()
    for order in family.court_orders.order_by("issued_on", "pk"):
        line = _(
            "Postanowienie sądu z dnia %(d)s, sygn. akt %(sig)s (%(court)s) — zobowiązanie: "
            "%(what)s"
        ) % {
            "court": order.court,
            "d": _d(order.issued_on),
            "sig": order.file_number,
            "what": order.get_obligation_display(),
        }
        if order.ended_on:
            line += _(" (obowiązywało do %(d)s)") % {"d": _d(order.ended_on)}
        section.add(line + ".", order, family_url(family.pk, "podstawa"))
    for consent in family.consents.order_by("signed_on", "pk"):
        line = _("Pisemna zgoda rodziny na współpracę z asystentem z dnia %(d)s") % {
            "d": _d(consent.signed_on)
        }
        if consent.withdrawn_on:
            line += _(", wycofana %(d)s") % {"d": _d(consent.withdrawn_on)}
        section.add(line + ".", consent, family_url(family.pk, "podstawa"))
    for application in family.zz_applications.order_by("filed_on", "pk"):
        line = _("Wniosek na podstawie ustawy „Za życiem” z dnia %(d)s.") % {
            "d": _d(application.filed_on)
        }
        section.add(line, application, family_url(family.pk, "podstawa"))
    return section


def period_section(family: Family) -> Section:
    """Each assignment of an assistant, with its period and how it ended."""
    section = Section()
    for a in family.assignments.select_related("assistant").order_by("started_on", "pk"):
        until = (
            _d(a.ended_on) + f" ({a.get_end_reason_display()})"
            if a.ended_on
            else _("chwili obecnej")
        )
        line = _("%(who)s (asystent rodziny): od %(start)s do %(end)s") % {
            "who": a.assistant.get_full_name() or a.assistant,
            "start": _d(a.started_on),
            "end": until,
        }
        if a.ended_on is None and a.phase == "monitoring":
            line += _(" — monitoring funkcjonowania rodziny po zakończeniu pracy")
        section.add(line + ".", a, family_url(family.pk, "historia"))
    return section


def children_section(family: Family, on: date) -> Section:
    """The minor children of the family and the children placed outside it."""
    section = Section()
    for m in family.members.order_by("birth_date", "pk"):
        if m.role != MemberRole.CHILD and age_on(m.birth_date, on) >= 18:
            continue
        line = _("%(name)s, ur. %(d)s (%(age)s lat)") % {
            "name": m,
            "d": _d(m.birth_date),
            "age": age_on(m.birth_date, on),
        }
        if m.school:
            line += _(", %(school)s") % {"school": m.school}
        if not m.lives_in_household:
            line += _(", nie mieszka z rodziną")
        section.add(line + ".", m, family_url(family.pk, "czlonkowie"))
    for p in family.placements.select_related("child").order_by("since", "pk"):
        line = _("%(child)s — %(kind)s (%(carer)s) od %(since)s") % {
            "child": p.child,
            "kind": p.get_kind_display(),
            "carer": p.carer,
            "since": _d(p.since),
        }
        if p.until:
            line += _(" do %(d)s") % {"d": _d(p.until)}
        section.add(line + ".", p, family_url(family.pk, "poza-rodzina"))
    return section
