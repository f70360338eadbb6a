"""Journey 6: an editor reads Oftringen's KOMPAKT portrait and its integration programme; the statistics
user opens the reporting dashboard, the steering group's comparison and the annual report — in German, with
axe-core on every page."""

import re

import pytest

from .support import OFFICE, Walk, log_in

pytestmark = pytest.mark.browser


def test_editor_reads_the_portrait_and_programme_and_statistics_user_reads_the_reports(page):
    walk = Walk(page, "de")
    log_in(page, "zofingen-editor", second_factor=False)
    page.goto(f"/de/staff/{OFFICE}/kompakt/processes/")
    walk.check("processes")
    page.locator("main").get_by_role("link", name="Oftringen", exact=True).click()
    page.wait_for_url(re.compile(r"/kompakt/processes/\d+/$"))
    assert "Oftringen" in page.get_by_role("heading", level=1).inner_text()
    walk.check("process")
    page.locator("main").get_by_role("link", name="Oftringen", exact=True).click()
    page.wait_for_url("**/kompakt/portraits/4280/")
    walk.check("portrait")
    page.go_back()
    page.get_by_role("link", name="Programm", exact=True).click()
    page.wait_for_url(re.compile(r"/kompakt/processes/\d+/programme/$"))
    walk.check("programme")

    page.context.clear_cookies()
    log_in(page, "zofingen-statistik", second_factor=False)
    page.get_by_role("link", name="Zahlen und Berichte").click()
    page.wait_for_url(f"**/de/staff/{OFFICE}/reports/")
    walk.check("dashboard")
    page.get_by_role("link", name="Gemeinden im Vergleich (Steuergruppe)").click()
    page.wait_for_url("**/reports/steering/")
    walk.check("steering")
    page.go_back()
    page.get_by_role("link", name="Jahresbericht", exact=True).click()
    page.wait_for_url("**/reports/annual/")
    walk.check("annual report")
    walk.finish()
