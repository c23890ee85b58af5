"""Documents of the contacts with the family: the record of one contact, the family's visit
diary (domain.md §4.4); the monthly work card is in `workcard`."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from asysta.documents.docx_builder import TemplateDocument, v, yes_no
from asysta.documents.kinds._common import (
    FAMILY_ROWS,
    Row,
    assistant_of,
    dmy,
    family_data,
    hours_label,
    label,
    name_of,
    number,
    spec,
)
from asysta.documents.kinds.base import DocumentKind
from asysta.families.models import Family
from asysta.visits.models import Contact

# --- zapis kontaktu ----------------------------------------------------------------------------

# The contact record is the assistant's own note: the members present by name, what was done
# and, when there was one, the child-safety observation with what was done about it.
CONTACT_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("contact.date", _("data kontaktu"), "12.03.2025"),
    ("contact.start_time", _("od godziny"), "10:00"),
    ("contact.end_time", _("do godziny"), "11:30"),
    ("contact.duration", _("czas trwania (godz.:min)"), "1:30"),
    ("contact.form", _("forma kontaktu"), "wizyta w domu rodziny"),
    ("contact.place", _("miejsce"), "dom rodziny"),
    ("contact.place_note", _("miejsce — opis"), ""),
    ("contact.assistant", _("asystent rodziny (zapisał/a)"), "Anna Borowiec"),
    ("contact.members_present", _("obecni członkowie rodziny"), "Ewa Kowalska, Kacper Kowalski"),
    ("contact.others_present", _("inne osoby obecne"), "pedagog szkolny"),
    ("contact.summary", _("przebieg spotkania"), "Rozmowa o planie dnia dzieci."),
    ("contact.tasks_family", _("zadania rodziny do następnego spotkania"), "Plan dnia."),
    ("contact.tasks_assistant", _("zadania asystenta do następnego spotkania"), "Termin w PPP."),
    ("contact.kilometres", _("przejechane kilometry"), "12,5"),
    ("contact.child_safety", _("możliwe zagrożenie bezpieczeństwa dziecka (tak/nie)"), False),
    ("contact.safety_actions", _("podjęte działania (bezpieczeństwo dziecka)"), ""),
    ("contact.safety_description", _("opis zagrożenia i podjętych działań"), ""),
    ("contact.corrected", _("notatka korygowana (tak/nie)"), False),
    ("contact.actions[].goal", _("omówione działanie planu: cel"), "Stały rytm dnia dzieci."),
    ("contact.actions[].what", _("omówione działanie planu"), "Ustalenie planu dnia."),
    ("contact.actions[].status_after", _("stan realizacji po kontakcie"), "w trakcie"),
    ("contact.actions[].progress_note", _("postęp"), "Plan dnia wisi na lodówce."),
    ("contact.corrections[].date", _("korekta: data"), "13.03.2025"),
    ("contact.corrections[].by", _("korekta: autor"), "Anna Borowiec"),
    ("contact.corrections[].text", _("korekta: treść"), "Obecny był też syn."),
)
CONTACT_FIELDS, contact_sample = spec(CONTACT_ROWS)


def _present(contact: Contact) -> str:
    return ", ".join(str(m) for m in contact.members_present.all())


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value else ""


def build_contact(contact: Contact) -> dict[str, Any]:
    reports = contact.action_reports.select_related("action__goal").order_by("pk")
    corrections = contact.corrections.select_related("by").order_by("created_at", "pk")
    return {
        "family": family_data(contact.family),
        "contact": {
            "date": dmy(contact.date),
            "start_time": _time(contact.start_time),
            "end_time": _time(contact.end_time),
            "duration": contact.duration_label,
            "form": label(contact, "form"),
            "place": label(contact, "place"),
            "place_note": contact.place_note,
            "assistant": name_of(contact.assistant),
            "members_present": _present(contact),
            "others_present": contact.others_present,
            "summary": contact.summary,
            "tasks_family": contact.tasks_family,
            "tasks_assistant": contact.tasks_assistant,
            "kilometres": number(contact.kilometres),
            "child_safety": contact.child_safety,
            "safety_actions": ", ".join(contact.safety_action_labels),
            "safety_description": contact.safety_description,
            "corrected": contact.corrected,
            "actions": [
                {
                    "goal": r.action.goal.description,
                    "what": r.action.what,
                    "status_after": label(r, "status_after"),
                    "progress_note": r.progress_note,
                }
                for r in reports
            ],
            "corrections": [
                {"date": dmy(c.created_at.date()), "by": name_of(c.by), "text": c.text}
                for c in corrections
            ],
        },
    }


@cache
def contact_docx() -> bytes:
    t = TemplateDocument("Zapis kontaktu z rodziną")
    t.fields(
        [
            ("Rodzina", v("family.surname")),
            (
                "Data, godziny",
                f"{v('contact.date')}, {v('contact.start_time')}–"
                f"{v('contact.end_time')} ({v('contact.duration')})",
            ),
            ("Forma kontaktu", v("contact.form")),
            ("Miejsce", f"{v('contact.place')} {v('contact.place_note')}"),
            ("Obecni członkowie rodziny", v("contact.members_present")),
            ("Inne osoby obecne", v("contact.others_present")),
            ("Asystent rodziny", v("contact.assistant")),
            ("Przejechane kilometry", v("contact.kilometres")),
        ]
    )
    t.section("Przebieg spotkania", v("contact.summary"), 1)
    with t.when("contact.actions"):
        t.heading("Omówione działania planu pracy")
        t.table(
            ["Cel", "Działanie", "Stan po kontakcie", "Postęp"],
            "a in contact.actions",
            [v("a.goal"), v("a.what"), v("a.status_after"), v("a.progress_note")],
        )
    t.section("Zadania rodziny do następnego spotkania", v("contact.tasks_family"), 1)
    t.section("Zadania asystenta do następnego spotkania", v("contact.tasks_assistant"), 1)
    t.field("Możliwe zagrożenie bezpieczeństwa dziecka", yes_no("contact.child_safety"))
    with t.when("contact.child_safety"):
        t.field("Podjęte działania", v("contact.safety_actions"))
        t.paragraph(v("contact.safety_description"))
    with t.when("contact.corrections"):
        t.heading("Korekty notatki")
        t.table(
            ["Data", "Autor", "Treść korekty"],
            "c in contact.corrections",
            [v("c.date"), v("c.by"), v("c.text")],
            widths=[3, 4, 10],
        )
    t.signatures(["członek rodziny", "asystent rodziny"])
    return t.to_bytes()


CONTACT_RECORD = DocumentKind(
    code="contact_record",
    label=_("Zapis kontaktu (wizyty)"),
    source=Contact,
    build=build_contact,
    fields=CONTACT_FIELDS,
    sample=contact_sample,
    default_docx=contact_docx,
    html_template="documents/pdf/contact_record.html",
)

# --- dziennik wizyt ----------------------------------------------------------------------------

# A diary of several years is made by the background worker (issue 5, point 6).
DIARY_HEAVY_CONTACTS = 200

DIARY_ROWS: tuple[Row, ...] = (
    *FAMILY_ROWS,
    ("assistant", _("asystent rodziny"), "Anna Borowiec"),
    ("diary.contacts", _("liczba kontaktów"), 1),
    ("diary.hours", _("łączny czas kontaktów (godz.:min)"), "1:30"),
    ("diary.first_on", _("pierwszy kontakt"), "12.03.2025"),
    ("diary.last_on", _("ostatni kontakt"), "12.03.2025"),
    ("contacts[].date", _("kontakt: data"), "12.03.2025"),
    ("contacts[].time", _("kontakt: godziny"), "10:00–11:30"),
    ("contacts[].duration", _("kontakt: czas trwania"), "1:30"),
    ("contacts[].form", _("kontakt: forma"), "wizyta w domu rodziny"),
    ("contacts[].place", _("kontakt: miejsce"), "dom rodziny"),
    ("contacts[].members_present", _("kontakt: obecni członkowie rodziny"), "Ewa Kowalska"),
    ("contacts[].others_present", _("kontakt: inne osoby obecne"), ""),
    ("contacts[].summary", _("kontakt: przebieg"), "Rozmowa o planie dnia dzieci."),
    ("contacts[].tasks_family", _("kontakt: zadania rodziny"), "Plan dnia."),
    ("contacts[].assistant", _("kontakt: asystent"), "Anna Borowiec"),
    ("contacts[].child_safety", _("kontakt: zagrożenie bezpieczeństwa dziecka (tak/nie)"), False),
)
DIARY_FIELDS, diary_sample = spec(DIARY_ROWS)


def build_diary(family: Family) -> dict[str, Any]:
    contacts = list(
        family.contacts.select_related("assistant")
        .prefetch_related("members_present")
        .order_by("date", "start_time", "pk")
    )
    minutes = sum(c.duration_minutes for c in contacts)
    return {
        "family": family_data(family),
        "assistant": assistant_of(family),
        "diary": {
            "contacts": len(contacts),
            "hours": hours_label(minutes),
            "first_on": dmy(contacts[0].date) if contacts else "",
            "last_on": dmy(contacts[-1].date) if contacts else "",
        },
        "contacts": [
            {
                "date": dmy(c.date),
                "time": f"{_time(c.start_time)}–{_time(c.end_time)}",
                "duration": c.duration_label,
                "form": label(c, "form"),
                "place": label(c, "place"),
                "members_present": _present(c),
                "others_present": c.others_present,
                "summary": c.summary,
                "tasks_family": c.tasks_family,
                "assistant": name_of(c.assistant),
                "child_safety": c.child_safety,
            }
            for c in contacts
        ],
    }


def diary_heavy(family: Family) -> bool:
    return family.contacts.count() > DIARY_HEAVY_CONTACTS


@cache
def diary_docx() -> bytes:
    t = TemplateDocument("Dziennik wizyt")
    t.fields(
        [
            ("Rodzina", f"{v('family.surname')}, {v('family.address')}"),
            ("Asystent rodziny", v("assistant")),
            ("Okres", f"{v('diary.first_on')}–{v('diary.last_on')}"),
            ("Liczba kontaktów, łączny czas", f"{v('diary.contacts')}, {v('diary.hours')}"),
        ]
    )
    t.table(
        ["Data, godziny", "Forma, miejsce", "Obecni", "Przebieg, zadania rodziny", "Asystent"],
        "c in contacts",
        [
            f"{v('c.date')} {v('c.time')}",
            f"{v('c.form')}, {v('c.place')}",
            f"{v('c.members_present')} {v('c.others_present')}",
            v("c.summary")
            + "{% if c.tasks_family %} Zadania: "
            + v("c.tasks_family")
            + "{% endif %}{% if c.child_safety %} [zagrożenie bezpieczeństwa dziecka]{% endif %}",
            v("c.assistant"),
        ],
        widths=[2.5, 3, 3, 6, 2.5],
    )
    return t.to_bytes()


VISIT_DIARY = DocumentKind(
    code="visit_diary",
    label=_("Dziennik wizyt"),
    source=Family,
    build=build_diary,
    fields=DIARY_FIELDS,
    sample=diary_sample,
    default_docx=diary_docx,
    html_template="documents/pdf/visit_diary.html",
    heavy=diary_heavy,
)
