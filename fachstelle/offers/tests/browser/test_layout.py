"""Right-to-left, small screens, keyboard and print: what the eye and the keyboard notice."""

import os

import pytest

from fachstelle.core.tests.factories import make_offer

from .support import MOBILE, offer_path

pytestmark = pytest.mark.browser

LIST = "/de/region-zofingen/offers/"
# Set to a folder to keep screenshots of the checked pages for a human look (not needed by the asserts).
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS")


def screenshot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_page_is_right_to_left_and_mirrors_the_layout(page, directory):
    page.goto(offer_path(directory.course, "ar"))
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert page.locator("main").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("h1").inner_text() == "دورة اللغة الألمانية للأمهات مع رعاية الأطفال"
    # Mirrored by logical properties: the brand sits on the right, the facts box on the left of the text,
    # and the heading starts at the right edge of the content column.
    assert box(page, ".brand")["x"] > box(page, ".main-nav")["x"]
    assert box(page, ".detail-facts")["x"] < box(page, ".detail-main")["x"]
    main = box(page, "main")
    h1 = box(page, "h1")
    assert abs((h1["x"] + h1["width"]) - (main["x"] + main["width"] - 16)) < 2
    # Phone numbers and postcodes keep their left-to-right order inside the right-to-left page.
    phone = page.locator(".site-footer a[href^='tel:']")
    assert phone.evaluate("el => getComputedStyle(el).direction") == "ltr"
    screenshot(page, "offer-ar")
    page.set_viewport_size(MOBILE)
    screenshot(page, "offer-ar-mobile")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


def test_main_pages_fit_phone_and_desktop_screens(page, directory):
    pages = {
        "start": "/de/",
        "office": "/de/region-zofingen/",
        "list": LIST + "?q=Deutschkurs&free=1",
        "offer": offer_path(directory.course, "de"),
        "offer-fr": offer_path(directory.course, "fr"),
        "provider": "/de/region-zofingen/providers/verein-deutsch-im-quartier/",
    }
    too_wide = {}
    for width in (MOBILE["width"], 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(path)
            screenshot(page, f"{name}-{width}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide[f"{name} at {width}px"] = scroll_width
    assert not too_wide, f"horizontal scrolling: {too_wide}"


def test_skip_link_leads_to_the_main_content(page, directory):
    page.goto(LIST)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    link_box = skip.bounding_box()
    assert link_box["x"] >= 0 and link_box["y"] >= 0  # moved into view when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is the first control of the main content, not the header again.
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.id") == "q"


def test_focus_is_visible_on_every_kind_of_control(page, directory):
    page.goto(LIST + "?q=Deutschkurs")
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), type: el.type || "", id: el.id,
                    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                    shadow: style.boxShadow};
        }""")
        if focused["tag"] == "body":  # past the last control
            break
        kind = focused["tag"] + (":" + focused["type"] if focused["tag"] == "input" else "")
        assert (focused["outline"] != "none" and focused["width"] >= 2) or focused["shadow"] != "none", (
            focused
        )
        seen.add(kind)
    assert {"a", "select", "button", "input:search", "input:checkbox"} <= seen


def test_filters_fold_on_a_phone_and_open_with_the_keyboard(page, directory):
    page.set_viewport_size(MOBILE)
    page.goto(LIST)
    panel = page.locator("#filter-panel")
    assert panel.get_attribute("open") is None
    # Results come right after the search box, not after a screenful of checkboxes.
    assert box(page, "#results")["y"] < MOBILE["height"]
    page.locator("#filter-panel > summary").focus()
    page.keyboard.press("Enter")
    assert panel.get_attribute("open") is not None
    page.locator("#f-free").check()
    page.wait_for_url("**free=1")
    assert panel.get_attribute("open") is not None  # the update keeps the panel open


def test_print_view_prints_the_whole_list_without_navigation(page, directory):
    for number in range(25):
        make_offer(office=directory.office, title=f"Treffpunkt {number:02d}")
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    page.goto(LIST)
    page.wait_for_load_state("load")
    assert page.evaluate("window.printCalls") is None  # the normal list does not open the dialog

    page.locator(".print-link").click()
    page.wait_for_url("**print=1")
    page.wait_for_load_state("load")
    assert page.evaluate("window.printCalls") == 1
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".filters", ".search-box", ".pagination", ".skip-link"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("#results .card").count() == 33  # all of them, no pagination
    assert "Fachstelle Integration Region Zofingen" in page.locator(".print-only").inner_text()
    screenshot(page, "print")
