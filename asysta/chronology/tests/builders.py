"""A family with at least one event of every kind, built through the apps' own services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from asysta.assessments.tests.builders import diagnosis, meeting, submitted_assessment
from asysta.closure import services as closure_services
from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.court import services as court_services
from asysta.court.tests.builders import opinion_request
from asysta.families import basis, record
from asysta.intake.tests.builders import assigned_referral_of_fixture_family
from asysta.plans.tests.builders import plan_in_force
from asysta.visits.tests.builders import contact

NOTE = "Tajna notatka: matka opowiedziała o długach."
SAFETY = "Siniak na ramieniu młodszego dziecka."


def every_event(family: Any, people: Any) -> dict[str, Any]:
    """Give Anna's `family` a record of every kind the chronology reads; return them by name."""
    today = timezone.localdate()
    referral = assigned_referral_of_fixture_family(family, people)
    objs: dict[str, Any] = {"referral": referral}
    objs["consent"] = basis.add_consent(
        family=family, by=people.edward, signed_by="Ewa Kowalska", signed_on=today
    )
    objs["za_zyciem"] = basis.add_za_zyciem_application(
        family=family, by=people.edward, filed_on=today, applicant="Ewa Kowalska"
    )
    objs["plan"] = plan_in_force(family, people=people)
    objs["contact"] = contact(family, by=people.anna, summary=NOTE, child_safety=True)
    objs["diagnosis"] = diagnosis(family, by=people.anna)
    objs["assessment"] = submitted_assessment(family, by=people.anna)
    objs["meeting"] = meeting(family, by=people.anna)
    objs["court_request"] = opinion_request(family, by=people.anna)
    objs["notice"] = court_services.send_notice(
        family=family, by=people.anna, court="Sąd Rejonowy w Oławie", subject="Brak współpracy",
        content="Rodzina nie współpracuje.", sent_on=today, sent_how="post",
    )  # fmt: skip
    objs["blue_card"] = record.start_blue_card(family=family, by=people.anna, started_on=today)
    child = testing.make_member(
        family=family, by=people.dorota, role="child", sex="F", birth_date=date(2015, 3, 2)
    )
    objs["placement"] = record.add_placement(
        family=family,
        by=people.dorota,
        child=child,
        kind="kinship",
        carer="Babcia Zofia",
        since=date(2025, 1, 10),
    )
    objs["closure"] = closed(family, by=people.anna)
    objs["monitoring"] = closure_services.add_monitoring_contact(
        closure=objs["closure"], by=people.anna, contacted_on=today, form="phone",
        note="Rodzina radzi sobie.",
    )  # fmt: skip
    return objs


def past_day(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
