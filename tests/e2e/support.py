"""Helpers of the end-to-end journeys: translated labels, logging in with the demo authenticator, and one
place that checks every visited page (status, one h1, language and direction, axe-core)."""

import re

from django.utils import translation
from django.utils.text import capfirst
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from fachstelle.offers.tests.browser.support import axe_problems

DEMO_PASSWORD = "demo-fachstelle-2026"  # README: the password of every demo login
OFFICE = "region-zofingen"
RTL_LANGUAGES = {"ar", "fa", "prs", "ps"}


def t(language: str, msgid: str) -> str:
    """The interface text the user reads in `language` (tests click what users see, not English msgids)."""
    with translation.override(language):
        return translation.gettext(msgid)


def exact(text: str) -> re.Pattern:
    """A whole-text pattern for labels that carry a required marker ("Name *") or a count ("(5)")."""
    return re.compile(rf"^\s*{re.escape(text)}\s*(\*|\(\d+\))?\s*$")


class Walk:
    """Collects what went wrong on the pages of one journey, so that a test reports every problem at once."""

    def __init__(self, page, language: str):
        self.page = page
        self.language = language
        self.problems: list[str] = []

    def check(self, name: str) -> None:
        """The current page: in the journey's language and direction, one h1, and nothing serious for axe."""
        page = self.page
        page.wait_for_load_state()
        html = page.locator("html")
        if html.get_attribute("lang") != self.language:
            self.problems.append(f"{name}: lang={html.get_attribute('lang')!r}, expected {self.language!r}")
        direction = "rtl" if self.language in RTL_LANGUAGES else "ltr"
        if html.get_attribute("dir") != direction:
            self.problems.append(f"{name}: dir={html.get_attribute('dir')!r}, expected {direction!r}")
        if page.locator("h1").count() != 1:
            self.problems.append(f"{name}: {page.locator('h1').count()} h1 elements")
        self.problems += [f"{name}: {problem}" for problem in axe_problems(page)]

    def finish(self) -> None:
        page = self.page
        self.problems += [f"server error: {failure}" for failure in page.server_errors]
        self.problems += [f"JavaScript error: {error}" for error in page.js_errors]
        assert not self.problems, "\n".join(self.problems)


def current_code(username: str) -> str:
    """The demo authenticator's code, for a time step the device has not used yet (django-otp refuses a
    code twice, and two journeys may log the same user in within 30 seconds; it accepts one step ahead)."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return str(totp.token()).zfill(device.digits)


def log_in(page, username: str, *, language: str = "de", second_factor: bool = True) -> None:
    """Log in on the staff login page as a user does: user name and password, then the authenticator code."""
    page.goto(f"/{language}/staff/login/")
    # Django labels the field with the user model's verbose name ("nom d’utilisateur").
    page.get_by_label(exact(capfirst(t(language, "username")))).fill(username)
    page.get_by_label(exact(t(language, "Password"))).fill(DEMO_PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    if second_factor:
        page.wait_for_url(re.compile(r"/staff/two-factor/verify/"))
        page.locator("input[name=token]").fill(current_code(username))
        page.locator("form:has(input[name=token]) button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{language}/staff/"))
    page.wait_for_load_state()
    assert "/login/" not in page.url and "/two-factor/" not in page.url, page.url


def wait_for_htmx(page) -> None:
    """Until htmx has no request in flight and has settled the swapped content."""
    # A locator, not wait_for_function: the site's CSP forbids the eval that a string predicate needs.
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
