"""The access policy table: every URL has a row, and every role gets what the row says."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from asysta.accounts.models import Role
from asysta.accounts.policy import POLICY

ADMIN_NAMESPACE = "admin"


def _url_params(
    resolver: URLResolver | None = None, prefix: str = "", params: frozenset[str] = frozenset()
) -> dict[str, frozenset[str]]:
    """Every URL name (with namespace) and the names of its URL arguments."""
    found: dict[str, frozenset[str]] = {}
    for entry in (resolver or get_resolver()).url_patterns:
        own = params | frozenset(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            if entry.namespace == ADMIN_NAMESPACE:
                continue  # the admin site checks the administrator role and the second factor
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found |= _url_params(entry, space, own)
        elif isinstance(entry, URLPattern) and entry.name:
            found[prefix + entry.name] = own
    return found


def _url_names() -> set[str]:
    return set(_url_params())


def test_every_url_name_has_a_policy_row():
    missing = sorted(_url_names() - set(POLICY))
    assert not missing, f"URL names without a row in accounts/policy.py: {missing}"


def test_every_policy_row_names_an_existing_url():
    stale = sorted(set(POLICY) - _url_names())
    assert not stale, f"Policy rows for URL names that do not exist: {stale}"


def test_a_url_without_a_row_is_refused(people, login, settings):
    """Deny by default: a view missing from the table answers 403 for everybody."""
    from asysta.accounts import policy

    saved = policy.POLICY.pop("families:list")
    try:
        response = login(people.dorota).get(reverse("families:list"))
    finally:
        policy.POLICY["families:list"] = saved
    assert response.status_code == 403


def _cases():
    """(URL name, method, {role: expected outcome}) for every row of the table."""
    for name, row in sorted(POLICY.items()):
        if isinstance(row, str):
            method = "GET"
            if name in ("accounts:keepalive", "accounts:logout"):
                method = "POST"
            yield name, method, {role.value: row for role in Role}
            continue
        for method, allowed in sorted(row.items()):
            yield (
                name,
                method,
                {role.value: "allowed" if role in allowed else "denied" for role in Role},
            )


# Sample values for URL arguments: each builds (through the services) an object of Anna's
# family and returns its pk. A new URL argument needs an entry here.
SAMPLES = {
    "pk": lambda family, people: family.pk,
    "member_pk": lambda family, people: family.members.first().pk,
    "user_pk": lambda family, people: people.anna.pk,
    "assignment_pk": lambda family, people: family.assignments.get(ended_on__isnull=True).pk,
    "placement_pk": lambda family, people: _sample_placement(family, people).pk,
    "blue_card_pk": lambda family, people: _sample_blue_card(family, people).pk,
    # a request that ended in Anna's assignment (intake/tests/builders.py explains how)
    "referral_pk": lambda family, people: _sample_referral(family, people).pk,
    "consent_pk": lambda family, people: _sample_consent(family, people).pk,
    # plans: Anna's draft plan with one goal and one action (the same objects on every call)
    "plan_pk": lambda family, people: _sample_plan(family, people).pk,
    "goal_pk": lambda family, people: _sample_plan(family, people).goals.get().pk,
    "action_pk": lambda family, people: _sample_plan(family, people).goals.get().actions.get().pk,
    # visits: a contact Anna recorded, flagged for child safety (so it also has an alert)
    "contact_pk": lambda family, people: _sample_contact(family, people).pk,
    "alert_pk": lambda family, people: _sample_contact(family, people).safety_alert.pk,
    "year": lambda family, people: 2025,
    "month": lambda family, people: 3,
    # assessments: Anna's diagnosis, her submitted assessment, a team meeting and its task
    "diagnosis_pk": lambda family, people: _sample_diagnosis(family, people).pk,
    "assessment_pk": lambda family, people: _sample_assessment(family, people).pk,
    "meeting_pk": lambda family, people: _sample_meeting(family, people).pk,
    "task_pk": lambda family, people: _sample_meeting(family, people).tasks.get().pk,
    # court: a court's request for an opinion on Anna's family, recorded by Anna
    "court_request_pk": lambda family, people: _sample_court_request(family, people).pk,
    # closure: Anna's family closed (goals achieved) with six months of monitoring
    "closure_pk": lambda family, people: _sample_closure(family, people).pk,
    # documents: a document of Anna's family she generated; the centre's own template of a
    # kind made from the family record (uploaded by the head), and that kind's code
    "document_pk": lambda family, people: _sample_document(family, people).pk,
    "template_pk": lambda family, people: _sample_template(family, people).pk,
    "code": lambda family, people: _sample_template(family, people).kind,
    # attachments: a PDF Anna added to her family's record
    "attachment_pk": lambda family, people: _sample_attachment(family, people).pk,
    # reports: a report of the registry and one of its figures (the default period)
    "report": lambda family, people: "semiannual",
    "figure": lambda family, people: "families_served",
    # reports: the half-year report marked as submitted by the head; a finished background export
    "submission_pk": lambda family, people: _sample_submission(people).pk,
    "export_pk": lambda family, people: _sample_export(people).pk,
}


def _sample_submission(people):
    from asysta.reports.tests.snapshot_builders import submission

    return submission(people)


def _sample_export(people):
    from asysta.reports.models import ReportExport
    from asysta.reports.tests.snapshot_builders import export

    return ReportExport.objects.filter(centre=people.centre).first() or export(people)


def _sample_attachment(family, people):
    from asysta.attachments.tests.builders import attachment

    return attachment(family, by=people.anna)


def _sample_document(family, people):
    from asysta.documents.tests.builders import document

    return document(family, by=people.anna)


def _sample_template(family, people):
    from asysta.documents.tests.builders import centre_template

    return centre_template(family, by=people.dorota)


def _sample_court_request(family, people):
    from asysta.court.tests.builders import opinion_request

    return opinion_request(family, by=people.anna)


def _sample_closure(family, people):
    from asysta.closure.tests.builders import closed

    return closed(family, by=people.anna)


def _sample_diagnosis(family, people):
    from asysta.assessments.tests.builders import diagnosis

    return diagnosis(family, by=people.anna)


def _sample_assessment(family, people):
    from asysta.assessments.tests.builders import submitted_assessment

    return submitted_assessment(family, by=people.anna)


def _sample_meeting(family, people):
    """One meeting per family: the meeting and task samples of one URL must match."""
    from asysta.assessments.tests.builders import meeting

    return family.team_meetings.first() or meeting(family, by=people.anna)


def _sample_contact(family, people):
    from asysta.visits.tests.builders import contact

    return contact(family, by=people.anna, child_safety=True)


def _sample_referral(family, people):
    from asysta.intake.tests.builders import assigned_referral_of_fixture_family

    return assigned_referral_of_fixture_family(family, people)


def _sample_consent(family, people):
    from asysta.intake.tests.builders import consent

    return consent(family, by=people.edward, on=family.assignments.first().started_on)


def _sample_plan(family, people):
    from asysta.plans.tests.builders import draft_with_content

    return family.workplans.first() or draft_with_content(family, by=people.anna)


def _sample_placement(family, people):
    from datetime import date

    from asysta.core import testing
    from asysta.families import record

    child = testing.make_member(
        family=family, by=people.dorota, role="child", sex="F", birth_date=date(2015, 3, 2)
    )
    return record.add_placement(
        family=family,
        by=people.dorota,
        child=child,
        kind="kinship",
        carer="Babcia Zofia",
        since=date(2025, 1, 10),
    )


def _sample_blue_card(family, people):
    from datetime import date

    from asysta.families import record

    return record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 2, 1))


def _kwargs(name: str, family, people) -> dict[str, int]:
    return {key: SAMPLES[key](family, people) for key in _url_params()[name]}


@pytest.mark.parametrize(("name", "method", "expected"), list(_cases()))
def test_policy_outcome(name, method, expected, people, family, login):
    """URL name x method -> for every role the outcome in the table (Anna is the family's
    assistant, Edward its social worker; a denied role gets 403 before the view runs). The roles
    of one row share the data built for it, each request rolled back after it; every mismatch
    is reported, not only the first."""
    url = reverse(name, kwargs=_kwargs(name, family, people))
    wrong = []
    for role, outcome in expected.items():
        client = login(people.by_role()[role])
        # each role meets the data as built, not as changed by another role's request
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        status = response.status_code
        if outcome == "denied":
            if status != 403:
                wrong.append(f"{role}: expected 403, got {status}")
        elif status not in (200, 204, 302, 409, 422):  # 409: the view ran and refused
            wrong.append(f"{role}: got {status}")
        elif status == 302 and name != "accounts:logout":
            if reverse("accounts:login") in response["Location"]:
                wrong.append(f"{role}: sent to the sign-in page")
    assert not wrong, f"{method} {name}: " + "; ".join(wrong)
