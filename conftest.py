import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's async-safety guard would
# refuse the ORM there although nothing runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from fachstelle.offers import directory_index

    # Test databases are rolled back (SQLite even reuses primary keys), so a cached directory version
    # may name different data in the next test.
    cache.clear()
    directory_index.clear()
    yield
    cache.clear()
    directory_index.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in German: a request to /ti/… leaves its language active in the thread (the locale
    middleware does not reset it), which would otherwise leak into the next test's reverse() calls."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture
def vocab(db):
    """The reference vocabularies seeded by the data migration, by key."""
    from fachstelle.core.models import FieldOfAction, Language, PromotionArea, TargetGroup
    from fachstelle.core.reference_data import seed_reference_data

    # Transactional tests (browser tests) flush the tables the data migration filled.
    seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
    return {
        "areas": {a.slug: a for a in FieldOfAction.objects.all()},
        "kip": {p.code: p for p in PromotionArea.objects.all()},
        "targets": {t.slug: t for t in TargetGroup.objects.all()},
        "languages": {lang.code: lang for lang in Language.objects.all()},
    }


@pytest.fixture
def english(client):
    """Run a test in English: strings asserted in tests are the English msgids, not the German catalogue."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin is not under a language prefix
    with translation.override("en"):
        yield


# --- Browser tests (Playwright driving Debian's Chromium) ----------------------------------------------
# One Chromium per test run for every app's browser tests: two session-scoped Playwright instances in one
# process would collide (the sync API refuses to start inside a running event loop).
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
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    import shutil

    if not (os.path.isfile(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp: tests wait with page.wait_for_function (JavaScript eval), which the site's policy forbids;
    # fachstelle/ops/tests/browser checks the policy itself in contexts of its own.
    context = browser.new_context(viewport=DESKTOP, locale="de-CH", base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # uncaught JavaScript errors, for tests to assert there were none
    yield page
    context.close()
