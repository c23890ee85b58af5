"""The sources of the chronology: one function per kind of record, one query each.

Each function reads the family's records of one model (with the people it names joined in) and
yields its dated events. Free-text fields are deferred, so no note can reach the timeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.accounts.models import User
from asysta.chronology.timeline import Event, EventKind
from asysta.closure.models import MonitoringContact
from asysta.families.models import Family
from asysta.visits.models import ContactKind


def _events(
    kind: str, obj: Any, url: str, steps: list[tuple[date | None, str, Any]], alert: bool = False
) -> Iterator[Event]:
    """The events of one record: each (date, title, who) step that has a date."""
    for step, (on, title, who) in enumerate(steps):
        if on is not None:
            yield Event(on, kind, title, url, who, alert, (obj.pk, step))


def _url_pattern(name: str, family: Family) -> Any:
    """The address of a family's record by its pk, reversed once (a record's address is the
    family's, then the record's pk as the last part)."""
    sample = reverse(name, args=[family.pk, 0])
    head, tail = sample.rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


def _family_url(family: Family, anchor: str) -> str:
    return reverse("families:detail", args=[family.pk]) + anchor


def _d(on: date) -> str:
    return f"{on:%d.%m.%Y}"


# --- the request, the legal basis, the assignments -----------------------------------------


def referral_events(family: Family) -> Iterator[Event]:
    for r in family.referrals.select_related("social_worker", "decided_by").defer(
        "analysis", "decision_note"
    ):
        url = reverse("intake:referral_detail", args=[family.pk, r.pk])
        yield from _events(
            EventKind.REQUEST,
            r,
            url,
            [
                (r.reported_on, _("Zgłoszenie: %s") % r.get_source_display(), None),
                (r.interview_on, _("Wywiad środowiskowy"), r.social_worker),
                (r.filed_on, _("Wniosek o asystenta złożony kierownikowi"), r.social_worker),
                (r.decided_on, _("Decyzja: %s") % r.get_status_display(), r.decided_by),
            ],
        )


def consent_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#podstawa")
    for c in family.consents.defer("withdrawal_note"):
        yield from _events(
            EventKind.BASIS,
            c,
            url,
            [
                (c.signed_on, _("Zgoda rodziny na współpracę podpisana"), None),
                (c.withdrawn_on, _("Zgoda rodziny wycofana"), None),
            ],
        )


def court_order_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#podstawa")
    for o in family.court_orders.defer("obligation_note"):
        yield from _events(
            EventKind.BASIS,
            o,
            url,
            [
                (o.issued_on, _("Postanowienie sądu (%s)") % o.file_number, None),
                (
                    o.ended_on,
                    _("Postanowienie sądu (%s) przestało obowiązywać") % o.file_number,
                    None,
                ),
            ],
        )


def za_zyciem_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#podstawa")
    for z in family.zz_applications.defer("notes"):
        yield from _events(EventKind.BASIS, z, url, [(z.filed_on, _("Wniosek „Za życiem”"), None)])


def assignment_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#historia")
    for a in family.assignments.select_related("assistant", "created_by"):
        ended = _("Koniec przydziału: %s") % a.get_end_reason_display()
        yield from _events(
            EventKind.ASSIGNMENT,
            a,
            url,
            [
                (a.started_on, _("Przydział asystenta: %s") % a.assistant, a.created_by),
                (a.first_contact_on, _("Pierwsze spotkanie z rodziną"), a.assistant),
                (a.ended_on, ended, None),
            ],
        )


# --- the plan, the contacts, the assessments -------------------------------------------------


def plan_events(family: Family) -> Iterator[Event]:
    plans = family.workplans.select_related("created_by", "approved_by").only(
        "pk", "family_id", "version", "status", "drawn_up_on", "starts_on", "agreed_on",
        "approved_on", "ended_on", "created_by", "approved_by",
    )  # fmt: skip
    for p in plans:
        url = reverse("plans:detail", args=[family.pk, p.pk])
        v = _("Plan pracy, wersja %s") % p.version
        yield from _events(
            EventKind.PLAN,
            p,
            url,
            [
                (p.drawn_up_on, _("%s: sporządzony") % v, p.created_by),
                (p.agreed_on, _("%s: uzgodniony z rodziną") % v, None),
                (p.approved_on, _("%s: zatwierdzony") % v, p.approved_by),
                (p.starts_on, _("%s: obowiązuje od tego dnia") % v, None),
                (p.ended_on, _("%s: %s") % (v, p.get_status_display()), None),
            ],
        )


def contact_events(family: Family) -> Iterator[Event]:
    """The family's contacts (hundreds in a long case) as plain rows, with the few people who
    recorded them read once (two queries); the form's names and the address pattern are worked
    out once, not per contact."""
    rows = family.contacts.values_list("pk", "date", "form", "child_safety", "assistant_id")
    people = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=family.contacts.order_by().values("assistant_id").distinct()
        ).only("first_name", "last_name", "username")
    }
    forms = {value: str(label) for value, label in ContactKind.choices}
    url = _url_pattern("visits:contact_detail", family)
    for pk, on, form, alert, assistant_id in rows:
        title = forms.get(form, form)
        if alert:
            title = _("%s — zagrożenie bezpieczeństwa dziecka") % title
        who = people.get(assistant_id)
        yield Event(on, EventKind.CONTACT, title, url(pk), who, alert, (pk, 0))


def diagnosis_events(family: Family) -> Iterator[Event]:
    for d in family.diagnoses.select_related("made_by").only(
        "pk", "family_id", "made_on", "made_by"
    ):
        url = reverse("assessments:diagnosis_detail", args=[family.pk, d.pk])
        yield from _events(
            EventKind.ASSESSMENT,
            d,
            url,
            [(d.made_on, _("Ocena wstępna sytuacji rodziny"), d.made_by)],
        )


def assessment_events(family: Family) -> Iterator[Event]:
    rows = family.assessments.select_related("made_by", "acknowledged_by").only(
        "pk", "family_id", "period_from", "period_to", "made_on", "submitted_on",
        "acknowledged_on", "made_by", "acknowledged_by",
    )  # fmt: skip
    for a in rows:
        url = reverse("assessments:detail", args=[family.pk, a.pk])
        name = _("Ocena okresowa za %s–%s") % (_d(a.period_from), _d(a.period_to))
        yield from _events(
            EventKind.ASSESSMENT,
            a,
            url,
            [
                (a.made_on, _("%s: sporządzona") % name, a.made_by),
                (a.submitted_on, _("%s: przekazana kierownikowi") % name, a.made_by),
                (a.acknowledged_on, _("%s: przyjęta do wiadomości") % name, a.acknowledged_by),
            ],
        )


def meeting_events(family: Family) -> Iterator[Event]:
    rows = family.team_meetings.select_related("recorded_by", "placement__child").only(
        "pk", "family_id", "kind", "held_on", "decision", "recorded_by",
        "placement__child__first_name",
    )  # fmt: skip
    for m in rows:
        url = reverse("assessments:meeting_detail", args=[family.pk, m.pk])
        # The organiser's child-assessment meeting names its child and may have no decision.
        said = [m.placement.child.first_name] if m.placement_id else []  # type: ignore[union-attr]
        said += [m.get_decision_display()] if m.decision else []
        title = f"{m.get_kind_display()}: {', '.join(said)}" if said else m.get_kind_display()
        yield from _events(EventKind.MEETING, m, url, [(m.held_on, title, m.recorded_by)])


# --- the court, the closure, the family record -----------------------------------------------


def opinion_request_events(family: Family) -> Iterator[Event]:
    rows = family.opinion_requests.select_related("created_by", "approved_by").only(
        "pk", "family_id", "file_number", "received_on", "approved_on", "sent_on",
        "created_by", "approved_by",
    )  # fmt: skip
    for r in rows:
        url = reverse("court:request_detail", args=[family.pk, r.pk])
        yield from _events(
            EventKind.COURT,
            r,
            url,
            [
                (r.received_on, _("Wniosek sądu o opinię (%s)") % r.file_number, r.created_by),
                (
                    r.approved_on,
                    _("Opinia dla sądu zatwierdzona (%s)") % r.file_number,
                    r.approved_by,
                ),
                (r.sent_on, _("Opinia wysłana do sądu (%s)") % r.file_number, None),
            ],
        )


def court_notice_events(family: Family) -> Iterator[Event]:
    url = reverse("court:notices", args=[family.pk])
    rows = family.court_notices.select_related("sent_by").only(
        "pk", "family_id", "subject", "sent_on", "sent_by"
    )
    for n in rows:
        title = _("Pismo do sądu: %s") % n.subject
        yield from _events(EventKind.COURT, n, url, [(n.sent_on, title, n.sent_by)])


def closure_events(family: Family) -> Iterator[Event]:
    rows = family.closures.select_related("closed_by").only(
        "pk", "family_id", "closed_on", "reason", "monitoring_ended_on", "reopened_on", "closed_by"
    )
    for c in rows:
        url = reverse("closure:detail", args=[family.pk, c.pk])
        yield from _events(
            EventKind.CLOSURE,
            c,
            url,
            [
                (c.closed_on, _("Zakończenie pracy: %s") % c.get_reason_display(), c.closed_by),
                (c.monitoring_ended_on, _("Koniec monitoringu"), None),
                (c.reopened_on, _("Wznowienie pracy z rodziną"), None),
            ],
        )


def monitoring_events(family: Family) -> Iterator[Event]:
    rows = (
        MonitoringContact.objects.filter(family=family)
        .select_related("by")
        .only("pk", "family_id", "closure_id", "contacted_on", "form", "concern", "by")
    )
    for m in rows:
        url = reverse("closure:detail", args=[family.pk, m.closure_id])
        title = _("Monitoring: %s") % m.get_form_display()
        if m.concern:
            title = _("%s — niepokojące sygnały") % title
        yield from _events(
            EventKind.CLOSURE, m, url, [(m.contacted_on, title, m.by)], alert=m.concern
        )


def blue_card_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#niebieska-karta")
    for b in family.blue_cards.only("pk", "family_id", "started_on", "ended_on"):
        yield from _events(
            EventKind.BLUE_CARD,
            b,
            url,
            [
                (b.started_on, _("Wszczęcie procedury „Niebieskie Karty”"), None),
                (b.ended_on, _("Zakończenie procedury „Niebieskie Karty”"), None),
            ],
        )


def placement_events(family: Family) -> Iterator[Event]:
    url = _family_url(family, "#poza-rodzina")
    for p in family.placements.select_related("child"):
        child = p.child.first_name
        yield from _events(
            EventKind.PLACEMENT,
            p,
            url,
            [
                (p.since, _("%s: %s") % (child, p.get_kind_display()), None),
                (p.until, _("%s: koniec pobytu poza rodziną") % child, None),
            ],
        )
