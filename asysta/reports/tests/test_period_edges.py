"""Both reports on the edges of their periods: every row checked against hand-computed values.

test_semiannual.py and test_activity.py cover the middle of a period; this centre sits on its
edges (the first and last day of a half-year, the day after). Year 2025, H1 = 1 Jan–30 Jun,
H2 = 1 Jul–31 Dec, Q1 = 1 Jan–31 Mar. Built through the real services.

Assistants (role assistant in centre A):
  Anna    1,00, no employment dates, active.
  Bartek  0,50 from 2024, 1,00 from 30.06.2025 — the last day of H1 (1,00 at the end of H1).
  Leon    1,00, employed 01.02.2024–31.05.2025, role switched off: counted at 31.03, not 30.06.
  Marta   0,50, employed from 01.07.2025: counted at 31.12, not 30.06.
  Olga    1,00, role switched off, no dates: left at an unknown time, never counted.

Families (parent born 1991 in each; "child" = member in the child role):
  Graniczni     Anna from 30.06.2025 (H1's last day): served in H1 and H2. Children born
                01.01.2007 (18 on 01.01.2025, H1's first day: an adult all year),
                30.06.2007 (18 on H1's last day: a child of H1, an adult in H2) and 02.01.2007
                (a child of H1 only). One of them in foster care from 30.06.2025 (open).
  Lipcowi       Bartek from 01.03.2025, closed 01.07.2025 (goals achieved): served in both
                halves, ended in H2 only. Children born 30.06.2025 (a child of H1) and
                01.07.2025 (not yet born in H1).
  Styczniowi    Anna from 01.06.2024, closed 01.01.2025 (no effects): served and ended in H1.
                "Za życiem" application 01.12.2024.
  Przekazani    Anna from 01.09.2024, Bartek from 01.01.2025 (reassigned on H1's first day):
                one family; court order of 15.12.2024; children born 2010 and 2012.
  Powracający   Anna from 01.06.2024, closed 31.01.2025 (other), re-opened 01.03.2025, Bartek
                from 10.03.2025, closed 30.06.2025 (goals achieved): served once in H1, ended
                twice; the second cooperation lasts from 10.03.2025. Child born 2011.
  Zeszłoroczni  Anna 01.01.2024, closed 15.12.2024 (monitoring), re-opened 10.02.2025, Anna
                again from 01.03.2025 (open): served once in H1 and in H2, no closure in 2025.
Supporting families: "Do końca" 01.01.2025–30.06.2025 (in force at H1's end only), "Sylwester"
from 31.12.2025 (at H2's end only).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from asysta.accounts.models import Membership
from asysta.accounts.services import set_fte
from asysta.closure import services as closure_services
from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.families import basis, record
from asysta.reports.activity import activity
from asysta.reports.base import Period, Report
from asysta.reports.models import SupportingFamily
from asysta.reports.semiannual import semiannual
from asysta.reports.workcards import work_cards

pytestmark = pytest.mark.django_db

H1 = Period.half_year(2025, 1)
H2 = Period.half_year(2025, 2)
Q1 = Period(date(2025, 1, 1), date(2025, 3, 31))


def _role(user) -> Membership:
    return Membership.objects.get(user=user, role="assistant")


def _assistant(people, username: str, fte: str, **dates) -> object:
    user = testing.make_user(
        username,
        centre=people.centre,
        roles=["assistant"],
        first=username.title(),
        fte=Decimal(fte),
    )
    role = _role(user)
    for name, value in dates.items():
        setattr(role, name, value)
    role.full_clean()
    role.save()
    return user


def _family(people, surname: str, *children: date):
    fam = testing.make_family(centre=people.centre, by=people.dorota, surname=surname)
    testing.make_member(family=fam, by=people.dorota)
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


def _reopen(people, closure, on: date) -> None:
    closure_services.reopen_case(
        closure=closure,
        by=people.dorota,
        reported_on=on,
        source="social_worker",
        social_worker=people.edward,
    )


@pytest.fixture
def edges(people):
    p = people
    by = p.dorota

    def assign(fam, who, on):
        testing.assign(family=fam, assistant=who, by=by, started_on=on)

    set_fte(membership=_role(p.bartek), fte=Decimal("0.50"), valid_from=date(2024, 1, 1), by=p.adam)
    set_fte(
        membership=_role(p.bartek), fte=Decimal("1.00"), valid_from=date(2025, 6, 30), by=p.adam
    )
    _assistant(
        p,
        "leon",
        "1.00",
        employed_from=date(2024, 2, 1),
        employed_until=date(2025, 5, 31),
        is_active=False,
    )
    _assistant(p, "marta", "0.50", employed_from=date(2025, 7, 1))
    _assistant(p, "olga", "1.00", is_active=False)

    graniczni = _family(p, "Graniczni", date(2007, 1, 1), date(2007, 6, 30), date(2007, 1, 2))
    assign(graniczni, p.anna, date(2025, 6, 30))
    record.add_placement(
        family=graniczni,
        by=by,
        child=graniczni.members.get(first_name="Dziecko2"),
        kind="kinship",
        carer="Ciocia",
        since=date(2025, 6, 30),
    )

    lipcowi = _family(p, "Lipcowi", date(2025, 6, 30), date(2025, 7, 1))
    assign(lipcowi, p.bartek, date(2025, 3, 1))
    closed(lipcowi, by=by, on=date(2025, 7, 1))

    styczniowi = _family(p, "Styczniowi")
    basis.add_za_zyciem_application(
        family=styczniowi, by=by, filed_on=date(2024, 12, 1), applicant="matka"
    )
    assign(styczniowi, p.anna, date(2024, 6, 1))
    closed(styczniowi, by=by, on=date(2025, 1, 1), reason="no_effects")

    przekazani = _family(p, "Przekazani", date(2010, 5, 5), date(2012, 5, 5))
    basis.add_court_order(
        family=przekazani,
        by=by,
        court="Sąd Rejonowy",
        file_number="III Nsm 9/24",
        issued_on=date(2024, 12, 15),
    )
    assign(przekazani, p.anna, date(2024, 9, 1))
    assign(przekazani, p.bartek, date(2025, 1, 1))

    powracajacy = _family(p, "Powracający", date(2011, 1, 1))
    assign(powracajacy, p.anna, date(2024, 6, 1))
    first = closed(powracajacy, by=by, on=date(2025, 1, 31), reason="other", reason_other="wyjazd")
    _reopen(p, first, date(2025, 3, 1))
    assign(powracajacy, p.bartek, date(2025, 3, 10))
    closed(powracajacy, by=by, on=date(2025, 6, 30))

    zeszloroczni = _family(p, "Zeszłoroczni")
    assign(zeszloroczni, p.anna, date(2024, 1, 1))
    last_year = closed(zeszloroczni, by=by, on=date(2024, 12, 15))
    _reopen(p, last_year, date(2025, 2, 10))
    assign(zeszloroczni, p.anna, date(2025, 3, 1))

    SupportingFamily.objects.create(
        centre=p.centre, name="Do końca", appointed_on=date(2025, 1, 1), ended_on=date(2025, 6, 30)
    )
    SupportingFamily.objects.create(
        centre=p.centre, name="Sylwester", appointed_on=date(2025, 12, 31)
    )
    return {
        "graniczni": graniczni,
        "lipcowi": lipcowi,
        "styczniowi": styczniowi,
        "przekazani": przekazani,
        "powracajacy": powracajacy,
        "zeszloroczni": zeszloroczni,
    }


def values(report: Report) -> dict[str, object]:
    return {f.code: f.value for f in report.figures}


def who(report: Report, code: str) -> list[str]:
    """The names counted by a figure, one per item (a family closed twice appears twice)."""
    return sorted(i.label.split(" (")[0] for i in report.figure(code).items)


def amounts(report: Report, code: str) -> dict[str, Decimal | None]:
    return {i.label.split(" (")[0]: i.amount for i in report.figure(code).items}


def assert_lists_sum_to_figures(report: Report) -> None:
    for figure in report.figures:
        expected = (
            sum((i.amount or Decimal(0) for i in figure.items), Decimal(0))
            if figure.is_sum
            else len(figure.items)
        )
        assert figure.value == expected, figure.code
        assert all(i.reason for i in figure.items), figure.code


# --- the half-year report, every row ---------------------------------------------------------

SEMIANNUAL_H1 = {
    "assistants_persons": 2,  # Leon left on 31.05, Marta starts on 01.07, Olga's role is off
    "assistants_fte": Decimal("2.00"),  # Bartek's 1,00 starts on 30.06, the last day
    "assistants_form_employment_contract": 2,
    "assistants_form_civil_contract": 0,
    "assistants_form_other": 0,
    "families_served": 6,
    "families_court": 1,
    "families_foster_care": 1,
    "families_za_zyciem": 1,
    "children": Decimal(6),
    "families_ended": 3,
    "ended_goals_achieved": 1,
    "ended_no_cooperation": 0,
    "ended_no_effects": 1,
    "ended_moved_away": 0,
    "ended_court_decision": 0,
    "ended_no_minor_children": 0,
    "ended_zz_goal_reached": 0,
    "ended_other": 1,
    "duration_upto_6m": 1,
    "duration_6_12m": 2,
    "duration_12_24m": 0,
    "duration_over_24m": 0,
    "supporting_families": 1,
    "supporting_families_helped": 0,
}

SEMIANNUAL_H2 = {
    **dict.fromkeys(SEMIANNUAL_H1, 0),
    "assistants_persons": 3,
    "assistants_fte": Decimal("2.50"),
    "assistants_form_employment_contract": 3,
    "families_served": 4,
    "families_court": 1,
    "families_foster_care": 1,
    "children": Decimal(4),
    "families_ended": 1,
    "ended_goals_achieved": 1,
    "duration_upto_6m": 1,
    "supporting_families": 1,
    "supporting_families_helped": 0,
}


def test_semiannual_first_half_row_by_row(people, edges):
    report = semiannual(people.centre, H1)
    assert values(report) == SEMIANNUAL_H1
    assert who(report, "assistants_persons") == ["Anna Asystentka", "Bartek Asystent"]
    assert amounts(report, "assistants_fte") == {
        "Anna Asystentka": Decimal("1.00"),
        "Bartek Asystent": Decimal("1.00"),
    }
    assert who(report, "families_served") == [
        "Graniczni",  # from the last day of the half-year
        "Lipcowi",
        "Powracający",  # ended and returned: once
        "Przekazani",  # reassigned on the first day: once
        "Styczniowi",  # closed on the first day
        "Zeszłoroczni",  # only the cooperation after the return
    ]
    assert who(report, "families_court") == ["Przekazani"]
    assert who(report, "families_foster_care") == ["Graniczni"]
    assert who(report, "families_za_zyciem") == ["Styczniowi"]
    assert amounts(report, "children") == {
        "Graniczni": 2,  # not the one who turned 18 on 1 January
        "Lipcowi": 1,  # born on 30 June; the one born on 1 July is not yet
        "Przekazani": 2,  # not doubled by the reassignment
        "Powracający": 1,
    }
    assert who(report, "families_ended") == ["Powracający", "Powracający", "Styczniowi"]
    assert who(report, "ended_other") == ["Powracający"]
    assert who(report, "ended_goals_achieved") == ["Powracający"]
    assert who(report, "ended_no_effects") == ["Styczniowi"]
    # The return is measured from its own start (10.03.2025), the first cooperation from 2024.
    (short,) = report.figure("duration_upto_6m").items
    assert "10.03.2025–30.06.2025" in short.reason
    assert who(report, "duration_6_12m") == ["Powracający", "Styczniowi"]
    assert who(report, "supporting_families") == ["Do końca"]  # ends on the end day
    assert_lists_sum_to_figures(report)


def test_semiannual_second_half_row_by_row(people, edges):
    report = semiannual(people.centre, H2)
    assert values(report) == SEMIANNUAL_H2
    assert amounts(report, "assistants_fte") == {
        "Anna Asystentka": Decimal("1.00"),
        "Bartek Asystent": Decimal("1.00"),
        "Marta": Decimal("0.50"),
    }
    # Active across both halves: Graniczni, Przekazani, Zeszłoroczni; Lipcowi closed on 1 July.
    assert who(report, "families_served") == [
        "Graniczni",
        "Lipcowi",
        "Przekazani",
        "Zeszłoroczni",
    ]
    # Graniczni's children are all 18 by 1 July; Lipcowi's second child is born on 1 July.
    assert amounts(report, "children") == {"Lipcowi": 2, "Przekazani": 2}
    # Powracający ended on 30 June: H1's ended rows only.
    assert who(report, "families_ended") == ["Lipcowi"]
    assert who(report, "supporting_families") == ["Sylwester"]
    assert_lists_sum_to_figures(report)


def test_semiannual_assistant_who_left_in_may_counts_at_the_end_of_march(people, edges):
    report = semiannual(people.centre, Q1)
    assert who(report, "assistants_persons") == ["Anna Asystentka", "Bartek Asystent", "Leon"]
    assert report.figure("assistants_fte").value == Decimal("2.50")  # Bartek still 0,50
    (leon,) = [i for i in report.figure("assistants_persons").items if i.label == "Leon"]
    assert "31.05.2025" in leon.reason
    assert_lists_sum_to_figures(report)


# --- the activity table, every row -----------------------------------------------------------


def _activity_expected(families, adults, children, ended, assistants) -> dict[str, object]:
    out: dict[str, object] = {}
    for prefix, numbers in (("families", families), ("adults", adults), ("children", children)):
        for category, n in zip(("problem", "foster_care", "za_zyciem"), numbers, strict=True):
            out[f"{prefix}_{category}"] = n
        out[f"{prefix}_total"] = sum(numbers)
    out.update(ended)
    out.update(assistants)
    out.update({"contacts": 0, "hours": 0})
    return out


NO_ENDS = {
    "ended_total": 0,
    **{
        f"ended_{r}": 0
        for r in (
            "goals_achieved",
            "no_cooperation",
            "no_effects",
            "moved_away",
            "court_decision",
            "no_minor_children",
            "zz_goal_reached",
            "other",
        )
    },
}


def test_activity_first_half_row_by_row(people, edges):
    report = activity(people.centre, H1)
    # problem: Lipcowi, Przekazani, Powracający, Zeszłoroczni; foster care: Graniczni (placed on
    # the end day); Za życiem: Styczniowi. Graniczni: the parent and the child who turned 18 on
    # 1 January are adults, two children. Lipcowi: the child born on 1 July is left out.
    assert values(report) == _activity_expected(
        families=(4, 1, 1),
        adults=(4, 2, 1),
        children=(4, 2, 0),
        ended={
            **NO_ENDS,
            "ended_total": 3,
            "ended_goals_achieved": 1,
            "ended_no_effects": 1,
            "ended_other": 1,
        },
        assistants={"assistants_total": 2, "assistants_fte": 2, "assistants_fte_1_00": 2},
    )
    assert who(report, "families_problem") == [
        "Lipcowi",
        "Powracający",
        "Przekazani",
        "Zeszłoroczni",
    ]
    assert amounts(report, "children_problem") == {
        "Lipcowi": 1,
        "Powracający": 1,
        "Przekazani": 2,  # not doubled by the reassignment
        "Zeszłoroczni": 0,
    }
    # Ended and returned: served once, ended once per closure.
    assert who(report, "ended_total") == ["Powracający", "Powracający", "Styczniowi"]
    assert who(report, "assistants_fte_1_00") == ["Anna Asystentka", "Bartek Asystent"]
    assert_lists_sum_to_figures(report)


def test_activity_second_half_row_by_row(people, edges):
    report = activity(people.centre, H2)
    # Graniczni's children are all adults by 1 July; Lipcowi's two children count.
    assert values(report) == _activity_expected(
        families=(3, 1, 0),
        adults=(3, 4, 0),
        children=(4, 0, 0),
        ended={**NO_ENDS, "ended_total": 1, "ended_goals_achieved": 1},
        assistants={
            "assistants_total": 3,
            "assistants_fte": Decimal("2.50"),
            "assistants_fte_1_00": 2,
            "assistants_fte_0_50": 1,
        },
    )
    assert who(report, "families_total") == [
        "Graniczni",
        "Lipcowi",
        "Przekazani",
        "Zeszłoroczni",
    ]
    assert who(report, "ended_total") == ["Lipcowi"]  # not Powracający of 30 June
    assert who(report, "assistants_fte_0_50") == ["Marta"]
    assert_lists_sum_to_figures(report)


def test_activity_fte_is_the_one_on_the_period_end(people, edges):
    q1 = activity(people.centre, Q1)
    assert who(q1, "assistants_total") == ["Anna Asystentka", "Bartek Asystent", "Leon"]
    assert q1.figure("assistants_fte").value == Decimal("2.50")
    assert who(q1, "assistants_fte_0_50") == ["Bartek Asystent"]
    # A period ending the day before the change still sees 0,50.
    before = activity(people.centre, Period(date(2025, 1, 1), date(2025, 6, 29)))
    assert who(before, "assistants_fte_0_50") == ["Bartek Asystent"]
    assert_lists_sum_to_figures(q1)


def test_work_cards_list_assistants_employed_in_the_period(people, edges):
    q1 = work_cards(people.centre, Q1)
    h2 = work_cards(people.centre, H2)
    names = {i.label for i in q1.figure("contacts").items}
    assert "Leon" in names and "Marta" not in names and "Olga" not in names
    names = {i.label for i in h2.figure("contacts").items}
    assert "Marta" in names and "Leon" not in names


def test_employment_end_before_start_is_refused(people):
    role = _role(people.anna)
    role.employed_from, role.employed_until = date(2025, 3, 1), date(2025, 2, 28)
    with pytest.raises(ValidationError) as exc:
        role.full_clean()
    assert "employed_until" in exc.value.message_dict


def test_administrator_records_employment_dates(people, login):
    client = login(people.adam)
    page = client.get(reverse("admin:accounts_user_change", args=[people.anna.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "zatrudnienie od" in html.lower() and 'name="memberships-0-employed_until"' in html
