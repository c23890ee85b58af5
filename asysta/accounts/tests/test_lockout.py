"""Lockout after wrong passwords (django-axes), through the real sign-in form.

The rule (settings, AXES_*): five wrong passwords for one username from one address get the
ordinary form error; the attempt after them is refused with the lockout page (429), even with
the right password. The lock is on the pair (username, address), so neither a colleague at the
same office nor the same person on another network is locked out by someone guessing.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from asysta.core.testing import TEST_PASSWORD

OFFICE_IP = "10.0.0.1"
HOME_IP = "10.0.0.2"
LOGIN_ERROR = "Nieprawidłowy login lub hasło"
LOCKOUT_TITLE = "Logowanie czasowo zablokowane"


def _post_login(username: str, password: str, ip: str, client: Client | None = None):
    """One attempt on the real form from `ip`; a fresh client unless one is given."""
    client = client or Client()
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def _fail(username: str, times: int, ip: str = OFFICE_IP) -> list[int]:
    return [_post_login(username, "zle-haslo-123", ip).status_code for _ in range(times)]


@pytest.mark.django_db
def test_limit_is_five_failures():
    # The tests below count to this number; a changed default must be a conscious decision.
    assert settings.AXES_FAILURE_LIMIT == 5


def test_five_wrong_passwords_get_the_polish_form_error(people):
    for attempt in range(1, 6):
        response = _post_login("anna", "zle-haslo-123", OFFICE_IP)
        assert response.status_code == 422, f"attempt {attempt}"
        assert LOGIN_ERROR in response.content.decode()
        assert LOCKOUT_TITLE not in response.content.decode()


def test_sixth_attempt_is_locked_even_with_the_right_password(people):
    _fail("anna", 5)
    response = _post_login("anna", TEST_PASSWORD, OFFICE_IP)
    assert response.status_code == 429
    assert LOCKOUT_TITLE in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_locked_attempts_stay_locked(people):
    _fail("anna", 5)
    assert _fail("anna", 2) == [429, 429]


def test_same_username_from_another_address_can_sign_in(people):
    _fail("anna", 6)
    response = _post_login("anna", TEST_PASSWORD, HOME_IP)
    assert response.status_code == 302
    assert "_auth_user_id" in response.client.session


def test_another_username_from_the_same_address_can_sign_in(people):
    _fail("anna", 6)
    response = _post_login("bartek", TEST_PASSWORD, OFFICE_IP)
    assert response.status_code == 302
    assert response.client.session["_auth_user_id"] == str(people.bartek.pk)


def test_unknown_username_is_locked_like_a_real_one(people):
    # Otherwise the answer (422 forever vs 429) would tell which logins exist.
    assert _fail("nieznany", 6) == [422] * 5 + [429]


def test_successful_sign_in_resets_the_counter(people):
    _fail("anna", 4)
    assert _post_login("anna", TEST_PASSWORD, OFFICE_IP).status_code == 302
    # Four more failures: a fifth "strike" would lock if the counter had not been reset.
    assert _fail("anna", 4) == [422] * 4
    assert _post_login("anna", TEST_PASSWORD, OFFICE_IP).status_code == 302


def test_successful_sign_in_rotates_the_session_key(people):
    # Session fixation: a key planted before sign-in must not become the signed-in session.
    client = Client()
    client.get(reverse("accounts:login"))
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    _post_login("anna", TEST_PASSWORD, OFFICE_IP, client=client)
    assert client.session.session_key != before
