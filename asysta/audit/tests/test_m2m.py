"""Many-to-many changes in the trail: who, which centre, which field, how many — no names."""

from __future__ import annotations

import json

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from asysta.assessments import services as assessment_services
from asysta.assessments.tests.builders import meeting
from asysta.core import testing
from asysta.plans.tests.builders import draft_with_content


def _m2m_entries(obj, field):
    return [
        e
        for e in LogEntry.objects.get_for_object(obj).order_by("pk")
        if isinstance(e.changes_dict.get(field), dict)
    ]


def _stored(entry) -> str:
    """Everything the row keeps about the change, as it lies in the database."""
    return json.dumps(
        [entry.changes, entry.changes_text, entry.object_repr, entry.serialized_data],
        ensure_ascii=False,
    )


def _update(made, people, **fields):
    data = {
        "participants": [people.anna],
        "members_present": [],
        "external": [],
        "family_attended": False,
        **fields,
    }
    with set_actor(people.anna):
        assessment_services.update_meeting(meeting=made, by=people.anna, **data)


def test_changing_who_took_part_is_audited_with_keys_not_names(people, family):
    second = testing.make_member(family=family, by=people.dorota, first_name="Zuzanna")
    first = family.members.exclude(pk=second.pk).get()
    made = meeting(family, by=people.anna, participants=[people.anna])
    before = LogEntry.objects.count()

    _update(
        made,
        people,
        participants=[people.anna, people.celina],
        members_present=[first, second],
        family_attended=True,
    )

    present = _m2m_entries(made, "members_present")[-1]
    assert present.actor == people.anna
    assert present.additional_data["centre"] == people.centre.pk
    assert present.additional_data["family"] == family.pk
    assert present.changes_dict["members_present"] == {
        "type": "m2m",
        "operation": "add",
        "objects": sorted([first.pk, second.pk]),
    }
    staff = _m2m_entries(made, "participants")[-1]
    assert staff.changes_dict["participants"]["objects"] == [people.celina.pk]
    for entry in LogEntry.objects.order_by("pk")[before:]:
        stored = _stored(entry)
        for name in ("Zuzanna", "Marek", family.surname, "Celina"):
            assert name not in stored, (name, stored)

    _update(made, people, participants=[people.anna], members_present=[first], family_attended=True)
    removed = _m2m_entries(made, "members_present")[-1]
    assert removed.changes_dict["members_present"]["operation"] == "delete"
    assert removed.changes_dict["members_present"]["objects"] == [second.pk]
    assert removed.actor == people.anna


def test_the_viewer_shows_a_field_label_and_a_count(people, family, login):
    made = meeting(family, by=people.anna, participants=[people.anna])
    _update(made, people, participants=[people.anna, people.celina, people.dorota])
    html = login(people.dorota).get(reverse("audit:log")).content.decode()
    assert "uczestnicy z ośrodka: dodano 2" in html
    assert "Celina" not in html.split('data-label="Pola"', 1)[1]


def test_clear_lists_only_the_rows_it_removed(people, family):
    """django-auditlog's own handler would list every member of every centre here."""
    other = testing.make_family(centre=people.centre_b, by=people.zofia, surname="Obcy")
    testing.make_member(family=other, by=people.zofia)
    member = family.members.get()
    made = meeting(family, by=people.anna, family_attended=True, members_present=[member])
    with set_actor(people.anna):
        made.members_present.clear()
    cleared = _m2m_entries(made, "members_present")[-1]
    assert cleared.changes_dict["members_present"]["objects"] == [member.pk]
    assert cleared.changes_dict["members_present"]["operation"] == "delete"


def test_a_change_from_the_other_side_is_logged_on_the_registered_row(people, family):
    plan = draft_with_content(family, by=people.anna)
    member = family.members.get()
    with set_actor(people.celina):
        member.work_plans.add(plan)
    entry = _m2m_entries(plan, "participants")[-1]
    assert entry.changes_dict["participants"]["objects"] == [member.pk]
    assert entry.actor == people.celina and entry.additional_data["centre"] == people.centre.pk
    assert member.first_name not in _stored(entry)


def test_nothing_changed_writes_nothing(people, family):
    made = meeting(family, by=people.anna, participants=[people.anna])
    before = len(_m2m_entries(made, "participants"))
    _update(made, people, participants=[people.anna])
    assert len(_m2m_entries(made, "participants")) == before
