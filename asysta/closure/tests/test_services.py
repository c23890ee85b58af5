"""Closing the work with a family, monitoring and re-opening: rules, effects, audit rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.closure import services
from asysta.closure.categories import report_categories, report_category
from asysta.closure.models import Closure, MonitoringContact, ReportCategoryMap
from asysta.closure.queries import current_closure, in_monitoring, monitoring_due
from asysta.closure.tests.builders import closed, closing_data
from asysta.core import testing
from asysta.families.models import Family
from asysta.intake.models import Phase, Referral
from asysta.intake.services import capacity_table

TODAY = timezone.localdate()


def _count(people, assistant) -> int:
    return next(r for r in capacity_table(people.centre) if r.assistant == assistant).open_families


def _refused(family, by, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as err:
        services.close_case(family=family, by=by, **closing_data(**fields))
    assert not Closure.objects.filter(family=family).exists()
    assert family.assignments.get(ended_on__isnull=True).phase == Phase.ACTIVE
    return err.value.message_dict


def test_closing_with_monitoring_frees_the_place_but_the_assistant_still_sees_the_family(
    people, family
):
    assert _count(people, people.anna) == 1
    with set_actor(people.anna):
        closure = closed(family, by=people.anna)
    assignment = family.assignments.get()
    assert assignment.ended_on is None and assignment.phase == Phase.MONITORING
    assert _count(people, people.anna) == 0  # monitoring families are outside the cap
    assert Family.objects.visible_to(people.anna).filter(pk=family.pk).exists()
    assert not Family.objects.visible_to(people.bartek).filter(pk=family.pk).exists()
    assert closure.in_monitoring and current_closure(family) == closure
    created = LogEntry.objects.get_for_object(closure).get()
    assert created.action == LogEntry.Action.CREATE and created.actor == people.anna
    phase = LogEntry.objects.get_for_object(assignment).latest("pk")
    assert phase.changes_dict["phase"] == ["active", "monitoring"] and phase.actor == people.anna


def test_a_centre_may_count_monitoring_families_toward_the_cap(people, family):
    people.centre.monitoring_counts_toward_cap = True
    people.centre.save()
    closed(family, by=people.anna)
    assert _count(people, people.anna) == 1


def test_end_of_monitoring_ends_the_assignment_with_the_closure_reason(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=30))
    with set_actor(people.anna):
        services.end_monitoring(closure=closure, by=people.anna, on=TODAY, summary="Stabilnie.")
    assignment = old_family.assignments.get()
    assert (assignment.ended_on, assignment.end_reason) == (TODAY, "goals_achieved")
    closure.refresh_from_db()
    assert closure.monitoring_ended_on == TODAY and not closure.in_monitoring
    assert not Family.objects.visible_to(people.anna).filter(pk=old_family.pk).exists()
    assert Family.objects.visible_to(people.dorota).filter(pk=old_family.pk).exists()
    change = LogEntry.objects.get_for_object(closure).latest("pk")
    assert "monitoring_ended_on" in change.changes_dict and change.actor == people.anna
    with pytest.raises(ValidationError, match="nie trwa"):
        services.end_monitoring(closure=closure, by=people.dorota, on=TODAY)


def test_monitoring_contacts_fall_inside_the_monitoring(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=10))
    with pytest.raises(ValidationError) as err:
        services.add_monitoring_contact(
            closure=closure,
            by=people.anna,
            contacted_on=TODAY - timedelta(days=11),
            form="phone",
            note="Rozmowa z matką.",
        )
    assert "contacted_on" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.add_monitoring_contact(
            closure=closure, by=people.bartek, contacted_on=TODAY, form="phone", note="x"
        )
    with set_actor(people.anna):
        contact = services.add_monitoring_contact(
            closure=closure,
            by=people.anna,
            contacted_on=TODAY,
            form="home_visit",
            note="Dzieci zadbane, rodzina radzi sobie.",
            concern=False,
        )
    assert LogEntry.objects.get_for_object(contact).get().actor == people.anna
    services.end_monitoring(closure=closure, by=people.anna, on=TODAY)
    with pytest.raises(ValidationError, match="nie trwa"):
        services.add_monitoring_contact(
            closure=closure, by=people.dorota, contacted_on=TODAY, form="phone", note="x"
        )
    assert MonitoringContact.objects.count() == 1


def test_closing_without_monitoring_ends_the_assignment_at_once(people, family):
    closed(
        family,
        by=people.anna,
        reason="other",
        reason_other="śmierć jedynego rodzica",
        monitoring_until=None,
        monitoring_frequency="",
        no_monitoring_reason="Dzieci zamieszkały u ojca za granicą.",
    )
    assignment = family.assignments.get()
    assert (assignment.ended_on, assignment.end_reason) == (TODAY, "other")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"monitoring_until": None}, "monitoring_until"),  # goals achieved: monitoring required
        ({"monitoring_frequency": ""}, "monitoring_frequency"),
        ({"monitoring_until": TODAY}, "monitoring_until"),  # not after the closure
        ({"reason": "other"}, "reason_other"),
        ({"reason": "reassigned"}, "reason"),
        (
            {"reason": "other", "reason_other": "x", "monitoring_until": None},
            "no_monitoring_reason",
        ),
        ({"goals_achieved": " "}, "goals_achieved"),
        ({"final_situation": {"unknown": "x"}}, "final_situation"),
        ({"closed_on": TODAY + timedelta(days=1)}, "closed_on"),
        ({"closed_on": TODAY - timedelta(days=400)}, "closed_on"),  # before the assignment
        ({"reason": "moved_away"}, "new_centre"),
        ({"court_position": "Sąd nie zgłasza uwag."}, "court_position_on"),
    ],
)
def test_bad_closures_are_refused_with_the_field_named(people, family, fields, field):
    assert field in _refused(family, people.anna, **fields)


def test_only_those_who_write_close_the_case(people, family):
    for who in (people.bartek, people.edward, people.urszula, people.zofia):
        with pytest.raises(ValidationError):
            services.close_case(family=family, by=who, **closing_data())
    assert not Closure.objects.exists()


def test_a_family_in_monitoring_cannot_be_closed_again(people, family):
    closed(family, by=people.anna)
    with pytest.raises(ValidationError, match="trwa monitoring"):
        services.close_case(family=family, by=people.dorota, **closing_data())
    assert Closure.objects.count() == 1


def test_closing_closes_the_plan_in_force(people, family):
    from asysta.plans.tests.builders import plan_in_force

    plan = plan_in_force(family, people=people, on=TODAY - timedelta(days=90))
    closed(family, by=people.anna)
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == ("closed", TODAY)


def test_closing_works_without_the_plans_app(people, family, monkeypatch):
    from asysta.closure import services as closure_services

    monkeypatch.setattr(closure_services.apps, "is_installed", lambda name: False)
    closed(family, by=people.anna)
    assert family.assignments.get().phase == Phase.MONITORING


def test_reopening_starts_a_new_request_and_ends_the_monitoring(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=20))
    with pytest.raises(ValidationError, match="pracownik socjalny"):
        services.reopen_case(
            closure=closure,
            by=people.anna,
            reported_on=TODAY,
            source="family",
            social_worker=people.edward,
        )
    with set_actor(people.edward):
        referral = services.reopen_case(
            closure=closure,
            by=people.edward,
            reported_on=TODAY,
            source="family",
            social_worker=people.edward,
            source_detail="Matka prosi o ponowne wsparcie.",
        )
    assert referral.status == "reported" and referral.family == old_family
    closure.refresh_from_db()
    assert closure.reopened and closure.reopened_on == TODAY
    assert closure.reopen_referral == referral and closure.monitoring_ended_on == TODAY
    assert old_family.assignments.get().ended_on == TODAY
    assert current_closure(old_family) is None
    with pytest.raises(ValidationError, match="już wznowiona"):
        services.reopen_case(
            closure=closure,
            by=people.dorota,
            reported_on=TODAY,
            source="family",
            social_worker=people.edward,
        )
    assert Referral.objects.filter(family=old_family).count() == 1
    assert LogEntry.objects.get_for_object(closure).latest("pk").actor == people.edward


def test_a_refused_reopening_changes_nothing(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=20))
    with pytest.raises(ValidationError) as err:
        services.reopen_case(
            closure=closure,
            by=people.dorota,
            reported_on=TODAY,
            source="nonsense",
            social_worker=people.edward,
        )
    assert "source" in err.value.message_dict
    closure.refresh_from_db()
    assert not closure.reopened and closure.in_monitoring
    assert old_family.assignments.get().ended_on is None
    assert not Referral.objects.filter(family=old_family).exists()


def test_report_categories_default_and_centre_override(people, family):
    assert report_category(people.centre, "moved_away") == (
        "zakończenie — zmiana miejsca zamieszkania"
    )
    ReportCategoryMap.objects.create(
        centre=people.centre, reason="moved_away", category="zmiana miejsca zamieszkania (wiersz 7)"
    )
    assert report_category(people.centre, "moved_away") == "zmiana miejsca zamieszkania (wiersz 7)"
    assert report_categories(people.centre_b)["moved_away"] == (
        "zakończenie — zmiana miejsca zamieszkania"
    )
    assert "reassigned" not in report_categories(people.centre)


def test_monitoring_queries_for_the_clock(people, family):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.bartek, by=people.dorota)
    soon = closed(family, by=people.anna, monitoring_until=TODAY + timedelta(days=5))
    later = closed(other, by=people.bartek)
    assert list(in_monitoring(people.centre)) == [soon, later]
    assert list(in_monitoring(people.centre, assistant=people.bartek)) == [later]
    assert list(monitoring_due(people.centre, TODAY, within_days=7)) == [soon]
    assert not in_monitoring(people.centre_b).exists()
