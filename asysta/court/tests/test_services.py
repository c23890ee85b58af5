"""Court requests and opinions: the course received → drafted → approved → sent, the draft from
the record, deadlines, notices, audit rows and disclosures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from asysta.core import testing
from asysta.court import queries, services
from asysta.court.models import CourtNotice, Opinion, OpinionRequest, RequestStatus
from asysta.court.tests.builders import approved_request, opinion_request
from asysta.families import basis, record

TODAY = timezone.localdate()


def _disclosures(section: str = "court_disclosure"):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__section=section
    ).order_by("pk")


def test_a_due_date_before_receipt_is_refused_and_nothing_saved(people, family):
    with pytest.raises(ValidationError) as err:
        opinion_request(family, by=people.anna, received_on=TODAY, days=-1)
    assert "due_on" in err.value.message_dict
    assert "nie może być wcześniejszy" in err.value.message_dict["due_on"][0]
    assert not OpinionRequest.objects.exists()


def test_the_database_refuses_a_due_date_before_receipt(people, family):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpinionRequest.objects.create(
            centre=people.centre,
            family=family,
            court="Sąd Rejonowy w Oławie",
            file_number="III Nsm 1/25",
            received_on=TODAY,
            due_on=TODAY - timedelta(days=1),
        )


def test_a_request_received_in_the_future_is_refused(people, family):
    with pytest.raises(ValidationError) as err:
        opinion_request(family, by=people.anna, received_on=TODAY + timedelta(days=1))
    assert "received_on" in err.value.message_dict


def test_registering_is_audited_and_only_for_those_who_write(people, family):
    with set_actor(people.anna):
        req = opinion_request(family, by=people.anna)
    entry = LogEntry.objects.get_for_object(req).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.anna
    assert entry.additional_data["family"] == family.pk
    with pytest.raises(ValidationError):
        opinion_request(family, by=people.bartek)
    with pytest.raises(ValidationError):
        opinion_request(family, by=people.edward)  # the social worker reads, does not write
    assert OpinionRequest.objects.count() == 1


def test_the_draft_is_filled_from_the_record_with_links(people, family):
    basis.add_court_order(
        family=family,
        by=people.anna,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 123/25",
        issued_on=date(2025, 3, 1),
    )
    child = testing.make_member(
        family=family,
        by=people.anna,
        first_name="Zosia",
        role="child",
        sex="F",
        birth_date=date(2016, 2, 1),
        school="SP nr 2 w Oławie",
    )
    placement = record.add_placement(
        family=family,
        by=people.anna,
        child=child,
        kind="kinship",
        carer="Babcia Zofia",
        since=date(2025, 1, 10),
    )
    req = opinion_request(family, by=people.anna)
    with set_actor(people.anna):
        opinion = services.draft_opinion(request=req, by=people.anna)
    req.refresh_from_db()
    assert req.status == RequestStatus.DRAFTED
    assert "III Nsm 123/25" in opinion.basis
    assert "Anna Asystentka" in opinion.period and "do chwili obecnej" in opinion.period
    assert "Zosia" in opinion.children and "SP nr 2 w Oławie" in opinion.children
    assert "Babcia Zofia" in opinion.children
    assert opinion.conclusions == ""  # the assistant writes the conclusions
    refs = {(s["section"], s["model"], s["pk"]) for s in opinion.sources}
    order = family.court_orders.get()
    assignment = family.assignments.get()
    assert ("basis", "families.courtorder", order.pk) in refs
    assert ("period", "intake.assignment", assignment.pk) in refs
    assert ("children", "families.member", child.pk) in refs
    assert ("children", "families.childplacement", placement.pk) in refs
    assert all(s["url"].startswith(f"/rodziny/{family.pk}/") for s in opinion.sources)
    entry = LogEntry.objects.get_for_object(opinion).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.anna


def test_the_draft_quotes_the_plan_contacts_and_assessments(people, family):
    from asysta.plans.tests.builders import plan_in_force
    from asysta.visits.tests.builders import contact

    plan = plan_in_force(family, people=people, on=TODAY - timedelta(days=60))
    home = contact(family, by=people.anna, on=TODAY - timedelta(days=20))
    missed = contact(
        family,
        by=people.anna,
        on=TODAY - timedelta(days=10),
        form="unsuccessful",
        summary="Nikt nie otworzył drzwi.",
    )
    req = opinion_request(family, by=people.anna)
    opinion = services.draft_opinion(request=req, by=people.anna)
    assert "wersja 1" in opinion.plan_execution and "Cel 1" in opinion.plan_execution
    assert "zapisanych w dokumentacji: 2, w tym wizyt w domu rodziny: 1" in opinion.course
    assert "nieudana wizyta" in opinion.course
    refs = {(s["section"], s["model"], s["pk"]) for s in opinion.sources}
    assert ("plan_execution", "plans.workplan", plan.pk) in refs
    assert ("course", "visits.contact", missed.pk) in refs
    assert ("course", "visits.contact", home.pk) not in refs  # only counted, not quoted


def test_the_draft_works_without_the_casework_apps(people, family, monkeypatch):
    from asysta.court import record_casework

    monkeypatch.setattr(record_casework, "optional_model", lambda *args: None)
    req = opinion_request(family, by=people.anna)
    opinion = services.draft_opinion(request=req, by=people.anna)
    assert opinion.plan_execution == "" and opinion.course == "" and opinion.assessments == ""
    assert opinion.period  # the family record still speaks


def test_steps_are_refused_out_of_order(people, family):
    req = opinion_request(family, by=people.anna)
    with pytest.raises(ValidationError):
        services.approve_opinion(request=req, by=people.dorota, on=TODAY)
    with pytest.raises(ValidationError):
        services.send_opinion(request=req, by=people.anna, on=TODAY, how="post")
    opinion = services.draft_opinion(request=req, by=people.anna)
    with pytest.raises(ValidationError):
        services.draft_opinion(request=req, by=people.anna)  # one opinion per request
    with pytest.raises(ValidationError, match="wnioski"):
        services.approve_opinion(request=req, by=people.dorota, on=TODAY)
    services.update_opinion(opinion=opinion, by=people.anna, conclusions="Wnioski.")
    services.approve_opinion(request=req, by=people.dorota, on=TODAY)
    with pytest.raises(ValidationError):
        services.update_opinion(opinion=opinion, by=people.anna, conclusions="Zmiana.")
    opinion.refresh_from_db()
    assert opinion.conclusions == "Wnioski."
    assert Opinion.objects.count() == 1


def test_only_the_head_approves(people, family):
    req = opinion_request(family, by=people.anna)
    opinion = services.draft_opinion(request=req, by=people.anna)
    services.update_opinion(opinion=opinion, by=people.anna, conclusions="Wnioski.")
    for who in (people.anna, people.celina, people.zofia):
        with pytest.raises(ValidationError, match="kierownik"):
            services.approve_opinion(request=req, by=who, on=TODAY)
    req.refresh_from_db()
    assert req.status == RequestStatus.DRAFTED and req.approved_by is None


def test_sending_records_the_dispatch_and_logs_the_disclosure(people, family):
    req = approved_request(family, people=people)
    with pytest.raises(ValidationError) as err:
        services.send_opinion(request=req, by=people.anna, on=TODAY - timedelta(days=1), how="post")
    assert "on" in err.value.message_dict  # not before the approval
    with pytest.raises(ValidationError):
        services.send_opinion(request=req, by=people.anna, on=TODAY, how="pigeon")
    services.send_opinion(request=req, by=people.anna, on=TODAY, how="epuap")
    req.refresh_from_db()
    assert (req.status, req.sent_on, req.sent_how) == (RequestStatus.SENT, TODAY, "epuap")
    changes = [e.changes_dict.get("status") for e in LogEntry.objects.get_for_object(req)]
    assert ["approved", "sent"] in changes and ["drafted", "approved"] in changes
    disclosure = _disclosures().get()
    assert disclosure.actor == people.anna
    assert (
        disclosure.additional_data["recipient"] == "Sąd Rejonowy w Oławie, III Wydział "
        "Rodzinny i Nieletnich, III Nsm 123/25"
    )
    assert "art. 15 ust. 1 pkt 17" in disclosure.additional_data["legal_basis"]
    assert disclosure.additional_data["family"] == family.pk


def test_a_notice_to_the_court_is_recorded_and_its_disclosure_logged(people, family):
    with set_actor(people.dorota):
        notice = services.send_notice(
            family=family,
            by=people.dorota,
            court="Sąd Rejonowy w Oławie",
            file_number="III Nsm 123/25",
            subject="Rodzina odmawia współpracy z asystentem",
            content="Od 1 marca rodzina nie wpuszcza asystentki.",
            sent_on=TODAY,
            sent_how="post",
        )
    created = LogEntry.objects.get_for_object(notice).get(action=LogEntry.Action.CREATE)
    assert created.actor == people.dorota
    disclosure = _disclosures().get()
    assert disclosure.additional_data["recipient"] == "Sąd Rejonowy w Oławie, III Nsm 123/25"
    with pytest.raises(ValidationError):
        services.send_notice(
            family=family,
            by=people.anna,
            court="Sąd",
            subject="",
            content="",
            sent_on=TODAY,
            sent_how="post",
        )
    assert CourtNotice.objects.count() == 1


def test_due_and_overdue_requests_for_the_clock(people, family):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    soon = opinion_request(family, by=people.anna, received_on=TODAY - timedelta(days=20))
    late = opinion_request(other, by=people.bartek, received_on=TODAY - timedelta(days=30))
    done = approved_request(family, people=people)
    services.send_opinion(request=done, by=people.anna, on=TODAY, how="post")
    assert list(queries.due_requests(people.centre, TODAY)) == [late, soon]
    assert list(queries.overdue_requests(people.centre, TODAY)) == [late]
    assert list(queries.due_requests(people.centre, TODAY, assistant=people.anna)) == [soon]
    assert list(queries.due_requests(people.centre, TODAY, within_days=0)) == [late]
    assert [r.current_assistant_id for r in queries.due_requests(people.centre, TODAY)] == [
        people.bartek.pk,
        people.anna.pk,
    ]
    assert late.is_overdue and late.days_overdue == 9
    assert soon.days_left == 1 and not soon.is_overdue
    assert not queries.due_requests(people.centre_b, TODAY).exists()
