"""Fixtures of counselling's browser tests: one headless Chromium per session, a fresh page per test, and the
counselling world (an office with a user per role) built against the live server's database.

The browser fixtures follow fachstelle/offers/tests/browser/conftest.py (fixtures there are scoped to that
package)."""

import os
import shutil

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.security import TOTP_DEVICE_NAME
from fachstelle.counselling.models import Topic
from fachstelle.counselling.reference_data import seed_topics
from fachstelle.counselling.tests.factories import counselling_world
from fachstelle.offers.tests.browser.support import DESKTOP

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags for a quiet, reproducible headless run without network side traffic or a sandbox (CI containers).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="de-CH", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # uncaught JavaScript errors, for tests to assert there were none
    yield page
    context.close()


@pytest.fixture
def world(vocab, live_server):
    """Region Zofingen with its counsellor "beraterin", who has a confirmed authenticator app."""
    seed_topics(Topic)  # transactional tests flush what the data migration seeded
    w = counselling_world()
    w.languages = vocab["languages"]
    w.device = TOTPDevice.objects.create(user=w.counsellor, name=TOTP_DEVICE_NAME, confirmed=True)
    return w
