"""The demo centre's cases: each family's path through intake, built with the real services.

Assigned families go the whole way (request, interview, analysis, legal basis, the head's
decision, the first meeting); the others stop in every other state of a request, so that the
demo shows the queue, refusals, a request passed on and one closed for lack of need.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from auditlog.context import set_actor

ANALYSIS = {
    "needs": "Wsparcie w opiece nad dziećmi i prowadzeniu gospodarstwa domowego.",
    "resources": "Rodzina utrzymuje kontakt z ośrodkiem, dzieci uczęszczają do szkoły.",
    "goals": "Poprawa organizacji dnia, regularne wizyty w poradni, powrót matki do pracy.",
    "conclusion": "Zasadne przydzielenie asystenta rodziny.",
}
NO_NEED = {
    "needs": "Trudności wychowawcze nastolatka (wagary).",
    "resources": "Rodzice zaangażowani, stała praca ojca.",
    "conclusion": "Wystarczy wsparcie pedagoga szkolnego; asystent nie jest potrzebny.",
}
# Assigned families whose first meeting with the assistant has not taken place yet.
AWAITING_FIRST_MEETING = {2, 9}
COURT = "Sąd Rejonowy w Zielonej Dolinie, III Wydział Rodzinny i Nieletnich"


def _parents(family: Any) -> str:
    names = [str(m) for m in family.members.filter(role="parent")]
    return ", ".join(names) or family.surname


def _basis(family: Any, kind: str, on: date, by: Any, number: int) -> None:
    from asysta.families import basis

    if kind in ("court", "court_no_consent"):
        basis.add_court_order(
            family=family,
            by=by,
            court=COURT,
            file_number=f"III Nsm {100 + number}/{on:%y}",
            issued_on=on - timedelta(days=14),
            obligation="assistant",
            kurator="kurator zawodowy Jan Wierzba",
        )
    if kind == "za_zyciem":
        basis.add_za_zyciem_application(
            family=family,
            by=by,
            filed_on=on,
            applicant=_parents(family),
            pregnancy_week=22,
            notes="Diagnoza prenatalna: ciężka wada serca dziecka.",
        )
    if kind != "court_no_consent":
        basis.add_consent(
            family=family,
            by=by,
            signed_by=_parents(family),
            signed_on=on,
            document_ref=f"teczka {family.case_number}",
        )


def _to_filed(
    family: Any, users: dict[str, Any], reported: date, source: str, kind: str, number: int
) -> Any:
    from asysta.intake import referrals

    worker = users["pracownik"]
    with set_actor(worker):  # the audit trail credits the social worker with these steps
        referral = referrals.create_referral(
            family=family, source=source, reported_on=reported, social_worker=worker, by=worker
        )
        referrals.schedule_interview(referral=referral, on=reported + timedelta(days=2), by=worker)
        referrals.record_interview(referral=referral, on=reported + timedelta(days=5), by=worker)
        referrals.record_analysis(referral=referral, sections=ANALYSIS, need_found=True, by=worker)
        _basis(family, kind, reported + timedelta(days=5), worker, number)
        referrals.file_request(referral=referral, by=worker, on=reported + timedelta(days=7))
        return referral


def assigned_case(
    family: Any,
    users: dict[str, Any],
    assistant: Any,
    started: date,
    today: date,
    kind: str,
    number: int,
) -> None:
    """A family with an assistant: the whole intake path, the first meeting if it took place."""
    from asysta.intake import referrals

    source = {"court": "court", "court_no_consent": "court", "za_zyciem": "za_zyciem"}.get(
        kind, "social_worker"
    )
    referral = _to_filed(family, users, started - timedelta(days=21), source, kind, number)
    referrals.decide_assign(
        referral=referral, assistant=assistant, by=users["kierownik"], on=started
    )
    meeting = started + timedelta(days=3)
    if number not in AWAITING_FIRST_MEETING:
        referrals.record_first_meeting(
            referral=referral,
            on=meeting,
            by=assistant,
            present=f"pracownik socjalny {users['pracownik']}, {_parents(family)}",
        )


def waiting_case(family: Any, users: dict[str, Any], state: str, today: date, number: int) -> None:
    """A family whose request stops in `state` (every state other than assigned/active)."""
    from asysta.intake import referrals
    from asysta.intake.models import QueuePriority

    worker, head = users["pracownik"], users["kierownik"]
    reported = today - timedelta(days=20 + number)
    if state in (
        "reported",
        "interview_scheduled",
        "interview_done",
        "analysis_done",
        "closed_no_need",
    ):
        referral = referrals.create_referral(
            family=family,
            source="school",
            source_detail="Szkoła Podstawowa nr 1",
            reported_on=reported,
            social_worker=worker,
            by=worker,
        )
        if state == "reported":
            return
        planned = today + timedelta(days=3) if state == "interview_scheduled" else reported
        referrals.schedule_interview(referral=referral, on=planned, by=worker)
        if state == "interview_scheduled":
            return
        referrals.record_interview(referral=referral, on=reported + timedelta(days=4), by=worker)
        if state == "interview_done":
            return
        need = state != "closed_no_need"
        referrals.record_analysis(
            referral=referral, sections=ANALYSIS if need else NO_NEED, need_found=need, by=worker
        )
        if state == "closed_no_need":
            referrals.close_no_need(
                referral=referral,
                by=worker,
                on=reported + timedelta(days=9),
                reason="Wystarczy wsparcie pedagoga szkolnego.",
            )
        return
    kind = "court" if state == "queued_court" else "consent"
    referral = _to_filed(
        family, users, reported, "court" if kind == "court" else "family", kind, number
    )
    decided = reported + timedelta(days=10)
    if state == "refused":
        referrals.decide_refuse(
            referral=referral,
            by=head,
            on=decided,
            reason="Rodzina korzysta z pomocy asystenta organizacji "
            "pozarządowej w ramach projektu; podwójne wsparcie.",
        )
    elif state == "passed_on":
        referrals.decide_pass_on(
            referral=referral,
            by=head,
            on=decided,
            addressee="Stowarzyszenie „Rodzina Razem” (zadanie zlecone)",
            note="Rodzina mieszka w rejonie działania stowarzyszenia.",
        )
    elif state.startswith("queued"):
        priority = {
            "queued_court": QueuePriority.COURT_ORDER,
            "queued_risk": QueuePriority.PLACEMENT_RISK,
        }.get(state, QueuePriority.OTHER)
        referrals.decide_queue(referral=referral, priority=priority, by=head, on=decided)


# The states shown by the families without an assistant, in the order of their case numbers.
WAITING_STATES = [
    "reported",
    "interview_scheduled",
    "interview_done",
    "analysis_done",
    "closed_no_need",
    "request_filed",
    "refused",
    "passed_on",
    "queued_court",
    "queued_risk",
    "queued_other",
]


def record_details(family: Any, users: dict[str, Any], detail: str, today: date) -> None:
    """Problem areas for every family; a child in foster care, a Niebieska Karta, Za życiem."""
    from asysta.families import record
    from asysta.families.services import update_member

    assistant = users["kierownik"]
    areas = {"care": "", "household": "Zaległości w opłatach za mieszkanie."}
    if detail == "foster_care":
        child = family.members.filter(role="child").order_by("birth_date").first()
        record.add_placement(
            family=family,
            by=assistant,
            child=child,
            kind="kinship",
            carer="babcia macierzysta (rodzina zastępcza spokrewniona)",
            pcpr="PCPR w Zielonej Dolinie",
            coordinator="Maria Kos, koordynator pieczy",
            since=today - timedelta(days=200),
            court_file="III Nsm 77/25",
        )
    elif detail == "blue_card":
        areas["violence"] = ""
        record.start_blue_card(
            family=family,
            by=assistant,
            started_on=today - timedelta(days=40),
            details="Formularz NK-A wypełniony przez policję po interwencji.",
            team="Zespół interdyscyplinarny w Zielonej Dolinie",
        )
    elif detail == "za_zyciem":
        mother = family.members.filter(role="parent", sex="F").first()
        if mother is not None:
            update_member(
                member=mother,
                by=assistant,
                health_notes="Ciąża, 22. tydzień; diagnoza prenatalna wady serca.",
            )
        areas = {"illness": "Ciężka choroba dziecka zdiagnozowana w okresie prenatalnym."}
    record.set_problems(family=family, by=assistant, areas=areas)
