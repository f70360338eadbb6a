"""The reports in a real browser: the statistics user's dashboard, steering view, annual report and KIP
report, and the canton's view — every page renders and axe-core finds nothing serious or critical."""

import pytest
from django.urls import reverse

from fachstelle.offers.tests.browser.support import axe_problems
from fachstelle.reporting.tests.kip_world import YEAR, Role, kip_world

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def world(vocab, live_server):
    return kip_world()


def log_in(page, user, next_path):
    page.goto(f"/de/staff/login/?next={next_path}")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_reports_have_no_serious_accessibility_problems(page, world):
    office, canton = world.office, world.canton
    problems = []
    first = reverse("reporting:dashboard", kwargs={"office_slug": office.slug})
    log_in(page, world.users[f"office_{Role.STATISTICS}"], first)
    for name in ("dashboard", "steering", "annual_report", "kip_report"):
        response = page.goto(
            reverse(f"reporting:{name}", kwargs={"office_slug": office.slug}) + f"?year={YEAR}"
        )
        assert response.status == 200, name
        assert page.locator("h1").count() == 1, name
        problems += [f"{name}: {problem}" for problem in axe_problems(page)]
    page.context.clear_cookies()
    overview = reverse("reporting:canton_overview", kwargs={"office_slug": canton.slug})
    log_in(page, world.users[f"canton_{Role.CANTON}"], overview)
    response = page.goto(overview + f"?year={YEAR}")
    assert response.status == 200
    problems += [f"canton: {problem}" for problem in axe_problems(page)]
    assert not problems, "\n".join(problems)
