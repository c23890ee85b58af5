"""Browser tests: headless Chromium (Debian's, never a downloaded one) against pytest-django's
live server, with the demo centre loaded. Every test in this directory is marked `browser`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests
# make to compare the page with the database would otherwise be refused as "async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the marker must be there before `-m browser` / `-m "not browser"` deselects.
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    chromium = os.environ.get("ASYSTA_TESTING_CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        pytest.skip(
            f"Chromium is missing: no executable at {chromium} "
            "(install Debian's chromium, `make chromium`, or set ASYSTA_TESTING_CHROMIUM)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the Python package playwright is missing (pip install -e .[dev])",
    )
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def _e2e_settings(settings, tmp_path):
    # Generated documents and attachments go to a directory of each test's own.
    settings.MEDIA_ROOT = tmp_path / "files"
    # The live server runs in this process, so these overrides apply to it as well.
    # Argon2 is the production hasher (tested separately); the demo creates nine users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The second factor is covered by the unit tests of asysta.accounts.
    settings.REQUIRE_MFA = False


@pytest.fixture
def demo(live_server):
    """The demo centre (live_server brings transactional_db: the data is flushed afterwards).

    Without the casework (plans, contacts, assessments...): the journeys build their own.
    """
    from asysta.core.demo import load_demo

    return load_demo(casework=False)


@pytest.fixture
def full_demo(live_server):
    """The demo centre with its casework, as `make run` shows it."""
    from asysta.core.demo import load_demo

    return load_demo()


@pytest.fixture
def users(demo):
    from asysta.accounts.models import User

    return {u.username: u for u in User.objects.filter(memberships__centre=demo).distinct()}


def _new_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="pl-PL", base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, live_server, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _new_page(browser, live_server, PHONE)
    yield page
    context.close()


def sign_in(page, username: str) -> None:
    """Sign in through the real login form and wait for the page after it."""
    from asysta.core.demo import DEMO_PASSWORD

    page.goto("/konto/logowanie/")
    page.get_by_label("Login").fill(username)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_load_state()
    assert "/konto/logowanie/" not in page.url, f"{username} was not signed in: {page.url}"


@pytest.fixture
def login(page, demo):
    """login(username) signs a demo user in on `page` (or on the page given as `on`)."""

    def _login(username: str, on=None):
        sign_in(on or page, username)
        return on or page

    return _login


@pytest.fixture
def axe():
    """axe(page) -> the serious and critical WCAG 2 A/AA violations on the page, as text."""
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core is missing: {AXE_JS} not found (run `npm ci`)")
    source = AXE_JS.read_text(encoding="utf-8")

    def _scan(page) -> list[str]:
        page.add_script_tag(content=source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        assert result["passes"], "axe ran no checks at all"
        found = []
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [json.dumps(n["target"]) for n in v["nodes"]][:5]
                found.append(f"{v['impact']} {v['id']}: {v['help']} at {', '.join(targets)}")
        return found

    return _scan
