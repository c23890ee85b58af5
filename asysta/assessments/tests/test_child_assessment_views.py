"""Pages of the foster-care organiser's child-assessment meeting: the form (its own fields,
422 on bad input, nothing saved), the detail and the list, another assistant's 404."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from asysta.assessments.models import MeetingKind, TeamMeeting
from asysta.assessments.tests.builders import MINUTES, child_assessment

TODAY = date.today()


def _data(placement, /, **extra):
    data = {
        "kind": "child_assessment",
        "held_on": TODAY.isoformat(),
        "placement": placement.pk,
        "convened_by": "PCPR w Oleśnicy",
        "invited_on": (TODAY - timedelta(days=7)).isoformat(),
        "assistant_attended": "on",
        "return_home_opinion": "return_home",
        "participants": [],
        "findings": MINUTES,
        "decision": "",
        "end_reason": "",
        "ext-TOTAL_FORMS": "3",
        "ext-INITIAL_FORMS": "0",
        "ext-0-name": "Jan Lis",
        "ext-0-institution": "koordynator rodzinnej pieczy zastępczej",
        "task-TOTAL_FORMS": "2",
        "task-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def _tag(html, name):
    """The <input> tag of the field `name`."""
    start = html.index(f'name="{name}"')
    return html[html.rindex("<", 0, start) : html.index(">", start)]


def test_the_form_offers_the_organisers_fields_and_the_familys_placements(
    people, family, placement, other_placement, login
):
    page = login(people.anna).get(reverse("assessments:meeting_create", args=[family.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-meeting-kind="child_assessment"' in html and "assessments/meeting.js" in html
    assert f'<option value="{placement.pk}">Kacper' in html
    assert "Rodzina Zawodowa" not in html  # a child of another family is not offered
    assert "checked" in _tag(html, "assistant_attended")  # invited in order to take part


def test_the_organisers_meeting_is_recorded_and_shown(people, family, placement, login):
    client = login(people.anna)
    response = client.post(
        reverse("assessments:meeting_create", args=[family.pk]), _data(placement)
    )
    assert response.status_code == 302
    made = TeamMeeting.objects.get()
    assert (made.kind, made.placement, made.decision) == ("child_assessment", placement, "")
    assert made.assistant_attended and made.invited_on == TODAY - timedelta(days=7)
    html = client.get(response["Location"]).content.decode()
    assert "Protokół (ustalenia posiedzenia)" in html and "Kacper dobrze funkcjonuje" in html
    assert "PCPR w Oleśnicy" in html and "uczestniczył w posiedzeniu" in html
    assert "Powrót dziecka do rodziny możliwy" in html
    assert '<h2 class="h5">Decyzja</h2>' not in html  # the centre decided nothing there
    listing = client.get(reverse("assessments:meeting_list", args=[family.pk])).content.decode()
    assert "okresowej oceny sytuacji dziecka (organizator pieczy) (Kacper" in listing
    assert "opinia: powrót dziecka do rodziny możliwy" in listing
    panel = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert f"{TODAY:%d.%m.%Y}: posiedzenie zespołu ds. okresowej oceny" in panel


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"placement": ""}, "placement", "Wskaż dziecko w pieczy zastępczej"),
        ({"placement": "other"}, "placement", "Wybierz poprawną wartość"),
        ({"convened_by": "  "}, "convened_by", "kto zwołał posiedzenie"),
        (
            {"invited_on": (TODAY + timedelta(days=1)).isoformat()},
            "invited_on",
            "nie mogło przyjść po posiedzeniu",
        ),
    ],
)
def test_bad_input_is_422_next_to_the_field_and_nothing_is_saved(
    people, family, placement, other_placement, login, extra, field, message
):
    if extra.get("placement") == "other":
        extra["placement"] = other_placement.pk
    url = reverse("assessments:meeting_create", args=[family.pk])
    response = login(people.anna).post(url, _data(placement, **extra))
    html = response.content.decode()
    assert response.status_code == 422
    error = html.split(f'id="id_{field}_error">', 1)[1].split("</div>", 1)[0]
    assert message in error
    assert MINUTES in html  # what the user typed stays
    assert not TeamMeeting.objects.exists()


def test_a_centres_own_meeting_without_decision_is_422(people, family, placement, login):
    url = reverse("assessments:meeting_create", args=[family.pk])
    response = login(people.anna).post(url, _data(placement, kind="assessment_team"))
    assert response.status_code == 422
    assert 'id="id_decision_error"' in response.content.decode()
    assert not TeamMeeting.objects.exists()


def test_the_organisers_meeting_is_corrected(people, family, placement, login):
    made = child_assessment(family, by=people.anna, placement=placement, assistant_attended=False)
    client = login(people.celina)
    url = reverse("assessments:meeting_edit", args=[family.pk, made.pk])
    page = client.get(url).content.decode()
    assert 'value="PCPR w Oleśnicy"' in page
    assert "checked" not in _tag(page, "assistant_attended")  # the record, not the default
    data = _data(placement, convened_by="PCPR Oleśnica, zespół ds. oceny", invited_on="")
    data.update({"ext-TOTAL_FORMS": "1", "ext-INITIAL_FORMS": "1", "task-TOTAL_FORMS": "0"})
    assert client.post(url, {**data, "invited_on": TODAY + timedelta(days=2)}).status_code == 422
    response = client.post(url, data)
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.convened_by == "PCPR Oleśnica, zespół ds. oceny" and made.invited_on is None
    assert made.assistant_attended and made.kind == MeetingKind.CHILD_ASSESSMENT


def test_another_assistant_gets_404(people, family, placement, login):
    made = child_assessment(family, by=people.anna, placement=placement)
    client = login(people.bartek)
    for url in (
        reverse("assessments:meeting_create", args=[family.pk]),
        reverse("assessments:meeting_edit", args=[family.pk, made.pk]),
        reverse("assessments:meeting_detail", args=[family.pk, made.pk]),
    ):
        assert client.get(url).status_code == 404, url
    edit = reverse("assessments:meeting_edit", args=[family.pk, made.pk])
    assert client.post(edit, _data(placement, convened_by="X")).status_code == 404
    made.refresh_from_db()
    assert made.convened_by == "PCPR w Oleśnicy"
