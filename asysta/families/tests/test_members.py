"""Members: PESEL validation against the date of birth and sex, the child flag, uniqueness."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asysta.core import testing
from asysta.families.models import Member

# A valid PESEL of a woman born 14.05.1991, and of a man born 2.03.2015.
PESEL_F_1991 = "91051412340"
PESEL_M_2015 = "15230212351"


def _checksum_ok(value: str) -> str:
    from stdnum.pl import pesel

    digits = value[:10]
    return digits + pesel.calc_check_digit(digits)


@pytest.fixture
def fam(people):
    return testing.make_family(centre=people.centre, by=people.dorota)


def test_valid_pesel_matching_birth_date_and_sex(people, fam):
    value = _checksum_ok(PESEL_F_1991)
    member = testing.make_member(
        family=fam,
        by=people.dorota,
        first_name="Ewa",
        sex="F",
        birth_date=date(1991, 5, 14),
        pesel=value,
    )
    assert member.pesel == value


@pytest.mark.parametrize(
    ("pesel", "birth", "sex", "message"),
    [
        ("91051412345", date(1991, 5, 14), "F", "suma kontrolna"),  # bad checksum
        ("9105141234", date(1991, 5, 14), "F", "11 cyfr"),  # too short
        ("ABCDEFGHIJK", date(1991, 5, 14), "F", "11 cyfr"),
        ("91135112346", date(1991, 5, 14), "F", "nieistniejącą datę"),  # month 13
        (None, date(1991, 5, 15), "F", "inną datę urodzenia"),  # date contradicts
        (None, date(1991, 5, 14), "M", "inną płeć"),  # sex contradicts
    ],
)
def test_bad_pesel_is_refused_and_nothing_saved(people, fam, pesel, birth, sex, message):
    value = pesel or _checksum_ok(PESEL_F_1991)
    with pytest.raises(ValidationError) as info:
        testing.make_member(family=fam, by=people.dorota, sex=sex, birth_date=birth, pesel=value)
    assert message in " ".join(info.value.message_dict["pesel"])
    assert not Member.objects.filter(family=fam).exists()


def test_pesel_for_a_child_born_after_2000(people, fam):
    value = _checksum_ok(PESEL_M_2015)
    member = testing.make_member(
        family=fam,
        by=people.dorota,
        role="child",
        sex="M",
        birth_date=date(2015, 3, 2),
        pesel=value,
    )
    assert member.is_child


def test_same_pesel_twice_in_a_centre_is_refused(people, fam):
    value = _checksum_ok(PESEL_F_1991)
    testing.make_member(
        family=fam, by=people.dorota, sex="F", birth_date=date(1991, 5, 14), pesel=value
    )
    other = testing.make_family(centre=people.centre, by=people.dorota)
    with pytest.raises(ValidationError) as info:
        testing.make_member(
            family=other, by=people.dorota, sex="F", birth_date=date(1991, 5, 14), pesel=value
        )
    assert "już zapisana" in info.value.message_dict["pesel"][0]


def test_same_pesel_in_another_centre_is_allowed(people, fam):
    value = _checksum_ok(PESEL_F_1991)
    testing.make_member(
        family=fam, by=people.dorota, sex="F", birth_date=date(1991, 5, 14), pesel=value
    )
    other = testing.make_family(centre=people.centre_b, by=people.zofia)
    testing.make_member(
        family=other, by=people.zofia, sex="F", birth_date=date(1991, 5, 14), pesel=value
    )


def test_child_flag_follows_age_not_role(people, fam):
    today = timezone.localdate()
    seventeen = today.replace(year=today.year - 17)
    eighteen = today.replace(year=today.year - 18) - timedelta(days=1)
    young = testing.make_member(
        family=fam,
        by=people.dorota,
        role="parent",
        sex="F",
        birth_date=seventeen,
        notes="Małoletnia matka opuszczająca MOW z 5-miesięczną córką.",
    )
    adult = testing.make_member(
        family=fam, by=people.dorota, role="child", sex="M", birth_date=eighteen
    )
    assert young.is_child and not adult.is_child


def test_birth_date_in_the_future_is_refused(people, fam):
    with pytest.raises(ValidationError) as info:
        testing.make_member(
            family=fam, by=people.dorota, birth_date=timezone.localdate() + timedelta(days=3)
        )
    assert "przyszłości" in info.value.message_dict["birth_date"][0]


def test_a_minor_marked_as_parent_needs_a_note(people, fam):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as info:
        testing.make_member(
            family=fam,
            by=people.dorota,
            role="parent",
            sex="F",
            birth_date=today.replace(year=today.year - 17),
        )
    assert "niepełnoletni" in info.value.message_dict["notes"][0]
    assert not Member.objects.filter(family=fam).exists()
