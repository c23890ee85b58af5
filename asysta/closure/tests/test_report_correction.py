"""Correcting a closing report: what may change when, the rules, the audit rows, the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from asysta.closure import services
from asysta.closure.models import Closure
from asysta.closure.tests.builders import closed

TODAY = timezone.localdate()


def _refused(closure, by, **fields) -> dict[str, list[str]]:
    before = Closure.objects.values().get(pk=closure.pk)
    with pytest.raises(ValidationError) as err:
        services.update_closure_report(closure=closure, by=by, **fields)
    assert Closure.objects.values().get(pk=closure.pk) == before  # nothing saved
    if hasattr(err.value, "error_dict"):
        return err.value.message_dict
    return {"__all__": err.value.messages}


def _contact(closure, by, on):
    return services.add_monitoring_contact(
        closure=closure, by=by, contacted_on=on, form="phone", note="Rodzina radzi sobie."
    )


def test_the_assistant_corrects_the_report_and_the_monitoring_while_it_runs(people, family):
    closure = closed(family, by=people.anna)
    new_until = TODAY + timedelta(days=90)
    with set_actor(people.anna):
        services.update_closure_report(
            closure=closure,
            by=people.anna,
            goals_achieved="  Cele osiągnięte częściowo: szkoła tak, budżet nie.  ",
            final_situation={"childcare": "Opieka samodzielna.", "material": "Długi.", "x": 1},
            recommendations="Poradnictwo finansowe.",
            monitoring_until=new_until,
            monitoring_frequency="co dwa tygodnie",
        )
    closure.refresh_from_db()
    assert closure.goals_achieved == "Cele osiągnięte częściowo: szkoła tak, budżet nie."
    assert closure.final_situation == {"childcare": "Opieka samodzielna.", "material": "Długi."}
    assert (closure.monitoring_until, closure.monitoring_frequency) == (
        new_until,
        "co dwa tygodnie",
    )
    entry = LogEntry.objects.get_for_object(closure).latest("pk")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == people.anna
    assert entry.additional_data["centre"] == people.centre.pk
    assert set(entry.changes_dict) == {
        "goals_achieved",
        "final_situation",
        "recommendations",
        "monitoring_until",
        "monitoring_frequency",
    }
    assert entry.changes_dict["goals_achieved"][1] == "[ukryte]"  # texts never enter the trail
    assert "budżet" not in str(entry.changes)


def test_the_date_and_reason_are_not_corrected_here(people, family):
    closure = closed(family, by=people.anna)
    errors = _refused(
        closure, people.dorota, closed_on=TODAY - timedelta(days=1), reason="no_effects"
    )
    assert set(errors) == {"closed_on", "reason"}
    assert "wznowienie" in errors["reason"][0]
    # The same values as stored are no change: a client sending the whole closure is fine.
    services.update_closure_report(
        closure=closure, by=people.dorota, closed_on=closure.closed_on, reason=closure.reason
    )


def test_the_monitoring_cannot_end_before_the_closure_or_a_recorded_contact(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=30))
    _contact(closure, people.anna, TODAY - timedelta(days=5))
    errors = _refused(closure, people.anna, monitoring_until=closure.closed_on)
    assert "po dniu zakończenia" in errors["monitoring_until"][0]
    errors = _refused(closure, people.anna, monitoring_until=TODAY - timedelta(days=6))
    assert TODAY - timedelta(days=5) == closure.monitoring_contacts.get().contacted_on
    assert "zapisano już kontakt" in errors["monitoring_until"][0]
    errors = _refused(closure, people.anna, monitoring_until=None, monitoring_frequency=" ")
    assert {"monitoring_until", "monitoring_frequency"} <= set(errors)
    errors = _refused(closure, people.anna, goals_achieved="", final_situation={"childcare": ""})
    assert {"goals_achieved", "final_situation"} <= set(errors)
    # Shortened to the day of the last contact: allowed (the contact stays inside).
    services.update_closure_report(
        closure=closure, by=people.anna, monitoring_until=TODAY - timedelta(days=5)
    )
    closure.refresh_from_db()
    assert closure.monitoring_until == TODAY - timedelta(days=5) and closure.in_monitoring


def test_after_the_monitoring_only_the_texts_change_and_only_for_the_head(people, old_family):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=30))
    services.end_monitoring(closure=closure, by=people.anna, on=TODAY)
    with pytest.raises(ValidationError):  # the assignment ended: not Anna's family any more
        services.update_closure_report(closure=closure, by=people.anna, recommendations="x")
    errors = _refused(
        closure, people.dorota, monitoring_until=TODAY + timedelta(days=30), recommendations="x"
    )
    assert list(errors) == ["monitoring_until"] and "zakończył się" in errors["monitoring_until"][0]
    services.update_closure_report(closure=closure, by=people.dorota, recommendations="Pedagog.")
    closure.refresh_from_db()
    assert closure.recommendations == "Pedagog." and closure.monitoring_ended_on == TODAY


def test_without_monitoring_the_justification_is_corrected_but_none_is_added(people, family):
    closure = closed(
        family,
        by=people.anna,
        reason="moved_away",
        monitoring_until=None,
        monitoring_frequency="",
        no_monitoring_reason="Wyprowadzka.",
        new_centre="MOPS Wrocław",
        new_centre_letter_on=TODAY,
        disclosure_basis="zgoda rodziny",
    )
    errors = _refused(closure, people.dorota, monitoring_until=TODAY + timedelta(days=60))
    assert "bez monitoringu" in errors["monitoring_until"][0]
    assert "no_monitoring_reason" in _refused(closure, people.dorota, no_monitoring_reason=" ")
    services.update_closure_report(
        closure=closure, by=people.dorota, no_monitoring_reason="Rodzina zamieszkała we Wrocławiu."
    )
    closure.refresh_from_db()
    assert closure.no_monitoring_reason == "Rodzina zamieszkała we Wrocławiu."


def test_a_reopened_closure_and_someone_elses_family_are_refused(people, family):
    closure = closed(family, by=people.anna)
    assert "asystent rodziny" in _refused(closure, people.bartek, recommendations="x")["__all__"][0]
    services.reopen_case(
        closure=closure,
        by=people.edward,
        reported_on=TODAY,
        source="family",
        social_worker=people.edward,
    )
    assert "wznowiona" in str(_refused(closure, people.dorota, recommendations="x"))


def test_no_change_writes_no_audit_row(people, family):
    closure = closed(family, by=people.anna)
    before = LogEntry.objects.get_for_object(closure).count()
    services.update_closure_report(
        closure=closure,
        by=people.anna,
        goals_achieved=closure.goals_achieved + "  ",
        final_situation=dict(closure.final_situation),
    )
    assert LogEntry.objects.get_for_object(closure).count() == before


# The page.

FORM = {
    "goals_achieved": "Cele osiągnięte.",
    "area_childcare": "Rodzice dbają o dzieci.",
    "recommendations": "",
    "monitoring_until": (TODAY + timedelta(days=120)).isoformat(),
    "monitoring_frequency": "raz w miesiącu",
}


def _url(closure):
    return reverse("closure:report_edit", args=[closure.family_id, closure.pk])


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_another_assistant_or_centre_gets_404(people, family, login, who):
    closure = closed(family, by=people.anna)
    client = login(getattr(people, who))
    assert client.get(_url(closure)).status_code == 404
    assert client.post(_url(closure), FORM).status_code == 404
    closure.refresh_from_db()
    assert closure.goals_achieved != FORM["goals_achieved"]


def test_the_social_worker_may_read_but_not_correct(people, family, login):
    closure = closed(family, by=people.anna)
    client = login(people.edward)
    detail = client.get(reverse("closure:detail", args=[family.pk, closure.pk]))
    assert _url(closure) not in detail.content.decode()
    assert client.get(_url(closure)).status_code == 403


def test_the_assistant_corrects_the_report_through_the_page(people, old_family, login):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=20))
    _contact(closure, people.anna, TODAY - timedelta(days=2))
    client = login(people.anna)
    detail = client.get(reverse("closure:detail", args=[old_family.pk, closure.pk]))
    assert _url(closure) in detail.content.decode()
    page = client.get(_url(closure)).content.decode()
    assert "wznów sprawę" in page and "Rodzice sprawują opiekę samodzielnie." in page
    assert 'name="closed_on"' not in page and 'name="reason"' not in page

    bad = {**FORM, "monitoring_until": (TODAY - timedelta(days=3)).isoformat()}
    response = client.post(_url(closure), bad)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_monitoring_until_error"' in html and "zapisano już kontakt" in html
    assert "Rodzice dbają o dzieci." in html  # what the user typed stays
    closure.refresh_from_db()
    assert closure.goals_achieved != FORM["goals_achieved"]

    response = client.post(_url(closure), {**FORM, "area_childcare": ""})
    assert response.status_code == 422 and 'id="id_area_childcare_error"' in (
        response.content.decode()
    )

    response = client.post(_url(closure), FORM)
    assert response.status_code == 302
    closure.refresh_from_db()
    assert closure.goals_achieved == "Cele osiągnięte."
    assert closure.final_situation == {"childcare": "Rodzice dbają o dzieci."}
    assert closure.monitoring_until == TODAY + timedelta(days=120)
    entry = LogEntry.objects.get_for_object(closure).latest("pk")
    assert entry.actor == people.anna and "monitoring_until" in entry.changes_dict


def test_after_the_monitoring_the_head_gets_the_texts_only(people, old_family, login):
    closure = closed(old_family, by=people.anna, on=TODAY - timedelta(days=20))
    services.end_monitoring(closure=closure, by=people.anna, on=TODAY)
    assert login(people.anna).get(_url(closure)).status_code == 404
    client = login(people.dorota)
    page = client.get(_url(closure)).content.decode()
    assert 'name="monitoring_until"' not in page and "zakończył się" in page
    data = {k: v for k, v in FORM.items() if not k.startswith("monitoring")}
    assert client.post(_url(closure), data).status_code == 302
    closure.refresh_from_db()
    assert closure.goals_achieved == "Cele osiągnięte." and closure.monitoring_ended_on == TODAY


def test_a_reopened_closure_has_no_correction(people, family, login):
    closure = closed(family, by=people.anna)
    services.reopen_case(
        closure=closure,
        by=people.dorota,
        reported_on=TODAY,
        source="family",
        social_worker=people.edward,
    )
    client = login(people.dorota)
    detail = client.get(reverse("closure:detail", args=[family.pk, closure.pk]))
    assert _url(closure) not in detail.content.decode()
    response = client.post(_url(closure), FORM, follow=True)
    assert response.redirect_chain and "wznowiona" in response.content.decode()
    closure.refresh_from_db()
    assert closure.goals_achieved != FORM["goals_achieved"]


def test_the_assistant_closes_without_monitoring_and_the_plan_closes_too(people, family):
    """Ending the assignment takes the assistant's right to write the family: the plan in
    force is closed before that, in the same closure."""
    from asysta.closure.tests.builders import closed
    from asysta.plans.models import PlanStatus
    from asysta.plans.tests.builders import plan_in_force

    plan = plan_in_force(family, people=people)
    closed(
        family,
        by=people.anna,
        reason="moved_away",
        new_centre="Miejski Ośrodek Pomocy Społecznej w Oleśnicy",
        new_centre_letter_on=timezone.localdate(),
        disclosure_basis="art. 15 ust. 1 pkt 16 ustawy o wspieraniu rodziny",
        monitoring_until=None,
        monitoring_frequency="",
        no_monitoring_reason="Rodzina wyprowadziła się z gminy.",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert not family.assignments.filter(ended_on__isnull=True).exists()
