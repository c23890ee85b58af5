"""Domain scenarios 1, 5, 11 and 12 of domain.md §16, end to end through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.core import testing
from asysta.families import basis
from asysta.families.models import CourtObligation, Family
from asysta.intake import referrals
from asysta.intake.models import Assignment, EndReason, QueuePriority, ReferralSource
from asysta.intake.models import ReferralStatus as S
from asysta.intake.referrals import ReferralError
from asysta.intake.services import capacity_table, end_assignment
from asysta.intake.tests import builders

TODAY = timezone.localdate()


def _born(age: int) -> date:
    """A birth date at which the person is `age` today (1 January is safe on any day)."""
    return date(TODAY.year - age, 1, 1)


def _to_filed(family, sw, *, on, source, detail=""):
    referral = referrals.create_referral(
        family=family,
        source=source,
        source_detail=detail,
        reported_on=on,
        social_worker=sw,
        by=sw,
    )
    referrals.schedule_interview(referral=referral, on=on + timedelta(days=2), by=sw)
    referrals.record_interview(referral=referral, on=on + timedelta(days=2), by=sw)
    referrals.record_analysis(
        referral=referral,
        sections={"needs": "Opieka i wychowanie dzieci", "conclusion": "Potrzebny asystent"},
        need_found=True,
        by=sw,
    )
    return referrals.file_request(referral=referral, by=sw, on=on + timedelta(days=3))


def test_scenario_1_court_ordered_family_without_consent(people):
    """Kowalscy: the court (III Nsm 123/25, Oława) obliges them; the parents refuse consent."""
    start = TODAY - timedelta(days=20)
    fam = testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Kowalscy",
    )
    for first, sex, age, role in [
        ("Marek", "M", 34, "parent"),
        ("Ewa", "F", 31, "parent"),
        ("Kuba", "M", 9, "child"),
        ("Zosia", "F", 4, "child"),
    ]:
        testing.make_member(
            family=fam,
            by=people.edward,
            first_name=first,
            sex=sex,
            role=role,
            birth_date=_born(age),
        )
    basis.add_court_order(
        family=fam,
        by=people.edward,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 123/25",
        issued_on=start,
        obligation=CourtObligation.WORK_WITH_ASSISTANT,
    )
    current = basis.current_basis(fam, start)
    assert current.valid and current.consent is None and "III Nsm 123/25" in current.label

    with set_actor(people.edward):
        referral = _to_filed(
            fam, people.edward, on=start, source=ReferralSource.COURT, detail="III Nsm 123/25"
        )
    with set_actor(people.dorota):
        referrals.decide_assign(
            referral=referral, assistant=people.anna, by=people.dorota, on=start + timedelta(4)
        )
    with set_actor(people.anna):
        referrals.record_first_meeting(
            referral=referral,
            on=start + timedelta(days=6),
            present="Edward Pracownik (pracownik socjalny), Marek i Ewa Kowalscy",
            by=people.anna,
        )
    referral.refresh_from_db()
    assert referral.status == S.ACTIVE and not fam.consents.exists()
    assert referral.assignment.assistant == people.anna
    assert "pracownik socjalny" in referral.assignment.first_contact_present
    assert Family.objects.visible_to(people.anna).filter(pk=fam.pk).exists()
    decision = [
        e for e in LogEntry.objects.get_for_object(referral) if "assignment" in e.changes_dict
    ]
    assert decision and decision[0].actor == people.dorota


@pytest.fixture
def oława(db):
    """A centre of its own: head, social worker, Joanna (15 families incl. 1 ZŻ), Karol (14)."""
    centre = testing.make_centre(terc="0215011", name="MOPS Oława")
    mk = testing.make_user
    staff = {
        "head": mk("hanna", centre=centre, roles=["head"], first="Hanna", last="Kierownik"),
        "sw": mk("stefan", centre=centre, roles=["social_worker"], first="Stefan", last="Socjalny"),
        "joanna": mk("joanna", centre=centre, roles=["assistant"], first="Joanna", last="Lis"),
        "karol": mk("karol", centre=centre, roles=["assistant"], first="Karol", last="Wilk"),
    }
    head = staff["head"]
    zz = testing.make_family(consent=False, centre=centre, by=head, surname="Wiśniewscy")
    basis.add_za_zyciem_application(
        family=zz, by=head, filed_on=TODAY - timedelta(days=40), applicant="Anna Wiśniewska"
    )
    basis.add_consent(family=zz, by=head, signed_by="Anna Wiśniewska", signed_on=TODAY)
    assert basis.current_basis(zz).za_zyciem is not None
    joanna_first = testing.assign(family=zz, assistant=staff["joanna"], by=head)
    for assistant, count in (("joanna", 14), ("karol", 14)):
        for _ in range(count):
            other = testing.make_family(centre=centre, by=head)
            testing.assign(family=other, assistant=staff[assistant], by=head)
    staff["centre"], staff["joanna_first"] = centre, joanna_first
    return staff


def test_scenario_5_assistant_at_the_cap(oława):
    s = oława
    centre, head, sw = s["centre"], s["head"], s["sw"]
    on = TODAY - timedelta(days=10)
    first = testing.make_family(
        consent=False, centre=centre, by=head, social_worker=sw, surname="Wójcikowie"
    )
    builders.consent(first, by=sw, on=on)
    referral = _to_filed(first, sw, on=on, source=ReferralSource.SCHOOL)
    with pytest.raises(ReferralError) as refused:
        referrals.decide_assign(referral=referral, assistant=s["joanna"], by=head, on=TODAY)
    assert "15 rodzin" in refused.value.message and "art. 15 ust. 4" in refused.value.message
    assert [r.assistant for r in referrals.suggestions(capacity_table(centre))] == [s["karol"]]
    referrals.decide_assign(referral=referral, assistant=s["karol"], by=head, on=TODAY)

    court = testing.make_family(
        consent=False, centre=centre, by=head, social_worker=sw, surname="Kowalczykowie"
    )
    builders.court_order(court, by=sw, on=on, file_number="III Nsm 77/26")
    waiting = _to_filed(court, sw, on=on, source=ReferralSource.COURT)
    assert referrals.suggestions(capacity_table(centre)) == []
    referrals.decide_queue(
        referral=waiting, priority=QueuePriority.COURT_ORDER, by=head, on=TODAY, note="brak miejsc"
    )
    assert referrals.queue_offers(centre) == []

    end_assignment(
        assignment=s["joanna_first"], ended_on=TODAY, reason=EndReason.GOALS_ACHIEVED, by=head
    )
    offers = referrals.queue_offers(centre)
    assert [(o.capacity.assistant, o.referral) for o in offers] == [(s["joanna"], waiting)]
    referrals.assign_from_queue(referral=waiting, assistant=s["joanna"], by=head, on=TODAY)
    waiting.refresh_from_db()
    assert waiting.status == S.ASSIGNED and waiting.assignment.assistant == s["joanna"]
    open_counts = {row.assistant: row.open_families for row in capacity_table(centre)}
    assert open_counts == {s["joanna"]: 15, s["karol"]: 15}


def test_scenario_11_minor_mother_leaving_a_youth_centre(people):
    """Oliwia (17) leaves a MOW with her 5-month-old daughter (the art. 11 path for minors)."""
    fam = testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Zając",
    )
    oliwia = {"first_name": "Oliwia", "sex": "F", "role": "parent", "birth_date": _born(17)}
    with pytest.raises(ValidationError) as minor:
        testing.make_member(family=fam, by=people.edward, **oliwia)
    assert "notes" in minor.value.message_dict
    testing.make_member(
        family=fam,
        by=people.edward,
        notes="Małoletnia matka, opuszcza MOW w Starym Sączu.",
        **oliwia,
    )
    testing.make_member(
        family=fam,
        by=people.edward,
        first_name="Lena",
        sex="F",
        role="child",
        birth_date=TODAY - timedelta(days=152),
    )
    on = TODAY - timedelta(days=7)
    builders.consent(fam, by=people.edward, on=on)
    referral = _to_filed(
        fam, people.edward, on=on, source=ReferralSource.MINOR_PARENT, detail="MOW Stary Sącz"
    )
    before = {r.assistant: r.open_families for r in capacity_table(people.centre)}
    referrals.decide_assign(referral=referral, assistant=people.bartek, by=people.dorota, on=TODAY)
    after = {r.assistant: r.open_families for r in capacity_table(people.centre)}
    assert after[people.bartek] == before[people.bartek] + 1
    assert Family.objects.visible_to(people.bartek).filter(pk=fam.pk).exists()
    referral.refresh_from_db()
    assert referral.status == S.ASSIGNED and referral.source == ReferralSource.MINOR_PARENT


def test_scenario_12_no_need_found(people):
    """Pawlak: a teenager's truancy; the analysis finds the school pedagogue is enough."""
    fam = testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Pawlakowie",
    )
    on = TODAY - timedelta(days=14)
    with set_actor(people.edward):
        referral = referrals.create_referral(
            family=fam,
            source=ReferralSource.FAMILY,
            source_detail="wagary syna (15 l.)",
            reported_on=on,
            social_worker=people.edward,
            by=people.edward,
        )
        referrals.record_interview(referral=referral, on=on + timedelta(days=3), by=people.edward)
        referrals.record_analysis(
            referral=referral,
            sections={
                "needs": "Wsparcie w motywowaniu syna do nauki.",
                "resources": "Zaangażowani rodzice, dobra współpraca ze szkołą.",
                "conclusion": "Wystarczy wsparcie pedagoga szkolnego.",
            },
            need_found=False,
            by=people.edward,
        )
        reason = "Analiza: wystarczy wsparcie pedagoga szkolnego; asystent nie jest potrzebny."
        referrals.close_no_need(referral=referral, reason=reason, by=people.edward)
    referral.refresh_from_db()
    assert referral.status == S.CLOSED_NO_NEED and referral.decision_note == reason
    assert referral.analysis["conclusion"].startswith("Wystarczy")
    assert referral.decided_by == people.edward and referral.decided_on == TODAY
    assert not Assignment.objects.filter(family=fam).exists()
    with pytest.raises(ReferralError):
        referrals.file_request(referral=referral, by=people.edward, on=TODAY)
    closing = LogEntry.objects.get_for_object(referral).latest("pk")
    assert closing.actor == people.edward
    assert closing.changes_dict["status"] == [S.ANALYSIS_DONE, S.CLOSED_NO_NEED]
