"""The counsellor's day in a real browser: log in with password and authenticator code, record an intake,
open a case from the person's page, add a session, count a short consultation in two clicks — with axe-core
finding no serious or critical problem on the pages on the way; and the desk in French."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP

from fachstelle.counselling.models import Case, Client, CounsellingSession, ShortConsultation, Topic
from fachstelle.offers.tests.browser.support import axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
NAME = "Selam Tesfay"


def counselling_path(world, name: str, language: str = "de", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def check_axe(page, name: str, problems: list[str]) -> None:
    problems += [f"{name}: {problem}" for problem in axe_problems(page)]


def log_in(page, world, next_path: str, problems: list[str] | None = None) -> None:
    page.goto(f"/de/staff/login/?next={next_path}")
    if problems is not None:
        check_axe(page, "login", problems)
    page.locator("input[name=username]").fill("beraterin")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/de/staff/two-factor/verify/"))
    page.locator("input[name=token]").fill(current_code(world.device))
    page.locator("form:has(input[name=token]) button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_counsellor_logs_in_records_an_intake_opens_a_case_and_adds_a_session(page, world):
    problems: list[str] = []
    desk = counselling_path(world, "dashboard")
    log_in(page, world, desk, problems)
    assert page.locator("h1").count() == 1
    check_axe(page, "desk", problems)

    # New intake, from the staff navigation.
    page.locator(f"nav.staff-nav a[href='{counselling_path(world, 'client_create')}']").click()
    page.wait_for_url(f"**{counselling_path(world, 'client_create')}")
    check_axe(page, "intake form", problems)
    page.locator("input[name=name]").fill(NAME)
    page.locator("input[name=year_of_birth]").fill("1994")
    page.locator("select[name=municipality]").select_option(str(world.office.municipalities.get().pk))
    page.locator("select[name=german_level]").select_option("A2")
    page.locator("input[name=storage][value=given]").check()
    page.locator("select[name=method]").select_option("signed_paper")
    page.locator("form.intake-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/counselling/clients/\d+/$"))

    person = Client.objects.get(office=world.office)
    assert person.name == NAME and person.year_of_birth == 1994
    assert person.languages.get().level == "A2"
    assert person.consents.get().scope == "storage"
    assert NAME in page.locator("h1").inner_text()
    check_axe(page, "client page", problems)

    # A case from the person's page.
    page.locator("a[href*='/cases/new/?client=']").click()
    page.wait_for_url(re.compile(r"/cases/new/\?client="))
    arbeit = Topic.objects.get(slug="arbeit")
    page.locator(f"input[name=topics][value='{arbeit.pk}']").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/counselling/cases/\d+/$"))
    case = Case.objects.get(client=person)
    assert case.counsellor == world.counsellor and list(case.topics.all()) == [arbeit]
    check_axe(page, "case page", problems)

    # A session on the case page (date, duration and channel come prefilled).
    session_form = page.locator("form[action*='/sessions/new/']")
    session_form.locator("textarea[name=notes]").fill("Stellensuche besprochen")
    session_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/(#sessions)?$"))
    session = CounsellingSession.objects.get(case=case)
    assert session.notes == "Stellensuche besprochen" and session.duration_minutes == 45
    assert "Stellensuche besprochen" in page.locator("#sessions").inner_text()
    check_axe(page, "case page with a session", problems)

    assert not problems, "\n".join(problems)
    assert not page.js_errors


def test_short_consultation_takes_two_interactions(page, world):
    short = counselling_path(world, "short_consultation_create")
    log_in(page, world, short)
    deutsch = Topic.objects.get(slug="deutsch")
    # 1: the topic; 2: save. Everything else is prefilled (today, 10 minutes, in person).
    page.locator(f"label.big-choice:has(input[name=topic][value='{deutsch.pk}'])").click()
    page.locator("#short-consultation-form button[type=submit]").click()
    page.wait_for_load_state()
    entry = ShortConsultation.objects.get(office=world.office)
    assert entry.topic == deutsch and entry.recorded_by == world.counsellor and entry.duration_minutes == 10
    assert not axe_problems(page)


def test_desk_in_french(page, world):
    log_in(page, world, counselling_path(world, "dashboard"))
    page.goto(counselling_path(world, "dashboard", language="fr"))
    with translation.override("fr"):
        title = translation.gettext("My desk")
    assert title != "My desk"  # the French catalogue has it
    assert page.locator("h1").inner_text().strip() == title
    assert page.locator("html").get_attribute("lang") == "fr"
    assert not axe_problems(page)
