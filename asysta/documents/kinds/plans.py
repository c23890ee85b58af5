"""The work plan with the family (art. 15 ust. 1 pkt 1–2 and ust. 3 UWR): goals by area and
actions with who does them, the deadline, the expected effect, the indicator and the status."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    FAMILY_ROWS,
    Row,
    assistant_of,
    dmy,
    family_data,
    label,
    name_of,
    spec,
)
from asysta.documents.kinds.base import DocumentKind
from asysta.plans.models import Action, Goal, WorkPlan

# The plan names the family members who drew it up and who do an action; nothing more about
# them (no birth dates, PESEL or special-category data).
WORK_PLAN_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("plan.version", _("wersja planu"), 2),
    ("plan.status", _("status planu"), "obowiązuje"),
    ("plan.drawn_up_on", _("data sporządzenia"), "10.03.2025"),
    ("plan.drawn_up_by", _("sporządził(a)"), "Anna Borowiec"),
    ("plan.starts_on", _("obowiązuje od"), "15.03.2025"),
    ("plan.ended_on", _("obowiązywał do"), ""),
    ("plan.review_due_on", _("termin przeglądu planu"), "15.03.2026"),
    ("plan.agreed_on", _("uzgodniony z rodziną dnia"), "14.03.2025"),
    ("plan.participants", _("członkowie rodziny współtworzący plan"), "Ewa Kowalska (matka)"),
    ("plan.consulted_on", _("konsultacja z pracownikiem socjalnym: data"), "12.03.2025"),
    ("plan.consultation_form", _("forma konsultacji"), "spotkanie"),
    ("plan.social_worker", _("pracownik socjalny (konsultacja)"), "Edward Sowa"),
    ("plan.approved", _("plan zatwierdzony (tak/nie)"), True),
    ("plan.approved_on", _("data zatwierdzenia"), "15.03.2025"),
    ("plan.approved_by", _("zatwierdził(a)"), "Celina Jaskólska"),
    ("plan.foster_coordinator", _("koordynator rodzinnej pieczy zastępczej"), ""),
    ("plan.care_plan.present", _("plan pomocy dziecku w pieczy (tak/nie)"), False),
    ("plan.care_plan.child", _("plan pomocy dziecku: dziecko"), ""),
    ("plan.care_plan.pcpr", _("plan pomocy dziecku: PCPR / organizator"), ""),
    ("plan.care_plan.date", _("plan pomocy dziecku: data"), ""),
    ("plan.diagnosis_summary", _("podsumowanie diagnozy"), "Zaległości czynszowe."),
    ("plan.resources", _("zasoby rodziny i wsparcie zewnętrzne"), "Wsparcie babci."),
    ("plan.risks", _("zagrożenia i działania na rzecz bezpieczeństwa"), ""),
    ("plan.notes", _("uwagi"), ""),
    ("plan.goals[].number", _("cel: numer"), 1),
    ("plan.goals[].area", _("cel: obszar"), "opieka i wychowanie dzieci"),
    ("plan.goals[].description", _("cel: treść"), "Dzieci mają stały rytm dnia."),
    ("plan.goals[].is_main", _("cel główny (tak/nie)"), True),
    ("plan.goals[].kind", _("cel: rodzaj"), "główny, długoterminowy"),
    ("plan.goals[].actions[].number", _("działanie: numer"), "1.1"),
    ("plan.goals[].actions[].what", _("działanie"), "Ustalenie stałego planu dnia dzieci."),
    ("plan.goals[].actions[].who", _("działanie: kto realizuje"), "Ewa Kowalska"),
    ("plan.goals[].actions[].deadline", _("działanie: termin"), "30.04.2025"),
    (
        "plan.goals[].actions[].expected_effect",
        _("działanie: przewidywany efekt"),
        "Stałe pory snu.",
    ),
    ("plan.goals[].actions[].indicator", _("działanie: wskaźnik osiągnięcia"), "plan dnia"),
    ("plan.goals[].actions[].status", _("działanie: stan realizacji"), "w trakcie"),
    ("plan.goals[].actions[].progress_note", _("działanie: uwagi o realizacji"), ""),
)
WORK_PLAN_FIELDS, work_plan_sample = spec(WORK_PLAN_ROWS)


def _action(goal_number: int, n: int, action: Action) -> dict[str, Any]:
    return {
        "number": f"{goal_number}.{n}",
        "what": action.what,
        "who": action.responsible_label,
        "deadline": dmy(action.deadline),
        "expected_effect": action.expected_effect,
        "indicator": action.indicator,
        "status": label(action, "status"),
        "progress_note": action.progress_note,
    }


def _goal(number: int, goal: Goal) -> dict[str, Any]:
    return {
        "number": number,
        "area": label(goal, "area"),
        "description": goal.description,
        "is_main": goal.is_main,
        "kind": "główny, długoterminowy" if goal.is_main else "szczegółowy, krótkoterminowy",
        "actions": [_action(number, n, a) for n, a in enumerate(goal.actions.all(), start=1)],
    }


def _participants(plan: WorkPlan) -> str:
    people = [
        f"{m} ({label(m, 'relationship')})" if m.relationship else str(m)
        for m in plan.participants.all()
    ]
    return ", ".join(people)


def build_work_plan(plan: WorkPlan) -> dict[str, Any]:
    actions = Action.objects.select_related("responsible_member").order_by("order", "pk")
    goals = plan.goals.order_by("order", "pk").prefetch_related(Prefetch("actions", actions))
    child = plan.care_plan_child
    return {
        "family": family_data(plan.family),
        "assistant": assistant_of(plan.family),
        "plan": {
            "version": plan.version,
            "status": label(plan, "status"),
            "drawn_up_on": dmy(plan.drawn_up_on),
            "drawn_up_by": name_of(plan.created_by),
            "starts_on": dmy(plan.starts_on),
            "ended_on": dmy(plan.ended_on),
            "review_due_on": dmy(plan.review_due_on),
            "agreed_on": dmy(plan.agreed_on),
            "participants": _participants(plan),
            "consulted_on": dmy(plan.consulted_on),
            "consultation_form": plan.consultation_form,
            "social_worker": name_of(plan.social_worker),
            "approved": plan.approved_on is not None,
            "approved_on": dmy(plan.approved_on),
            "approved_by": name_of(plan.approved_by),
            "foster_coordinator": plan.foster_coordinator,
            "care_plan": {
                "present": child is not None,
                "child": str(child) if child else "",
                "pcpr": plan.care_plan_pcpr,
                "date": dmy(plan.care_plan_date),
            },
            "diagnosis_summary": plan.diagnosis_summary,
            "resources": plan.resources,
            "risks": plan.risks,
            "notes": plan.notes,
            "goals": [_goal(n, g) for n, g in enumerate(goals, start=1)],
        },
    }


def _goals_and_actions(t: TemplateDocument) -> None:
    t.heading("Cele i działania")
    with t.each("g in plan.goals"):
        t.heading(f"Cel {v('g.number')} ({v('g.kind')}) — {v('g.area')}", 2)
        t.paragraph(v("g.description"))
        t.table(
            ["Nr", "Działanie", "Kto", "Termin", "Przewidywany efekt", "Wskaźnik", "Stan"],
            "a in g.actions",
            [
                v("a.number"),
                v("a.what"),
                v("a.who"),
                v("a.deadline"),
                v("a.expected_effect"),
                v("a.indicator"),
                v("a.status"),
            ],
            widths=[1, 4, 2.5, 2, 3.5, 2, 2],
        )


@cache
def work_plan_docx() -> bytes:
    t = TemplateDocument("Plan pracy z rodziną")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Wersja, status", f"{v('plan.version')} — {v('plan.status')}"),
            ("Data sporządzenia", f"{v('plan.drawn_up_on')} ({v('plan.drawn_up_by')})"),
            (
                "Okres obowiązywania",
                "{% if plan.starts_on %}od " + v("plan.starts_on") + "{% endif %}"
                "{% if plan.ended_on %} do " + v("plan.ended_on") + "{% endif %}",
            ),
            ("Termin przeglądu planu", v("plan.review_due_on")),
            ("Uzgodniony z rodziną dnia", v("plan.agreed_on")),
            ("Członkowie rodziny współtworzący plan", v("plan.participants")),
            (
                "Konsultacja z pracownikiem socjalnym",
                f"{v('plan.social_worker')}, {v('plan.consulted_on')}, "
                f"{v('plan.consultation_form')}",
            ),
        ]
    )
    with t.when("plan.care_plan.present or plan.foster_coordinator"):
        t.heading("Dziecko w pieczy zastępczej")
        t.fields(
            [
                ("Koordynator rodzinnej pieczy zastępczej", v("plan.foster_coordinator")),
                ("Plan pomocy dziecku — dziecko", v("plan.care_plan.child")),
                ("PCPR / organizator pieczy", v("plan.care_plan.pcpr")),
                ("Data planu pomocy dziecku", v("plan.care_plan.date")),
            ]
        )
    t.section("Podsumowanie diagnozy, obszary problemowe", v("plan.diagnosis_summary"), 1)
    _goals_and_actions(t)
    t.section("Zasoby rodziny i wsparcie zewnętrzne", v("plan.resources"), 1)
    t.section("Zagrożenia i działania na rzecz bezpieczeństwa", v("plan.risks"), 1)
    with t.when("plan.notes"):
        t.section("Uwagi", v("plan.notes"), 1)
    t.field("Plan zatwierdzony", yes_no("plan.approved"))
    with t.when("plan.approved"):
        t.field("Zatwierdził(a)", f"{v('plan.approved_by')}, {v('plan.approved_on')}")
    t.signatures(
        ["członkowie rodziny", "asystent rodziny: " + v("assistant"), "pracownik socjalny"]
    )
    return t.to_bytes()


WORK_PLAN = DocumentKind(
    code="work_plan",
    label=_("Plan pracy z rodziną"),
    source=WorkPlan,
    build=build_work_plan,
    fields=WORK_PLAN_FIELDS,
    sample=work_plan_sample,
    default_docx=work_plan_docx,
    html_template="documents/pdf/work_plan.html",
)
