"""The request for an assistant: transitions, audit, the legal-basis gate, the queue and offers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.utils import timezone

from asysta.core import testing
from asysta.families import basis
from asysta.intake import referrals
from asysta.intake.models import Assignment, QueuePriority, Referral, ReferralSource
from asysta.intake.models import ReferralStatus as S
from asysta.intake.referrals import ReferralError
from asysta.intake.services import end_assignment
from asysta.intake.tests import builders

DAY = date(2026, 3, 2)


@pytest.fixture
def fam(people):
    """A family of centre A without an assistant; Edward is its social worker."""
    return testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname="Nowakowie",
    )


def _status_changes(referral):
    entries = LogEntry.objects.get_for_object(referral).order_by("pk")
    return [(e.actor, e.changes_dict["status"][1]) for e in entries if "status" in e.changes_dict]


def test_the_whole_course_is_audited_with_the_actor_of_each_step(people, fam):
    builders.court_order(fam, by=people.edward, on=DAY)
    with set_actor(people.edward):
        ref = referrals.create_referral(
            family=fam,
            source=ReferralSource.SCHOOL,
            source_detail="SP nr 2",
            reported_on=DAY,
            social_worker=people.edward,
            by=people.edward,
        )
        referrals.schedule_interview(referral=ref, on=DAY + timedelta(days=3), by=people.edward)
        referrals.record_interview(referral=ref, on=DAY + timedelta(days=3), by=people.edward)
        referrals.record_analysis(
            referral=ref, sections={"needs": "Opieka"}, need_found=True, by=people.edward
        )
        referrals.file_request(referral=ref, by=people.edward, on=DAY + timedelta(days=4))
    with set_actor(people.dorota):
        referrals.decide_assign(
            referral=ref, assistant=people.bartek, by=people.dorota, on=DAY + timedelta(days=5)
        )
    with set_actor(people.bartek):
        referrals.record_first_meeting(
            referral=ref, on=DAY + timedelta(days=8), present="Edward, matka", by=people.bartek
        )
    ref.refresh_from_db()
    assert ref.status == S.ACTIVE and ref.decided_by == people.dorota
    assert ref.assignment.assistant == people.bartek
    assert ref.assignment.first_contact_on == DAY + timedelta(days=8)
    assert _status_changes(ref) == [
        (people.edward, S.REPORTED),
        (people.edward, S.INTERVIEW_SCHEDULED),
        (people.edward, S.INTERVIEW_DONE),
        (people.edward, S.ANALYSIS_DONE),
        (people.edward, S.REQUEST_FILED),
        (people.dorota, S.ASSIGNED),
        (people.bartek, S.ACTIVE),
    ]
    first_contact = LogEntry.objects.get_for_object(ref.assignment).latest("pk")
    assert first_contact.actor == people.bartek and "first_contact_on" in first_contact.changes_dict


def test_a_family_with_an_assistant_cannot_get_a_request(people, family):
    with pytest.raises(ReferralError, match="ma już przydzielonego asystenta"):
        referrals.create_referral(
            family=family,
            source=ReferralSource.FAMILY,
            reported_on=DAY,
            social_worker=people.edward,
            by=people.edward,
        )
    assert not Referral.objects.filter(family=family).exists()


def test_one_request_in_progress_per_family(people, fam):
    builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    with pytest.raises(ReferralError, match="wniosek w toku"):
        referrals.create_referral(
            family=fam,
            source=ReferralSource.FAMILY,
            reported_on=DAY,
            social_worker=people.edward,
            by=people.dorota,
        )
    assert Referral.objects.filter(family=fam).count() == 1


def test_the_head_links_the_social_worker_to_a_family_without_one(people):
    lone = testing.make_family(consent=False, centre=people.centre, by=people.dorota)
    referrals.create_referral(
        family=lone,
        source=ReferralSource.POLICE,
        reported_on=DAY,
        social_worker=people.edward,
        by=people.dorota,
    )
    lone.refresh_from_db()
    assert lone.social_worker == people.edward


@pytest.mark.parametrize("who", ["anna", "zofia", "urszula"])
def test_only_the_social_worker_or_the_managers_register_a_request(people, fam, who):
    with pytest.raises(ReferralError):
        referrals.create_referral(
            family=fam,
            source=ReferralSource.FAMILY,
            reported_on=DAY,
            social_worker=people.edward,
            by=getattr(people, who),
        )


def test_the_named_social_worker_must_be_one_and_dates_not_in_the_future(people, fam):
    with pytest.raises(ReferralError) as info:
        referrals.create_referral(
            family=fam,
            source="family",
            reported_on=DAY,
            social_worker=people.anna,
            by=people.dorota,
        )
    assert info.value.field == "social_worker"
    with pytest.raises(ReferralError) as info:
        referrals.create_referral(
            family=fam,
            source="family",
            reported_on=timezone.localdate() + timedelta(days=1),
            social_worker=people.edward,
            by=people.dorota,
        )
    assert info.value.field == "reported_on"


# --- wrong transitions ---------------------------------------------------------------------


def _reported(people, fam):
    return referrals.create_referral(
        family=fam,
        source=ReferralSource.FAMILY,
        reported_on=DAY,
        social_worker=people.edward,
        by=people.edward,
    )


def test_a_request_not_filed_cannot_be_decided(people, fam):
    ref = _reported(people, fam)
    builders.consent(fam, by=people.edward, on=DAY)
    with pytest.raises(ReferralError, match="obecnym etapie"):
        referrals.decide_assign(referral=ref, assistant=people.bartek, by=people.dorota, on=DAY)
    with pytest.raises(ReferralError, match="obecnym etapie"):
        referrals.decide_refuse(referral=ref, reason="Nie", by=people.dorota, on=DAY)
    ref.refresh_from_db()
    assert ref.status == S.REPORTED and not Assignment.objects.filter(family=fam).exists()


def test_analysis_before_the_interview_and_unknown_sections_are_refused(people, fam):
    ref = _reported(people, fam)
    with pytest.raises(ReferralError, match="obecnym etapie"):
        referrals.record_analysis(referral=ref, sections={}, need_found=True, by=people.edward)
    referrals.record_interview(referral=ref, on=DAY, by=people.edward)
    with pytest.raises(ReferralError) as info:
        referrals.record_analysis(
            referral=ref, sections={"horoskop": "x"}, need_found=True, by=people.edward
        )
    assert info.value.field == "sections" and "horoskop" in info.value.message
    with pytest.raises(ReferralError, match="co najmniej jedną"):
        referrals.record_analysis(
            referral=ref, sections={"needs": "  "}, need_found=True, by=people.edward
        )


def test_filing_needs_a_found_need_and_closing_needs_none(people, fam):
    ref = _reported(people, fam)
    referrals.record_interview(referral=ref, on=DAY, by=people.edward)
    referrals.record_analysis(
        referral=ref,
        sections={"conclusion": "Wystarczy pedagog"},
        need_found=False,
        by=people.edward,
    )
    with pytest.raises(ReferralError, match="potrzebę asystenta"):
        referrals.file_request(referral=ref, by=people.edward, on=DAY)
    referrals.record_analysis(
        referral=ref, sections={"conclusion": "Potrzebny"}, need_found=True, by=people.edward
    )
    with pytest.raises(ReferralError, match="złóż wniosek"):
        referrals.close_no_need(referral=ref, reason="x", by=people.edward)


def test_dates_before_the_previous_step_are_refused_on_the_date_field(people, fam):
    ref = _reported(people, fam)
    with pytest.raises(ReferralError) as info:
        referrals.record_interview(referral=ref, on=DAY - timedelta(days=1), by=people.edward)
    assert info.value.field == "on" and "02.03.2026" in info.value.message
    ref = builders.filed_referral(
        testing.make_family(
            consent=False, centre=people.centre, by=people.dorota, social_worker=people.edward
        ),
        social_worker=people.edward,
        on=DAY,
    )
    with pytest.raises(ReferralError) as info:
        referrals.decide_refuse(
            referral=ref, reason="x", by=people.dorota, on=DAY - timedelta(days=1)
        )
    assert info.value.field == "on"


@pytest.mark.parametrize("who", ["edward", "anna", "zofia"])
def test_only_the_head_or_coordinator_decides(people, fam, who):
    builders.consent(fam, by=people.edward, on=DAY)
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    with pytest.raises(ReferralError, match="kierownik lub koordynator"):
        referrals.decide_queue(
            referral=ref, priority=QueuePriority.OTHER, by=getattr(people, who), on=DAY
        )


# --- the consent / court gate ----------------------------------------------------------------


def test_no_basis_refuses_every_decision_but_a_refusal(people, fam):
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    for decide in (
        lambda: referrals.decide_assign(
            referral=ref, assistant=people.bartek, by=people.dorota, on=DAY
        ),
        lambda: referrals.decide_pass_on(
            referral=ref, addressee="Stowarzyszenie", by=people.dorota, on=DAY, note=""
        ),
        lambda: referrals.decide_queue(
            referral=ref, priority=QueuePriority.OTHER, by=people.dorota, on=DAY
        ),
    ):
        with pytest.raises(ReferralError, match="Brak podstawy prawnej"):
            decide()
    ref.refresh_from_db()
    assert ref.status == S.REQUEST_FILED and not Assignment.objects.filter(family=fam).exists()
    referrals.decide_refuse(referral=ref, reason="Rodzina nie chce", by=people.dorota, on=DAY)
    ref.refresh_from_db()
    assert ref.status == S.REFUSED and ref.decision_note == "Rodzina nie chce"


def test_a_refusal_needs_a_reason(people, fam):
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    with pytest.raises(ReferralError) as info:
        referrals.decide_refuse(referral=ref, reason=" ", by=people.dorota, on=DAY)
    assert info.value.field == "reason"


def test_consent_is_a_basis(people, fam):
    builders.consent(fam, by=people.edward, on=DAY)
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    referrals.decide_assign(referral=ref, assistant=people.bartek, by=people.celina, on=DAY)
    assert Referral.objects.get(pk=ref.pk).status == S.ASSIGNED


def test_court_order_without_consent_is_a_basis(people, fam):
    builders.court_order(fam, by=people.edward, on=DAY)
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    referrals.decide_pass_on(
        referral=ref, addressee="Fundacja Razem", by=people.dorota, on=DAY, note="umowa 3/2026"
    )
    ref.refresh_from_db()
    assert ref.status == S.PASSED_ON and ref.passed_to == "Fundacja Razem"


def test_withdrawn_consent_of_a_court_obliged_family_is_still_a_basis(people, fam):
    builders.court_order(fam, by=people.edward, on=DAY)
    consent = builders.consent(fam, by=people.edward, on=DAY)
    basis.withdraw_consent(consent=consent, by=people.edward, on=DAY + timedelta(days=1))
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY + timedelta(days=1))
    referrals.decide_queue(
        referral=ref, priority=QueuePriority.COURT_ORDER, by=people.dorota, on=DAY + timedelta(1)
    )
    assert Referral.objects.get(pk=ref.pk).status == S.QUEUED


def test_withdrawn_consent_alone_is_no_basis(people, fam):
    consent = builders.consent(fam, by=people.edward, on=DAY)
    basis.withdraw_consent(consent=consent, by=people.edward, on=DAY + timedelta(days=1))
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY + timedelta(days=1))
    with pytest.raises(ReferralError, match="Brak podstawy prawnej"):
        referrals.decide_assign(
            referral=ref, assistant=people.bartek, by=people.dorota, on=DAY + timedelta(days=1)
        )


def test_the_cap_refusal_leaves_the_request_undecided(people, fam):
    for _ in range(15):
        other = testing.make_family(centre=people.centre, by=people.dorota)
        testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    builders.consent(fam, by=people.edward, on=DAY)
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    with pytest.raises(ReferralError) as info:
        referrals.decide_assign(referral=ref, assistant=people.bartek, by=people.dorota, on=DAY)
    assert info.value.field == "assistant" and "15 rodzin" in info.value.message
    ref.refresh_from_db()
    assert ref.status == S.REQUEST_FILED and ref.assignment is None


# --- the queue --------------------------------------------------------------------------------


def _family(people, surname):
    return testing.make_family(
        consent=False,
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname=surname,
    )


def test_queue_order_is_priority_then_date(people):
    rows = [
        ("Inni", QueuePriority.OTHER, DAY),
        ("ZaZyciem", QueuePriority.ZA_ZYCIEM, DAY),
        ("SadPozny", QueuePriority.COURT_ORDER, DAY + timedelta(days=2)),
        ("Piecza", QueuePriority.PLACEMENT_RISK, DAY),
        ("SadWczesny", QueuePriority.COURT_ORDER, DAY + timedelta(days=1)),
    ]
    for surname, priority, on in rows:
        builders.queued_referral(_family(people, surname), people=people, on=on, priority=priority)
    order = [r.family.surname for r in referrals.queue(people.centre)]
    assert order == ["SadWczesny", "SadPozny", "Piecza", "ZaZyciem", "Inni"]


def test_the_queue_head_is_offered_when_a_place_frees(people):
    # Anna and Bartek are full: Anna has 15, Bartek 15.
    assignments = []
    for assistant in (people.anna, people.bartek):
        for _ in range(15):
            other = testing.make_family(centre=people.centre, by=people.dorota)
            assignments.append(testing.assign(family=other, assistant=assistant, by=people.dorota))
    today = timezone.localdate()
    week_ago = today - timedelta(days=7)
    first = builders.queued_referral(
        _family(people, "Pierwsi"), people=people, on=week_ago, priority=QueuePriority.COURT_ORDER
    )
    builders.queued_referral(
        _family(people, "Drudzy"), people=people, on=week_ago, priority=QueuePriority.OTHER
    )
    assert referrals.queue_offers(people.centre) == []
    end_assignment(assignment=assignments[0], ended_on=today, reason="moved_away", by=people.dorota)
    offers = referrals.queue_offers(people.centre)
    assert [(o.capacity.assistant, o.referral) for o in offers] == [(people.anna, first)]
    referrals.assign_from_queue(referral=first, assistant=people.anna, by=people.dorota, on=today)
    first.refresh_from_db()
    assert first.status == S.ASSIGNED and first.assignment.assistant == people.anna
    assert referrals.queue_offers(people.centre) == []


def test_no_offers_when_the_queue_is_empty(people):
    assert referrals.queue_offers(people.centre) == []


def test_an_old_interview_must_be_renewed_before_assigning_from_the_queue(people, fam):
    people.centre.interview_valid_days = 30
    people.centre.save()
    ref = builders.queued_referral(fam, people=people, on=DAY, priority=QueuePriority.OTHER)
    later = DAY + timedelta(days=31)
    with pytest.raises(ReferralError, match="nowy wywiad"):
        referrals.assign_from_queue(
            referral=ref, assistant=people.bartek, by=people.dorota, on=later
        )
    referrals.renew_interview(referral=ref, on=later, by=people.edward)
    referrals.assign_from_queue(referral=ref, assistant=people.bartek, by=people.dorota, on=later)
    assert Referral.objects.get(pk=ref.pk).status == S.ASSIGNED


def test_first_meeting_needs_who_was_present_and_is_not_before_the_assignment(people, fam):
    builders.consent(fam, by=people.edward, on=DAY)
    ref = builders.filed_referral(fam, social_worker=people.edward, on=DAY)
    referrals.decide_assign(referral=ref, assistant=people.bartek, by=people.dorota, on=DAY)
    with pytest.raises(ReferralError) as info:
        referrals.record_first_meeting(referral=ref, on=DAY, present="", by=people.edward)
    assert info.value.field == "present"
    with pytest.raises(ReferralError) as info:
        referrals.record_first_meeting(
            referral=ref, on=DAY - timedelta(days=1), present="Edward", by=people.edward
        )
    assert info.value.field == "on"
    with pytest.raises(ReferralError):  # not the family's assistant
        referrals.record_first_meeting(referral=ref, on=DAY, present="Edward", by=people.anna)
    assert Referral.objects.get(pk=ref.pk).status == S.ASSIGNED
