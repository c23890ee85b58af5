"""Documents of the end of the work with a family (domain.md §4.8, §6): the closing report,
the monitoring card and the letter to the centre of the family's new municipality."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.closure.models import Closure
from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    FAMILY_ROWS,
    Row,
    dmy,
    family_data,
    label,
    name_of,
    spec,
)
from asysta.documents.kinds.base import DocumentKind
from asysta.plans.models import ActionStatus, PlanStatus


def _assistant(closure: Closure) -> str:
    return name_of(closure.assignment.assistant) if closure.assignment else ""


def _work_from(closure: Closure) -> str:
    return dmy(closure.assignment.started_on) if closure.assignment else ""


# --- ocena końcowa -----------------------------------------------------------------------------

CLOSING_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("closure.assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("closure.work_from", _("praca z rodziną od"), "15.01.2024"),
    ("closure.closed_on", _("data zakończenia pracy"), "30.06.2025"),
    ("closure.reason", _("powód zakończenia"), "osiągnięcie celów planu"),
    ("closure.reason_other", _("inny powód — jaki"), ""),
    ("closure.closed_by", _("zamknął(-ęła)"), "Anna Borowiec"),
    ("closure.goals_achieved", _("osiągnięcie celów planu pracy"), "Cele planu osiągnięte."),
    (
        "closure.final_situation[].area",
        _("sytuacja na zakończenie: obszar"),
        "opieka i wychowanie dzieci",
    ),
    ("closure.final_situation[].text", _("sytuacja na zakończenie: opis"), "Rodzice radzą sobie."),
    ("closure.recommendations", _("zalecenia"), "Kontakt z pedagogiem szkolnym."),
    ("closure.monitoring", _("monitoring po zakończeniu (tak/nie)"), True),
    ("closure.monitoring_until", _("monitoring do"), "31.12.2025"),
    ("closure.monitoring_frequency", _("jak często"), "raz w miesiącu"),
    ("closure.no_monitoring_reason", _("dlaczego bez monitoringu"), ""),
    ("closure.court_position", _("stanowisko sądu"), ""),
    ("closure.court_position_on", _("data stanowiska sądu"), ""),
    ("closure.new_centre", _("ośrodek w nowym miejscu zamieszkania"), ""),
    ("closure.new_centre_letter_on", _("data pisma do ośrodka"), ""),
    ("plan.present", _("jest plan pracy (tak/nie)"), True),
    ("plan.version", _("wersja planu pracy"), "2"),
    ("plan.starts_on", _("plan obowiązywał od"), "15.03.2025"),
    ("plan.goals[].area", _("cel planu: obszar"), "opieka i wychowanie dzieci"),
    ("plan.goals[].description", _("cel planu"), "Dzieci mają stały rytm dnia."),
    ("plan.goals[].actions_done", _("cel planu: działania zrealizowane"), 2),
    ("plan.goals[].actions_total", _("cel planu: wszystkie działania"), 3),
)
CLOSING_FIELDS, closing_sample = spec(CLOSING_ROWS)


def _plan(closure: Closure) -> dict[str, Any]:
    """The last plan that was in force (closed with the work, or still in force)."""
    plan = (
        closure.family.workplans.filter(
            status__in=[PlanStatus.CLOSED, PlanStatus.IN_FORCE, PlanStatus.SUPERSEDED]
        )
        .order_by("-version")
        .prefetch_related("goals__actions")
        .first()
    )
    if plan is None:
        return {"present": False, "version": "", "starts_on": "", "goals": []}
    goals = []
    for goal in sorted(plan.goals.all(), key=lambda g: (g.order, g.pk)):
        actions = list(goal.actions.all())
        goals.append(
            {
                "area": label(goal, "area"),
                "description": goal.description,
                "actions_done": sum(a.status == ActionStatus.DONE for a in actions),
                "actions_total": len(actions),
            }
        )
    return {
        "present": True,
        "version": str(plan.version),
        "starts_on": dmy(plan.starts_on),
        "goals": goals,
    }


def build_closing(closure: Closure) -> dict[str, Any]:
    return {
        "family": family_data(closure.family),
        "closure": {
            "assistant": _assistant(closure),
            "work_from": _work_from(closure),
            "closed_on": dmy(closure.closed_on),
            "reason": label(closure, "reason"),
            "reason_other": closure.reason_other,
            "closed_by": name_of(closure.closed_by),
            "goals_achieved": closure.goals_achieved,
            "final_situation": [
                {"area": area, "text": text} for area, text in closure.final_situation_rows()
            ],
            "recommendations": closure.recommendations,
            "monitoring": closure.monitoring_until is not None,
            "monitoring_until": dmy(closure.monitoring_until),
            "monitoring_frequency": closure.monitoring_frequency,
            "no_monitoring_reason": closure.no_monitoring_reason,
            "court_position": closure.court_position,
            "court_position_on": dmy(closure.court_position_on),
            "new_centre": closure.new_centre,
            "new_centre_letter_on": dmy(closure.new_centre_letter_on),
        },
        "plan": _plan(closure),
    }


@cache
def closing_docx() -> bytes:
    t = TemplateDocument("Ocena końcowa — zakończenie pracy z rodziną")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Asystent rodziny", v("closure.assistant")),
            ("Okres pracy z rodziną", f"{v('closure.work_from')}–{v('closure.closed_on')}"),
            ("Powód zakończenia", f"{v('closure.reason')} {v('closure.reason_other')}"),
        ]
    )
    with t.when("plan.present"):
        t.heading("Plan pracy z rodziną")
        t.paragraph(f"Wersja {v('plan.version')}, obowiązywał od {v('plan.starts_on')}.")
        t.table(
            ["Obszar", "Cel", "Działania zrealizowane"],
            "g in plan.goals",
            [v("g.area"), v("g.description"), f"{v('g.actions_done')} z {v('g.actions_total')}"],
            widths=[4.5, 9, 3.5],
        )
    t.section("Osiągnięcie celów planu pracy", v("closure.goals_achieved"), 1)
    t.heading("Sytuacja rodziny na zakończenie")
    t.table(
        ["Obszar", "Sytuacja"],
        "s in closure.final_situation",
        [v("s.area"), v("s.text")],
        widths=[5, 12],
    )
    t.section("Zalecenia", v("closure.recommendations"), 1)
    t.heading("Monitoring")
    t.field("Monitoring po zakończeniu pracy", yes_no("closure.monitoring"))
    with t.when("closure.monitoring"):
        t.field(
            "Do dnia, jak często",
            f"{v('closure.monitoring_until')}, {v('closure.monitoring_frequency')}",
        )
    with t.when("not closure.monitoring"):
        t.field("Dlaczego bez monitoringu", v("closure.no_monitoring_reason"))
    with t.when("closure.court_position"):
        t.field(
            "Stanowisko sądu", f"{v('closure.court_position')} ({v('closure.court_position_on')})"
        )
    with t.when("closure.new_centre"):
        t.field(
            "Pismo do ośrodka w nowym miejscu zamieszkania",
            f"{v('closure.new_centre')}, {v('closure.new_centre_letter_on')}",
        )
    t.signatures(["asystent rodziny", "kierownik ośrodka"])
    return t.to_bytes()


CLOSING_REPORT = DocumentKind(
    code="closing_report",
    label=_("Ocena końcowa (zakończenie pracy z rodziną)"),
    source=Closure,
    build=build_closing,
    fields=CLOSING_FIELDS,
    sample=closing_sample,
    default_docx=closing_docx,
    html_template="documents/pdf/closing_report.html",
)

# --- karta monitoringu -------------------------------------------------------------------------

MONITORING_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("monitoring.assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("monitoring.closed_on", _("data zakończenia pracy"), "30.06.2025"),
    ("monitoring.reason", _("powód zakończenia"), "osiągnięcie celów planu"),
    ("monitoring.until", _("monitoring do"), "31.12.2025"),
    ("monitoring.frequency", _("jak często"), "raz w miesiącu"),
    ("monitoring.no_monitoring_reason", _("dlaczego bez monitoringu"), ""),
    ("monitoring.in_progress", _("monitoring trwa (tak/nie)"), True),
    ("monitoring.ended_on", _("koniec monitoringu"), ""),
    ("monitoring.summary", _("podsumowanie monitoringu"), ""),
    ("monitoring.reopened", _("praca wznowiona (tak/nie)"), False),
    ("monitoring.reopened_on", _("data wznowienia"), ""),
    ("contacts[].date", _("kontakt: data"), "30.07.2025"),
    ("contacts[].form", _("kontakt: forma"), "wizyta w domu rodziny"),
    ("contacts[].note", _("kontakt: krótka ocena funkcjonowania rodziny"), "Rodzina radzi sobie."),
    ("contacts[].concern", _("kontakt: niepokojące sygnały (tak/nie)"), False),
    ("contacts[].by", _("kontakt: kto"), "Anna Borowiec"),
)
MONITORING_FIELDS, monitoring_sample = spec(MONITORING_ROWS)


def build_monitoring(closure: Closure) -> dict[str, Any]:
    contacts = closure.monitoring_contacts.select_related("by").order_by("contacted_on", "pk")
    return {
        "family": family_data(closure.family),
        "monitoring": {
            "assistant": _assistant(closure),
            "closed_on": dmy(closure.closed_on),
            "reason": label(closure, "reason"),
            "until": dmy(closure.monitoring_until),
            "frequency": closure.monitoring_frequency,
            "no_monitoring_reason": closure.no_monitoring_reason,
            "in_progress": closure.in_monitoring,
            "ended_on": dmy(closure.monitoring_ended_on),
            "summary": closure.monitoring_summary,
            "reopened": closure.reopened,
            "reopened_on": dmy(closure.reopened_on),
        },
        "contacts": [
            {
                "date": dmy(c.contacted_on),
                "form": label(c, "form"),
                "note": c.note,
                "concern": c.concern,
                "by": name_of(c.by),
            }
            for c in contacts
        ],
    }


@cache
def monitoring_docx() -> bytes:
    t = TemplateDocument("Karta monitoringu")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Asystent rodziny", v("monitoring.assistant")),
            ("Zakończenie pracy", f"{v('monitoring.closed_on')} — {v('monitoring.reason')}"),
            ("Monitoring do", v("monitoring.until")),
            ("Jak często", v("monitoring.frequency")),
            ("Monitoring trwa", yes_no("monitoring.in_progress")),
        ]
    )
    with t.when("monitoring.no_monitoring_reason"):
        t.field("Dlaczego bez monitoringu", v("monitoring.no_monitoring_reason"))
    t.heading("Kontakty w okresie monitoringu")
    t.table(
        ["Data", "Forma", "Ocena funkcjonowania rodziny", "Niepokojące sygnały", "Kto"],
        "c in contacts",
        [v("c.date"), v("c.form"), v("c.note"), yes_no("c.concern"), v("c.by")],
        widths=[2.5, 3.5, 6.5, 2, 2.5],
    )
    with t.when("monitoring.ended_on"):
        t.field("Koniec monitoringu", v("monitoring.ended_on"))
        t.section("Podsumowanie monitoringu", v("monitoring.summary"), 1)
    with t.when("monitoring.reopened"):
        t.field("Praca z rodziną wznowiona dnia", v("monitoring.reopened_on"))
    t.signatures(["asystent rodziny"])
    return t.to_bytes()


MONITORING_CARD = DocumentKind(
    code="monitoring_card",
    label=_("Karta monitoringu"),
    source=Closure,
    build=build_monitoring,
    fields=MONITORING_FIELDS,
    sample=monitoring_sample,
    default_docx=monitoring_docx,
    html_template="documents/pdf/monitoring_card.html",
)

# --- pismo do ośrodka w nowym miejscu zamieszkania ---------------------------------------------

# Handed over only on the legal basis recorded with the closure (domain.md §6.2): the members by
# name, relationship and birth date so the new centre can find the family, the period of work
# and the recommendations; no PESEL, no special-category data, nothing of the case file itself.
LETTER_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("members[].name", _("członek rodziny: imię i nazwisko"), "Ewa Kowalska"),
    ("members[].relationship", _("członek rodziny: pokrewieństwo"), "matka"),
    ("members[].birth_date", _("członek rodziny: data urodzenia"), "14.05.1991"),
    ("letter.new_centre", _("ośrodek w nowym miejscu zamieszkania"), "MOPS w Oleśnicy"),
    ("letter.letter_on", _("data pisma"), "05.07.2025"),
    ("letter.disclosure_basis", _("podstawa przekazania danych"), "art. 15 ust. 1 UWR"),
    ("letter.moved_away", _("zakończenie z powodu przeprowadzki (tak/nie)"), True),
    ("letter.assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("letter.work_from", _("praca z rodziną od"), "15.01.2024"),
    ("letter.closed_on", _("praca z rodziną do"), "30.06.2025"),
    ("letter.reason", _("powód zakończenia"), "zmiana miejsca zamieszkania"),
    ("letter.recommendations", _("zalecenia"), "Dalsze wsparcie asystenta rodziny."),
)
LETTER_FIELDS, letter_sample = spec(LETTER_ROWS)


def build_letter(closure: Closure) -> dict[str, Any]:
    return {
        "family": family_data(closure.family),
        "members": [
            {
                "name": str(m),
                "relationship": label(m, "relationship"),
                "birth_date": dmy(m.birth_date),
            }
            for m in closure.family.members.all()
        ],
        "letter": {
            "new_centre": closure.new_centre,
            "letter_on": dmy(closure.new_centre_letter_on),
            "disclosure_basis": closure.disclosure_basis,
            "moved_away": closure.reason == "moved_away",
            "assistant": _assistant(closure),
            "work_from": _work_from(closure),
            "closed_on": dmy(closure.closed_on),
            "reason": label(closure, "reason"),
            "recommendations": closure.recommendations,
        },
    }


@cache
def letter_docx() -> bytes:
    t = TemplateDocument("Pismo do ośrodka w nowym miejscu zamieszkania rodziny")
    t.paragraph(v("letter.new_centre"), bold=True)
    t.paragraph(
        "Uprzejmie informuję, że rodzina "
        + v("family.surname")
        + ", dotychczas zamieszkała: "
        + v("family.address")
        + ", była objęta wsparciem asystenta rodziny ("
        + v("letter.assistant")
        + ") od "
        + v("letter.work_from")
        + " do "
        + v("letter.closed_on")
        + ". Praca z rodziną została zakończona ("
        + v("letter.reason")
        + ")."
    )
    t.paragraph("Skład rodziny:")
    t.table(
        ["Imię i nazwisko", "Pokrewieństwo", "Data urodzenia"],
        "m in members",
        [v("m.name"), v("m.relationship"), v("m.birth_date")],
        widths=[7, 5, 5],
    )
    with t.when("letter.recommendations"):
        t.section("Zalecenia dotyczące dalszego wsparcia", v("letter.recommendations"), 1)
    t.field("Podstawa przekazania informacji", v("letter.disclosure_basis"))
    t.signatures(["kierownik ośrodka"])
    return t.to_bytes()


NEW_CENTRE_LETTER = DocumentKind(
    code="new_centre_letter",
    label=_("Pismo do ośrodka w nowym miejscu zamieszkania"),
    source=Closure,
    build=build_letter,
    fields=LETTER_FIELDS,
    sample=letter_sample,
    default_docx=letter_docx,
    html_template="documents/pdf/new_centre_letter.html",
    applies=lambda closure: closure.reason == "moved_away",
    not_applicable=_("Pismo do innego ośrodka dotyczy zakończenia pracy z powodu przeprowadzki."),
)
