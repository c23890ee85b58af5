"""Documents of the intake: the request for an assistant (art. 11 ust. 3 UWR) and the letter
assigning one."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.documents.docx_builder import TemplateDocument, v
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
from asysta.families.basis import current_basis
from asysta.families.models import MemberRole
from asysta.intake.models import Assignment, Referral

# --- wniosek o przydzielenie asystenta ---------------------------------------------------------

# An internal document (the social worker to the head): the household by name and birth date,
# no PESEL and no special-category data; the social worker's analysis is quoted as written.
REQUEST_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    *member_rows("members[]"),
    ("referral.source", _("skąd zgłoszenie"), "rozeznanie pracownika socjalnego"),
    ("referral.source_detail", _("szczegóły zgłoszenia"), "informacja ze szkoły"),
    ("referral.reported_on", _("data zgłoszenia"), "03.02.2025"),
    ("referral.status", _("etap wniosku"), "wniosek złożony do kierownika"),
    ("referral.social_worker", _("pracownik socjalny"), "Edward Sowa"),
    ("referral.interview_on", _("data wywiadu środowiskowego"), "05.02.2025"),
    ("referral.need_found", _("potrzeba asystenta stwierdzona (tak/nie)"), "tak"),
    ("referral.filed_on", _("data złożenia wniosku do kierownika"), "07.02.2025"),
    ("referral.basis", _("podstawa współpracy"), "zgoda rodziny z 04.02.2025"),
    ("referral.decided_on", _("data decyzji"), "10.02.2025"),
    ("referral.decided_by", _("decyzję podjął(-ęła)"), "Dorota Wrzos"),
    ("referral.decision_note", _("uzasadnienie decyzji"), ""),
    ("referral.queue_priority", _("pierwszeństwo w kolejce"), ""),
    ("referral.queued_on", _("w kolejce od"), ""),
    ("referral.passed_to", _("przekazano do"), ""),
    ("analysis[].label", _("część analizy sytuacji rodziny"), "Potrzeby rodziny"),
    ("analysis[].text", _("treść części analizy"), "Wsparcie w opiece nad dziećmi."),
    ("assignment.assistant", _("przydzielony asystent rodziny"), "Anna Borowiec"),
    ("assignment.started_on", _("przydział od"), "10.02.2025"),
)
REQUEST_FIELDS, request_sample = spec(REQUEST_ROWS)


def _need(value: bool | None) -> str:
    return "" if value is None else ("tak" if value else "nie")


def build_request(referral: Referral) -> dict[str, Any]:
    family = referral.family
    assignment = referral.assignment
    texts = referral.analysis or {}
    return {
        "family": family_data(family),
        "members": members_data(family),
        "referral": {
            "source": label(referral, "source"),
            "source_detail": referral.source_detail,
            "reported_on": dmy(referral.reported_on),
            "status": label(referral, "status"),
            "social_worker": name_of(referral.social_worker),
            "interview_on": dmy(referral.interview_on),
            "need_found": _need(referral.need_found),
            "filed_on": dmy(referral.filed_on),
            "basis": current_basis(family, referral.filed_on or referral.reported_on).label,
            "decided_on": dmy(referral.decided_on),
            "decided_by": name_of(referral.decided_by),
            "decision_note": referral.decision_note,
            "queue_priority": label(referral, "queue_priority"),
            "queued_on": dmy(referral.queued_on),
            "passed_to": referral.passed_to,
        },
        "analysis": [
            {"label": section["label"], "text": texts.get(section["key"], "")}
            for section in referral.centre.analysis_sections
        ],
        "assignment": {
            "assistant": name_of(assignment.assistant) if assignment else "",
            "started_on": dmy(assignment.started_on) if assignment else "",
        },
    }


@cache
def request_docx() -> bytes:
    t = TemplateDocument("Wniosek o przydzielenie asystenta rodziny")
    t.paragraph(
        "Na podstawie art. 11 ust. 3 ustawy o wspieraniu rodziny i systemie pieczy zastępczej "
        "wnoszę o przydzielenie rodzinie asystenta rodziny."
    )
    t.fields(
        [
            ("Rodzina", v("family.surname")),
            ("Adres", v("family.address")),
            ("Źródło zgłoszenia", f"{v('referral.source')} {v('referral.source_detail')}"),
            ("Data zgłoszenia", v("referral.reported_on")),
            ("Wywiad środowiskowy", v("referral.interview_on")),
            ("Podstawa współpracy", v("referral.basis")),
        ]
    )
    members_table(t)
    t.heading("Analiza sytuacji rodziny")
    with t.each("s in analysis"):
        t.heading(v("s.label"), 2)
        t.paragraph(v("s.text"))
    t.field("Potrzeba przydzielenia asystenta", v("referral.need_found"))
    t.field("Data złożenia wniosku", v("referral.filed_on"))
    t.signatures(["pracownik socjalny: " + v("referral.social_worker")])
    t.heading("Decyzja kierownika")
    t.fields(
        [
            ("Etap", v("referral.status")),
            ("Data decyzji", v("referral.decided_on")),
            ("Decyzję podjął(-ęła)", v("referral.decided_by")),
            ("Przydzielony asystent", v("assignment.assistant")),
            ("Przydział od", v("assignment.started_on")),
            ("Kolejka", f"{v('referral.queue_priority')} {v('referral.queued_on')}"),
            ("Przekazano do", v("referral.passed_to")),
            ("Uzasadnienie", v("referral.decision_note")),
        ]
    )
    return t.to_bytes()


ASSISTANT_REQUEST = DocumentKind(
    code="assistant_request",
    label=_("Wniosek o przydzielenie asystenta rodziny"),
    source=Referral,
    build=build_request,
    fields=REQUEST_FIELDS,
    sample=request_sample,
    default_docx=request_docx,
    html_template="documents/pdf/assistant_request.html",
)

# --- pismo o przydzieleniu asystenta -----------------------------------------------------------

# A letter to the family: it names the parents it is addressed to and nothing more about the
# members (no birth dates, PESEL or special-category data).
LETTER_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("addressees[].name", _("adresat: imię i nazwisko"), "Ewa Kowalska"),
    ("assignment.assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("assignment.assistant_email", _("e-mail asystenta"), "a.borowiec@gops.example.pl"),
    ("assignment.started_on", _("przydział od"), "10.02.2025"),
    ("assignment.ended_on", _("przydział do"), ""),
    ("assignment.reason", _("powód przydziału / zmiany"), ""),
    ("assignment.assigned_by", _("przydzielił(a)"), "Dorota Wrzos"),
    ("assignment.assigned_on", _("data przydziału"), "10.02.2025"),
    ("assignment.basis", _("podstawa współpracy"), "zgoda rodziny z 04.02.2025"),
    ("assignment.social_worker", _("pracownik socjalny rodziny"), "Edward Sowa"),
)
LETTER_FIELDS, letter_sample = spec(LETTER_ROWS)


def build_letter(assignment: Assignment) -> dict[str, Any]:
    family = assignment.family
    parents = family.members.filter(role__in=[MemberRole.PARENT, MemberRole.GUARDIAN])
    return {
        "family": family_data(family),
        "addressees": [{"name": str(m)} for m in parents],
        "assignment": {
            "assistant": name_of(assignment.assistant),
            "assistant_email": assignment.assistant.email,
            "started_on": dmy(assignment.started_on),
            "ended_on": dmy(assignment.ended_on),
            "reason": assignment.reason,
            "assigned_by": name_of(assignment.created_by),
            "assigned_on": dmy(assignment.created_at.date()),
            "basis": current_basis(family, assignment.started_on).label,
            "social_worker": name_of(family.social_worker),
        },
    }


@cache
def letter_docx() -> bytes:
    t = TemplateDocument("Pismo o przydzieleniu asystenta rodziny")
    with t.each("m in addressees"):
        t.paragraph(v("m.name"), bold=True)
    t.paragraph(v("family.address"))
    t.paragraph("Szanowni Państwo,")
    t.paragraph(
        "uprzejmie informuję, że od dnia " + v("assignment.started_on") + " Państwa rodzinie "
        "został przydzielony asystent rodziny: "
        + v("assignment.assistant")
        + "{% if assignment.assistant_email %} (e-mail: "
        + v("assignment.assistant_email")
        + "){% endif %}. Podstawa współpracy: "
        + v("assignment.basis")
        + "."
    )
    t.paragraph(
        "Asystent rodziny będzie współpracował z Państwem i z pracownikiem socjalnym ośrodka ("
        + v("assignment.social_worker")
        + ") na podstawie planu pracy z rodziną opracowanego "
        "wspólnie z Państwem."
    )
    with t.when("assignment.reason"):
        t.field("Powód przydziału", v("assignment.reason"))
    t.signatures(["kierownik ośrodka: " + v("assignment.assigned_by")])
    return t.to_bytes()


ASSIGNMENT_LETTER = DocumentKind(
    code="assignment_letter",
    label=_("Pismo o przydzieleniu asystenta rodziny"),
    source=Assignment,
    build=build_letter,
    fields=LETTER_FIELDS,
    sample=letter_sample,
    default_docx=letter_docx,
    html_template="documents/pdf/assignment_letter.html",
)
