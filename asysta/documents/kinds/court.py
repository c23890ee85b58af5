"""Documents for the family court: the opinion on the family (art. 15 ust. 1 pkt 17 UWR) and a
notice sent on the centre's own initiative."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.court.models import OPINION_SECTIONS, CourtNotice, Opinion, OpinionRequest
from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    FAMILY_ROWS,
    PESEL,
    Row,
    assistant_of,
    dmy,
    family_data,
    label,
    member_rows,
    members_data,
    name_of,
    spec,
)
from asysta.documents.kinds.base import DocumentKind

# --- opinia dla sądu ---------------------------------------------------------------------------

_SECTION_EXAMPLES = {
    "basis": "Postanowienie Sądu Rejonowego w Oławie z 10.01.2025, III Nsm 123/25.",
    "period": "Od 15.01.2025.",
    "course": "Wizyty co tydzień, rodzina obecna na spotkaniach.",
    "plan_execution": "Cele planu realizowane częściowo.",
    "assessments": "Ocena z 30.06.2025: poprawa w opiece nad dziećmi.",
    "children": "Dzieci uczęszczają do szkoły.",
    "conclusions": "Rodzice współpracują z asystentem.",
}

# The court identifies the members by PESEL (the opinion concerns their parental authority, so
# it is the one letter outside the centre that carries it); no special-category fields — what
# the court must know about health is in the assistant's text of the opinion.
OPINION_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assistant", _("asystent rodziny"), "Anna Borowiec"),
    *member_rows("members[]", PESEL),
    ("request.court", _("sąd"), "Sąd Rejonowy w Oławie, III Wydział Rodzinny i Nieletnich"),
    ("request.file_number", _("sygnatura akt"), "III Nsm 123/25"),
    ("request.received_on", _("data wpływu wniosku sądu"), "01.07.2025"),
    ("request.due_on", _("termin wyznaczony przez sąd"), "22.07.2025"),
    ("request.scope", _("zakres opinii"), "Opinia o rodzinie i sytuacji dzieci."),
    ("request.status", _("etap"), "opinia zatwierdzona"),
    ("request.approved", _("opinia zatwierdzona (tak/nie)"), True),
    ("request.approved_by", _("zatwierdził(a)"), "Dorota Wrzos"),
    ("request.approved_on", _("data zatwierdzenia"), "18.07.2025"),
    ("request.sent_on", _("data wysłania"), ""),
    ("request.sent_how", _("sposób wysłania"), ""),
    ("opinion.drafted", _("opinia przygotowana (tak/nie)"), True),
    ("opinion.drafted_by", _("przygotował(a)"), "Anna Borowiec"),
    *(
        (f"opinion.{key}", format_label, _SECTION_EXAMPLES[key])
        for key, format_label in OPINION_SECTIONS
    ),
    ("opinion.sections[].key", _("część opinii: klucz"), "conclusions"),
    ("opinion.sections[].label", _("część opinii: tytuł"), "Wnioski"),
    ("opinion.sections[].text", _("część opinii: treść"), _SECTION_EXAMPLES["conclusions"]),
)
OPINION_FIELDS, opinion_sample = spec(OPINION_ROWS)


def _opinion(request: OpinionRequest) -> dict[str, Any]:
    opinion = Opinion.objects.filter(request=request).select_related("drafted_by").first()
    texts = {key: getattr(opinion, key) if opinion else "" for key, _label in OPINION_SECTIONS}
    return {
        "drafted": opinion is not None,
        "drafted_by": name_of(opinion.drafted_by) if opinion else "",
        **texts,
        "sections": [
            {"key": key, "label": str(text), "text": texts[key]} for key, text in OPINION_SECTIONS
        ],
    }


def build_opinion(request: OpinionRequest) -> dict[str, Any]:
    return {
        "family": family_data(request.family),
        "assistant": assistant_of(request.family),
        "members": members_data(request.family, PESEL),
        "request": {
            "court": request.court,
            "file_number": request.file_number,
            "received_on": dmy(request.received_on),
            "due_on": dmy(request.due_on),
            "scope": request.scope,
            "status": label(request, "status"),
            "approved": request.approved_on is not None,
            "approved_by": name_of(request.approved_by),
            "approved_on": dmy(request.approved_on),
            "sent_on": dmy(request.sent_on),
            "sent_how": label(request, "sent_how"),
        },
        "opinion": _opinion(request),
    }


@cache
def opinion_docx() -> bytes:
    t = TemplateDocument("Opinia o rodzinie dla sądu")
    t.paragraph(v("request.court"), bold=True)
    t.field("Sygnatura akt", v("request.file_number"))
    t.paragraph(
        "W odpowiedzi na wniosek z dnia "
        + v("request.received_on")
        + " ("
        + v("request.scope")
        + ") przedstawiam opinię asystenta rodziny o rodzinie "
        + v("family.surname")
        + ", zamieszkałej: "
        + v("family.address")
        + "."
    )
    t.heading("Członkowie rodziny")
    t.table(
        ["Imię i nazwisko", "PESEL", "Data urodzenia", "Pokrewieństwo", "Władza rodzicielska"],
        "m in members",
        [
            v("m.name"),
            v("m.pesel"),
            v("m.birth_date"),
            v("m.relationship"),
            v("m.parental_authority"),
        ],
    )
    with t.each("s in opinion.sections"):
        t.heading(v("s.label"))
        t.paragraph(v("s.text"))
    t.signatures(
        ["asystent rodziny: " + v("assistant"), "zatwierdził(a): " + v("request.approved_by")]
    )
    t.field("Opinia zatwierdzona", yes_no("request.approved") + " " + v("request.approved_on"))
    return t.to_bytes()


COURT_OPINION = DocumentKind(
    code="court_opinion",
    label=_("Opinia o rodzinie dla sądu"),
    source=OpinionRequest,
    build=build_opinion,
    fields=OPINION_FIELDS,
    sample=opinion_sample,
    default_docx=opinion_docx,
    html_template="documents/pdf/court_opinion.html",
    applies=lambda request: getattr(request, "opinion", None) is not None,
    not_applicable=_("Najpierw przygotuj opinię z dokumentacji."),
)

# --- zawiadomienie sądu ------------------------------------------------------------------------

# A notice the centre sends on its own: the court has (or opens) the file, so the members are
# named with their birth dates only — no PESEL and no special-category data.
NOTICE_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("members[].name", _("członek rodziny: imię i nazwisko"), "Ewa Kowalska"),
    ("members[].relationship", _("członek rodziny: pokrewieństwo"), "matka"),
    ("members[].birth_date", _("członek rodziny: data urodzenia"), "14.05.1991"),
    ("notice.court", _("sąd"), "Sąd Rejonowy w Oławie, III Wydział Rodzinny i Nieletnich"),
    ("notice.file_number", _("sygnatura akt"), "III Nsm 123/25"),
    ("notice.subject", _("w sprawie"), "brak współpracy rodziny zobowiązanej przez sąd"),
    ("notice.content", _("treść pisma"), "Uprzejmie zawiadamiam, że rodzina od 01.06.2025…"),
    ("notice.sent_on", _("data wysłania"), "10.07.2025"),
    ("notice.sent_how", _("sposób wysłania"), "ePUAP"),
    ("notice.sent_by", _("wysłał(a)"), "Anna Borowiec"),
)
NOTICE_FIELDS, notice_sample = spec(NOTICE_ROWS)


def build_notice(notice: CourtNotice) -> dict[str, Any]:
    return {
        "family": family_data(notice.family),
        "assistant": assistant_of(notice.family),
        "members": [
            {
                "name": str(m),
                "relationship": label(m, "relationship"),
                "birth_date": dmy(m.birth_date),
            }
            for m in notice.family.members.all()
        ],
        "notice": {
            "court": notice.court,
            "file_number": notice.file_number,
            "subject": notice.subject,
            "content": notice.content,
            "sent_on": dmy(notice.sent_on),
            "sent_how": label(notice, "sent_how"),
            "sent_by": name_of(notice.sent_by),
        },
    }


@cache
def notice_docx() -> bytes:
    t = TemplateDocument("Zawiadomienie sądu")
    t.paragraph(v("notice.court"), bold=True)
    with t.when("notice.file_number"):
        t.field("Sygnatura akt", v("notice.file_number"))
    t.field("W sprawie", v("notice.subject"))
    t.paragraph(
        "Dotyczy rodziny " + v("family.surname") + ", zamieszkałej: " + v("family.address") + "."
    )
    t.table(
        ["Imię i nazwisko", "Pokrewieństwo", "Data urodzenia"],
        "m in members",
        [v("m.name"), v("m.relationship"), v("m.birth_date")],
        widths=[7, 5, 5],
    )
    t.paragraph(v("notice.content"))
    t.signatures([v("notice.sent_by")])
    t.field("Wysłano", f"{v('notice.sent_on')}, {v('notice.sent_how')}")
    return t.to_bytes()


COURT_NOTICE = DocumentKind(
    code="court_notice",
    label=_("Zawiadomienie sądu"),
    source=CourtNotice,
    build=build_notice,
    fields=NOTICE_FIELDS,
    sample=notice_sample,
    default_docx=notice_docx,
    html_template="documents/pdf/court_notice.html",
)
