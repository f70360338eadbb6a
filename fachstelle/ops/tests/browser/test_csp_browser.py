"""The Content Security Policy in a real browser: public pages (also when served from the page cache), the
directory search over htmx and a staff page with a nonce script load without a single CSP violation, and
their inline scripts and the office colour still work."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.security import TOTP_DEVICE_NAME
from fachstelle.core.tests.factories import make_offer
from fachstelle.counselling.models import Topic
from fachstelle.counselling.reference_data import seed_topics
from fachstelle.counselling.tests.factories import counselling_world

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def world(vocab, live_server):
    seed_topics(Topic)  # transactional tests flush what the data migration seeded
    w = counselling_world()
    w.office.primary_color = "#7a1f5c"
    w.office.save()
    w.device = TOTPDevice.objects.create(user=w.counsellor, name=TOTP_DEVICE_NAME, confirmed=True)
    make_offer(office=w.office, title="Deutschkurs mit Kinderbetreuung")
    make_offer(office=w.office, title="Elterncafé")
    return w


def _csp_context(browser, live_server, viewport):
    """A browser context of our own that enforces the CSP (bypass_csp=False even if the shared `page`
    fixture bypasses it), with the CSP violations and JavaScript errors it sees."""
    context = browser.new_context(
        viewport=viewport, locale="de-CH", base_url=live_server.url, bypass_csp=False
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.violations, page.js_errors = [], []
    # Chromium logs every blocked script, style, frame or eval on the console.
    page.on(
        "console", lambda m: page.violations.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    return context, page


@pytest.fixture
def csp_page(browser, live_server):
    context, page = _csp_context(browser, live_server, DESKTOP)
    yield page
    context.close()


def path(name: str, **kwargs) -> str:
    with translation.override("de"):
        return reverse(name, kwargs=kwargs)


def brand(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")


def test_public_pages_and_htmx_search_run_without_violations(csp_page, world):
    page = csp_page
    home = path("offers:office_home", office_slug=world.office.slug)
    page.goto(home)
    assert page.locator("h1").count() == 1
    assert brand(page) == "#7a1f5c"  # the office colour as a style attribute

    listing = path("offers:offer_list", office_slug=world.office.slug)
    page.goto(listing)
    # htmx: a search swaps the results in place (no page load) and pushes the URL.
    page.evaluate("window.sameDocument = true")
    page.locator("#q").fill("Elterncafé")
    with page.expect_response(lambda r: "q=" in r.url and r.request.headers.get("hx-request")):
        page.locator(".search-row button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=Elternca"))
    assert page.evaluate("window.sameDocument === true"), "the search reloaded the page instead of swapping"
    assert page.locator("#results .result-list > li").count() == 1
    assert "1" in page.locator("#results-status").inner_text()
    assert not page.evaluate("!!document.querySelector('head style')"), "htmx injected its indicator styles"

    guide = path("guide_public:guide_index", office_slug=world.office.slug)
    for public in (path("offers:start"), path("offers:search_all"), guide):
        page.goto(public)
        assert page.locator("h1").count() == 1

    assert not page.violations, "\n".join(page.violations)
    assert not page.js_errors
    # Control: this context enforces the policy and the listener sees violations. An injected inline
    # script (as an XSS would add one) does not run and is reported.
    ran = page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.injected = true";
        document.head.append(s); return window.injected === true; }"""
    )
    page.wait_for_timeout(200)  # console messages arrive asynchronously
    assert ran is False
    assert any("inline script" in message for message in page.violations), page.violations


def test_inline_script_of_a_cached_directory_page_still_runs(browser, live_server, world):
    context, page = _csp_context(browser, live_server, MOBILE)
    listing = path("offers:offer_list", office_slug=world.office.slug)
    try:
        for _visit in range(2):  # the second answer comes from the page cache, rendered for another request
            response = page.goto(listing)
            assert "script-src" in response.headers["content-security-policy"]
            # The small-screen script folds the filters: it ran.
            assert page.evaluate("document.getElementById('filter-panel').open") is False
        assert not page.violations, "\n".join(page.violations)
    finally:
        context.close()


def test_staff_page_with_a_nonce_script_runs_without_violations(csp_page, world):
    page = csp_page
    short = path("counselling:short_consultation_create", office_slug=world.office.slug)
    page.goto(f"/de/staff/login/?next={short}")
    page.locator("input[name=username]").fill("beraterin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/de/staff/two-factor/verify/"))
    d = world.device
    code = str(TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift).token()).zfill(d.digits)
    page.locator("input[name=token]").fill(code)
    page.locator("form:has(input[name=token]) button[type=submit]").click()
    page.wait_for_url(f"**{short}")

    assert brand(page) == "#7a1f5c"  # the nonce style element applied
    # The page's nonce script: typing a duration chooses "other".
    page.locator("#id_duration_other").fill("25")
    assert page.locator("input[name=duration][value=other]").is_checked()
    assert not page.violations, "\n".join(page.violations)
    assert not page.js_errors
