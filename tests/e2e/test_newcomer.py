"""Journey 1, the newcomer: from the start page through the directory (search and a filter) to an offer,
the welcome guide, the calendar with a registration for an event, and the news — in German, French and
Arabic (right to left), with axe-core on every page."""

import re

import pytest

from fachstelle.events.demo_data import EVENTS, INFO_EVENING
from fachstelle.events.models import Registration

from .support import OFFICE, Walk, exact, t, wait_for_htmx

pytestmark = pytest.mark.browser

OFFICE_NAME = "Fachstelle Integration Region Zofingen"


def event_title(language: str) -> str:
    """The information evening's title as the calendar shows it: its translation, or the German."""
    spec = next(e for e in EVENTS[OFFICE] if e["title"] == INFO_EVENING)
    return spec.get("translations", {}).get(language, {}).get("title", INFO_EVENING)


@pytest.mark.parametrize("language", ["de", "fr", "ar"])
def test_newcomer_finds_an_offer_reads_the_guide_and_registers_for_an_event(page, language):
    walk = Walk(page, language)
    page.goto(f"/{language}/")
    walk.check("start page")

    page.get_by_role("link", name=OFFICE_NAME).click()
    page.wait_for_url(f"**/{language}/{OFFICE}/")
    walk.check("office home")

    # Directory: a text search from the office's home, then one filter (free of charge).
    search = page.get_by_role("searchbox", name=t(language, "Search offers"))
    search.fill("Deutsch")
    search.press("Enter")
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/offers/\?q=Deutsch$"))
    results = page.locator("#results")
    unfiltered = results.get_by_role("link").count()
    assert unfiltered > 0
    walk.check("search results")
    page.get_by_label(exact(t(language, "Free of charge"))).check()
    page.wait_for_url(re.compile(r"[?&]free=1(&|$)"))
    wait_for_htmx(page)
    titles = results.locator(".card-title").all_inner_texts()
    assert 0 < len(titles) <= unfiltered
    walk.check("filtered results")

    results.get_by_role("link", name=titles[0]).first.click()
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/offers/\d+-"))
    assert page.get_by_role("heading", level=1).inner_text() == titles[0]
    walk.check("offer detail")

    # Welcome guide: the index, then one page.
    nav = page.get_by_role("navigation", name=t(language, "Main navigation"))
    nav.get_by_role("link", name=t(language, "Welcome guide")).click()
    page.wait_for_url(f"**/{language}/{OFFICE}/guide/")
    walk.check("guide index")
    page.locator("main").get_by_role("link").filter(has_text=re.compile(".+")).first.click()
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/guide/\d+-"))
    walk.check("guide page")

    # Calendar, the information evening, a registration.
    nav.get_by_role("link", name=t(language, "Events")).click()
    page.wait_for_url(f"**/{language}/{OFFICE}/events/")
    walk.check("calendar")
    page.locator("main").get_by_role("link", name=event_title(language)).click()
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/events/\d+-"))
    walk.check("event")
    name = f"Newcomer E2E {language}"
    page.get_by_label(exact(t(language, "Name"))).fill(name)
    page.get_by_label(exact(t(language, "E-mail"))).fill(f"newcomer-{language}@example.org")
    page.get_by_label(exact(t(language, "Number of people"))).fill("2")
    page.get_by_role("button", name=t(language, "Register")).click()
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/events/registration/[^/]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == t(language, "Your registration")
    assert t(language, "Your place is confirmed.") in page.locator("main").inner_text()
    walk.check("registration")
    registration = Registration.objects.get(name=name)
    assert registration.status == Registration.Status.CONFIRMED and registration.people == 2
    assert registration.event.title == INFO_EVENING

    # News: the list and one item.
    nav.get_by_role("link", name=t(language, "News")).click()
    page.wait_for_url(f"**/{language}/{OFFICE}/news/")
    walk.check("news")
    page.get_by_role("article").first.get_by_role("heading").get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/{language}/{OFFICE}/news/\d+-"))
    walk.check("news item")
    walk.finish()
