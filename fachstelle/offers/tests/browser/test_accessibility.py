"""WCAG 2.1 AA in the browser: axe-core finds no serious or critical violation on any public page."""

import pytest

from .support import MOBILE, axe_problems, offer_path

pytestmark = pytest.mark.browser

LIST = "/de/region-zofingen/offers/"
# name: path (or a function of the test directory), expected HTTP status
PUBLIC_PAGES = {
    "start": ("/de/", 200),
    "search all offices": ("/de/search/?q=deutsch", 200),
    "office home": ("/de/region-zofingen/", 200),
    "offer list, filters applied": (LIST + "?q=Deutschkurs&free=1&childcare=1&municipality=4271", 200),
    "offer list, no results": (LIST + "?q=Schachclub&online=1", 200),
    "offer list, bad input": (LIST + "?area=nope&page=abc&municipality=99999&q=%3Cscript%3E", 200),
    "offer detail de": (lambda d: offer_path(d.course, "de"), 200),
    "offer detail fr (translated)": (lambda d: offer_path(d.course, "fr"), 200),
    "offer detail ti (German fallback)": (lambda d: offer_path(d.course, "ti"), 200),
    "offer detail ar (right-to-left)": (lambda d: offer_path(d.course, "ar"), 200),
    "provider": ("/de/region-zofingen/providers/verein-deutsch-im-quartier/", 200),
    "print view": (LIST + "?q=deutsch&print=1", 200),
    "not found": (LIST + "999999/", 404),
}

DUPLICATE_IDS = """() => {
    const seen = new Set(), duplicates = [];
    for (const el of document.querySelectorAll("[id]")) {
        if (seen.has(el.id)) { duplicates.push(el.id); }
        seen.add(el.id);
    }
    return duplicates;
}"""


def test_every_public_page_passes_axe(page, directory):
    """One walk over all pages (one data set); the failure lists every page's violations at once."""
    failures = []
    for name, (path, status) in PUBLIC_PAGES.items():
        path = path(directory) if callable(path) else path
        response = page.goto(path)
        assert response.status == status, path
        problems = axe_problems(page)
        problems += [f"duplicate id #{dup}" for dup in page.evaluate(DUPLICATE_IDS)]
        if not page.locator("html").get_attribute("lang"):
            problems.append("<html> without lang")
        failures += [f"{name} ({path}): {problem}" for problem in problems]
    assert not failures, "\n".join(failures)
    assert not page.js_errors


def test_filter_page_on_a_phone_passes_axe_folded_and_unfolded(page, directory):
    page.set_viewport_size(MOBILE)
    page.goto(LIST + "?q=Deutschkurs&free=1")
    panel = page.locator("#filter-panel")
    assert panel.get_attribute("open") is None  # folded away on small screens, results in view
    assert page.locator("#results").is_visible()
    problems = axe_problems(page)
    page.locator("#filter-panel > summary").click()
    assert panel.get_attribute("open") is not None
    assert page.locator("#f-childcare").is_visible()
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


def test_page_language_is_declared_and_fallback_text_marked(page, directory):
    page.goto(offer_path(directory.course, "ti"))
    assert page.locator("html").get_attribute("lang") == "ti"
    assert page.locator("html").get_attribute("dir") == "ltr"
    # Not translated into Tigrinya: the German text says it is German, and a note says so.
    assert page.locator("h1").get_attribute("lang") == "de"
    assert page.locator(".offer-detail .lead").get_attribute("lang") == "de"
    assert page.locator(".breadcrumb [aria-current=page]").get_attribute("lang") == "de"
    assert page.locator(".note-fallback").is_visible()

    page.goto(offer_path(directory.course, "fr"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").get_attribute("lang") is None
    assert page.locator(".note-fallback").count() == 0
    # Translated fields are not marked; a field the translation left empty falls back to German and is
    # marked, like the (untranslatable) opening hours of the place.
    assert page.locator(".offer-detail .lead").get_attribute("lang") is None
    assert page.locator(".location-list [lang=de]").inner_text() == "Di und Do 9–11 Uhr"

    # The Arabic translation has no schedule: just that field is German, marked and kept left-to-right.
    page.goto(offer_path(directory.course, "ar"))
    assert page.locator("h1").get_attribute("lang") is None
    schedule = page.locator(".detail-facts [lang=de]")
    assert schedule.inner_text() == "Dienstag und Donnerstag, 9–11 Uhr"
    assert schedule.get_attribute("dir") == "ltr"


def test_the_axe_check_does_find_violations(browser):
    """Guards the harness: a page with known faults must fail, or a silent axe would pass everything."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html><body><main><img src="x.png"><p style="color:#bbb;background:#fff">faint</p>'
            '<input type="text"></main></body></html>'
        )
        found = {line.split(" ", 1)[0] for line in axe_problems(page)}
    finally:
        page.close()
    assert {"html-has-lang", "image-alt", "color-contrast", "label"} <= found
