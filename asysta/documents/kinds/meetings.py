"""The minutes of a team meeting on the family (domain.md §5), also of the foster-care
organiser's child-assessment meeting the assistant took part in."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.assessments.models import TeamMeeting
from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import FAMILY_ROWS, Row, dmy, family_data, label, name_of, spec
from asysta.documents.kinds.base import DocumentKind

# --- protokół z posiedzenia zespołu ------------------------------------------------------------

MEETING_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("meeting.kind", _("rodzaj spotkania"), "zespół ds. oceny sytuacji rodziny"),
    ("meeting.is_child_assessment", _("posiedzenie organizatora pieczy (tak/nie)"), False),
    ("meeting.held_on", _("data spotkania"), "15.07.2025"),
    ("meeting.recorded_by", _("zapisał(a)"), "Anna Borowiec"),
    ("meeting.participants", _("uczestnicy z ośrodka"), "Anna Borowiec, Edward Sowa"),
    ("meeting.family_attended", _("rodzina uczestniczyła (tak/nie)"), True),
    ("meeting.members_present", _("obecni członkowie rodziny"), "Ewa Kowalska"),
    ("meeting.external[].name", _("uczestnik spoza ośrodka"), "Joanna Malec"),
    ("meeting.external[].institution", _("instytucja, funkcja"), "pedagog szkolny, SP nr 1"),
    ("meeting.assessment", _("omawiana ocena okresowa"), "01.01.2025–30.06.2025"),
    ("meeting.findings", _("ustalenia (protokół)"), "Plan dnia dzieci realizowany."),
    ("meeting.decision", _("decyzja"), "kontynuacja pracy z rodziną"),
    ("meeting.end_reason", _("powód zakończenia pracy"), ""),
    ("meeting.decision_note", _("uzasadnienie decyzji"), ""),
    ("meeting.tasks[].what", _("zadanie"), "Spotkanie z wychowawczynią syna"),
    ("meeting.tasks[].owner", _("zadanie: odpowiada"), "Anna Borowiec"),
    ("meeting.tasks[].due_on", _("zadanie: termin"), "20.08.2025"),
    ("meeting.tasks[].done_on", _("zadanie: wykonano dnia"), ""),
    ("meeting.child_assessment.child", _("dziecko w pieczy zastępczej"), ""),
    ("meeting.child_assessment.placement", _("forma pieczy"), ""),
    ("meeting.child_assessment.carer", _("rodzina zastępcza / placówka"), ""),
    ("meeting.child_assessment.pcpr", _("PCPR / organizator pieczy"), ""),
    ("meeting.child_assessment.convened_by", _("zwołał"), ""),
    ("meeting.child_assessment.invited_on", _("zaproszenie otrzymano dnia"), ""),
    ("meeting.child_assessment.assistant_attended", _("asystent uczestniczył (tak/nie)"), False),
    ("meeting.child_assessment.return_home_opinion", _("opinia o powrocie dziecka"), ""),
)
MEETING_FIELDS, meeting_sample = spec(MEETING_ROWS)


def _child_assessment(meeting: TeamMeeting) -> dict[str, Any]:
    placement = meeting.placement
    return {
        "child": str(placement.child) if placement else "",
        "placement": label(placement, "kind") if placement else "",
        "carer": placement.carer if placement else "",
        "pcpr": placement.pcpr if placement else "",
        "convened_by": meeting.convened_by,
        "invited_on": dmy(meeting.invited_on),
        "assistant_attended": meeting.assistant_attended,
        "return_home_opinion": label(meeting, "return_home_opinion"),
    }


def build_meeting(meeting: TeamMeeting) -> dict[str, Any]:
    assessment = meeting.assessment
    tasks = meeting.tasks.select_related("owner_user").order_by("due_on", "pk")
    return {
        "family": family_data(meeting.family),
        "meeting": {
            "kind": label(meeting, "kind"),
            "is_child_assessment": meeting.is_child_assessment,
            "held_on": dmy(meeting.held_on),
            "recorded_by": name_of(meeting.recorded_by),
            "participants": ", ".join(name_of(u) for u in meeting.participants.all()),
            "family_attended": meeting.family_attended,
            "members_present": ", ".join(str(m) for m in meeting.members_present.all()),
            "external": [
                {"name": p.name, "institution": p.institution}
                for p in meeting.external_participants.order_by("pk")
            ],
            "assessment": (
                f"{dmy(assessment.period_from)}–{dmy(assessment.period_to)}" if assessment else ""
            ),
            "findings": meeting.findings,
            "decision": label(meeting, "decision"),
            "end_reason": label(meeting, "end_reason"),
            "decision_note": meeting.decision_note,
            "tasks": [
                {
                    "what": task.what,
                    "owner": task.owner,
                    "due_on": dmy(task.due_on),
                    "done_on": dmy(task.done_on),
                }
                for task in tasks
            ],
            "child_assessment": _child_assessment(meeting),
        },
    }


def _participants_and_child(t: TemplateDocument) -> None:
    with t.when("meeting.external"):
        t.heading("Uczestnicy spoza ośrodka")
        t.table(
            ["Imię i nazwisko", "Instytucja, funkcja"],
            "p in meeting.external",
            [v("p.name"), v("p.institution")],
            widths=[6, 11],
        )
    with t.when("meeting.is_child_assessment"):
        t.heading("Okresowa ocena sytuacji dziecka w pieczy zastępczej")
        t.fields(
            [
                ("Dziecko", v("meeting.child_assessment.child")),
                (
                    "Forma pieczy",
                    f"{v('meeting.child_assessment.placement')}, "
                    f"{v('meeting.child_assessment.carer')}",
                ),
                ("Zwołał", v("meeting.child_assessment.convened_by")),
                ("Zaproszenie otrzymano", v("meeting.child_assessment.invited_on")),
                ("Asystent uczestniczył", yes_no("meeting.child_assessment.assistant_attended")),
                ("Opinia o powrocie dziecka", v("meeting.child_assessment.return_home_opinion")),
            ]
        )


@cache
def meeting_docx() -> bytes:
    t = TemplateDocument("Protokół z posiedzenia zespołu")
    t.fields(
        [
            ("Rodzaj spotkania", v("meeting.kind")),
            ("Data", v("meeting.held_on")),
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Uczestnicy z ośrodka", v("meeting.participants")),
            (
                "Rodzina uczestniczyła",
                yes_no("meeting.family_attended") + " " + v("meeting.members_present"),
            ),
            ("Omawiana ocena okresowa", v("meeting.assessment")),
        ]
    )
    _participants_and_child(t)
    t.section("Ustalenia", v("meeting.findings"), 1)
    with t.when("meeting.decision"):
        t.field("Decyzja", v("meeting.decision"))
    with t.when("meeting.end_reason"):
        t.field("Powód zakończenia pracy", v("meeting.end_reason"))
    with t.when("meeting.decision_note"):
        t.paragraph(v("meeting.decision_note"))
    with t.when("meeting.tasks"):
        t.heading("Zadania")
        t.table(
            ["Zadanie", "Odpowiada", "Termin", "Wykonano"],
            "z in meeting.tasks",
            [v("z.what"), v("z.owner"), v("z.due_on"), v("z.done_on")],
            widths=[8, 4, 2.5, 2.5],
        )
    t.field("Protokół sporządził(a)", v("meeting.recorded_by"))
    t.signatures(["protokolant", "uczestnicy"])
    return t.to_bytes()


TEAM_MEETING = DocumentKind(
    code="team_meeting",
    label=_("Protokół z posiedzenia zespołu"),
    source=TeamMeeting,
    build=build_meeting,
    fields=MEETING_FIELDS,
    sample=meeting_sample,
    default_docx=meeting_docx,
    html_template="documents/pdf/team_meeting.html",
)
