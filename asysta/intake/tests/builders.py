"""Requests for an assistant built through the real services (for the intake and policy tests)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.families import basis
from asysta.intake import referrals
from asysta.intake.models import ReferralSource


def court_order(family: Any, *, by: Any, on: date, file_number: str = "III Nsm 1/25") -> Any:
    return basis.add_court_order(
        family=family,
        by=by,
        court="Sąd Rejonowy w Oławie",
        file_number=file_number,
        issued_on=on,
    )


def consent(family: Any, *, by: Any, on: date) -> Any:
    return basis.add_consent(family=family, by=by, signed_by="Ewa Kowalska", signed_on=on)


def filed_referral(
    family: Any,
    *,
    social_worker: Any,
    on: date | None = None,
    source: str = ReferralSource.SOCIAL_WORKER,
) -> Any:
    """A request of `family` taken by `social_worker` up to REQUEST_FILED, all on `on`."""
    on = on or timezone.localdate() - timedelta(days=7)
    referral = referrals.create_referral(
        family=family, source=source, reported_on=on, social_worker=social_worker, by=social_worker
    )
    referrals.record_interview(referral=referral, on=on, by=social_worker)
    referrals.record_analysis(
        referral=referral,
        sections={"needs": "Wsparcie w opiece nad dziećmi.", "conclusion": "Potrzebny asystent."},
        need_found=True,
        by=social_worker,
    )
    return referrals.file_request(referral=referral, by=social_worker, on=on)


def queued_referral(family: Any, *, people: Any, on: date, priority: int) -> Any:
    """A request with a court order as its basis, waiting in the queue since `on`."""
    court_order(family, by=people.edward, on=on)
    referral = filed_referral(family, social_worker=people.edward, on=on)
    return referrals.decide_queue(referral=referral, priority=priority, by=people.dorota, on=on)


def assigned_referral_of_fixture_family(family: Any, people: Any) -> Any:
    """The fixture family's assignment to Anna, redone through a request: her open assignment
    ends, a request is filed on a court order and the head assigns Anna again (same day)."""
    from asysta.intake.services import end_assignment

    today = timezone.localdate()
    open_one = family.assignments.get(ended_on__isnull=True)
    end_assignment(assignment=open_one, ended_on=today, reason="reassigned", by=people.dorota)
    court_order(family, by=people.edward, on=today)
    referral = filed_referral(family, social_worker=people.edward, on=today)
    return referrals.decide_assign(
        referral=referral, assistant=people.anna, by=people.dorota, on=today
    )
