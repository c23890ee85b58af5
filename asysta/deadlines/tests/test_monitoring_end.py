"""The planned end of monitoring on the statutory clock follows a corrected closing report."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from asysta.closure import services
from asysta.closure.tests.builders import closed
from asysta.deadlines.clock import upcoming
from asysta.deadlines.providers import monitoring_ends


def _monitoring(centre, on, assistant=None):
    return [d for d in upcoming(centre, on, assistant=assistant) if d.kind == "monitoring_end"]


def test_a_changed_monitoring_end_moves_the_deadline(people, family):
    today = timezone.localdate()
    lead = people.centre.deadline_lead_days
    closure = closed(family, by=people.anna, monitoring_until=today + timedelta(days=lead + 60))
    assert not _monitoring(people.centre, today)  # far away: not yet on anyone's list

    shorter = today + timedelta(days=3)
    services.update_closure_report(closure=closure, by=people.anna, monitoring_until=shorter)
    (due,) = _monitoring(people.centre, today, people.anna)
    assert due.due_on == shorter and due.family == family
    assert due.url.endswith(f"/zakonczenie/{closure.pk}/")

    longer = today + timedelta(days=lead + 30)
    services.update_closure_report(closure=closure, by=people.dorota, monitoring_until=longer)
    assert not _monitoring(people.centre, today)
    (later,) = [d for d in monitoring_ends(people.centre, longer) if d.family == family]
    assert later.due_on == longer


def test_a_corrected_report_text_keeps_the_deadline(people, family):
    today = timezone.localdate()
    closure = closed(family, by=people.anna, monitoring_until=today + timedelta(days=2))
    services.update_closure_report(closure=closure, by=people.anna, recommendations="Pedagog.")
    (due,) = _monitoring(people.centre, today, people.anna)
    assert due.due_on == today + timedelta(days=2)
