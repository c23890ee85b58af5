from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from stdnum.pl import pesel

from asysta.accounts.models import Membership
from asysta.core import demo
from asysta.families.models import Family, Member
from asysta.intake.caseload import fte_on
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
    assert fte_on(part_time, date.today()) == Decimal("0.50")  # since three months
    assert fte_on(part_time, date.today() - timedelta(days=120)) == Decimal("1.00")


@pytest.mark.django_db
def test_demo_reset_recreates(capsys):
    call_command("demo")
    first = set(Family.objects.values_list("case_number", flat=True))
    call_command("demo", "--reset")
    assert set(Family.objects.values_list("case_number", flat=True)) == first
    assert Family.objects.count() == demo.FAMILY_COUNT


@pytest.mark.django_db
def test_demo_shows_every_intake_state_and_the_special_families():
    from asysta.families.record import reporting_category
    from asysta.intake.models import Referral, ReferralStatus

    call_command("demo")
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)
    assert Referral.objects.filter(status=ReferralStatus.QUEUED).count() == 3
    families = Family.objects.all()
    categories = {str(reporting_category(f)) for f in families}
    assert categories == {"problem", "foster_care", "za_zyciem"}
    court_only = families.filter(court_orders__isnull=False, consents__isnull=True)
    assert court_only.exists()  # scenario 1: court-ordered, no consent
    assert families.filter(blue_cards__isnull=False, blue_cards__ended_on__isnull=True).count() == 1
