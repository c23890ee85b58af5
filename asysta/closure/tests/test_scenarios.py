"""The court and closure parts of the scenarios of domain.md §16, at the service level (and the
page a court's request is read on, for the access log of scenario 15)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from asysta.closure import services as closure
from asysta.closure.categories import report_category
from asysta.closure.models import Closure
from asysta.closure.queries import monitoring_due
from asysta.closure.tests.builders import closing_data
from asysta.core import testing
from asysta.court import queries
from asysta.court import services as court
from asysta.court.models import RequestStatus
from asysta.court.tests.builders import opinion_request
from asysta.families import basis
from asysta.families.models import Family

TODAY = timezone.localdate()
YEAR_AGO = TODAY - timedelta(days=365)


def _family(people, surname: str, **fields):
    fam = testing.make_family(
        centre=people.centre,
        by=people.dorota,
        social_worker=people.edward,
        surname=surname,
        **fields,
    )
    testing.make_member(family=fam, by=people.dorota, last_name=surname)
    testing.make_member(
        family=fam,
        by=people.dorota,
        first_name="Kuba",
        last_name=surname,
        role="child",
        sex="M",
        birth_date=date(2016, 4, 1),
    )
    testing.assign(family=fam, assistant=people.anna, by=people.dorota, started_on=YEAR_AGO)
    return fam


def _status_steps(obj) -> list[tuple[object, str]]:
    entries = LogEntry.objects.get_for_object(obj).select_related("actor").order_by("pk")
    return [(e.actor, e.changes_dict["status"][1]) for e in entries if "status" in e.changes_dict]


def test_scenario_1_court_opinion_in_21_days_and_no_closure_without_the_court(people):
    """Kowalscy, obliged by the court in Oława (III Nsm 123/25) without consent."""
    kowalscy = _family(people, "Kowalscy")
    order = basis.add_court_order(
        family=kowalscy,
        by=people.edward,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 123/25",
        issued_on=YEAR_AGO,
    )
    received = TODAY - timedelta(days=5)
    with set_actor(people.anna):
        req = opinion_request(kowalscy, by=people.anna, received_on=received, days=21)
    # the deadline is tracked: due in 16 days, overdue the day after the 21st
    assert req.due_on == received + timedelta(days=21) and req.days_left == 16
    assert list(queries.due_requests(people.centre, TODAY, assistant=people.anna)) == [req]
    assert list(queries.overdue_requests(people.centre, req.due_on + timedelta(days=1))) == [req]
    with set_actor(people.anna):
        opinion = court.draft_opinion(request=req, by=people.anna)
        court.update_opinion(
            opinion=opinion,
            by=people.anna,
            conclusions="Rodzice nie podjęli współpracy; trzy wizyty nieudane.",
        )
    assert "III Nsm 123/25" in opinion.basis and "Kuba" in opinion.children
    with pytest.raises(ValidationError):
        court.approve_opinion(request=req, by=people.celina, on=TODAY)  # the head approves
    with set_actor(people.dorota):
        court.approve_opinion(request=req, by=people.dorota, on=TODAY)
    with set_actor(people.anna):
        court.send_opinion(request=req, by=people.anna, on=TODAY, how="post")
    req.refresh_from_db()
    assert req.status == RequestStatus.SENT and req.approved_by == people.dorota
    assert _status_steps(req) == [
        (people.anna, "received"),
        (people.anna, "drafted"),
        (people.dorota, "approved"),
        (people.anna, "sent"),
    ]
    dispatch = LogEntry.objects.get(
        action=LogEntry.Action.ACCESS,
        object_pk=str(req.pk),
        additional_data__section="court_disclosure",
    )
    assert (
        dispatch.actor == people.anna and "III Nsm 123/25" in dispatch.additional_data["recipient"]
    )
    assert not queries.overdue_requests(people.centre, req.due_on + timedelta(days=1)).exists()

    # "withdrawn consent" is not a way out for a court-obliged family
    with pytest.raises(ValidationError) as err:
        closure.close_case(
            family=kowalscy, by=people.dorota, **closing_data(reason="no_cooperation")
        )
    assert "stanowiska sądu" in err.value.message_dict["court_position"][0]
    assert str(order) in err.value.message_dict["court_position"][0]
    assert not Closure.objects.filter(family=kowalscy).exists()
    assert kowalscy.assignments.get(ended_on__isnull=True).phase == "active"
    done = closure.close_case(
        family=kowalscy,
        by=people.dorota,
        **closing_data(
            reason="no_cooperation",
            court_position="Sąd przyjął informację, nadzór kuratora.",
            court_position_on=TODAY,
        ),
    )
    assert done.court_order == order


def test_scenario_4_family_moves_away(people):
    """Zielińscy move from gmina Siechnice to Wrocław mid-plan."""
    zielinscy = _family(people, "Zielińscy", gmina="Siechnice", locality="Siechnice")
    basis.add_consent(
        family=zielinscy, by=people.anna, signed_by="Ewa Zielińska", signed_on=YEAR_AGO
    )
    data = closing_data(
        reason="moved_away",
        monitoring_until=None,
        monitoring_frequency="",
        no_monitoring_reason="Rodzina zamieszkała we Wrocławiu; właściwy jest MOPS Wrocław.",
    )
    with pytest.raises(ValidationError) as err:
        closure.close_case(family=zielinscy, by=people.anna, **data)
    assert {"new_centre", "new_centre_letter_on", "disclosure_basis"} <= set(err.value.message_dict)
    assert not LogEntry.objects.filter(additional_data__section="new_centre_disclosure").exists()
    letter = {
        "new_centre": "MOPS Wrocław",
        "new_centre_letter_on": TODAY,
        "disclosure_basis": basis.current_basis(zielinscy).label,
    }
    done = closure.close_case(family=zielinscy, by=people.anna, **data, **letter)
    assignment = zielinscy.assignments.get()
    assert (assignment.ended_on, assignment.end_reason) == (TODAY, "moved_away")
    disclosure = LogEntry.objects.get(additional_data__section="new_centre_disclosure")
    assert disclosure.actor == people.anna and disclosure.object_pk == str(done.pk)
    assert disclosure.additional_data["recipient"] == "MOPS Wrocław"
    assert "zgoda rodziny" in disclosure.additional_data["legal_basis"]
    assert disclosure.additional_data["family"] == zielinscy.pk
    # the half-year report counts it as "ended – change of residence"
    assert (
        report_category(people.centre, done.reason) == "zakończenie — zmiana miejsca zamieszkania"
    )


def test_scenario_8_voluntary_family_withdraws(people):
    """Kamińscy (consent) refuse further visits; the team decides NO_COOPERATION; because of a
    child-safety flag the head notifies the court; monitoring is scheduled."""
    from asysta.assessments.tests.builders import meeting

    kaminscy = _family(people, "Kamińscy")
    consent = basis.add_consent(
        family=kaminscy, by=people.anna, signed_by="Jan Kamiński", signed_on=YEAR_AGO
    )
    basis.withdraw_consent(
        consent=consent,
        by=people.anna,
        on=TODAY - timedelta(days=3),
        note="Rodzina odmawia dalszych wizyt.",
    )
    meeting(kaminscy, by=people.anna, decision="end", end_reason="no_cooperation")
    court.send_notice(
        family=kaminscy,
        by=people.dorota,
        court="Sąd Rejonowy w Oławie",
        subject="Zakończenie współpracy rodziny z asystentem — sygnał zagrożenia dziecka",
        content="Rodzina wycofała zgodę; podczas ostatniej wizyty asystentka zauważyła...",
        sent_on=TODAY,
        sent_how="epuap",
    )
    assert LogEntry.objects.filter(additional_data__section="court_disclosure").count() == 1
    # a voluntary family: no court's position is needed for NO_COOPERATION
    done = closure.close_case(
        family=kaminscy,
        by=people.anna,
        **closing_data(reason="no_cooperation", monitoring_until=TODAY + timedelta(days=90)),
    )
    assert done.court_order is None and done.in_monitoring
    assert list(monitoring_due(people.centre, TODAY, within_days=90)) == [done]
    assert Family.objects.visible_to(people.anna).filter(pk=kaminscy.pk).exists()
    closure.add_monitoring_contact(
        closure=done,
        by=people.anna,
        contacted_on=TODAY,
        form="institution",
        note="Pedagog szkolny: dzieci chodzą do szkoły.",
    )
    assert done.monitoring_contacts.count() == 1


def test_scenario_15_court_asks_about_a_family_closed_earlier(people, client, login):
    """Nowak, closed with monitoring earlier: the record stays readable for the head, the
    opinion rests on the records up to the closure plus the monitoring, access is logged."""
    nowak = _family(people, "Nowak")
    done = closure.close_case(
        family=nowak,
        by=people.anna,
        **closing_data(
            closed_on=TODAY - timedelta(days=200), monitoring_until=TODAY - timedelta(days=20)
        ),
    )
    closure.add_monitoring_contact(
        closure=done,
        by=people.anna,
        contacted_on=TODAY - timedelta(days=100),
        form="phone",
        note="Rodzina radzi sobie.",
    )
    closure.end_monitoring(closure=done, by=people.anna, on=TODAY - timedelta(days=20))
    assert not Family.objects.visible_to(people.anna).filter(pk=nowak.pk).exists()
    with pytest.raises(ValidationError):
        opinion_request(nowak, by=people.anna)  # no longer hers
    req = opinion_request(nowak, by=people.dorota)
    opinion = court.draft_opinion(request=req, by=people.dorota)
    assert "Zakończenie pracy z rodziną" in opinion.course
    assert "kontakty w okresie monitoringu: 1" in opinion.course
    assert "osiągnięcie celów planu" in opinion.course
    assert ("course", "closure.closure", done.pk) in {
        (s["section"], s["model"], s["pk"]) for s in opinion.sources
    }
    url = reverse("court:request_detail", args=[nowak.pk, req.pk])
    assert login(people.anna).get(url).status_code == 404
    page = login(people.dorota).get(url)
    assert page.status_code == 200 and "Zakończenie pracy z rodziną" in page.content.decode()
    read = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=people.dorota, additional_data__section="court"
    ).get()
    assert read.additional_data["family"] == nowak.pk
    assert reverse("closure:detail", args=[nowak.pk, done.pk]) in page.content.decode()
