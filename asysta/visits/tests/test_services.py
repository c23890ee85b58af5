"""Contact services: who records, bad input (nothing saved), audit rows, edits and corrections
instead of deletion."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import get_resolver
from django.utils import timezone

from asysta.core import testing
from asysta.families.basis import current_basis
from asysta.visits import services
from asysta.visits.models import Contact, Correction
from asysta.visits.tests.builders import contact as make_contact

YESTERDAY = timezone.localdate() - timedelta(days=1)


def _fields(**overrides):
    data = {
        "date": YESTERDAY,
        "start_time": time(9, 30),
        "end_time": time(11, 0),
        "place": "home",
        "form": "home_visit",
        "summary": "Rozmowa o szkole Zosi.",
        "tasks_family": "Zapisać Zosię do poradni.",
        "kilometres": "12.5",
    }
    data.update(overrides)
    return data


def test_assistant_records_a_contact_with_duration_and_audit_row(people, family):
    member = family.members.first()
    with set_actor(people.anna):
        contact = services.record_contact(
            family=family, by=people.anna, members_present=[member], **_fields()
        )
    assert contact.duration == 90
    assert contact.duration_minutes == 90
    assert contact.duration_label == "1:30"
    assert contact.assistant == people.anna
    assert list(contact.members_present.all()) == [member]
    entry = LogEntry.objects.get_for_object(contact).get(action=LogEntry.Action.CREATE)
    assert entry.actor == people.anna
    assert entry.additional_data["family"] == family.pk
    assert entry.additional_data["centre"] == people.centre.pk
    # The note's text never enters the audit trail.
    assert "szkole" not in entry.changes_text and "szkole" not in str(entry.changes)


@pytest.mark.parametrize("who", ["celina", "dorota"])
def test_coordinator_and_head_record_contacts(people, family, who):
    contact = services.record_contact(family=family, by=getattr(people, who), **_fields())
    assert contact.assistant == getattr(people, who)


@pytest.mark.parametrize("who", ["bartek", "edward", "urszula", "zofia"])
def test_others_may_not_record(people, family, who):
    with pytest.raises(services.VisitsError):
        services.record_contact(family=family, by=getattr(people, who), **_fields())
    assert not Contact.objects.exists()


def test_a_family_without_legal_basis_still_gets_its_missed_visits_logged(people, family):
    """Scenario 1: contacts record reality; no consent is needed for a missed visit."""
    testing.without_basis(family, by=people.anna)
    assert not current_basis(family).valid
    for days in (3, 10, 17):
        make_contact(
            family,
            by=people.anna,
            on=timezone.localdate() - timedelta(days=days),
            form="unsuccessful",
            summary="Nikt nie otworzył drzwi.",
            start_time=time(10, 0),
            end_time=time(10, 15),
        )
    assert family.contacts.filter(form="unsuccessful").count() == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": timezone.localdate() + timedelta(days=1)}, "date"),
        ({"start_time": time(11, 0), "end_time": time(10, 0)}, "end_time"),
        ({"start_time": time(11, 0), "end_time": time(11, 0)}, "end_time"),
        ({"child_safety": True, "safety_description": ""}, "safety_description"),
        ({"child_safety": False, "safety_description": "Siniak."}, "child_safety"),
        ({"place": "other", "place_note": ""}, "place_note"),
        ({"summary": ""}, "summary"),
        ({"safety_actions": ["bogus"], "child_safety": True, "safety_description": "x"}, None),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(people, family, overrides, field):
    with pytest.raises(ValidationError) as info:
        services.record_contact(family=family, by=people.anna, **_fields(**overrides))
    if field:
        assert field in info.value.message_dict
    assert not Contact.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="contact").exists()


def test_today_in_warsaw_is_allowed(people, family):
    contact = services.record_contact(
        family=family, by=people.anna, **_fields(date=timezone.localdate())
    )
    assert contact.date == timezone.localdate()


def test_members_of_another_family_are_refused(people, family):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(family=other, by=people.dorota, first_name="Obcy")
    with pytest.raises(ValidationError) as info:
        services.record_contact(
            family=family, by=people.anna, members_present=[stranger], **_fields()
        )
    assert "members_present" in info.value.message_dict
    assert not Contact.objects.exists()


def test_database_refuses_an_end_before_the_start(people, family):
    contact = make_contact(family, by=people.anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(end_time=time(9, 0))


def test_database_refuses_a_safety_flag_without_description(people, family):
    contact = make_contact(family, by=people.anna)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(child_safety=True)


def test_editing_a_note_is_logged_with_the_changed_fields(people, family):
    contact = make_contact(family, by=people.anna)
    with set_actor(people.anna):
        services.update_contact(
            contact=contact,
            by=people.anna,
            **_fields(end_time=time(12, 0), summary="Nowa treść."),
        )
    contact.refresh_from_db()
    assert contact.duration_minutes == 150
    entry = LogEntry.objects.get_for_object(contact).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people.anna
    assert {"end_time", "summary", "duration_minutes"} <= set(entry.changes_dict)
    assert "Nowa treść" not in entry.changes_text and "Nowa treść" not in str(entry.changes)


def test_bad_edit_changes_nothing(people, family):
    contact = make_contact(family, by=people.anna)
    with pytest.raises(ValidationError):
        services.update_contact(contact=contact, by=people.anna, end_time=time(8, 0))
    contact.refresh_from_db()
    assert contact.end_time == time(11, 0)


def test_only_the_author_or_a_manager_edits_others_add_corrections(people, family):
    contact = make_contact(family, by=people.dorota)  # recorded by the head
    with pytest.raises(services.VisitsError):
        services.update_contact(contact=contact, by=people.anna, summary="Zmiana.")
    services.update_contact(contact=contact, by=people.celina, summary="Zmiana koordynatorki.")
    correction = services.add_correction(contact=contact, by=people.anna, text="Była też babcia.")
    assert correction.family == family


def test_a_correction_marks_the_contact_and_is_audited(people, family):
    contact = make_contact(family, by=people.anna)
    with set_actor(people.anna):
        correction = services.add_correction(
            contact=contact, by=people.anna, text="Spotkanie trwało do 11:30."
        )
    contact.refresh_from_db()
    assert contact.corrected is True
    assert correction.by == people.anna
    created = LogEntry.objects.get_for_object(correction).get(action=LogEntry.Action.CREATE)
    assert created.actor == people.anna
    assert created.additional_data["family"] == family.pk
    assert "11:30" not in str(created.changes)
    updated = LogEntry.objects.get_for_object(contact).get(action=LogEntry.Action.UPDATE)
    assert "corrected" in updated.changes_dict


def test_an_empty_correction_or_a_stranger_is_refused(people, family):
    contact = make_contact(family, by=people.anna)
    with pytest.raises(ValidationError):
        services.add_correction(contact=contact, by=people.anna, text="  ")
    with pytest.raises(services.VisitsError):
        services.add_correction(contact=contact, by=people.bartek, text="Uwaga.")
    assert not Correction.objects.exists()


def test_there_is_no_way_to_delete_a_contact():
    """No delete URL and no delete service: notes are corrected, never removed."""
    names = [
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and ("delete" in name or "usun" in name)
    ]
    assert names == []
    from asysta.visits import urls

    assert not [p for p in urls.urlpatterns if "delete" in p.name or "usun" in str(p.pattern)]
    assert not [n for n in dir(services) if "delete" in n or "remove" in n]


def test_duration_is_none_until_both_times_are_known():
    assert Contact(start_time=time(9, 0)).duration is None
    assert (
        Contact(start_time=time(9, 0), end_time=time(9, 45), date=date(2025, 1, 2)).duration == 45
    )
