"""The dashboard page, its CSV and its charts: roles, bad filters (400 with the form, nothing computed),
suppressed values in HTML and CSV, no personal data, chart formats and cache, the page's query count."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.otp import login_verified
from fachstelle.reporting import sections as sections_module

from .dashboard_world import YEAR, dashboard_world, dashboard_world_more

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vocab", "english")]
Role = Membership.Role
PERIOD = {"year": YEAR}


@pytest.fixture
def world():
    cache.clear()
    return dashboard_world()


def url(name, world, **kwargs):
    return reverse(f"reporting:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def get(client, world, name, params=None, role=Role.ADMIN, **kwargs):
    login_verified(client, world.users[role])
    return client.get(url(name, world, **kwargs), params if params is not None else PERIOD)


CHART = {"section": "counselling", "table_key": "topics", "fmt": "svg"}


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.STATISTICS, 200),
        (Role.EDITOR, 403),
        (Role.COUNSELLOR, 403),
        (Role.STEERING, 403),
        (Role.CANTON, 403),
    ],
)
@pytest.mark.parametrize(
    ("name", "kwargs"), [("dashboard", {}), ("dashboard_csv", {}), ("dashboard_chart", CHART)]
)
def test_role_matrix(client, world, role, status, name, kwargs):
    assert get(client, world, name, role=role, **kwargs).status_code == status


def test_staff_of_another_office_get_nothing(client, world):
    login_verified(client, world.users[Role.ADMIN])
    other = reverse("reporting:dashboard", kwargs={"office_slug": world.other_office.slug})
    assert client.get(other, PERIOD).status_code == 403


def test_page_shows_sections_figures_and_suppression(client, world):
    response = get(client, world, "dashboard")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="section-counselling"' in html and 'id="section-network"' in html
    # Every section of the registry is rendered, whatever it returns (placeholders of other helpers too).
    for key in ("directory", "events", "grants", "kompakt"):
        assert f'id="section-{key}"' in html
    assert "Cases opened" in html
    assert "&lt; 5" in html  # a cell of 1–4
    assert "662.50 CHF" in html  # interpreter cost, 7 cases behind it
    # Each table has its chart (an image of the chart endpoint) and headings in order.
    assert url("dashboard_chart", world, **CHART) in html
    assert "<h1>" in html and "<h2" in html and "<h3" in html
    assert 'scope="col"' in html and 'scope="row"' in html
    # Links to the other reports.
    for name in ("steering", "annual_report", "kip_report"):
        assert url(name, world) in html
    # No personal data: no client's or sender's name, no case reference.
    assert "Amina" not in html
    assert "F-0000" not in html


def test_default_is_the_current_year(client, world):
    response = get(client, world, "dashboard", params={})
    assert response.status_code == 200
    assert response.context["filters"].is_calendar_year


def test_municipality_filter_on_the_page(client, world):
    response = get(client, world, "dashboard", {"year": YEAR, "municipality": world.oftringen.pk})
    assert response.status_code == 200
    counselling = next(block for block in response.context["blocks"] if block.key == "counselling")
    shown = {figure.key: figure for figure in counselling.figures}
    assert shown["interpreter_cost"].withheld and shown["interpreter_cost"].text == "–"
    assert shown["cases_opened"].suppressed and shown["cases_opened"].text == "< 5"


@pytest.mark.parametrize(
    "params",
    [
        {"start": f"{YEAR}-12-31", "end": f"{YEAR}-01-01"},  # ends before it starts
        {"year": "abc"},
        {"year": YEAR, "municipality": "999999"},  # not served by the office
    ],
)
@pytest.mark.parametrize("name", ["dashboard", "dashboard_csv"])
def test_bad_filters_give_400_with_the_form_and_compute_nothing(
    client, world, params, name, django_assert_max_num_queries
):
    login_verified(client, world.users[Role.ADMIN])
    # Session, user, OTP device, office, membership, municipalities of the form, the session's save
    # (savepoint, update, release): no section's query.
    with django_assert_max_num_queries(9):
        response = client.get(url(name, world), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error"' in html
    assert response.context["blocks"] is None


def test_unknown_municipality_message(client, world):
    response = get(client, world, "dashboard", {"year": YEAR, "municipality": world.other_office.pk + 1000})
    assert "This municipality is not served by the office." in response.content.decode()


def test_csv_holds_every_table_with_suppressed_values(client, world):
    response = get(client, world, "dashboard_csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Figures"
    assert rows[1] == ["Period", f"{YEAR}-01-01", f"{YEAR}-12-31"]
    flat = [row for row in rows if row]
    assert ["Cases opened", "10", ""] in flat
    assert ["Interpreter cost", "662.50", "CHF"] in flat
    topics = flat.index(["Cases and short consultations by topic"])
    assert flat[topics + 1] == ["Topic", "Cases opened", "Short consultations"]
    deutsch = next(row for row in flat[topics:] if row[0] == "German language")
    assert deutsch == ["German language", "<5", "–"]
    titles = {row[0] for row in flat}
    for title in ("Sessions by month", "Inquiries received by topic", "Reports received by category"):
        assert title in titles
    assert "Amina" not in response.content.decode()
    assert AuditEvent.objects.filter(target_type="reporting.dashboard", action="export").count() == 1


def test_csv_withholds_small_amounts(client, world):
    response = get(client, world, "dashboard_csv", {"year": YEAR, "municipality": world.oftringen.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert ["Interpreter cost", "–", ""] in rows


def test_chart_svg_and_png(client, world):
    svg = get(client, world, "dashboard_chart", **CHART)
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    body = svg.content.decode()
    assert body.startswith("<svg") and 'role="img"' in body and "&lt; 5" in body
    png = get(client, world, "dashboard_chart", **{**CHART, "fmt": "png"})
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"section": "counselling", "table_key": "nothing", "fmt": "svg"},
        {"section": "nothing", "table_key": "topics", "fmt": "svg"},
        {"section": "counselling", "table_key": "topics", "fmt": "gif"},
    ],
)
def test_chart_unknown_key_is_404(client, world, kwargs):
    assert get(client, world, "dashboard_chart", **kwargs).status_code == 404


def test_chart_bad_filters_is_400(client, world):
    response = get(
        client, world, "dashboard_chart", {"start": f"{YEAR}-02-01", "end": f"{YEAR}-01-01"}, **CHART
    )
    assert response.status_code == 400


def test_chart_from_the_page_is_served_from_the_cache(client, world, django_assert_num_queries):
    page = get(client, world, "dashboard")
    counselling = next(block for block in page.context["blocks"] if block.key == "counselling")
    chart_url = counselling.tables[0].chart_url
    first = client.get(chart_url)
    assert first.status_code == 200
    # Session, user, OTP device, office, membership, the filter form's municipalities and the session's
    # save (savepoint, update, release): no section query, no drawing.
    with django_assert_num_queries(9):
        again = client.get(chart_url)
    assert again.content == first.content


# Request overhead of every page: session, user, OTP device, office, membership, the filter form's
# municipalities, the session's save (savepoint, update, release).
OVERHEAD = 9


def test_page_query_count_with_the_two_sections(client, world, monkeypatch, django_assert_num_queries):
    """Pinned with the registry reduced to this area's sections (the others are built elsewhere):
    counselling 10, network 6, whatever the data volume."""
    monkeypatch.setattr(
        sections_module,
        "SECTION_MODULES",
        {key: sections_module.SECTION_MODULES[key] for key in ("counselling", "network")},
    )
    login_verified(client, world.users[Role.ADMIN])
    client.get(url("dashboard", world), PERIOD)
    with django_assert_num_queries(OVERHEAD + 10 + 6):
        response = client.get(url("dashboard", world), PERIOD)
    assert response.status_code == 200
    # More data of the same kinds: the same number of queries.
    dashboard_world_more(world)
    with django_assert_num_queries(OVERHEAD + 10 + 6):
        client.get(url("dashboard", world), PERIOD)


def test_page_query_count_is_the_sum_of_its_sections(client, world):
    """The whole page costs its overhead plus each section's own queries: nothing per table or row."""
    from fachstelle.reporting.filters import ReportFilters

    expected = OVERHEAD
    for key in sections_module.SECTION_MODULES:
        with CaptureQueriesContext(connection) as queries:
            sections_module.section_module(key).section(office=world.office, filters=ReportFilters.year(YEAR))
        expected += len(queries)
    login_verified(client, world.users[Role.ADMIN])
    client.get(url("dashboard", world), PERIOD)
    with CaptureQueriesContext(connection) as page:
        client.get(url("dashboard", world), PERIOD)
    assert len(page) == expected
