"""A step on the board links to its page only for those who may open it."""

from __future__ import annotations

from django.urls import reverse

from asysta.deadlines.clock import upcoming


def test_the_step_links_to_its_page_only_for_roles_that_may_open_it(people, family, login):
    step = next(d for d in upcoming(people.centre, family.created_at.date()))
    assert step.kind == "first_meeting"
    link = f'<a href="{step.url}">'
    assert link in login(people.anna).get(reverse("families:list")).content.decode()
    assert link in login(people.dorota).get(reverse("deadlines:board")).content.decode()
    auditor_page = login(people.urszula).get(reverse("deadlines:board")).content.decode()
    assert family.case_number in auditor_page  # the auditor reads the board...
    assert link not in auditor_page  # ...but the first meeting is recorded by others
    assert login(people.urszula).get(step.url).status_code == 403
