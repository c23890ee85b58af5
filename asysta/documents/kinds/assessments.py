"""Documents of the assessments: the initial diagnosis and the periodic assessment of the
family's situation (art. 15 ust. 1 pkt 15 UWR); the minutes of a team meeting are in `meetings`."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.assessments.models import Area, InitialDiagnosis, PeriodicAssessment
from asysta.assessments.models.areas import anchor
from asysta.assessments.queries import ordered_scores, previous_assessment
from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    FAMILY_ROWS,
    Row,
    dmy,
    family_data,
    label,
    member_rows,
    members_data,
    members_table,
    name_of,
    spec,
)
from asysta.documents.kinds.base import DocumentKind

_AREA_ORDER = {code: n for n, code in enumerate(Area.values)}

# --- ocena wstępna -----------------------------------------------------------------------------

# The diagnosis describes the household by name, relationship, birth date, school and work;
# what it says about health is the assistant's own text in the health area, not the members'
# special-category fields.
DIAGNOSIS_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    *member_rows("members[]"),
    ("diagnosis.made_on", _("data sporządzenia"), "20.02.2025"),
    ("diagnosis.made_by", _("sporządził(a)"), "Anna Borowiec"),
    ("diagnosis.sources", _("źródła informacji"), "wywiad środowiskowy, informacja ze szkoły"),
    ("diagnosis.child_risk", _("zagrożenie bezpieczeństwa dzieci"), "brak zagrożenia"),
    ("diagnosis.child_risk_description", _("opis zagrożenia"), ""),
    ("diagnosis.family_view", _("jak rodzina widzi swoją sytuację"), "Rodzice chcą zmiany."),
    ("diagnosis.conclusions", _("wnioski"), "Potrzebne wsparcie w opiece nad dziećmi."),
    ("diagnosis.proposed_goals", _("proponowane cele pracy"), "Stały plan dnia dzieci."),
    ("diagnosis.areas[].area", _("obszar"), "opieka i wychowanie dzieci"),
    ("diagnosis.areas[].strengths", _("obszar: mocne strony, zasoby"), "Więź z dziećmi."),
    ("diagnosis.areas[].problems", _("obszar: problemy, trudności"), "Brak rutyny dnia."),
)
DIAGNOSIS_FIELDS, diagnosis_sample = spec(DIAGNOSIS_ROWS)


def build_diagnosis(diagnosis: InitialDiagnosis) -> dict[str, Any]:
    areas = sorted(diagnosis.areas.all(), key=lambda a: _AREA_ORDER.get(a.area, 99))
    return {
        "family": family_data(diagnosis.family),
        "members": members_data(diagnosis.family),
        "diagnosis": {
            "made_on": dmy(diagnosis.made_on),
            "made_by": name_of(diagnosis.made_by),
            "sources": diagnosis.sources,
            "child_risk": label(diagnosis, "child_risk"),
            "child_risk_description": diagnosis.child_risk_description,
            "family_view": diagnosis.family_view,
            "conclusions": diagnosis.conclusions,
            "proposed_goals": diagnosis.proposed_goals,
            "areas": [
                {"area": label(a, "area"), "strengths": a.strengths, "problems": a.problems}
                for a in areas
            ],
        },
    }


@cache
def diagnosis_docx() -> bytes:
    t = TemplateDocument("Ocena wstępna (diagnoza) rodziny")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Data sporządzenia", v("diagnosis.made_on")),
            ("Sporządził(a)", v("diagnosis.made_by")),
            ("Źródła informacji", v("diagnosis.sources")),
        ]
    )
    members_table(t)
    t.heading("Obszary funkcjonowania rodziny")
    t.table(
        ["Obszar", "Mocne strony, zasoby", "Problemy, trudności"],
        "a in diagnosis.areas",
        [v("a.area"), v("a.strengths"), v("a.problems")],
        widths=[4.5, 6.25, 6.25],
    )
    t.field("Zagrożenie bezpieczeństwa dzieci", v("diagnosis.child_risk"))
    with t.when("diagnosis.child_risk_description"):
        t.paragraph(v("diagnosis.child_risk_description"))
    t.section(
        "Jak rodzina widzi swoją sytuację, oczekiwania i motywacja", v("diagnosis.family_view"), 1
    )
    t.section("Wnioski", v("diagnosis.conclusions"), 1)
    t.section("Proponowane cele pracy z rodziną", v("diagnosis.proposed_goals"), 1)
    t.signatures(["asystent rodziny", "członkowie rodziny"])
    return t.to_bytes()


INITIAL_DIAGNOSIS = DocumentKind(
    code="initial_diagnosis",
    label=_("Ocena wstępna (diagnoza) rodziny"),
    source=InitialDiagnosis,
    build=build_diagnosis,
    fields=DIAGNOSIS_FIELDS,
    sample=diagnosis_sample,
    default_docx=diagnosis_docx,
    html_template="documents/pdf/initial_diagnosis.html",
)

# --- okresowa ocena sytuacji rodziny -----------------------------------------------------------

ASSESSMENT_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assessment.period_from", _("okres oceny od"), "01.01.2025"),
    ("assessment.period_to", _("okres oceny do"), "30.06.2025"),
    ("assessment.made_on", _("data sporządzenia"), "30.06.2025"),
    ("assessment.made_by", _("asystent rodziny"), "Anna Borowiec"),
    ("assessment.status", _("status oceny"), "przekazana kierownikowi"),
    ("assessment.previous_period", _("poprzednia ocena: okres"), "01.07.2024–31.12.2024"),
    ("assessment.changes", _("zmiany w sytuacji rodziny"), "Dzieci chodzą do szkoły."),
    ("assessment.cooperation", _("współpraca i motywacja rodziny"), "Rodzina współpracuje."),
    ("assessment.institutions", _("współpraca z instytucjami"), "Szkoła, PPP."),
    ("assessment.recommendation", _("rekomendacja"), "kontynuacja pracy według obecnego planu"),
    ("assessment.end_reason", _("powód zakończenia pracy (przy rekomendacji zakończenia)"), ""),
    ("assessment.conclusions", _("wnioski i uzasadnienie rekomendacji"), "Plan realizowany."),
    ("assessment.due_on", _("termin oceny"), "30.06.2025"),
    ("assessment.late", _("ocena po terminie (tak/nie)"), False),
    ("assessment.late_reason", _("przyczyna opóźnienia"), ""),
    ("assessment.submitted_on", _("przekazana kierownikowi dnia"), "30.06.2025"),
    ("assessment.acknowledged", _("kierownik zapoznał się (tak/nie)"), True),
    ("assessment.acknowledged_by", _("zapoznał(a) się"), "Dorota Wrzos"),
    ("assessment.acknowledged_on", _("data zapoznania się"), "02.07.2025"),
    ("assessment.acknowledgement_note", _("uwagi kierownika"), ""),
    ("assessment.scores[].area", _("ocena obszaru: obszar"), "opieka i wychowanie dzieci"),
    ("assessment.scores[].score", _("ocena obszaru (1–5)"), 4),
    ("assessment.scores[].previous", _("ocena w poprzedniej ocenie (1–5)"), "3"),
    ("assessment.scores[].change", _("zmiana od poprzedniej oceny"), "+1"),
    ("assessment.scores[].anchor", _("znaczenie oceny"), "Opieka i wychowanie prawidłowe."),
    ("assessment.scores[].comment", _("ocena obszaru: komentarz"), ""),
    ("assessment.goals[].description", _("cel planu"), "Dzieci mają stały rytm dnia."),
    ("assessment.goals[].area", _("cel planu: obszar"), "opieka i wychowanie dzieci"),
    ("assessment.goals[].achievement", _("cel planu: realizacja"), "częściowo"),
    ("assessment.goals[].comment", _("cel planu: uzasadnienie"), ""),
    ("assessment.actions[].goal", _("działanie: cel"), "Dzieci mają stały rytm dnia."),
    ("assessment.actions[].what", _("działanie planu"), "Ustalenie planu dnia."),
    ("assessment.actions[].achievement", _("działanie: realizacja"), "osiągnięty / zrealizowane"),
    ("assessment.actions[].comment", _("działanie: uzasadnienie"), ""),
    ("assessment.dispatches[].recipient", _("przekazanie: adresat"), "PCPR w Oleśnicy"),
    ("assessment.dispatches[].sent_on", _("przekazanie: data"), "03.07.2025"),
    ("assessment.dispatches[].way", _("przekazanie: sposób"), "ePUAP / e-Doręczenia"),
)
ASSESSMENT_FIELDS, assessment_sample = spec(ASSESSMENT_ROWS)


def _change(score: int, previous: int | None) -> str:
    if previous is None:
        return ""
    return f"{score - previous:+d}" if score != previous else "0"


def _scores(assessment: PeriodicAssessment, previous: PeriodicAssessment | None) -> list[Any]:
    before = {s.area: s.score for s in previous.scores.all()} if previous else {}
    return [
        {
            "area": label(s, "area"),
            "score": s.score,
            "previous": str(before.get(s.area, "")),
            "change": _change(s.score, before.get(s.area)),
            "anchor": anchor(s.area, s.score),
            "comment": s.comment,
        }
        for s in ordered_scores(assessment)
    ]


def _achievements(assessment: PeriodicAssessment) -> dict[str, list[Any]]:
    goals = assessment.goal_achievements.select_related("goal").order_by("goal__order", "pk")
    actions = assessment.action_achievements.select_related("action__goal").order_by(
        "action__goal__order", "action__order", "pk"
    )
    return {
        "goals": [
            {
                "description": r.goal.description,
                "area": label(r.goal, "area"),
                "achievement": label(r, "achievement"),
                "comment": r.comment,
            }
            for r in goals
        ],
        "actions": [
            {
                "goal": r.action.goal.description,
                "what": r.action.what,
                "achievement": label(r, "achievement"),
                "comment": r.comment,
            }
            for r in actions
        ],
    }


def build_assessment(assessment: PeriodicAssessment) -> dict[str, Any]:
    previous = previous_assessment(
        assessment.family, before=assessment.period_from, exclude=assessment.pk
    )
    return {
        "family": family_data(assessment.family),
        "assessment": {
            "period_from": dmy(assessment.period_from),
            "period_to": dmy(assessment.period_to),
            "made_on": dmy(assessment.made_on),
            "made_by": name_of(assessment.made_by),
            "status": label(assessment, "status"),
            "previous_period": (
                f"{dmy(previous.period_from)}–{dmy(previous.period_to)}" if previous else ""
            ),
            "changes": assessment.changes,
            "cooperation": assessment.cooperation,
            "institutions": assessment.institutions,
            "recommendation": label(assessment, "recommendation"),
            "end_reason": label(assessment, "end_reason"),
            "conclusions": assessment.conclusions,
            "due_on": dmy(assessment.due_on),
            "late": assessment.is_late,
            "late_reason": assessment.late_reason,
            "submitted_on": dmy(assessment.submitted_on),
            "acknowledged": assessment.acknowledged_on is not None,
            "acknowledged_by": name_of(assessment.acknowledged_by),
            "acknowledged_on": dmy(assessment.acknowledged_on),
            "acknowledgement_note": assessment.acknowledgement_note,
            "scores": _scores(assessment, previous),
            **_achievements(assessment),
            "dispatches": [
                {"recipient": d.recipient, "sent_on": dmy(d.sent_on), "way": label(d, "way")}
                for d in assessment.dispatches.order_by("pk")
            ],
        },
    }


def _scores_and_achievements(t: TemplateDocument) -> None:
    t.heading("Ocena sytuacji w obszarach (skala 1–5)")
    t.paragraph("Poprzednia ocena: " + v("assessment.previous_period"), italic=True)
    t.table(
        ["Obszar", "Ocena", "Poprzednio", "Zmiana", "Znaczenie oceny, komentarz"],
        "s in assessment.scores",
        [
            v("s.area"),
            v("s.score"),
            v("s.previous"),
            v("s.change"),
            v("s.anchor") + "{% if s.comment %} " + v("s.comment") + "{% endif %}",
        ],
        widths=[4, 1.5, 2, 1.5, 8],
    )
    t.heading("Realizacja celów i działań planu pracy")
    t.table(
        ["Cel", "Obszar", "Realizacja", "Uzasadnienie"],
        "g in assessment.goals",
        [v("g.description"), v("g.area"), v("g.achievement"), v("g.comment")],
    )
    t.table(
        ["Działanie", "Cel", "Realizacja", "Uzasadnienie"],
        "a in assessment.actions",
        [v("a.what"), v("a.goal"), v("a.achievement"), v("a.comment")],
    )


@cache
def assessment_docx() -> bytes:
    t = TemplateDocument("Okresowa ocena sytuacji rodziny")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Okres oceny", f"{v('assessment.period_from')}–{v('assessment.period_to')}"),
            ("Data sporządzenia", v("assessment.made_on")),
            ("Asystent rodziny", v("assessment.made_by")),
            ("Termin oceny", v("assessment.due_on")),
        ]
    )
    with t.when("assessment.late"):
        t.field("Przyczyna opóźnienia", v("assessment.late_reason"))
    _scores_and_achievements(t)
    t.section("Zmiany w sytuacji rodziny", v("assessment.changes"), 1)
    t.section("Współpraca i motywacja rodziny", v("assessment.cooperation"), 1)
    t.section("Współpraca z instytucjami", v("assessment.institutions"), 1)
    t.heading("Wnioski i rekomendacja")
    t.field("Rekomendacja", v("assessment.recommendation"))
    with t.when("assessment.end_reason"):
        t.field("Powód zakończenia pracy", v("assessment.end_reason"))
    t.paragraph(v("assessment.conclusions"))
    t.signatures(["asystent rodziny: " + v("assessment.made_by")])
    t.heading("Przyjęcie oceny")
    t.field("Przekazana kierownikowi dnia", v("assessment.submitted_on"))
    t.field("Kierownik zapoznał się", yes_no("assessment.acknowledged"))
    with t.when("assessment.acknowledged"):
        t.field(
            "Zapoznał(a) się",
            f"{v('assessment.acknowledged_by')}, {v('assessment.acknowledged_on')}",
        )
        t.paragraph(v("assessment.acknowledgement_note"))
    with t.when("assessment.dispatches"):
        t.heading("Przekazanie oceny")
        t.table(
            ["Adresat", "Data", "Sposób"],
            "d in assessment.dispatches",
            [v("d.recipient"), v("d.sent_on"), v("d.way")],
        )
    return t.to_bytes()


PERIODIC_ASSESSMENT = DocumentKind(
    code="periodic_assessment",
    label=_("Okresowa ocena sytuacji rodziny"),
    source=PeriodicAssessment,
    build=build_assessment,
    fields=ASSESSMENT_FIELDS,
    sample=assessment_sample,
    default_docx=assessment_docx,
    html_template="documents/pdf/periodic_assessment.html",
)
