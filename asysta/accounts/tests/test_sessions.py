"""Session limits: signed out after idle time and after an absolute limit since sign-in.

The clock is the session's own timestamps, moved into the past (no sleeping); the limits are
shortened with the settings fixture so the tests do not depend on the production defaults.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from asysta.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from asysta.core.testing import TEST_PASSWORD

IDLE = 600
ABSOLUTE = 3600
EXPIRED = reverse("accounts:session_expired")


@pytest.fixture(autouse=True)
def _short_limits(settings):
    settings.SESSION_IDLE_TIMEOUT = IDLE
    settings.SESSION_ABSOLUTE_TIMEOUT = ABSOLUTE


@pytest.fixture
def anna_client(people, login) -> Client:
    """Anna signed in past the second factor, after one request (so the stamps exist)."""
    client = login(people.anna)
    assert client.get(reverse("families:list")).status_code == 200
    return client


def _age_session(client: Client, *, idle: float = 0, since_sign_in: float | None = None) -> None:
    """Pretend the last request was `idle` seconds ago and sign-in `since_sign_in` seconds ago."""
    now = time.time()
    session = client.session
    session[LAST_SEEN] = now - idle
    if since_sign_in is not None:
        session[SIGNED_IN_AT] = now - since_sign_in
    session.save()


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_password_sign_in_stamps_the_session(client, people):
    before = time.time()
    client.post(reverse("accounts:login"), {"username": "anna", "password": TEST_PASSWORD})
    assert client.session[SIGNED_IN_AT] >= before
    assert client.session[LAST_SEEN] >= before


def test_idle_session_is_signed_out(anna_client, family):
    _age_session(anna_client, idle=IDLE + 5)
    response = anna_client.get(reverse("families:detail", kwargs={"pk": family.pk}))
    assert response.status_code == 302
    assert response["Location"] == EXPIRED + "?powod=idle"
    assert not _signed_in(anna_client)
    # The next request is anonymous: back to the sign-in page, not to the family.
    again = anna_client.get(reverse("families:list"))
    assert again["Location"].startswith(reverse("accounts:login"))


def test_activity_within_the_idle_limit_keeps_the_session(anna_client):
    _age_session(anna_client, idle=IDLE - 30)
    stale = anna_client.session[LAST_SEEN]
    assert anna_client.get(reverse("families:list")).status_code == 200
    assert _signed_in(anna_client)
    assert anna_client.session[LAST_SEEN] > stale


def test_absolute_limit_signs_out_despite_recent_activity(anna_client):
    _age_session(anna_client, idle=1, since_sign_in=ABSOLUTE + 5)
    response = anna_client.get(reverse("families:list"))
    assert response["Location"] == EXPIRED + "?powod=absolute"
    assert not _signed_in(anna_client)


def test_activity_does_not_extend_the_absolute_limit(anna_client):
    _age_session(anna_client, idle=1, since_sign_in=ABSOLUTE - 30)
    signed_in_at = anna_client.session[SIGNED_IN_AT]
    anna_client.get(reverse("families:list"))
    assert anna_client.session[SIGNED_IN_AT] == signed_in_at


def test_expiry_of_an_htmx_request_redirects_the_whole_page(anna_client):
    _age_session(anna_client, idle=IDLE + 5)
    response = anna_client.get(reverse("families:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == EXPIRED + "?powod=idle"
    assert not _signed_in(anna_client)


def test_keepalive_refreshes_last_seen(anna_client):
    _age_session(anna_client, idle=IDLE - 30)
    stale = anna_client.session[LAST_SEEN]
    response = anna_client.post(reverse("accounts:keepalive"))
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert anna_client.session[LAST_SEEN] > stale


def test_keepalive_cannot_revive_an_idle_session(anna_client):
    _age_session(anna_client, idle=IDLE + 5)
    response = anna_client.post(reverse("accounts:keepalive"))
    assert response.status_code == 302
    assert not _signed_in(anna_client)


@pytest.mark.parametrize(("reason", "text"), [("idle", "braku aktywności"), ("absolute", "Minął")])
def test_session_expired_page_explains_why_in_polish(client, db, reason, text):
    response = client.get(EXPIRED, {"powod": reason})
    assert response.status_code == 200
    assert text in response.content.decode()
