"""Journey 3, the counsellor: log in with password and authenticator code, record an intake that opens a case,
add a session, refer the person to an offer of the directory and book an interpreter — in German and in
French, with axe-core on every page."""

import datetime
import re

import pytest

from fachstelle.counselling.models import Case, CounsellingSession, InterpreterBooking, Referral

from .support import OFFICE, Walk, log_in, t

pytestmark = pytest.mark.browser

# Two counsellors, so that the two languages never share one authenticator's time step.
COUNSELLORS = {"de": "zofingen-beratung", "fr": "zofingen-beratung2"}


@pytest.mark.parametrize("language", ["de", "fr"])
def test_counsellor_records_an_intake_adds_a_session_refers_and_books_an_interpreter(page, language):
    walk = Walk(page, language)
    username = COUNSELLORS[language]
    page.goto(f"/{language}/staff/login/")
    walk.check("login")
    log_in(page, username, language=language)
    page.goto(f"/{language}/staff/{OFFICE}/counselling/")
    assert page.get_by_role("heading", level=1).inner_text() == t(language, "My desk")
    walk.check("desk")

    staff_nav = page.get_by_role("navigation", name=t(language, "Staff navigation"))
    staff_nav.get_by_role("link", name=t(language, "New intake")).click()
    page.wait_for_url("**/counselling/clients/new/")
    walk.check("intake form")
    name = f"E2E Person {language}"
    # Field names: the labels come from model verbose names and formsets ("Language (1)").
    form = page.locator("main form").filter(has=page.locator("input[name=name]"))
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=year_of_birth]").fill("1990")
    form.locator("select[name=municipality]").select_option(label="Rothrist")
    form.locator("select[name=german_level]").select_option("A1")
    form.locator("input[name=needs_interpreter]").check()
    form.locator("select[name=interpreter_language]").select_option(index=1)
    form.locator("input[name=storage][value=given]").check()
    form.locator("select[name=method]").select_option(index=1)
    form.locator("input[name=open_case]").check()
    form.locator("input[name=topics]").first.check()
    form.get_by_role("button", name=t(language, "Save intake")).click()
    page.wait_for_url(re.compile(r"/counselling/(clients|cases)/\d+/$"))
    walk.check("after intake")
    case = Case.objects.filter(counsellor__username=username).latest("pk")
    assert case.client.name == name and case.client.intake.needs_interpreter
    if "/cases/" not in page.url:
        page.get_by_role("link", name=case.reference).first.click()
        page.wait_for_url(f"**/counselling/cases/{case.pk}/")
    walk.check("case")

    # A session: date, duration and channel come prefilled.
    sessions = page.locator("form").filter(has=page.get_by_role("button", name=t(language, "Save session")))
    sessions.locator("textarea[name=notes]").fill(f"Erstes Gespräch ({language})")
    sessions.get_by_role("button", name=t(language, "Save session")).click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/"))
    assert CounsellingSession.objects.filter(case=case).count() == 1
    walk.check("case with a session")

    # A referral to an offer of the directory (no data shared, so no consent needed).
    referral = page.locator("form").filter(has=page.get_by_role("button", name=t(language, "Save referral")))
    referral.locator("select[name=offer]").select_option(index=1)
    referral.get_by_role("button", name=t(language, "Save referral")).click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/"))
    assert Referral.objects.filter(case=case).count() == 1
    walk.check("case with a referral")

    # An interpreter for next week.
    page.get_by_role("link", name=t(language, "Request an interpreter")).click()
    page.wait_for_url(re.compile(r"/interpreters/bookings/new/\?case="))
    walk.check("booking form")
    next_week = datetime.date.today() + datetime.timedelta(days=7)
    booking = page.locator("main form").filter(has=page.locator("input[name=start_time]"))
    booking.locator("input[name=date]").fill(next_week.isoformat())
    booking.locator("input[name=start_time]").fill("10:00")
    booking.locator("input[name=mode][value=on_site]").check()
    booking.get_by_role("button", name=t(language, "Send request")).click()
    page.wait_for_url(re.compile(r"/interpreters/bookings/\d+/$"))
    walk.check("booking")
    booked = InterpreterBooking.objects.get(case=case)
    assert booked.date == next_week and booked.duration_minutes == 60
    walk.finish()
