"""The family record services: case numbers, children outside the family, problem areas,
Niebieska Karta and the reporting category."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.core import testing
from asysta.families import basis, record, services
from asysta.families.models import (
    BlueCard,
    CaseNumberCounter,
    ChildPlacement,
    Family,
    FamilyProblem,
    ReportingCategory,
)

TODAY = timezone.localdate()
YEAR = TODAY.year


def years_ago(n: int, days: int = 0) -> date:
    return TODAY.replace(year=TODAY.year - n) - timedelta(days=days)


@pytest.fixture
def child(people, family):
    return testing.make_member(
        family=family,
        by=people.anna,
        first_name="Zosia",
        role="child",
        sex="F",
        birth_date=years_ago(9),
    )


def _place(family, child, by, **fields):
    data = {"child": child, "kind": "kinship", "carer": "Babcia Zofia", "since": date(2025, 1, 10)}
    return record.add_placement(family=family, by=by, **{**data, **fields})


def _family_in(centre, by, **fields):
    data = {
        "surname": "Nowakowie",
        "building": "3",
        "postal_code": "55-010",
        "locality": "Testowo",
        "gmina": "Testowo",
    }
    return services.create_family(centre=centre, by=by, **{**data, **fields})


# --- case numbers ------------------------------------------------------------------------------


def test_case_numbers_follow_the_pattern_in_sequence_per_centre_and_year(people):
    centre = people.centre
    centre.case_number_pattern, centre.case_symbol = "DAR.4011.{seq}.{year}", "DAR"
    centre.save()
    numbers = [services.next_case_number(centre=centre, year=2025) for _ in range(3)]
    assert numbers == ["DAR.4011.1.2025", "DAR.4011.2.2025", "DAR.4011.3.2025"]
    assert services.next_case_number(centre=centre, year=2026) == "DAR.4011.1.2026"
    assert CaseNumberCounter.objects.get(centre=centre, year=2025).last == 3


def test_two_centres_count_independently(people):
    a = services.next_case_number(centre=people.centre, year=2025)
    b = services.next_case_number(centre=people.centre_b, year=2025)
    a2 = services.next_case_number(centre=people.centre, year=2025)
    assert (a, b, a2) == ("AR.1.2025", "AR.1.2025", "AR.2.2025")


def test_a_blank_case_number_gets_the_next_one_and_taken_numbers_are_skipped(people):
    _family_in(people.centre, people.dorota, case_number=f"AR.1.{YEAR}")  # typed by hand
    family = _family_in(people.centre, people.dorota, case_number="")
    assert family.case_number == f"AR.2.{YEAR}"


def test_a_refused_family_does_not_use_up_a_number(people):
    with pytest.raises(ValidationError):
        _family_in(people.centre, people.dorota, case_number="", postal_code="55010")
    assert not Family.objects.exists()
    assert _family_in(people.centre, people.dorota, case_number="").case_number == f"AR.1.{YEAR}"


def test_a_pattern_without_sequence_asks_for_a_typed_number(people):
    people.centre.case_number_pattern = "AR.{year}"
    people.centre.save()
    with pytest.raises(ValidationError) as info:
        _family_in(people.centre, people.dorota, case_number="")
    assert "ręcznie" in info.value.message_dict["case_number"][0]


# --- children living outside the family --------------------------------------------------------


def test_placement_is_recorded_changed_and_ended_with_audit_rows(people, family, child):
    placement = _place(family, child, people.anna, pcpr="PCPR Oława", court_file="III Nsm 1/25")
    record.update_placement(placement=placement, by=people.anna, carer="Rodzina Wiśniewskich")
    record.end_placement(placement=placement, by=people.anna, until=date(2025, 6, 30))
    placement.refresh_from_db()
    assert placement.carer == "Rodzina Wiśniewskich" and placement.until == date(2025, 6, 30)
    entries = LogEntry.objects.get_for_object(placement).order_by("pk")
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.UPDATE,
    ]
    assert all(e.additional_data["family"] == family.pk for e in entries)


def test_placement_ending_before_it_started_is_refused(people, family, child):
    with pytest.raises(ValidationError) as info:
        _place(family, child, people.anna, until=date(2024, 12, 31))
    assert "wcześniejsza" in info.value.message_dict["until"][0]
    placement = _place(family, child, people.anna)
    with pytest.raises(ValidationError):
        record.end_placement(placement=placement, by=people.anna, until=date(2025, 1, 9))
    placement.refresh_from_db()
    assert placement.until is None


def test_placement_of_someone_outside_the_family_or_an_adult_is_refused(people, family):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(
        family=other, by=people.dorota, role="child", sex="F", birth_date=years_ago(5)
    )
    with pytest.raises(ValidationError) as info:
        _place(family, stranger, people.anna)
    assert "nie należy" in info.value.message_dict["child"][0]
    parent = family.members.get(first_name="Marek")
    with pytest.raises(ValidationError) as info:
        _place(family, parent, people.anna)
    assert "małoletnią" in info.value.message_dict["child"][0]
    assert not ChildPlacement.objects.exists()


def test_an_adult_in_the_child_role_and_a_minor_in_another_role_may_be_placed(people, family):
    adult_child = testing.make_member(
        family=family, by=people.anna, role="child", sex="M", birth_date=years_ago(19)
    )
    minor_other = testing.make_member(
        family=family, by=people.anna, role="other", sex="F", birth_date=years_ago(16)
    )
    assert set(record.placeable_children(family)) == {adult_child, minor_other}
    _place(family, adult_child, people.anna)
    _place(family, minor_other, people.anna)


def test_a_placement_is_ended_once(people, family, child):
    placement = _place(family, child, people.anna)
    record.end_placement(placement=placement, by=people.anna, until=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        record.end_placement(placement=placement, by=people.anna, until=date(2025, 4, 1))


# --- problem areas ----------------------------------------------------------------------------


def test_problem_areas_are_set_changed_and_removed_with_audit_rows(people, family):
    record.set_problems(family=family, by=people.anna, areas={"income": "", "housing": "wilgoć"})
    first = {p.area: p.note for p in family.problems.all()}
    assert first == {"income": "", "housing": "wilgoć"}
    housing = family.problems.get(area="housing")
    record.set_problems(family=family, by=people.anna, areas={"housing": "zagrzybienie"})
    assert list(family.problems.values_list("area", "note")) == [("housing", "zagrzybienie")]
    actions = LogEntry.objects.get_for_model(FamilyProblem).values_list("action", flat=True)
    assert sorted(actions) == sorted(
        [LogEntry.Action.CREATE] * 2 + [LogEntry.Action.UPDATE, LogEntry.Action.DELETE]
    )
    assert LogEntry.objects.get_for_object(housing).filter(action=LogEntry.Action.UPDATE).exists()


def test_unknown_problem_area_is_refused(people, family):
    with pytest.raises(ValidationError):
        record.set_problems(family=family, by=people.anna, areas={"astrology": ""})
    assert not family.problems.exists()


# --- Niebieska Karta --------------------------------------------------------------------------


def test_blue_card_starts_once_and_ends_with_details_masked_in_the_audit(people, family):
    card = record.start_blue_card(
        family=family,
        by=people.anna,
        started_on=date(2025, 2, 1),
        team="GDP nr 3",
        details="Przemoc psychiczna wobec matki",
    )
    with pytest.raises(ValidationError) as info:
        record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 3, 1))
    assert "już trwa" in info.value.messages[0]
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 5, 1))
    assert record.active_blue_card(family) is None
    created = LogEntry.objects.get_for_object(card).get(action=LogEntry.Action.CREATE)
    assert "Przemoc" not in str(created.changes)
    assert created.additional_data["family"] == family.pk
    assert LogEntry.objects.get_for_object(card).filter(action=LogEntry.Action.UPDATE).exists()
    record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 9, 1))
    assert BlueCard.objects.filter(family=family).count() == 2


def test_blue_card_bad_dates_are_refused(people, family):
    with pytest.raises(ValidationError) as info:
        record.start_blue_card(family=family, by=people.anna, started_on=TODAY + timedelta(1))
    assert "przyszłości" in info.value.message_dict["started_on"][0]
    card = record.start_blue_card(family=family, by=people.anna, started_on=date(2025, 2, 1))
    with pytest.raises(ValidationError) as info:
        record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 1, 31))
    assert "ended_on" in info.value.message_dict
    record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 2, 1))
    with pytest.raises(ValidationError):
        record.end_blue_card(blue_card=card, by=people.anna, ended_on=date(2025, 3, 1))


# --- reporting category -----------------------------------------------------------------------


def _category_both_ways(family) -> ReportingCategory:
    by_python = record.reporting_category(family)
    by_sql = record.with_reporting_category(Family.objects.filter(pk=family.pk)).get()
    assert by_sql.reporting_category == by_python
    return by_python


def test_reporting_category_is_derived_from_the_data(people, family, child):
    assert _category_both_ways(family) == ReportingCategory.PROBLEM
    placement = _place(family, child, people.anna, since=TODAY - timedelta(days=30))
    assert _category_both_ways(family) == ReportingCategory.FOSTER_CARE
    record.end_placement(placement=placement, by=people.anna, until=TODAY)
    assert _category_both_ways(family) == ReportingCategory.FOSTER_CARE  # until today: in force
    placement.until = TODAY - timedelta(days=1)
    placement.save()
    assert _category_both_ways(family) == ReportingCategory.PROBLEM
    _place(family, child, people.anna, since=TODAY - timedelta(days=1))
    basis.add_za_zyciem_application(
        family=family, by=people.edward, filed_on=TODAY, applicant="Ewa Kowalska"
    )
    assert _category_both_ways(family) == ReportingCategory.ZA_ZYCIEM


def test_reporting_category_override_wins(people, family, child):
    _place(family, child, people.anna, since=TODAY)
    services.update_family(
        family=family, by=people.dorota, reporting_category_override=ReportingCategory.PROBLEM
    )
    assert _category_both_ways(family) == ReportingCategory.PROBLEM
    assert record.derived_reporting_category(family) == ReportingCategory.FOSTER_CARE
