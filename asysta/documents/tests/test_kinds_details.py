"""The document kinds in detail: the plan's goals and actions, the assessment's scores with the
previous ones, the organiser's meeting, the members' privacy per document, user text printed
literally, the visit diary's order and weight, the work card's reference."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from asysta.assessments.models.areas import anchor
from asysta.documents.kinds import base
from asysta.documents.kinds._common import dmy, family_data
from asysta.documents.kinds.visits import DIARY_HEAVY_CONTACTS
from asysta.documents.kinds.workcard import WorkCardSource
from asysta.documents.tests.test_kinds import World, build_world, render_docx, render_html
from asysta.visits.tests.builders import contact as make_contact


@pytest.fixture
def world(people) -> World:
    return build_world(people)


def test_plan_document_lists_goals_with_their_actions(world):
    plan = world.source("work_plan")
    data = base.get("work_plan").build(plan)
    goals = data["plan"]["goals"]
    assert [g["number"] for g in goals] == [1, 2]
    assert [a["number"] for a in goals[1]["actions"]] == ["2.1", "2.2"]
    assert data["plan"]["care_plan"]["present"] is True
    assert "Ewa Nowakowie (matka)" in data["plan"]["participants"]


def test_assessment_scores_carry_the_previous_score_and_the_anchor(world):
    second, first = world.source("periodic_assessment"), world.source("periodic_assessment", 1)
    scores = base.get("periodic_assessment").build(second)["assessment"]
    childcare = next(s for s in scores["scores"] if s["area"] == "opieka i wychowanie dzieci")
    assert (childcare["score"], childcare["previous"], childcare["change"]) == (5, "3", "+2")
    assert childcare["anchor"] == anchor("childcare", 5)
    assert scores["previous_period"] == f"{dmy(first.period_from)}–{dmy(first.period_to)}"
    assert scores["acknowledged"] is True
    assert scores["goals"][0]["achievement"] == "częściowo"
    text = render_docx(base.get("periodic_assessment"), {"assessment": scores, **_family(second)})
    assert anchor("childcare", 5) in text and "+2" in text and "Przyjęto bez uwag." in text
    earliest = base.get("periodic_assessment").build(first)["assessment"]
    assert all(s["previous"] == "" and s["change"] == "" for s in earliest["scores"])


def _family(record: Any) -> dict[str, Any]:
    return {"family": family_data(record.family)}


def test_child_assessment_meeting_names_the_child_and_the_organiser(world):
    organiser = world.source("team_meeting", 1)
    data = base.get("team_meeting").build(organiser)
    part = data["meeting"]["child_assessment"]
    assert data["meeting"]["is_child_assessment"] is True
    assert part["child"] == "Zosia Nowakowie"
    assert part["convened_by"] == "PCPR w Oleśnicy"
    text = render_docx(base.get("team_meeting"), data)
    assert "Okresowa ocena sytuacji dziecka w pieczy zastępczej" in text
    assert "Zosia Nowakowie" in text and "PCPR w Oleśnicy" in text


def test_privacy_of_members_follows_the_document(world):
    family = world.source("family_record")
    pesel = family.members.get(first_name="Ewa").pesel
    for code, source, _values in world.cases:
        flat = repr(base.get(code).build(source))
        assert "Notatka o zdrowiu" not in flat, f"{code} carries a member's health notes"
        if code not in ("family_record", "court_opinion"):
            assert pesel not in flat, f"{code} carries a PESEL"
        if code != "family_record":
            assert "umiarkowany stopień" not in flat, f"{code} carries a disability"
    assert base.get("family_record").extra["special_category"] is True


def test_user_text_comes_out_literally(people, family):
    hostile = "<b>&amp; {{ centre.name }} {% if 1 %}x{% endif %} </w:t><script>alert(1)</script>"
    contact = make_contact(family, by=people.anna, summary=hostile)
    kind = base.get("contact_record")
    data = kind.build(contact)
    assert hostile in render_docx(kind, data)
    html = render_html(kind, data)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_diary_is_oldest_first_and_heavy_above_the_limit(people, family, monkeypatch):
    today = timezone.localdate()
    for days in (3, 9, 1):
        make_contact(family, by=people.anna, on=today - timedelta(days), start_time=time(9, 0))
    kind = base.get("visit_diary")
    data = kind.build(family)
    dates = [c["date"] for c in data["contacts"]]
    assert dates == [dmy(today - timedelta(d)) for d in (9, 3, 1)]
    assert data["diary"]["contacts"] == 3 and data["diary"]["hours"] == "6:00"
    assert kind.heavy(family) is False
    monkeypatch.setattr("asysta.documents.kinds.visits.DIARY_HEAVY_CONTACTS", 2)
    assert kind.heavy(family) is True
    assert DIARY_HEAVY_CONTACTS == 200


def test_work_card_ref_resolves_to_the_same_month(people, family):
    contact = make_contact(family, by=people.anna, kilometres=Decimal("7.0"))
    kind = base.get("work_card")
    source = WorkCardSource(people.anna, people.centre, contact.date.year, contact.date.month)
    ref = kind.ref(source)
    assert ref == {
        "assistant": people.anna.pk,
        "centre": people.centre.pk,
        "year": contact.date.year,
        "month": contact.date.month,
    }
    assert kind.resolve is not None and kind.resolve(ref) == source
    data = kind.build(source)
    assert data["totals"]["contacts"] == 1 and data["totals"]["home_visit"] == 1
    assert data["rows"][0]["case_number"] == family.case_number
    assert kind.family_of(source) is None and kind.heavy(source) is False
    with pytest.raises(ValueError):
        kind.resolve({**ref, "month": 13})


def test_kinds_for_sources():
    from asysta.closure.models import Closure
    from asysta.families.models import Family

    assert [k.code for k in base.kinds_for(Family)] == ["family_record", "consent", "visit_diary"]
    assert [k.code for k in base.kinds_for(Closure)] == [
        "closing_report",
        "monitoring_card",
        "new_centre_letter",
    ]
