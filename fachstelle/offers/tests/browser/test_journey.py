"""The acceptance journey and the search page's behaviour in a real browser (htmx and without JS)."""

import re

import pytest

from fachstelle.core.tests.factories import make_offer

from .support import offer_path

pytestmark = pytest.mark.browser

LIST = "/de/region-zofingen/offers/"
COURSE = "Deutschkurs für Mütter mit Kinderhüte"
COURSE_FR = "Cours d'allemand pour mères avec garde d'enfants"


def result_titles(page) -> list[str]:
    return page.locator("#results .card-title").all_inner_texts()


def tick(page, name: str, value: str = "1"):
    """Tick a filter box by its name and value (labels depend on the catalogues), wait for the update."""
    page.locator(f".filters input[name={name}][value='{value}']").check()
    page.wait_for_url(re.compile(rf"[?&]{name}={value}(&|$)"))
    wait_for_htmx(page)


def wait_for_htmx(page):
    """Until htmx has no request in flight and has settled the swapped content."""
    page.wait_for_function("!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_newcomer_finds_a_free_german_course_with_childcare_in_aarburg_and_reads_it_in_french(
    page, directory
):
    page.goto("/de/")
    page.get_by_role("link", name="Fachstelle Integration Region Zofingen").click()
    page.wait_for_url("**/de/region-zofingen/")

    page.locator("#q-office").fill("Deutschkurs")
    page.locator("#q-office").press("Enter")
    page.wait_for_url(re.compile(r"/de/region-zofingen/offers/\?q=Deutschkurs$"))
    assert COURSE in result_titles(page)
    assert "Deutschkurs am Abend" in result_titles(page)

    tick(page, "free")
    tick(page, "childcare")
    tick(page, "municipality", "4271")
    assert result_titles(page) == [COURSE]
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["childcare=1", "free=1", "municipality=4271", "q=Deutschkurs"]
    assert "Allschwil" not in page.locator("#results").inner_text()  # the other office's course

    page.locator("#results").get_by_role("link", name=COURSE).click()
    page.wait_for_url(f"**{offer_path(directory.course, 'de')}")
    assert page.locator("h1").inner_text() == COURSE

    page.locator("#language-select").select_option("fr")
    page.locator(".language-switcher button[type=submit]").click()
    page.wait_for_url(f"**{offer_path(directory.course, 'fr')}")
    assert page.url.split("/", 3)[3].startswith("fr/region-zofingen/offers/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == COURSE_FR
    main = page.locator("main").inner_text()
    assert "Apprendre l'allemand en petits groupes" in main
    assert "Le cours a lieu à la maison communale." in main
    assert "kurs@example.org" in main
    assert page.locator(".note-fallback").count() == 0
    assert not page.js_errors


def test_htmx_updates_results_counts_and_url_without_reloading_the_page(page, directory):
    page.goto(LIST + "?q=Deutschkurs")
    page.evaluate("window.notReloaded = true")
    assert page.locator("#results-heading").inner_text().startswith("4 ")
    free_count = page.locator("label[for=f-childcare] .count")
    assert free_count.inner_text() == "(3)"

    tick(page, "free")

    assert page.evaluate("window.notReloaded") is True  # a partial update, not a navigation
    assert page.locator("#results-heading").inner_text().startswith("3 ")
    assert "Deutschkurs am Abend" not in result_titles(page)
    # The other filters' counts follow (swapped out of band), the ticked box keeps the focus,
    # and a status message tells screen-reader users how many offers there are now.
    assert free_count.inner_text() == "(2)"
    assert page.evaluate("document.activeElement.id") == "f-free"
    assert page.locator("#results-status").inner_text().startswith("3 ")

    page.locator("#f-free").uncheck()
    page.wait_for_url(re.compile(r"\?q=Deutschkurs$"))  # unticking removes the filter from the URL
    wait_for_htmx(page)
    assert page.locator("#results-heading").inner_text().startswith("4 ")
    page.go_back()
    page.wait_for_url(re.compile(r"free=1"))
    assert page.evaluate("window.notReloaded") is True
    assert not page.js_errors


def test_filters_combine_and_survive_a_reload(page, directory):
    page.goto(LIST)
    tick(page, "area", "sprache")
    tick(page, "municipality", "4280")
    assert result_titles(page) == ["Deutschkurs für Eltern"]
    tick(page, "municipality", "4271")  # two municipalities: either one
    assert len(result_titles(page)) == 4

    page.reload()
    assert page.locator("#f-area-sprache").is_checked()
    assert page.locator("#f-mun-4271").is_checked()
    assert page.locator("#f-mun-4280").is_checked()
    assert not page.locator("#f-free").is_checked()
    assert len(result_titles(page)) == 4

    page.get_by_role("link", name=re.compile("Reset|zurücksetzen", re.I)).click()
    page.wait_for_url(re.compile(r"/offers/\?$"))
    assert len(result_titles(page)) == 8


def test_the_search_page_works_without_javascript(browser, live_server, directory):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/de/region-zofingen/")
        page.locator("#q-office").fill("Deutschkurs")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_url(re.compile(r"\?q=Deutschkurs$"))
        assert page.locator("#filter-panel").get_attribute("open") is not None
        page.locator("#f-free").check()
        page.locator("#f-childcare").check()
        page.locator("#f-mun-4271").check()
        page.locator(".filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"municipality=4271"))
        assert result_titles(page) == [COURSE]
        assert page.locator("#f-free").is_checked()
    finally:
        context.close()


def test_pagination_keeps_the_filters(page, directory):
    for number in range(25):
        make_offer(office=directory.office, title=f"Treffpunkt {number:02d}", childcare=True)
    page.goto(LIST + "?childcare=1")
    assert page.locator("#results-heading").inner_text().startswith("29 ")
    first_page = result_titles(page)
    assert len(first_page) == 20

    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"childcare=1&page=2$"))
    second_page = result_titles(page)
    assert len(second_page) == 9
    assert not set(first_page) & set(second_page)
    assert page.locator(".pagination a[rel=next]").count() == 0

    tick(page, "free")  # a new filter starts again at the first page
    assert "page=" not in page.url
    assert page.locator("#results-heading").inner_text().startswith("28 ")
    assert len(result_titles(page)) == 20
    assert page.locator(".pagination a[rel=prev]").count() == 0
    assert page.locator(".pagination a[rel=next]").count() == 1


def test_search_across_offices_and_office_scoping(page, directory):
    page.goto("/de/search/?q=Deutschkurs")
    titles = result_titles(page)
    assert COURSE in titles
    assert "Deutschkurs für Mütter in Allschwil" in titles
    page.goto(LIST + "?q=Deutschkurs")
    assert "Deutschkurs für Mütter in Allschwil" not in result_titles(page)
    page.goto("/de/allschwil/offers/")
    assert result_titles(page) == ["Deutschkurs für Mütter in Allschwil"]
