"""Shared fixtures: the test people of DESIGN.md §6 and signed-in clients."""

from __future__ import annotations

import pytest

from asysta.core import testing


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # Argon2 is the production hasher (tested separately); tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    # Generated documents, attachments and logos go to a directory of each test's own.
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def people(db) -> testing.People:
    return testing.make_people()


@pytest.fixture
def family(people):
    """A family of centre A whose assistant is Anna and whose social worker is Edward."""
    fam = testing.make_family(centre=people.centre, by=people.dorota, social_worker=people.edward)
    testing.make_member(family=fam, by=people.dorota)
    testing.assign(family=fam, assistant=people.anna, by=people.dorota)
    return fam


@pytest.fixture
def login(client):
    """login(user) signs the test client in, past the second factor."""

    def _login(user):
        testing.login(client, user)
        return client

    return _login
