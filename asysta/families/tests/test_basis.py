"""The legal basis ledger: what counts as a basis on a given day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from asysta.core import testing
from asysta.families import basis


@pytest.fixture
def fam(people):
    return testing.make_family(consent=False, centre=people.centre, by=people.dorota)


def test_no_basis_without_consent_or_court_order(people, fam):
    assert not basis.current_basis(fam).valid


def test_consent_is_a_basis_until_withdrawn(people, fam):
    consent = basis.add_consent(
        family=fam, by=people.edward, signed_by="Ewa Kowalska", signed_on=date(2025, 3, 1)
    )
    assert basis.current_basis(fam, on=date(2025, 3, 1)).valid
    assert not basis.current_basis(fam, on=date(2025, 2, 28)).valid
    basis.withdraw_consent(consent=consent, by=people.anna, on=date(2025, 7, 1))
    assert basis.current_basis(fam, on=date(2025, 6, 30)).valid
    assert not basis.current_basis(fam, on=date(2025, 7, 1)).valid


def test_withdrawn_consent_of_a_court_obliged_family_keeps_the_basis(people, fam):
    basis.add_court_order(
        family=fam,
        by=people.edward,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 123/25",
        issued_on=date(2025, 2, 10),
    )
    consent = basis.add_consent(
        family=fam, by=people.edward, signed_by="Marek Kowalski", signed_on=date(2025, 3, 1)
    )
    basis.withdraw_consent(consent=consent, by=people.anna, on=date(2025, 5, 1))
    current = basis.current_basis(fam, on=date(2025, 6, 1))
    assert current.valid and current.court_order is not None and current.consent is None
    assert "III Nsm 123/25" in current.label


def test_za_zyciem_application_counts_only_with_consent(people, fam):
    basis.add_za_zyciem_application(
        family=fam,
        by=people.edward,
        filed_on=date(2025, 4, 1),
        applicant="Anna Wiśniewska",
        pregnancy_week=22,
    )
    assert not basis.current_basis(fam, on=date(2025, 4, 2)).valid
    basis.add_consent(
        family=fam, by=people.edward, signed_by="Anna Wiśniewska", signed_on=date(2025, 4, 2)
    )
    current = basis.current_basis(fam, on=date(2025, 4, 2))
    assert current.valid and "Za życiem" in current.label


def test_withdrawal_before_signature_is_refused(people, fam):
    consent = basis.add_consent(
        family=fam, by=people.edward, signed_by="Ewa", signed_on=date(2025, 3, 1)
    )
    with pytest.raises(ValidationError):
        basis.withdraw_consent(consent=consent, by=people.anna, on=date(2025, 2, 1))
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_court_order_ending_before_issue_is_refused(people, fam):
    with pytest.raises(ValidationError):
        basis.add_court_order(
            family=fam,
            by=people.edward,
            court="SR",
            file_number="1/25",
            issued_on=date(2025, 2, 10),
            ended_on=date(2025, 1, 1),
        )
    assert not fam.court_orders.exists()
