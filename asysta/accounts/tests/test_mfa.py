"""The second factor: nothing about a family is served before it; enrolment and verification.

REQUIRE_MFA is on in tests (as in production). The `login` fixture signs in past the second
factor; here we sign in with the real password form or with `force_login` (password only).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from asysta.core.testing import TEST_PASSWORD

SETUP = reverse("accounts:mfa_setup")
VERIFY = reverse("accounts:mfa_verify")
WRONG_CODE_SETUP = "Kod się nie zgadza"
WRONG_CODE_VERIFY = "Kod jest nieprawidłowy lub wygasł"


def _code(device: TOTPDevice) -> str:
    """The code the user's phone shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _password_login(client: Client, username: str):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": TEST_PASSWORD}, follow=True
    )
    assert "_auth_user_id" in client.session, "password sign-in failed"
    return response


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)


def _is_verified(client: Client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# --- before the second factor -------------------------------------------------------------------


def test_password_sign_in_without_an_app_leads_to_enrolment(client, people):
    response = _password_login(client, "anna")
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert response.status_code == 200
    assert not _is_verified(client)


def test_password_sign_in_with_an_app_leads_to_verification(client, people):
    _app(people.anna)
    response = _password_login(client, "anna")
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert response.status_code == 200


def _case_urls(family) -> list[str]:
    return [
        reverse("families:list"),
        reverse("families:detail", kwargs={"pk": family.pk}),
        reverse("home"),
    ]


@pytest.mark.parametrize("has_app", [False, True], ids=["no-app", "app"])
def test_no_case_page_before_the_second_factor(client, people, family, has_app):
    if has_app:
        _app(people.anna)
    _password_login(client, "anna")
    target = VERIFY if has_app else SETUP
    for url in _case_urls(family):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(target + "?next="), url
        assert family.surname not in response.content.decode()


def test_htmx_request_before_the_second_factor_gets_hx_redirect(client, people, family):
    # htmx follows a 302 itself and would swap the MFA page into a fragment; it needs
    # HX-Redirect to navigate the whole page instead.
    _password_login(client, "anna")
    response = client.get(reverse("families:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(SETUP)
    assert family.surname not in response.content.decode()


# --- enrolment ----------------------------------------------------------------------------------


def test_enrolment_page_shows_a_qr_code(client, people):
    client.force_login(people.anna)
    response = client.get(SETUP)
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    assert TOTPDevice.objects.get(user=people.anna).confirmed is False


def test_wrong_enrolment_code_is_refused_next_to_the_field(client, people):
    client.force_login(people.anna)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 422
    assert WRONG_CODE_SETUP in str(response.context["form"].errors["token"])
    assert TOTPDevice.objects.get(user=people.anna).confirmed is False
    assert not _is_verified(client)


def test_right_enrolment_code_shows_recovery_codes_and_verifies(client, people, family):
    client.force_login(people.anna)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.anna)
    response = client.post(SETUP, {"token": _code(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert client.get(reverse("families:detail", kwargs={"pk": family.pk})).status_code == 200


def test_unverified_user_with_an_app_cannot_enrol_another(client, people):
    # Otherwise a stolen password alone would be enough to replace the victim's phone.
    device = _app(people.anna)
    client.force_login(people.anna)
    assert client.get(SETUP)["Location"] == VERIFY
    response = client.post(SETUP, {"token": "123456"})
    assert response["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=people.anna)) == [device]


# --- verification -------------------------------------------------------------------------------


def test_right_code_goes_to_next(client, people, family):
    device = _app(people.anna)
    client.force_login(people.anna)
    target = reverse("families:detail", kwargs={"pk": family.pk})
    response = client.post(VERIFY, {"token": _code(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/rodziny/"])
def test_external_next_goes_home(client, people, target):
    device = _app(people.anna)
    client.force_login(people.anna)
    response = client.post(VERIFY + "?next=" + target, {"token": _code(device)})
    assert response["Location"] == "/"


def test_wrong_code_is_refused(client, people):
    _app(people.anna)
    client.force_login(people.anna)
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 422
    assert WRONG_CODE_VERIFY in str(response.context["form"].errors["token"])
    assert not _is_verified(client)


def _enrol(client: Client, user) -> list[str]:
    """Enrol the phone app as `user` would; returns the recovery codes shown once."""
    client.force_login(user)
    client.get(SETUP)
    response = client.post(SETUP, {"token": _code(TOTPDevice.objects.get(user=user))})
    return response.context["codes"]


def _password_only_session(client: Client, user) -> None:
    client.logout()
    client.force_login(user)


def test_recovery_code_works_exactly_once(client, people):
    code = _enrol(client, people.anna)[0]
    _password_only_session(client, people.anna)
    assert client.post(VERIFY, {"token": code}).status_code == 302
    assert _is_verified(client)

    _password_only_session(client, people.anna)
    assert client.post(VERIFY, {"token": code}).status_code == 422
    assert not _is_verified(client)
    assert StaticToken.objects.filter(device__user=people.anna).count() == 9


def test_recovery_codes_are_distinct_eight_digit_numbers(client, people):
    codes = _enrol(client, people.anna)
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"\d{8}", code) for code in codes)


def test_verified_user_replacing_the_app_retires_the_old_one(client, people, login):
    # The phone was lost: after proving the old app, the new one replaces it (and its codes).
    login(people.anna)
    old = TOTPDevice.objects.get(user=people.anna)
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=people.anna, confirmed=False)
    assert client.post(SETUP, {"token": _code(new)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=people.anna)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
