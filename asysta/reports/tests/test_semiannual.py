"""The half-year report on hand-computed data built through the real services.

The dataset (centre A, year 2025; H1 = 1 Jan–30 Jun, H2 = 1 Jul–31 Dec):

Assistants: Anna 1.00 (umowa o pracę), Bartek 0.75 (umowa zlecenie), Iwona 0.50 → 1.00 from
1 Apr 2025 (umowa o pracę).

Families:
  Adamscy     Anna from 01.10.2024, open (both halves); court order since 15.09.2024; children
              born 10.03.2007 (turns 18 in H1) and 01.01.2015.
  Borowscy    Anna from 01.02.2025, Bartek from 01.04.2025 (reassigned), open; child born 2012
              in foster care 01.05–31.05.2025.
  Cieślakowie Bartek from 01.06.2024, closed 30.06.2025 (monitoring to 31.12.2025); Za życiem
              application 20.05.2024; no children.
  Dudowie     Anna from 01.03.2024, closed 10.02.2025, re-opened 01.03.2025, Bartek from
              10.03.2025, closed again 10.06.2025 (reason other); child born 2010.
  Ewiccy      Anna 01.01.2024–closed 30.11.2024, monitored until 31.05.2025 (not served in 2025).
  Fijałkowscy Iwona from 15.07.2025 (H2 only); child born 01.09.2008.
  (centre B)  a family of centre B, open in both halves — never counted in centre A.
Supporting families: appointed 01.03.2025 (open); 01.02.2025–31.05.2025; from 01.08.2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.accounts.models import EmploymentForm, Membership
from asysta.accounts.services import set_fte
from asysta.closure import services as closure_services
from asysta.closure.models import ReportCategoryMap
from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.families import basis, record
from asysta.reports.base import REPORTS, Period, Report
from asysta.reports.models import SemiannualRow, SupportingFamily
from asysta.reports.semiannual import add_months, semiannual

H1 = Period.half_year(2025, 1)
H2 = Period.half_year(2025, 2)


def _family(people, surname: str, *children: date, centre=None, by=None):
    fam = testing.make_family(
        centre=centre or people.centre,
        by=by or people.dorota,
        social_worker=people.edward,
        surname=surname,
    )
    testing.make_member(family=fam, by=people.dorota, last_name=surname)
    for n, born in enumerate(children):
        testing.make_member(
            family=fam,
            by=people.dorota,
            first_name=f"Dziecko{n}",
            role="child",
            sex="F",
            birth_date=born,
        )
    return fam


def _child(fam):
    return fam.members.filter(role="child").first()


@pytest.fixture
def data(people):
    p = people
    iwona = testing.make_user(
        "iwona",
        centre=p.centre,
        roles=["assistant"],
        first="Iwona",
        last="Asystentka",
        fte=Decimal("0.50"),
    )
    bartek_role = Membership.objects.get(user=p.bartek, role="assistant")
    set_fte(membership=bartek_role, fte=Decimal("0.75"), valid_from=date(2024, 1, 1), by=p.adam)
    Membership.objects.filter(pk=bartek_role.pk).update(
        employment_form=EmploymentForm.CIVIL_CONTRACT
    )
    iwona_role = Membership.objects.get(user=iwona, role="assistant")
    set_fte(membership=iwona_role, fte=Decimal("1.00"), valid_from=date(2025, 4, 1), by=p.adam)

    def assign(fam, who, on):
        return testing.assign(family=fam, assistant=who, by=p.dorota, started_on=on)

    adamscy = _family(p, "Adamscy", date(2007, 3, 10), date(2015, 1, 1))
    basis.add_court_order(
        family=adamscy,
        by=p.dorota,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 1/24",
        issued_on=date(2024, 9, 15),
    )
    assign(adamscy, p.anna, date(2024, 10, 1))

    borowscy = _family(p, "Borowscy", date(2012, 6, 1))
    assign(borowscy, p.anna, date(2025, 2, 1))
    assign(borowscy, p.bartek, date(2025, 4, 1))
    record.add_placement(
        family=borowscy,
        by=p.dorota,
        child=_child(borowscy),
        kind="kinship",
        carer="Babcia Borowska",
        since=date(2025, 5, 1),
        until=date(2025, 5, 31),
    )

    cieslakowie = _family(p, "Cieślakowie")
    basis.add_za_zyciem_application(
        family=cieslakowie, by=p.dorota, filed_on=date(2024, 5, 20), applicant="matka"
    )
    assign(cieslakowie, p.bartek, date(2024, 6, 1))
    closed(cieslakowie, by=p.dorota, on=date(2025, 6, 30), monitoring_until=date(2025, 12, 31))

    dudowie = _family(p, "Dudowie", date(2010, 1, 1))
    assign(dudowie, p.anna, date(2024, 3, 1))
    first = closed(dudowie, by=p.dorota, on=date(2025, 2, 10))
    closure_services.reopen_case(
        closure=first,
        by=p.dorota,
        reported_on=date(2025, 3, 1),
        source="social_worker",
        social_worker=p.edward,
    )
    assign(dudowie, p.bartek, date(2025, 3, 10))
    closed(
        dudowie, by=p.dorota, on=date(2025, 6, 10), reason="other", reason_other="wyjazd za granicę"
    )

    ewiccy = _family(p, "Ewiccy", date(2013, 1, 1))
    assign(ewiccy, p.anna, date(2024, 1, 1))
    closed(ewiccy, by=p.dorota, on=date(2024, 11, 30), monitoring_until=date(2025, 5, 31))

    fijalkowscy = _family(p, "Fijałkowscy", date(2008, 9, 1))
    assign(fijalkowscy, iwona, date(2025, 7, 15))

    zenon = testing.make_user("zenon", centre=p.centre_b, roles=["assistant"], first="Zenon")
    other = _family(p, "Obcy", date(2014, 1, 1), centre=p.centre_b, by=p.zofia)
    testing.assign(family=other, assistant=zenon, by=p.zofia, started_on=date(2024, 1, 1))

    nowakowie = SupportingFamily.objects.create(
        centre=p.centre, name="Nowakowie", appointed_on=date(2025, 3, 1), contract_number="1/25"
    )
    wisniewscy = SupportingFamily.objects.create(
        centre=p.centre,
        name="Wiśniewscy",
        appointed_on=date(2025, 2, 1),
        ended_on=date(2025, 5, 31),
    )
    zielinscy = SupportingFamily.objects.create(
        centre=p.centre, name="Zielińscy", appointed_on=date(2025, 8, 1)
    )
    # Nowakowie help Adamscy and Borowscy, Zielińscy Borowscy too; Wiśniewscy (ended) helped
    # Cieślakowie.
    nowakowie.supported_families.set([adamscy, borowscy])
    zielinscy.supported_families.set([borowscy])
    wisniewscy.supported_families.set([cieslakowie])
    return {
        "iwona": iwona,
        "adamscy": adamscy,
        "borowscy": borowscy,
        "cieslakowie": cieslakowie,
        "dudowie": dudowie,
        "ewiccy": ewiccy,
        "fijalkowscy": fijalkowscy,
    }


def _labels(report: Report, code: str) -> list[str]:
    return sorted(i.label.split(" (")[0] for i in report.figure(code).items)


def _values(report: Report) -> dict[str, object]:
    return {f.code: f.value for f in report.figures}


def test_first_half_year_hand_computed(people, data):
    report = semiannual(people.centre, H1)
    values = _values(report)
    assert values["assistants_persons"] == 3
    assert values["assistants_fte"] == Decimal("2.75")  # 1.00 + 0.75 + Iwona's 1.00 since April
    assert values["assistants_form_employment_contract"] == 2
    assert values["assistants_form_civil_contract"] == 1
    assert values["assistants_form_other"] == 0
    # Ewiccy are only monitored in 2025; Fijałkowscy start in H2; centre B is someone else's.
    assert _labels(report, "families_served") == ["Adamscy", "Borowscy", "Cieślakowie", "Dudowie"]
    assert _labels(report, "families_court") == ["Adamscy"]
    assert _labels(report, "families_foster_care") == ["Borowscy"]
    assert _labels(report, "families_za_zyciem") == ["Cieślakowie"]
    # Adamscy 2 (one turns 18 on 10.03.2025), Borowscy 1, Dudowie 1.
    assert values["children"] == Decimal(4)
    children = {i.label.split(" (")[0]: i.amount for i in report.figure("children").items}
    assert children == {"Adamscy": 2, "Borowscy": 1, "Dudowie": 1}
    # Cieślakowie on 30 June; Dudowie twice (ended and returned).
    assert _labels(report, "families_ended") == ["Cieślakowie", "Dudowie", "Dudowie"]
    assert values["ended_goals_achieved"] == 2
    assert values["ended_other"] == 1
    assert values["ended_no_cooperation"] == 0
    assert _labels(report, "duration_upto_6m") == ["Dudowie"]  # 10.03–10.06.2025
    assert _labels(report, "duration_6_12m") == ["Dudowie"]  # 01.03.2024–10.02.2025
    assert _labels(report, "duration_12_24m") == ["Cieślakowie"]  # 01.06.2024–30.06.2025
    assert values["duration_over_24m"] == 0
    assert _labels(report, "supporting_families") == ["Nowakowie"]
    assert _labels(report, "supporting_families_helped") == ["Adamscy", "Borowscy"]


def test_second_half_year_hand_computed(people, data):
    report = semiannual(people.centre, H2)
    values = _values(report)
    assert values["assistants_persons"] == 3
    assert values["assistants_fte"] == Decimal("2.75")
    # Adamscy and Borowscy continue from H1; Cieślakowie closed on 30 June are only monitored.
    assert _labels(report, "families_served") == ["Adamscy", "Borowscy", "Fijałkowscy"]
    assert _labels(report, "families_court") == ["Adamscy"]
    assert values["families_foster_care"] == 0  # the placement ended in May
    assert values["families_za_zyciem"] == 0
    # Adamscy's elder child is 18 for the whole half-year.
    children = {i.label.split(" (")[0]: i.amount for i in report.figure("children").items}
    assert children == {"Adamscy": 1, "Borowscy": 1, "Fijałkowscy": 1}
    assert values["families_ended"] == 0
    assert _labels(report, "supporting_families") == ["Nowakowie", "Zielińscy"]
    # Borowscy are helped by two supporting families and counted once.
    assert _labels(report, "supporting_families_helped") == ["Adamscy", "Borowscy"]
    (borowscy,) = [
        i for i in report.figure("supporting_families_helped").items if "Borowscy" in i.label
    ]
    assert borowscy.reason == "wspierana przez: Nowakowie, Zielińscy"


def test_fte_is_the_one_in_force_on_the_period_end(people, data):
    q1 = semiannual(people.centre, Period(date(2025, 1, 1), date(2025, 3, 31)))
    fte = {i.label: i.amount for i in q1.figure("assistants_fte").items}
    assert fte["Iwona Asystentka"] == Decimal("0.50")
    assert q1.figure("assistants_fte").value == Decimal("2.25")
    h1 = semiannual(people.centre, H1)
    assert {i.label: i.amount for i in h1.figure("assistants_fte").items}[
        "Iwona Asystentka"
    ] == Decimal("1.00")


def test_reassigned_family_is_one_item_listing_both_assistants(people, data):
    items = semiannual(people.centre, H1).figure("families_served").items
    borowscy = [i for i in items if i.pk == data["borowscy"].pk]
    assert len(borowscy) == 1
    assert "Anna" in borowscy[0].reason and "Bartek" in borowscy[0].reason


def test_returned_family_counts_once_used_and_once_per_closure(people, data):
    report = semiannual(people.centre, H1)
    dudowie = data["dudowie"].pk
    assert [i.pk for i in report.figure("families_served").items].count(dudowie) == 1
    assert [i.pk for i in report.figure("families_ended").items].count(dudowie) == 2
    # The second cooperation is measured from its own start, not from 2024.
    (short,) = report.figure("duration_upto_6m").items
    assert "10.03.2025" in short.reason


def test_work_ending_on_30_june_counts_in_the_first_half_only(people, data):
    cieslakowie = data["cieslakowie"].pk
    h1, h2 = semiannual(people.centre, H1), semiannual(people.centre, H2)
    assert cieslakowie in {i.pk for i in h1.figure("families_ended").items}
    assert cieslakowie in {i.pk for i in h1.figure("families_served").items}
    assert cieslakowie not in {i.pk for i in h2.figure("families_ended").items}
    assert cieslakowie not in {i.pk for i in h2.figure("families_served").items}


def test_lists_add_up_to_each_figure(people, data):
    for period in (H1, H2):
        report = semiannual(people.centre, period)
        values = _values(report)
        for figure in report.figures:
            if figure.is_sum:
                assert figure.value == sum(i.amount for i in figure.items)
            else:
                assert figure.value == len(figure.items)
        served = report.figure("families_served").items
        assert len({i.pk for i in served}) == len(served)  # each family once
        forms = [c for c in values if c.startswith("assistants_form_")]
        assert sum(values[c] for c in forms) == values["assistants_persons"]
        reasons = [c for c in values if c.startswith("ended_")]
        buckets = [c for c in values if c.startswith("duration_")]
        assert sum(values[c] for c in reasons) == values["families_ended"]
        assert sum(values[c] for c in buckets) == values["families_ended"]
        assert {i.pk for i in report.figure("children").items} <= {i.pk for i in served}
        for code in ("families_court", "families_foster_care", "families_za_zyciem"):
            assert {i.pk for i in report.figure(code).items} <= {i.pk for i in served}


def test_period_end_before_start_is_refused():
    with pytest.raises(ValidationError) as exc:
        Period(date(2025, 6, 30), date(2025, 1, 1))
    assert "end" in exc.value.message_dict


def test_registered_and_plain_data(people, data):
    assert REPORTS["semiannual"] is semiannual
    as_dict = semiannual(people.centre, H1).as_dict()
    fte = next(f for f in as_dict["figures"] if f["code"] == "assistants_fte")
    assert fte["value"] == "2.75"
    assert as_dict["period"] == {"start": "2025-01-01", "end": "2025-06-30"}


def test_centre_rows_change_labels_order_and_use(people, data):
    SemiannualRow.objects.create(
        centre=people.centre, code="supporting_families", label="Rodziny wspierające", order=1
    )
    SemiannualRow.objects.create(
        centre=people.centre, code="assistants_form_other", label="-", enabled=False
    )
    SemiannualRow.objects.create(centre=people.centre_b, code="children", label="B", order=0)
    ReportCategoryMap.objects.create(
        centre=people.centre, reason="other", category="zakończenie — inne (zgon, wyjazd)"
    )
    report = semiannual(people.centre, H1)
    codes = [f.code for f in report.figures]
    assert codes[0] == "supporting_families"
    assert report.figures[0].label == "Rodziny wspierające"
    assert "assistants_form_other" not in codes
    assert report.figure("children").label != "B"  # centre B's row is not ours
    assert report.figure("ended_other").label == "zakończenie — inne (zgon, wyjazd)"
    assert codes[1:3] == ["assistants_persons", "assistants_fte"]  # the rest keep the default


def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 12, 15), 12) == date(2025, 12, 15)


def _many_families(people, count: int) -> None:
    for n in range(count):
        fam = _family(people, f"Rodzina{n}", date(2015, 1, 1))
        if n % 3 == 0:
            basis.add_court_order(
                family=fam,
                by=people.dorota,
                court="SR",
                file_number=f"III Nsm {n}/24",
                issued_on=date(2024, 1, 1),
            )
        testing.assign(
            family=fam, assistant=people.anna, by=people.dorota, started_on=date(2024, 6, 1)
        )
        if n % 2 == 0:
            testing.assign(
                family=fam, assistant=people.bartek, by=people.dorota, started_on=date(2025, 2, 1)
            )
        if n % 5 == 0:
            closed(fam, by=people.dorota, on=date(2025, 5, 1))


def _queries(people, count: int) -> int:
    _many_families(people, count)
    with CaptureQueriesContext(connection) as ctx:
        report = semiannual(people.centre, H1)
    assert report.figure("families_served").value >= count
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_families(people, settings):
    settings.CASELOAD_HARD_CAP = 1000
    few = _queries(people, 10)
    many = _queries(people, 40)  # 50 in all
    assert few == many


def test_administrator_sets_a_row_for_the_own_centre(people, login):
    client = login(people.adam)
    assert client.get(reverse("admin:reports_supportingfamily_changelist")).status_code == 200
    response = client.post(
        reverse("admin:reports_semiannualrow_add"),
        {"code": "children", "label": "Dzieci (wiersz CAS)", "order": "5", "enabled": "on"},
    )
    assert response.status_code == 302
    row = SemiannualRow.objects.get()
    assert (row.centre, row.code) == (people.centre, "children")
    again = client.post(
        reverse("admin:reports_semiannualrow_add"),
        {"code": "children", "label": "Drugi raz", "order": "6", "enabled": "on"},
    )
    assert again.status_code == 200 and SemiannualRow.objects.count() == 1
