import pytest
from django.core.management import call_command
from stdnum.pl import pesel

from asysta.accounts.models import Membership
from asysta.core import demo
from asysta.families.models import Family, Member
from asysta.intake.services import capacity_table


@pytest.mark.django_db
def test_demo_is_idempotent_and_realistic(capsys):
    call_command("demo")
    call_command("demo")  # the second run changes nothing
    out = capsys.readouterr().out
    assert "już istnieje" in out
    for login in (
        "kierownik",
        "koordynator",
        "asystent1",
        "asystent2",
        "asystent3",
        "pracownik",
        "kadry",
        "admin",
        "audytor",
    ):
        assert login in out
    assert demo.DEMO_PASSWORD in out
    centre = Family.objects.get(case_number__startswith="DAR.4011.1.").centre
    assert centre.terc == demo.DEMO_TERC
    assert Family.objects.filter(centre=centre).count() == demo.FAMILY_COUNT
    for member in Member.objects.exclude(pesel=""):
        pesel.validate(member.pesel)
        assert pesel.get_birth_date(member.pesel) == member.birth_date
        assert pesel.get_gender(member.pesel) == member.sex
    rows = capacity_table(centre)
    assert all(row.open_families <= 15 for row in rows)
    part_time = Membership.objects.get(user__username="asystent3", role="assistant")
    assert part_time.fte < 1


@pytest.mark.django_db
def test_demo_reset_recreates(capsys):
    call_command("demo")
    first = set(Family.objects.values_list("case_number", flat=True))
    call_command("demo", "--reset")
    assert set(Family.objects.values_list("case_number", flat=True)) == first
    assert Family.objects.count() == demo.FAMILY_COUNT
