"""The public self-service forms pass axe too: proposal form and "report wrong information" form."""

import pytest

from fachstelle.offers.models import OfferIssueReport

from .support import axe_problems

pytestmark = pytest.mark.browser

NOT_BUILT = "the self-service views still answer 404 (selfservice_views.py stubs)"


def open_form(page, path):
    response = page.goto(path)
    if response.status == 404:
        pytest.skip(NOT_BUILT)
    assert response.status == 200, path


def honeypot_problems(page) -> list[str]:
    """The honeypot is invisible and unreachable: not shown, not focusable, hidden from assistive tech."""
    trap = page.locator("input[name=website_url]")
    if trap.count() == 0:
        return []
    state = trap.evaluate("""el => ({
        visible: el.checkVisibility() && el.getBoundingClientRect().right > 0,
        tabbable: el.tabIndex >= 0,
        hidden: !!el.closest('[aria-hidden=true]'),
    })""")
    problems = []
    if state["visible"]:
        problems.append("honeypot is visible")
    if state["tabbable"]:
        problems.append("honeypot can be reached with Tab")
    if not state["hidden"]:
        problems.append("honeypot is not hidden from assistive technology")
    return problems


def test_proposal_form_passes_axe_also_with_errors(page, directory):
    open_form(page, "/de/region-zofingen/propose/")
    problems = axe_problems(page) + honeypot_problems(page)
    page.locator("form.stacked button[type=submit]").first.click()  # empty: required fields missing
    page.wait_for_load_state()
    problems += [f"after sending empty: {p}" for p in axe_problems(page)]
    assert not problems, "\n".join(problems)


def test_report_form_passes_axe_and_reaches_the_office(page, directory):
    open_form(page, f"/de/region-zofingen/offers/{directory.course.pk}/report/")
    problems = axe_problems(page) + honeypot_problems(page)
    assert not problems, "\n".join(problems)

    page.locator("textarea[name=message]").fill("Der Kurs findet neu am Mittwoch statt.")
    page.locator("form.stacked button[type=submit]").first.click()
    page.wait_for_load_state()
    assert not axe_problems(page)
    report = OfferIssueReport.objects.get()
    assert report.offer_id == directory.course.pk
    assert report.office_id == directory.office.pk
