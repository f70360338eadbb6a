"""Issue 6, "done when", in a real browser: a newcomer opens the welcome guide of Zofingen in Tigrinya, falls
back to German on an untranslated page with a note, downloads the Arabic brochure (right-to-left), registers
for the next information evening and gets the ICS; staff see that a German edit made three translations
outdated. axe-core finds no serious or critical problem on the pages on the way."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from fachstelle.core.models import Membership
from fachstelle.events.models import Event, Registration
from fachstelle.guide.brochure import brochure_html
from fachstelle.guide.tests.guide_factories import make_office, member, page_create, translate
from fachstelle.offers.tests.browser.support import axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
ZURICH = ZoneInfo("Europe/Zurich")


@pytest.fixture
def zofingen(transactional_db, live_server):
    office = make_office(
        slug="region-zofingen",
        name="Fachstelle Integration Region Zofingen",
        content_languages=["ti", "ar", "fr"],
    )
    arriving = page_create(office, "Ankommen", icon="arrival", body="Willkommen in der Region Zofingen.")
    for language, title in (("ti", "ምብጻሕ"), ("ar", "الوصول"), ("fr", "Arriver")):
        translate(arriving, language, title=title, body=f"{title}: …")
    housing = page_create(office, "Wohnen", icon="housing", order=5, body="Eine Wohnung suchen.")
    translate(housing, "ar", title="السكن", body="البحث عن شقة.")  # no Tigrinya: the fallback page
    day = timezone.localdate() + dt.timedelta(days=10)
    starts = dt.datetime.combine(day, dt.time(19, 0), tzinfo=ZURICH)
    evening = Event.objects.create(
        office=office,
        title="Informationsabend für Neuzugezogene",
        summary="Alles Wichtige für den Start in der Region.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        location_name="Stadtsaal Zofingen",
        municipality=office.zofingen,
        status=Event.Status.PUBLISHED,
        registration_enabled=True,
        capacity=40,
        registration_deadline=starts - dt.timedelta(days=2),
    )
    editor = member(office, Membership.Role.EDITOR, username="redaktion")
    return office, arriving, housing, evening, editor


def test_newcomer_and_staff_journey(page, zofingen):
    office, arriving, housing, evening, _editor = zofingen
    problems: list[str] = []

    def check(name):
        problems.extend(f"{name}: {problem}" for problem in axe_problems(page))

    # 1. The guide in Tigrinya: the translated page is in Tigrinya, the untranslated one falls back to German.
    page.goto("/ti/region-zofingen/guide/")
    check("guide index ti")
    assert page.locator("html").get_attribute("lang") == "ti"
    page.get_by_role("link", name="ምብጻሕ").first.wait_for()
    page.locator(f"a[href^='{housing.get_absolute_url().replace('/de/', '/ti/')}']").first.click()
    page.wait_for_url(re.compile(r"/ti/region-zofingen/guide/\d+-wohnen/"))
    check("untranslated page ti")
    assert page.locator("p.note-fallback[role=note]").is_visible()
    assert page.locator("#guide-content").get_attribute("lang") == "de"
    assert "Eine Wohnung suchen." in page.locator("#guide-content").inner_text()

    # 2. The Arabic brochure: a PDF, laid out right to left.
    page.goto("/ar/region-zofingen/guide/brochure/")
    check("brochure form ar")
    page.locator("#main select[name=municipality]").select_option("region")
    page.locator("#main select[name=language]").select_option("ar")
    with page.expect_download() as download_info:
        page.locator("#main form:has(select[name=language]) button[type=submit]").click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith("-ar.pdf")
    html = brochure_html(office=office, municipality=None, language="ar")
    assert re.search(r'<html[^>]*dir="rtl"', html)
    assert "السكن" in html

    # 3. Registration for the next information evening, with the ICS.
    page.goto("/ti/region-zofingen/events/")
    check("calendar ti")
    assert page.locator("link[rel=alternate][type='text/calendar']").count() >= 1
    page.get_by_role("link", name="Informationsabend für Neuzugezogene").first.click()
    page.wait_for_url(re.compile(rf"/ti/region-zofingen/events/{evening.pk}-"))
    check("event page ti")
    page.locator("input[name=name]").fill("Selam Tesfay")
    page.locator("input[name=email]").fill("selam@example.org")
    page.locator("input[name=people]").fill("2")
    page.locator("#main select[name=language]").select_option("ti")
    page.locator("form.event-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ti/region-zofingen/events/registration/"))
    check("registration ti")
    registration = Registration.objects.get(event=evening)
    assert (registration.status, registration.people) == (Registration.Status.CONFIRMED, 2)
    ics_link = page.locator("a[href$='.ics'], a[href*='/ics']").first
    ics = page.request.get(ics_link.get_attribute("href"))
    assert ics.ok and ics.headers["content-type"].startswith("text/calendar")
    vevent = Calendar.from_ical(ics.body()).walk("VEVENT")[0]
    assert vevent.decoded("dtstart").astimezone(ZURICH).hour == 19
    confirmation = [m for m in mail.outbox if "selam@example.org" in m.to]
    assert confirmation and any(name.endswith(".ics") for name, *_ in confirmation[0].attachments)

    # 4. Staff: a German edit makes the three translations of "Ankommen" outdated, and they see it.
    page.goto(f"/de/staff/login/?next=/de/staff/{office.slug}/guide/translations/")
    page.locator("input[name=username]").fill("redaktion")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/de/staff/region-zofingen/guide/"))
    page.goto(f"/de/staff/{office.slug}/guide/pages/{arriving.pk}/")
    check("page form")
    page.locator("textarea[name=body]").fill(
        "Willkommen in der Region Zofingen! Neu: Begrüssung im Stadthaus."
    )
    page.locator("form:has(textarea[name=body]) button[type=submit]").first.click()
    page.goto(f"/de/staff/{office.slug}/guide/translations/")
    check("translation overview")
    row = page.locator("tr", has=page.locator(f"a[href*='/guide/pages/{arriving.pk}/']")).first
    assert row.locator("td.guide-cell-outdated").count() == 3
    row.locator("td.guide-cell-outdated a[href$='/changes/']").first.click()
    assert "Stadthaus" in page.locator("ins").first.inner_text()

    assert not problems, "\n".join(problems)
    assert not page.js_errors
