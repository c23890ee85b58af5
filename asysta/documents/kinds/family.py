"""Documents made from the family record itself: the family record (metryczka) and the consent
form to work with an assistant."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    DISABILITY,
    FAMILY_ROWS,
    NOTES,
    PESEL,
    Row,
    assistant_of,
    dmy,
    family_data,
    label,
    member_data,
    member_rows,
    members_data,
    name_of,
    spec,
)
from asysta.documents.kinds.base import DocumentKind
from asysta.families.basis import current_basis
from asysta.families.models import Family, MemberRole
from asysta.families.record import reporting_category

# --- metryczka rodziny -------------------------------------------------------------------------

# The family record is the internal case file's summary, read by those who work with the
# family. It identifies the members fully (PESEL, domain.md §4.1) and lists the problem areas,
# including the health-related ones, and the members' disability certificates: special-category
# data (GDPR art. 9) the record needs. The members' free-text health notes are left out, as are
# the details of a Niebieska Karta procedure (only that it runs). `extra["special_category"]`
# tells the engine to treat the document as such (who may make it, logged reads).
FAMILY_RECORD_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("family.meeting_place", _("miejsce spotkań (jeśli inne niż adres)"), "świetlica szkolna"),
    ("family.phone", _("telefon kontaktowy"), "600 100 200"),
    ("family.email", _("e-mail"), ""),
    ("family.social_worker", _("pracownik socjalny rodziny"), "Edward Sowa"),
    ("family.reporting_category", _("kategoria sprawozdawcza"), "rodzina przeżywająca trudności"),
    ("family.other_services", _("inne służby zaangażowane"), "kurator społeczny Jan Nowak"),
    ("family.strengths_available", _("zasoby dostępne"), "zaangażowanie matki"),
    ("family.strengths_at_risk", _("zasoby zagrożone"), "wsparcie babci"),
    ("family.strengths_missing", _("zasoby brakujące"), "stałe zatrudnienie"),
    ("family.difficulty", _("stopień trudności (1–3)"), 2),
    ("family.created_on", _("data założenia karty"), "02.01.2025"),
    ("assistant", _("asystent rodziny (obecnie)"), "Anna Borowiec"),
    ("assignments[].assistant", _("przydział: asystent"), "Anna Borowiec"),
    ("assignments[].started_on", _("przydział: od"), "10.01.2025"),
    ("assignments[].ended_on", _("przydział: do"), ""),
    ("assignments[].phase", _("przydział: etap"), "praca z rodziną"),
    ("assignments[].end_reason", _("przydział: powód zakończenia"), ""),
    *member_rows("members[]", PESEL, DISABILITY, NOTES),
    ("placements[].child", _("dziecko poza rodziną"), "Kacper Kowalski"),
    ("placements[].kind", _("forma pieczy"), "rodzina zastępcza spokrewniona"),
    ("placements[].carer", _("rodzina zastępcza / placówka"), "Halina Kowalska"),
    ("placements[].pcpr", _("PCPR / organizator pieczy"), "PCPR w Oleśnicy"),
    ("placements[].coordinator", _("koordynator pieczy"), "Jan Lis"),
    ("placements[].since", _("w pieczy od"), "01.03.2024"),
    ("placements[].until", _("w pieczy do"), ""),
    ("placements[].court_file", _("sygnatura akt sądu"), "III Nsm 45/24"),
    ("basis.label", _("podstawa współpracy"), "zgoda rodziny z 02.01.2025"),
    ("basis.consent_on", _("data zgody rodziny"), "02.01.2025"),
    ("basis.court", _("sąd (postanowienie)"), ""),
    ("basis.court_file_number", _("sygnatura akt (postanowienie)"), ""),
    ("basis.court_issued_on", _("data postanowienia"), ""),
    ("basis.court_obligation", _("zobowiązanie sądu"), ""),
    ("basis.kurator", _("kurator sądowy"), ""),
    ("basis.za_zyciem_on", _("data wniosku „Za życiem”"), ""),
    ("problems[].area", _("obszar problemowy"), "ubóstwo, niskie dochody"),
    ("problems[].note", _("obszar problemowy: opis"), "zaległości czynszowe"),
    ("blue_card.running", _("procedura „Niebieskie Karty” trwa (tak/nie)"), False),
    ("blue_card.started_on", _("„Niebieska Karta”: wszczęcie"), ""),
    ("blue_card.ended_on", _("„Niebieska Karta”: zakończenie"), ""),
)
FAMILY_RECORD_FIELDS, family_record_sample = spec(FAMILY_RECORD_ROWS)


def _record_family(family: Family) -> dict[str, Any]:
    return {
        **family_data(family),
        "meeting_place": family.meeting_place,
        "phone": family.phone,
        "email": family.email,
        "social_worker": name_of(family.social_worker),
        "reporting_category": str(reporting_category(family).label),
        "other_services": family.other_services,
        "strengths_available": family.strengths_available,
        "strengths_at_risk": family.strengths_at_risk,
        "strengths_missing": family.strengths_missing,
        "difficulty": family.difficulty,
        "created_on": dmy(family.created_at.date()),
    }


def _basis(family: Family) -> dict[str, str]:
    basis = current_basis(family)
    court = basis.court_order
    return {
        "label": basis.label,
        "consent_on": dmy(basis.consent.signed_on) if basis.consent else "",
        "court": court.court if court else "",
        "court_file_number": court.file_number if court else "",
        "court_issued_on": dmy(court.issued_on) if court else "",
        "court_obligation": label(court, "obligation") if court else "",
        "kurator": court.kurator if court else "",
        "za_zyciem_on": dmy(basis.za_zyciem.filed_on) if basis.za_zyciem else "",
    }


def build_family_record(family: Family) -> dict[str, Any]:
    blue_card = family.blue_cards.order_by("-started_on").first()
    return {
        "family": _record_family(family),
        "assistant": assistant_of(family),
        "assignments": [
            {
                "assistant": name_of(a.assistant),
                "started_on": dmy(a.started_on),
                "ended_on": dmy(a.ended_on),
                "phase": label(a, "phase"),
                "end_reason": label(a, "end_reason"),
            }
            for a in family.assignments.select_related("assistant").order_by("started_on", "pk")
        ],
        "members": members_data(family, PESEL, DISABILITY, NOTES),
        "placements": [
            {
                "child": str(p.child),
                "kind": label(p, "kind"),
                "carer": p.carer,
                "pcpr": p.pcpr,
                "coordinator": p.coordinator,
                "since": dmy(p.since),
                "until": dmy(p.until),
                "court_file": p.court_file,
            }
            for p in family.placements.select_related("child")
        ],
        "basis": _basis(family),
        "problems": [{"area": label(p, "area"), "note": p.note} for p in family.problems.all()],
        "blue_card": {
            "running": bool(blue_card and blue_card.ended_on is None),
            "started_on": dmy(blue_card.started_on) if blue_card else "",
            "ended_on": dmy(blue_card.ended_on) if blue_card else "",
        },
    }


def _members_and_placements(t: TemplateDocument) -> None:
    t.heading("Członkowie rodziny")
    t.table(
        ["Imię i nazwisko", "PESEL / data ur.", "Pokrewieństwo", "Władza rodz.", "Szkoła / praca"],
        "m in members",
        [
            v("m.name") + "{% if not m.lives_in_household %} (poza domem){% endif %}",
            f"{v('m.pesel')} {v('m.birth_date')}",
            v("m.relationship"),
            v("m.parental_authority"),
            f"{v('m.school')} {v('m.occupation')}"
            + "{% if m.disability %}; orzeczenie: "
            + v("m.disability")
            + "{% endif %}",
        ],
    )
    with t.when("placements"):
        t.heading("Dzieci przebywające poza rodziną")
        t.table(
            ["Dziecko", "Forma pieczy", "Gdzie, PCPR, koordynator", "Od–do", "Sygn. akt"],
            "p in placements",
            [
                v("p.child"),
                v("p.kind"),
                f"{v('p.carer')}, {v('p.pcpr')}, {v('p.coordinator')}",
                f"{v('p.since')}–{v('p.until')}",
                v("p.court_file"),
            ],
        )


@cache
def family_record_docx() -> bytes:
    t = TemplateDocument("Metryczka rodziny")
    t.heading("Dane rodziny")
    t.fields(
        [
            ("Nazwisko rodziny", v("family.surname")),
            ("Adres zamieszkania", v("family.address")),
            ("Gmina", v("family.gmina")),
            ("Miejsce spotkań", v("family.meeting_place")),
            ("Telefon, e-mail", f"{v('family.phone')} {v('family.email')}"),
            ("Kategoria sprawozdawcza", v("family.reporting_category")),
            ("Pracownik socjalny", v("family.social_worker")),
            ("Asystent rodziny", v("assistant")),
            ("Podstawa współpracy", v("basis.label")),
            ("Stopień trudności", v("family.difficulty")),
            ("Data założenia karty", v("family.created_on")),
        ]
    )
    _members_and_placements(t)
    with t.when("basis.court"):
        t.field(
            "Postanowienie sądu",
            f"{v('basis.court')}, {v('basis.court_file_number')} z {v('basis.court_issued_on')}"
            f" — {v('basis.court_obligation')}; kurator: {v('basis.kurator')}",
        )
    t.heading("Obszary problemowe")
    t.table(["Obszar", "Opis"], "p in problems", [v("p.area"), v("p.note")], widths=[7, 10])
    t.field("Procedura „Niebieskie Karty” w toku", yes_no("blue_card.running"))
    t.field("Inne służby zaangażowane", v("family.other_services"))
    t.heading("Zasoby rodziny")
    t.fields(
        [
            ("Dostępne", v("family.strengths_available")),
            ("Zagrożone", v("family.strengths_at_risk")),
            ("Brakujące", v("family.strengths_missing")),
        ]
    )
    t.heading("Przydziały asystenta rodziny")
    t.table(
        ["Asystent", "Od", "Do", "Etap / powód zakończenia"],
        "a in assignments",
        [
            v("a.assistant"),
            v("a.started_on"),
            v("a.ended_on"),
            f"{v('a.phase')} {v('a.end_reason')}",
        ],
    )
    t.signatures(["asystent rodziny"])
    return t.to_bytes()


FAMILY_RECORD = DocumentKind(
    code="family_record",
    label=_("Metryczka rodziny"),
    source=Family,
    build=build_family_record,
    fields=FAMILY_RECORD_FIELDS,
    sample=family_record_sample,
    default_docx=family_record_docx,
    html_template="documents/pdf/family_record.html",
    extra={"special_category": True},
)

# --- zgoda rodziny -----------------------------------------------------------------------------

DEFAULT_SCOPE = "współpraca z asystentem rodziny"

# The consent form names the people who sign it and the children it concerns, by name and
# birth date; no PESEL and no special-category data.
CONSENT_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assistant", _("asystent rodziny"), "Anna Borowiec"),
    *member_rows("signatories[]"),
    *member_rows("children[]"),
    ("consent.recorded", _("zgoda zapisana w systemie (tak/nie)"), True),
    ("consent.signed_on", _("data podpisania zgody"), "02.01.2025"),
    ("consent.signed_by", _("kto podpisał"), "Ewa Kowalska, Marek Kowalski"),
    ("consent.scope", _("zakres zgody"), DEFAULT_SCOPE),
    ("consent.document_ref", _("gdzie jest oryginał"), "teczka rodziny, k. 3"),
    ("consent.withdrawn_on", _("data wycofania zgody"), ""),
)
CONSENT_FIELDS, consent_sample = spec(CONSENT_ROWS)


def build_consent(family: Family) -> dict[str, Any]:
    members = list(family.members.all())
    consent = family.consents.order_by("-signed_on", "-pk").first()
    return {
        "family": family_data(family),
        "assistant": assistant_of(family),
        "signatories": [
            member_data(m)
            for m in members
            if m.role in (MemberRole.PARENT, MemberRole.GUARDIAN) and not m.is_child
        ],
        "children": [member_data(m) for m in members if m.is_child],
        "consent": {
            "recorded": consent is not None,
            "signed_on": dmy(consent.signed_on) if consent else "",
            "signed_by": consent.signed_by if consent else "",
            "scope": consent.scope if consent else DEFAULT_SCOPE,
            "document_ref": consent.document_ref if consent else "",
            "withdrawn_on": dmy(consent.withdrawn_on) if consent else "",
        },
    }


@cache
def consent_docx() -> bytes:
    t = TemplateDocument("Zgoda rodziny na współpracę z asystentem rodziny")
    t.paragraph(
        "My, niżej podpisani, wyrażamy zgodę na współpracę naszej rodziny z asystentem "
        "rodziny zatrudnionym w " + v("centre.name") + " na zasadach ustawy z dnia 9 czerwca "
        "2011 r. o wspieraniu rodziny i systemie pieczy zastępczej (art. 11)."
    )
    t.field("Zakres zgody", v("consent.scope"))
    t.table(
        ["Imię i nazwisko", "Data urodzenia", "Rola w rodzinie", "Podpis"],
        "m in signatories",
        [v("m.name"), v("m.birth_date"), v("m.role"), ""],
        widths=[6, 3.5, 3.5, 4],
    )
    t.paragraph("Zgoda dotyczy rodziny zamieszkałej pod adresem " + v("family.address") + ".")
    with t.when("children"):
        t.paragraph("Dzieci w rodzinie:")
        t.table(
            ["Imię i nazwisko", "Data urodzenia"],
            "c in children",
            [v("c.name"), v("c.birth_date")],
            widths=[10, 7],
        )
    t.paragraph(
        "Przyjmujemy do wiadomości, że zgodę można w każdej chwili wycofać, a dane rodziny są "
        "przetwarzane przez ośrodek w zakresie niezbędnym do pracy asystenta rodziny.",
        italic=True,
    )
    with t.when("consent.recorded"):
        t.field("Zgoda zapisana w dokumentacji z dnia", v("consent.signed_on"))
        t.field("Podpisali", v("consent.signed_by"))
    t.signatures(["podpisy członków rodziny", "asystent rodziny: " + v("assistant")])
    return t.to_bytes()


CONSENT = DocumentKind(
    code="consent",
    label=_("Zgoda rodziny na współpracę z asystentem rodziny"),
    source=Family,
    build=build_consent,
    fields=CONSENT_FIELDS,
    sample=consent_sample,
    default_docx=consent_docx,
    html_template="documents/pdf/consent.html",
)
