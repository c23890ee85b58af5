"""What a row of the half-year report counts, set by the centre (`SemiannualRow.counts`).

The centre (H1 2025, built through the real services):
  Adamscy    court order and a "Za życiem" application (in both categories), Anna from 10.01.
  Bieleccy   court order only, Anna from 10.01.
  Cicheccy   "Za życiem" only, Anna from 10.01.
  Dąbrowscy  Anna from 10.01, closed 01.03 (goals achieved).
  Ewiccy     Anna from 10.01, closed 01.02 (other), re-opened 10.02, Bartek from 15.02, closed
             01.05 (goals achieved): two closures.
  Florczakowie Anna from 10.01, closed 01.04 (no effects).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from asysta.closure import services as closure_services
from asysta.closure.models import REASON_CHOICES
from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.families import basis
from asysta.reports.base import Period
from asysta.reports.models import SemiannualRow
from asysta.reports.semiannual import semiannual
from asysta.reports.semiannual_rows import source_choices, validate_row

pytestmark = pytest.mark.django_db

H1 = Period.half_year(2025, 1)


@pytest.fixture
def centre(people):
    p, by = people, people.dorota

    def family(surname, *, court=False, zz=False):
        fam = testing.make_family(centre=p.centre, by=by, surname=surname)
        testing.make_member(family=fam, by=by)
        if court:
            basis.add_court_order(
                family=fam,
                by=by,
                court="Sąd Rejonowy",
                file_number=f"III Nsm {surname}",
                issued_on=date(2025, 1, 5),
            )
        if zz:
            basis.add_za_zyciem_application(
                family=fam, by=by, filed_on=date(2025, 1, 5), applicant="matka"
            )
        testing.assign(family=fam, assistant=p.anna, by=by, started_on=date(2025, 1, 10))
        return fam

    out = {
        "adamscy": family("Adamscy", court=True, zz=True),
        "bieleccy": family("Bieleccy", court=True),
        "cieccy": family("Cicheccy", zz=True),
        "dabrowscy": family("Dąbrowscy"),
        "ewiccy": family("Ewiccy"),
        "florczakowie": family("Florczakowie"),
    }
    closed(out["dabrowscy"], by=by, on=date(2025, 3, 1))
    first = closed(out["ewiccy"], by=by, on=date(2025, 2, 1), reason="other", reason_other="x")
    closure_services.reopen_case(
        closure=first,
        by=by,
        reported_on=date(2025, 2, 10),
        source="social_worker",
        social_worker=p.edward,
    )
    testing.assign(family=out["ewiccy"], assistant=p.bartek, by=by, started_on=date(2025, 2, 15))
    closed(out["ewiccy"], by=by, on=date(2025, 5, 1))
    closed(out["florczakowie"], by=by, on=date(2025, 4, 1), reason="no_effects")
    return out


def _row(people, code: str, counts: list[str], **fields) -> SemiannualRow:
    row = SemiannualRow(
        centre=people.centre, code=code, label=fields.pop("label", code), counts=counts, **fields
    )
    row.full_clean()
    row.save()
    return row


def pks(report, code: str) -> list[int]:
    return sorted(i.pk for i in report.figure(code).items)


def test_own_row_counts_the_union_of_chosen_categories(people, centre):
    _row(people, "own_1", ["category:court", "category:za_zyciem"], label="Sąd lub ZŻ", order=1)
    report = semiannual(people.centre, H1)
    union = set(pks(report, "families_court")) | set(pks(report, "families_za_zyciem"))
    assert pks(report, "own_1") == sorted(union)  # Adamscy once, though in both
    assert union == {centre["adamscy"].pk, centre["bieleccy"].pk, centre["cieccy"].pk}
    figure = report.figures[0]
    assert (figure.code, figure.label, figure.value) == ("own_1", "Sąd lub ZŻ", 3)
    (adamscy,) = [i for i in figure.items if i.pk == centre["adamscy"].pk]
    assert "postanowienie sądu" in adamscy.reason and "Za życiem" in adamscy.reason


def test_own_row_of_any_category_is_every_family_served(people, centre):
    _row(people, "own_1", ["category:any", "category:court"])
    report = semiannual(people.centre, H1)
    assert pks(report, "own_1") == pks(report, "families_served")
    assert report.figure("own_1").value == 6
    assert report.figures[0].code == "own_1"  # order 0: before the defaults (10, 20, ...)


def test_own_row_counts_every_closure_for_the_chosen_reasons(people, centre):
    _row(people, "own_2", ["reason:goals_achieved", "reason:other"])
    report = semiannual(people.centre, H1)
    chosen = pks(report, "ended_goals_achieved") + pks(report, "ended_other")
    assert pks(report, "own_2") == sorted(chosen)
    ewiccy, dabrowscy = centre["ewiccy"].pk, centre["dabrowscy"].pk
    assert pks(report, "own_2") == sorted([ewiccy, ewiccy, dabrowscy])  # once per closure


def test_ended_row_merges_two_reasons(people, centre):
    _row(
        people,
        "ended_no_effects",
        ["reason:no_effects", "reason:other"],
        label="brak efektów lub inne",
    )
    _row(people, "ended_other", [], enabled=False)
    report = semiannual(people.centre, H1)
    merged = report.figure("ended_no_effects")
    assert merged.label == "brak efektów lub inne"
    assert sorted(i.pk for i in merged.items) == sorted(
        [centre["florczakowie"].pk, centre["ewiccy"].pk]
    )
    assert "ended_other" not in {f.code for f in report.figures}
    # The rows of ended work still add up to the total.
    ended = [f for f in report.figures if f.code.startswith("ended_")]
    assert sum(f.value for f in ended) == report.figure("families_ended").value == 4


def test_another_centres_rows_are_not_ours(people, centre):
    SemiannualRow.objects.create(
        centre=people.centre_b, code="own_1", label="B", counts=["category:any"]
    )
    assert "own_1" not in {f.code for f in semiannual(people.centre, H1).figures}


@pytest.mark.parametrize(
    ("code", "counts", "field", "message"),
    [
        ("own_1", ["reason:nonsense"], "counts", "Nieznane źródło: „reason:nonsense”"),
        ("own_1", ["category:court", "reason:other"], "counts", "nie jedno i drugie"),
        ("own_1", [], "counts", "Wybierz, co ma liczyć wiersz własny"),
        ("own_1", "category:court", "counts", "Podaj listę źródeł"),
        ("children", ["category:court"], "counts", "liczy według stałej reguły"),
        ("ended_other", ["category:court"], "counts", "liczy tylko powody zakończenia"),
        ("moje wiersze", ["category:court"], "code", "Nieznany wiersz „moje wiersze”"),
    ],
)
def test_invalid_rows_are_refused_with_a_clear_message(people, code, counts, field, message):
    row = SemiannualRow(centre=people.centre, code=code, label="x", counts=counts)
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert message in " ".join(exc.value.message_dict[field])


def test_every_offered_source_is_accepted():
    offered = {value for value, _label in source_choices()}
    assert {"category:court", "category:foster_care", "category:za_zyciem", "category:any"} <= (
        offered
    )
    assert {f"reason:{reason}" for reason, _label in REASON_CHOICES} <= offered
    for value in offered:
        validate_row("own_9", [value])
    validate_row("ended_moved_away", ["reason:moved_away", "reason:court_decision"])
    validate_row("children", [])


def test_administrator_adds_an_own_row(people, login):
    client = login(people.adam)
    url = reverse("admin:reports_semiannualrow_add")
    form = client.get(url)
    assert form.status_code == 200 and "category:za_zyciem" in form.content.decode()
    response = client.post(
        url,
        {
            "code": "own",
            "label": "Rodziny z sądu albo Za życiem",
            "order": "45",
            "enabled": "on",
            "counts": ["category:court", "category:za_zyciem"],
        },
    )
    assert response.status_code == 302
    row = SemiannualRow.objects.get()
    assert (row.centre, row.code, row.counts) == (
        people.centre,
        "own_1",
        ["category:court", "category:za_zyciem"],
    )
    # A second own row gets the next code; editing keeps its code.
    client.post(url, {"code": "own", "label": "Drugi", "order": "46", "counts": ["category:any"]})
    assert set(SemiannualRow.objects.values_list("code", flat=True)) == {"own_1", "own_2"}
    change = reverse("admin:reports_semiannualrow_change", args=[row.pk])
    edited = client.post(
        change,
        {"code": "own_1", "label": "Zmieniony", "order": "45", "counts": ["category:court"]},
    )
    assert edited.status_code == 302
    row.refresh_from_db()
    assert (row.code, row.label, row.counts) == ("own_1", "Zmieniony", ["category:court"])


def test_administrator_sees_the_error_next_to_the_field(people, login):
    client = login(people.adam)
    response = client.post(
        reverse("admin:reports_semiannualrow_add"),
        {
            "code": "own",
            "label": "Pomieszany",
            "order": "1",
            "counts": ["category:court", "reason:other"],
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "nie jedno i drugie" in " ".join(errors["counts"])
    assert not SemiannualRow.objects.exists()
    fixed_rule = client.post(
        reverse("admin:reports_semiannualrow_add"),
        {"code": "children", "label": "Dzieci", "order": "1", "counts": ["reason:other"]},
    )
    assert "stałej reguły" in " ".join(fixed_rule.context["adminform"].form.errors["counts"])
    assert not SemiannualRow.objects.exists()
