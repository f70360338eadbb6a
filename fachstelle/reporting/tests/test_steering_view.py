"""The steering group's view: municipalities side by side, numbers equal the sections', suppression,
filters, office scoping, roles, CSV and query pins."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fachstelle.core.tests.otp import login_verified
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.sections import municipality_rows
from fachstelle.reporting.selectors.steering import steering_comparison

from .annual_world import YEAR, Role, annual_world, only_test_section  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return annual_world()


def url(office, name="reporting:steering"):
    return reverse(name, kwargs={"office_slug": office.slug})


def login(client, world, role=Role.STEERING):
    login_verified(client, world.users[role])


def cells_of(html: str, row_key: str) -> list[str]:
    """The text of the cells of the row with data-row=`row_key` (first table that has it)."""
    import re

    row = re.search(rf'<tr data-row="{row_key}">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.mark.usefixtures("only_test_section")
def test_selector_equals_the_section_rows_side_by_side(world):
    filters = ReportFilters.year(YEAR)
    compared = [world.oftringen, world.rothrist]
    tables = steering_comparison(office=world.office, filters=filters, municipalities=compared)
    [(key, rows)] = municipality_rows(office=world.office, filters=filters, municipalities=compared)
    assert [table.key for table in tables] == [key]
    opened, hours = tables[0].rows
    # The section's own values, municipality by municipality, in the chosen order — except the complement:
    # 7 cases in Oftringen, 3 in Rothrist ("< 5"), 0 in Zofingen; the office-wide total (10) minus the 7
    # would give the 3 away, so Oftringen's 7 is hidden too ("–"). The foreign office's 6 and the 2 cases
    # of the year before are not counted.
    assert (
        rows[0].values[world.oftringen.pk] == 7 and opened.cells[1].raw == rows[0].values[world.rothrist.pk]
    )
    assert opened.cells[0].text == "–" and opened.cells[0].hidden and not opened.cells[0].primary
    assert opened.cells[1].text == "< 5" and opened.cells[1].hidden and opened.cells[1].primary
    assert opened.total.text == "–"  # a total would give the hidden 3 away
    assert hours.cells[0].text == "7.0 h"
    assert hours.cells[1].text == "–" and not hours.cells[1].primary  # hours of fewer than 5 cases


@pytest.mark.usefixtures("only_test_section")
def test_total_over_visible_values(world):
    filters = ReportFilters.year(YEAR)
    tables = steering_comparison(
        office=world.office, filters=filters, municipalities=[world.oftringen, world.zofingen]
    )
    opened, hours = tables[0].rows
    # Oftringen's 7 cases stay hidden as the complement of Rothrist's (whichever municipalities are compared,
    # or two comparisons would give it away); its hours are visible and summed.
    assert [cell.text for cell in opened.cells] == ["–", "0"]
    assert opened.total.text == "–"
    assert hours.total.text == "7.0 h"


@pytest.mark.usefixtures("only_test_section")
def test_page_shows_oftringen_and_rothrist_side_by_side(client, world, english):
    login(client, world)
    response = client.get(
        url(world.office), {"year": YEAR, "compare": [world.oftringen.pk, world.rothrist.pk]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    head = html[html.index("<thead>", html.index("steering-table")) :]
    head = head[: head.index("</thead>")]
    assert "Oftringen" in head and "Rothrist" in head and "Zofingen" not in head
    assert cells_of(html, "cases") == ["–", "&lt; 5", "–"]
    assert cells_of(html, "hours") == ["7.0 h", "–", "–"]
    assert "Testperson" not in html  # no client's name
    # The choice is kept in the URL of the CSV export.
    assert f"compare={world.oftringen.pk}" in response.context["csv_url"]


@pytest.mark.usefixtures("only_test_section")
def test_default_is_all_municipalities_of_the_office(client, world):
    login(client, world)
    response = client.get(url(world.office), {"year": YEAR})
    assert response.status_code == 200
    assert [m.name for m in response.context["compared"]] == ["Oftringen", "Rothrist", "Zofingen"]
    # Every municipality compared: the office-wide total minus Oftringen's 7 would give Rothrist's hidden
    # count away, so Oftringen's 7 is hidden as well ("–").
    assert cells_of(response.content.decode(), "cases") == ["–", "&lt; 5", "0", "–"]


@pytest.mark.usefixtures("only_test_section")
def test_period_filter(client, world):
    login(client, world)
    response = client.get(url(world.office), {"start": f"{YEAR - 1}-01-01", "end": f"{YEAR - 1}-12-31"})
    assert response.status_code == 200
    # The year before: 2 cases in Oftringen → "< 5"; nothing elsewhere.
    assert cells_of(response.content.decode(), "cases") == ["&lt; 5", "0", "0", "–"]


@pytest.mark.usefixtures("only_test_section")
@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": f"{YEAR}-05-01", "end": f"{YEAR}-04-01"}, "The period ends before it starts."),
        ({"year": "zwanzig"}, "Enter a whole number."),
        ({"year": YEAR, "compare": ["999999"]}, "This municipality is not served by the office."),
    ],
)
def test_bad_input_shows_the_form(client, world, english, params, message):
    login(client, world)
    response = client.get(url(world.office), params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["tables"] is None
    csv_response = client.get(url(world.office, "reporting:steering_csv"), params)
    assert csv_response.status_code == 400


@pytest.mark.usefixtures("only_test_section")
def test_a_municipality_of_another_office_cannot_be_compared(client, world):
    from fachstelle.core.tests.factories import MunicipalityFactory

    foreign = MunicipalityFactory(name="Aarburg")
    world.other_office.municipalities.add(foreign)
    login(client, world)
    response = client.get(url(world.office), {"year": YEAR, "compare": [foreign.pk]})
    assert response.status_code == 400


@pytest.mark.usefixtures("only_test_section")
def test_csv_export(client, world, english):
    login(client, world, Role.STATISTICS)
    response = client.get(
        url(world.office, "reporting:steering_csv"),
        {"year": YEAR, "compare": [world.oftringen.pk, world.rothrist.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "Testcases;Unit;Oftringen;Rothrist;Total" in lines
    assert "Cases opened;;–;<5;–" in lines
    assert "Session hours;h;7;–;–" in lines
    assert not any("Testperson" in line for line in lines)


@pytest.mark.usefixtures("only_test_section")
@pytest.mark.parametrize(
    "role, status",
    [
        (Role.ADMIN, 200),
        (Role.STATISTICS, 200),
        (Role.STEERING, 200),
        (Role.EDITOR, 403),
        (Role.COUNSELLOR, 403),
        (Role.CANTON, 403),
    ],
)
def test_roles(client, world, role, status):
    login(client, world, role)
    assert client.get(url(world.office), {"year": YEAR}).status_code == status
    assert client.get(url(world.office, "reporting:steering_csv"), {"year": YEAR}).status_code == status


def test_steering_role_gets_no_other_report(client, world):
    login(client, world)
    for name in ("reporting:dashboard", "reporting:annual_report"):
        assert client.get(url(world.office, name)).status_code == 403


def test_member_of_another_office_is_refused(client, world):
    login_verified(client, world.foreign_admin)
    assert client.get(url(world.office), {"year": YEAR}).status_code == 403


def test_works_with_the_registered_sections(client, world):
    """The real sections (whatever state they are in) render without error."""
    login(client, world, Role.ADMIN)
    response = client.get(url(world.office), {"year": YEAR})
    assert response.status_code == 200


def _section_queries(world, municipalities):
    with CaptureQueriesContext(connection) as captured:
        municipality_rows(
            office=world.office, filters=ReportFilters.year(YEAR), municipalities=municipalities
        )
    return len(captured)


@pytest.mark.usefixtures("only_test_section")
def test_query_count_is_constant(client, world, django_assert_num_queries):
    login(client, world)
    compared = [world.oftringen, world.rothrist, world.zofingen]
    sections = _section_queries(world, compared)
    assert sections == 2  # the test section: cases, session minutes
    # session, user, 2FA device (login); office, membership (decorator); the office's municipalities
    # (form) and their ids (is every one compared?); then the sections' own queries (nothing per
    # municipality or row); the session save
    # (savepoint, update, release).
    with django_assert_num_queries(10 + sections):
        response = client.get(url(world.office), {"year": YEAR})
    assert response.status_code == 200
    # More data and more municipalities: the same number of queries.
    from fachstelle.core.tests.factories import MunicipalityFactory

    for index in range(4):
        world.office.municipalities.add(MunicipalityFactory(name=f"Gemeinde {index}"))
    with django_assert_num_queries(10 + sections):
        client.get(url(world.office), {"year": YEAR, "start": "", "end": ""})


@pytest.mark.usefixtures("only_test_section")
def test_today_is_the_default_year(client, world):
    login(client, world)
    response = client.get(url(world.office))
    assert response.status_code == 200
    assert response.context["filters"] == ReportFilters.year(datetime.date.today().year)
