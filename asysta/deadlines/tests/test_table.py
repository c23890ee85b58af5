"""The clock's table follows the casework records: refreshed in the transaction that changes
them, rebuilt on demand and after a change of the rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from asysta.core import testing
from asysta.deadlines import store
from asysta.deadlines.models import ClockVersion, DeadlineEntry
from asysta.intake.services import record_first_contact


def _kinds(family):
    return sorted(DeadlineEntry.objects.filter(family=family).values_list("kind", flat=True))


def test_recording_the_first_meeting_replaces_the_step_in_the_same_transaction(people, family):
    assert _kinds(family) == ["assessment", "first_meeting"]
    entry = DeadlineEntry.objects.get(family=family, kind="first_meeting")
    assert entry.assistant == people.anna and entry.centre == people.centre
    record_first_contact(
        assignment=family.assignments.get(),
        on=timezone.localdate(),
        present="SW",
        by=people.anna,
    )
    assert _kinds(family) == ["assessment"]
    assert store.differences(people.centre) == 0


def test_a_rolled_back_change_leaves_the_clock_as_it_was(people, family):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_first_contact(
            assignment=family.assignments.get(),
            on=timezone.localdate(),
            present="SW",
            by=people.anna,
        )
        raise RuntimeError("the rest of the change failed")
    assert _kinds(family) == ["assessment", "first_meeting"]


def test_a_reassignment_moves_every_step_to_the_new_assistant(people, family):
    testing.assign(family=family, assistant=people.bartek, by=people.dorota)
    assistants = set(
        DeadlineEntry.objects.filter(family=family).values_list("assistant", flat=True)
    )
    assert assistants == {people.bartek.pk}
    assert store.differences(people.centre) == 0


def test_deleting_a_family_takes_its_steps_with_it(people, family):
    """Only the demo reset deletes families; their records go in the same cascade, whose
    deletions must not recompute the family being deleted."""
    from asysta.court.tests import builders as court_builders

    gone = testing.make_family(centre=people.centre, by=people.dorota, surname="Nowakowie")
    court_builders.opinion_request(gone, by=people.dorota, received_on=timezone.localdate())
    assert _kinds(gone) == ["court_opinion"]
    gone.delete()
    assert not DeadlineEntry.objects.filter(family_id=gone.pk).exists()
    assert _kinds(family) == ["assessment", "first_meeting"]


def test_the_rebuild_command_checks_and_mends_the_table(people, family, capsys):
    DeadlineEntry.objects.filter(family=family, kind="first_meeting").update(
        due_on=timezone.localdate() + timedelta(days=300)
    )
    with pytest.raises(CommandError):
        call_command("deadlines_rebuild", "--check")
    assert "różnych wierszy 2" in capsys.readouterr().out
    call_command("deadlines_rebuild", "--centre", people.centre.terc)
    call_command("deadlines_rebuild", "--check")
    assert store.differences(people.centre) == 0
    with pytest.raises(CommandError):
        call_command("deadlines_rebuild", "--centre", "0000000")


def test_centres_computed_with_older_rules_are_rebuilt_after_migrate(people, family):
    DeadlineEntry.objects.filter(centre=people.centre).delete()
    ClockVersion.objects.filter(centre=people.centre).delete()
    rebuilt = store.rebuild_outdated()
    assert people.centre in rebuilt and people.centre_b in rebuilt
    assert _kinds(family) == ["assessment", "first_meeting"]
    assert store.rebuild_outdated() == []  # up to date now
    version = ClockVersion.objects.get(centre=people.centre)
    assert version.version == store.RULES_VERSION
