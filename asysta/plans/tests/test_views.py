"""Plan pages: who gets what (Bartek and Zofia 404, the social worker reads only), bad input
(422, nothing saved), each step through the page, the read log, constant query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.families import record
from asysta.plans import services
from asysta.plans.models import Action, Goal, PlanStatus, WorkPlan
from asysta.plans.tests import builders

TODAY = timezone.localdate()
ACTION = {
    "what": "Zapis do poradni",
    "responsible_kind": "assistant",
    "responsible_member": "",
    "responsible_name": "",
    "deadline": (TODAY + timedelta(days=30)).isoformat(),
    "expected_effect": "Dziecko objęte terapią",
    "indicator": "",
}


@pytest.fixture
def draft(people, family):
    return builders.draft_with_content(family, by=people.anna)


@pytest.fixture
def in_force(people, family):
    return builders.plan_in_force(family, people=people)


def _url(name, plan, *extra):
    return reverse(f"plans:{name}", args=[plan.family_id, plan.pk, *extra])


def _all_urls(plan):
    goal = plan.goals.get()
    action = goal.actions.get()
    family = plan.family_id
    return [
        reverse("plans:list", args=[family]),
        reverse("plans:create", args=[family]),
        _url("detail", plan),
        _url("edit", plan),
        _url("goal_create", plan),
        _url("goal_edit", plan, goal.pk),
        _url("goal_delete", plan, goal.pk),
        _url("action_create", plan, goal.pk),
        _url("action_edit", plan, action.pk),
        _url("action_delete", plan, action.pk),
        _url("action_progress", plan, action.pk),
        _url("consultation", plan),
        _url("agree", plan),
        _url("reopen", plan),
        _url("in_force", plan),
        _url("new_version", plan),
        _url("discard", plan),
    ]


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_another_assistant_and_another_centre_get_404(people, login, draft, who):
    client = login(getattr(people, who))
    readers = {reverse("plans:list", args=[draft.family_id]), _url("detail", draft)}
    for url in _all_urls(draft):
        assert client.get(url).status_code == 404, url
        if url not in readers:
            assert client.post(url, {}).status_code == 404, url
    assert client.get(_url("approve", draft)).status_code in (403, 404)
    assert WorkPlan.objects.get().goals.count() == 1


def test_zofia_gets_404_on_approve(people, login, draft):
    assert login(people.zofia).get(_url("approve", draft)).status_code == 404


def test_the_social_worker_reads_but_may_not_write(people, login, draft):
    client = login(people.edward)
    assert client.get(reverse("plans:list", args=[draft.family_id])).status_code == 200
    assert client.get(_url("detail", draft)).status_code == 200
    for url in _all_urls(draft)[1:]:
        if url != _url("detail", draft):
            assert client.post(url, {}).status_code == 403, url
    assert Goal.objects.count() == 1


def test_the_auditor_reads(people, login, draft):
    assert login(people.urszula).get(_url("detail", draft)).status_code == 200


def test_a_plan_of_another_family_is_404_through_this_family(people, login, family, draft):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    url = reverse("plans:detail", args=[other.pk, draft.pk])
    assert login(people.anna).get(url).status_code == 404
    goal = draft.goals.get()
    other_plan = services.create_draft(family=other, by=people.anna)
    url = reverse("plans:goal_edit", args=[other.pk, other_plan.pk, goal.pk])
    assert login(people.anna).get(url).status_code == 404


def test_approve_is_for_the_coordinator_and_head(people, login, family):
    people.centre.plan_approval_required = True
    people.centre.save(update_fields=["plan_approval_required"])
    plan = builders.agreed_plan(family, people=people, on=TODAY)
    assert login(people.anna).post(_url("approve", plan), {"on": TODAY}).status_code == 403
    detail = login(people.celina).get(_url("detail", plan))
    assert _url("approve", plan) in detail.content.decode()
    response = login(people.celina).post(_url("approve", plan), {"on": TODAY.isoformat()})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.approved_by == people.celina


# --- pages and steps --------------------------------------------------------------------------


def test_detail_shows_goals_actions_and_logs_the_read(people, login, in_force):
    response = login(people.anna).get(_url("detail", in_force))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cel 1" in page and "Działanie 1.1" in page and "obowiązuje" in page
    assert "0 z 1 zrealizowanych (0%)" in page
    assert _url("action_progress", in_force, Action.objects.get().pk) in page
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.additional_data["section"] == "plan"
    assert entry.additional_data["family"] == in_force.family_id


def test_create_draft_through_the_page(people, login, family):
    client = login(people.anna)
    list_page = client.get(reverse("plans:list", args=[family.pk])).content.decode()
    assert reverse("plans:create", args=[family.pk]) in list_page
    data = {"drawn_up_on": TODAY.isoformat(), "diagnosis_summary": "Trudności wychowawcze"}
    response = client.post(reverse("plans:create", args=[family.pk]), data)
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", plan)
    assert plan.created_by == people.anna
    response = client.post(reverse("plans:create", args=[family.pk]), data)
    assert response.status_code == 422
    assert "w przygotowaniu" in response.content.decode()


def test_add_goal_and_action(people, login, draft):
    client = login(people.anna)
    response = client.post(
        _url("goal_create", draft), {"area": "employment", "description": "Praca dla matki"}
    )
    goal = draft.goals.get(area="employment")
    assert response.status_code == 302 and response["Location"].endswith(f"#cel-{goal.pk}")
    response = client.post(_url("action_create", draft, goal.pk), ACTION)
    assert response.status_code == 302
    assert goal.actions.get().expected_effect == "Dziecko objęte terapią"


@pytest.mark.parametrize(
    ("field", "message"),
    [("deadline", "To pole jest wymagane."), ("expected_effect", "To pole jest wymagane.")],
)
def test_an_action_without_deadline_or_effect_is_422(people, login, draft, field, message):
    goal = draft.goals.get()
    response = login(people.anna).post(_url("action_create", draft, goal.pk), ACTION | {field: ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert goal.actions.count() == 1


def test_an_action_for_an_unnamed_institution_is_422(people, login, draft):
    goal = draft.goals.get()
    data = ACTION | {"responsible_kind": "institution"}
    response = login(people.anna).post(_url("action_create", draft, goal.pk), data)
    assert response.status_code == 422
    assert 'id="id_responsible_name_error"' in response.content.decode()
    assert goal.actions.count() == 1


def test_content_of_a_plan_in_force_is_refused(people, login, in_force):
    action = Action.objects.get()
    response = login(people.anna).post(
        _url("action_edit", in_force, action.pk), ACTION | {"what": "Zmienione"}
    )
    assert response.status_code == 422
    assert "tylko stan realizacji" in response.content.decode()
    action.refresh_from_db()
    assert action.what == "Działanie 1.1"


def test_report_progress_through_the_page(people, login, in_force):
    action = Action.objects.get()
    url = _url("action_progress", in_force, action.pk)
    response = login(people.anna).post(url, {"status": "done", "note": "Zrobione"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress_note) == ("done", "Zrobione")
    page = login(people.anna).get(_url("detail", in_force)).content.decode()
    assert "1 z 1 zrealizowanych (100%)" in page


def test_delete_goal_and_action(people, login, draft):
    client = login(people.anna)
    goal = draft.goals.get()
    assert client.get(_url("goal_delete", draft, goal.pk)).status_code == 200
    assert client.post(_url("action_delete", draft, goal.actions.get().pk)).status_code == 302
    assert client.post(_url("goal_delete", draft, goal.pk)).status_code == 302
    assert not Goal.objects.exists()


def test_the_whole_course_through_the_pages(people, login, family, draft):
    client = login(people.anna)
    builders.consent(family, by=people.anna, on=TODAY)
    response = client.post(
        _url("consultation", draft),
        {
            "social_worker": people.edward.pk,
            "consulted_on": TODAY,
            "consultation_form": "spotkanie",
        },
    )
    assert response.status_code == 302
    members = [m.pk for m in family.members.all()]
    response = client.post(_url("agree", draft), {"agreed_on": TODAY, "members": members})
    assert response.status_code == 302
    response = client.post(_url("in_force", draft), {"on": TODAY.isoformat()})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.IN_FORCE
    response = client.post(_url("new_version", draft))
    second = WorkPlan.objects.get(version=2)
    assert response["Location"] == _url("detail", second)
    assert second.goals.get().actions.count() == 1
    assert client.post(_url("discard", second)).status_code == 302
    assert WorkPlan.objects.count() == 1


def test_agree_without_members_is_422(people, login, draft):
    response = login(people.anna).post(_url("agree", draft), {"agreed_on": TODAY})
    assert response.status_code == 422
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_in_force_without_consultation_or_basis_is_422_with_reasons(people, login, family):
    testing.without_basis(family, by=people.anna)
    plan = builders.draft_with_content(family, by=people.anna)
    services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
    response = login(people.anna).post(_url("in_force", plan), {"on": TODAY.isoformat()})
    page = response.content.decode()
    assert response.status_code == 422
    assert "konsultacji z pracownikiem socjalnym" in page and "podstawy prawnej" in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED


def test_foster_care_without_coordinator_is_refused_and_flagged(people, login, family):
    child = testing.make_member(
        family=family,
        by=people.anna,
        first_name="Kacper",
        role="child",
        birth_date=date(2018, 1, 5),
    )
    record.add_placement(
        family=family, by=people.anna, child=child, kind="kinship", carer="Babcia", since=TODAY
    )
    builders.consent(family, by=people.anna, on=TODAY)
    plan = builders.agreed_plan(family, people=people, on=TODAY)
    client = login(people.anna)
    detail = client.get(_url("detail", plan)).content.decode()
    assert "koordynatora rodzinnej pieczy zastępczej" in detail
    response = client.post(_url("in_force", plan), {"on": TODAY.isoformat()})
    assert response.status_code == 422
    assert "koordynatora rodzinnej pieczy zastępczej" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    data = {
        "drawn_up_on": TODAY.isoformat(),
        "foster_coordinator": "Jan Lis, PCPR Oleśnica",
        "care_plan_child": child.pk,
        "care_plan_pcpr": "PCPR Oleśnica",
        "care_plan_date": TODAY.isoformat(),
    }
    assert client.post(_url("edit", plan), data).status_code == 302
    assert client.post(_url("in_force", plan), {"on": TODAY.isoformat()}).status_code == 302


# --- the family page panel and query counts ---------------------------------------------------


def test_family_page_shows_the_plan_panel(people, login, family, in_force):
    page = login(people.anna).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert 'id="plan"' in page and _url("detail", in_force) in page
    assert "następny przegląd" in page and in_force.review_due_on.strftime("%d.%m.%Y") in page


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_plan_detail_query_count_is_constant(people, login, family):
    small = builders.plan_in_force(family, people=people, goals=1, actions=1)
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.make_member(family=other, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    big = builders.plan_in_force(other, people=people, goals=6, actions=5)
    client = login(people.anna)
    assert _count(client, _url("detail", small)) == _count(client, _url("detail", big))


def test_draft_detail_query_count_is_constant(people, login, family):
    small = builders.draft_with_content(family, by=people.anna, goals=1, actions=1)
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    big = builders.draft_with_content(other, by=people.anna, goals=6, actions=5)
    client = login(people.anna)
    assert _count(client, _url("detail", small)) == _count(client, _url("detail", big))


def test_list_query_count_is_constant(people, login, family):
    plan = builders.plan_in_force(family, people=people, on=TODAY - timedelta(days=100))
    client = login(people.anna)
    url = reverse("plans:list", args=[family.pk])
    one = _count(client, url)
    for _ in range(5):
        plan = services.new_version(plan=plan, by=people.anna)
        services.record_consultation(
            plan=plan, social_worker=people.edward, on=TODAY, form="spotkanie", by=people.anna
        )
        services.agree(plan=plan, on=TODAY, members=family.members.all(), by=people.anna)
        services.put_in_force(plan=plan, on=TODAY, by=people.anna)
    assert WorkPlan.objects.count() == 6
    assert _count(client, url) == one


def test_family_page_query_count_does_not_grow_with_the_plan(people, login, family):
    builders.plan_in_force(family, people=people, goals=1, actions=1)
    other = testing.make_family(centre=people.centre, by=people.dorota, social_worker=people.edward)
    testing.make_member(family=other, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    builders.plan_in_force(other, people=people, goals=6, actions=5)
    client = login(people.anna)
    small = _count(client, reverse("families:detail", args=[family.pk]))
    assert _count(client, reverse("families:detail", args=[other.pk])) == small
