"""KOMPAKT in a real browser: an editor of Region Zofingen walks through the Oftringen process built by the
demo loaders (statistics, portrait, working group, workshops, needs with catalogue suggestions, programme,
implementation) — every page renders and axe-core finds nothing serious or critical."""

import pytest
from django.urls import reverse

from fachstelle.core.models import Membership, Office
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt import demo_data as D
from fachstelle.kompakt.demo import load_kompakt_demo
from fachstelle.kompakt.demo_catalogue import load_catalogue_demo
from fachstelle.kompakt.demo_implementation import load_implementation_demo
from fachstelle.kompakt.demo_process import load_process_demo
from fachstelle.kompakt.demo_programme import load_programme_demo
from fachstelle.kompakt.demo_workshops import load_workshops_demo
from fachstelle.kompakt.models import Process
from fachstelle.kompakt.tests.test_done_when import NAMES
from fachstelle.offers.tests.browser.support import axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def world(vocab, live_server):
    municipalities = [
        MunicipalityFactory(bfs_number=bfs, name=name, canton="AG", district="Zofingen")
        for bfs, name in NAMES.items()
    ]
    office = OfficeFactory(
        short_name="Region Zofingen", slug=D.OFFICE_SLUG, canton="AG", municipalities=municipalities
    )
    OfficeFactory(short_name="Kanton Zürich", slug="kanton-zuerich", kind=Office.Kind.CANTONAL, canton="ZH")
    editor = MembershipFactory(office=office, role=Membership.Role.EDITOR).user
    for load in (
        load_kompakt_demo,
        load_process_demo,
        load_workshops_demo,
        load_catalogue_demo,
        load_programme_demo,
        load_implementation_demo,
    ):
        load()
    return office, editor, Process.objects.get(office=office)


def test_editor_walks_through_kompakt_without_accessibility_problems(page, world):
    office, editor, process = world
    slug = office.slug
    page.goto(f"/de/staff/login/?next=/de/staff/{slug}/kompakt/processes/")
    page.locator("input[name=username]").fill(editor.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url("**/kompakt/processes/")

    workshop = process.workshops.order_by("starts_at").first()
    pages = [
        ("process_list", {}),
        ("process_detail", {"pk": process.pk}),
        ("member_list", {"pk": process.pk}),
        ("workshop_plan", {"pk": process.pk}),
        ("effort_estimate", {"pk": process.pk}),
        ("need_list", {"pk": process.pk}),
        ("workshop_minutes", {"workshop_pk": workshop.pk}),
        ("programme_detail", {"pk": process.pk}),
        ("implementation", {"pk": process.pk}),
        ("canton_contributions", {"pk": process.pk}),
        ("catalogue_list", {}),
        ("portrait_detail", {"bfs_number": 4280}),
        ("statistics_list", {}),
    ]
    problems = []
    for name, kwargs in pages:
        path = reverse(f"kompakt:{name}", kwargs={"office_slug": slug, **kwargs})
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        problems += [f"{name}: {problem}" for problem in axe_problems(page)]
    assert not problems, "\n".join(problems)

    # The plan page explains the sessions; the programme page offers both documents.
    page.goto(reverse("kompakt:programme_detail", kwargs={"office_slug": slug, "pk": process.pk}))
    assert page.locator(f"a[href$='/processes/{process.pk}/programme/pdf/']").count() >= 1
    assert page.locator(f"a[href$='/processes/{process.pk}/programme/docx/']").count() >= 1
