"""The canton's view: only for a cantonal office, every office of the canton and none of another canton,
the municipalities of the canton, the combined KIP report and its export, constant queries per office."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fachstelle.core.models import AuditEvent, Membership, Office
from fachstelle.core.statistics import PRIMARY
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import Process
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.sections import SECTION_MODULES, section_module, sections
from fachstelle.reporting.selectors.canton import canton_offices
from fachstelle.reporting.tests.kip_world import YEAR, cases, day, kip_world, make_office, member, offer

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def world():
    return kip_world()


def url(office, name="reporting:canton_overview", **params):
    base = reverse(name, kwargs={"office_slug": office.slug})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{base}?{query}" if query else base


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CANTON, 200),
        (Role.ADMIN, 200),
        (Role.STATISTICS, 200),
        (Role.EDITOR, 403),
        (Role.COUNSELLOR, 403),
        (Role.STEERING, 403),
    ],
)
def test_role_matrix_of_the_cantonal_office(client, world, role, status):
    login_verified(client, world.users[f"canton_{role}"])
    assert client.get(url(world.canton, year=YEAR)).status_code == status
    export = url(world.canton, "reporting:canton_kip_export", year=YEAR, format="csv")
    assert client.get(export).status_code == status


def test_canton_role_in_a_regional_office_is_refused_with_a_message(client, world, english):
    login_verified(client, world.users[f"office_{Role.CANTON}"])
    response = client.get(url(world.office, year=YEAR))
    assert response.status_code == 403
    assert b"available in a cantonal office only" in response.content
    export = client.get(url(world.office, "reporting:canton_kip_export", year=YEAR, format="csv"))
    assert export.status_code == 403


def test_a_cantonal_office_without_canton_is_refused(client, world):
    Office.objects.filter(pk=world.canton.pk).update(canton="")
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    assert client.get(url(world.canton, year=YEAR)).status_code == 403


def test_overview_counts_every_office_of_the_canton_and_none_of_another(client, world, english):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    response = client.get(url(world.canton, year=YEAR))
    assert response.status_code == 200
    assert {office.pk for office in response.context["offices"]} == {
        world.canton.pk,
        world.office.pk,
        world.neighbour.pk,
    }
    report = response.context["report"]
    assert report.row("2.1").values["offers"] == 3  # 2 of Region Zofingen, 1 of Aarau; not Allschwil's
    assert report.row("2.1").values["participants"] == 9  # Allschwil's 20 are not counted
    assert report.row("1.2").values["cases"] == PRIMARY  # Allschwil's 8 cases are not counted
    assert report.total.values["grants_paid"] == Decimal("2300.00")
    assert report.total.values["contributions_paid"] == Decimal("5000.00")
    page = response.content.decode()
    assert "Region Zofingen" in page and "Allschwil" not in page
    assert "&lt; 5" in page
    assert "Testperson" not in page  # no client's name


def test_the_cantonal_office_without_data_has_no_column_in_the_comparison(client, world):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    comparison = client.get(url(world.canton, year=YEAR)).context["comparison"]
    assert world.canton not in comparison.offices
    for row in comparison.rows:
        assert len(row.values) == len(comparison.offices)


def test_municipalities_of_the_canton(client, world):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    lines = {line.name: line for line in client.get(url(world.canton, year=YEAR)).context["municipalities"]}
    assert "Allschwil" not in lines
    oftringen, rothrist, aarau = lines["Oftringen"], lines["Rothrist"], lines["Aarau"]
    assert oftringen.offices == ["Kanton Aargau", "Region Zofingen"]
    assert aarau.offices == ["Aarau", "Kanton Aargau"]
    # Published offers for the municipality: Oftringen o1 and the offer without area; Rothrist o2.
    assert (oftringen.offers, rothrist.offers, aarau.offers) == (2, 1, 1)
    assert oftringen.kompakt_status == str(Process.Status.IMPLEMENTATION.label)
    assert rothrist.kompakt_status  # its (draft) programme's process
    assert aarau.kompakt_status == ""
    assert (oftringen.population_year, oftringen.population, oftringen.foreign) == (2025, 12500, 3500)
    assert (rothrist.population, rothrist.foreign) == (PRIMARY, PRIMARY)  # 3 residents
    assert aarau.population is None


def test_bad_period_shows_the_form_with_400(client, world, english):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    for name in ("reporting:canton_overview", "reporting:canton_kip_export"):
        response = client.get(url(world.canton, name, start="2026-05-01", end="2026-01-01"))
        assert response.status_code == 400
        assert b"The period ends before it starts." in response.content


def test_combined_kip_csv_and_xlsx(client, world, english):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    response = client.get(url(world.canton, "reporting:canton_kip_export", year=YEAR, format="csv"))
    assert response.status_code == 200
    assert f"kip-ag-{YEAR}0101-{YEAR}1231.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    offices_line = next(row for row in rows if row and row[0] == "Offices")
    assert "Region Zofingen" in offices_line[1] and "Aarau" in offices_line[1]
    assert "Allschwil" not in response.content.decode("utf-8-sig")
    header = next(row for row in rows if row and row[0] == "KIP promotion area")
    row_21 = next(row for row in rows if row and row[0].startswith("2.1 "))
    assert row_21[header.index("Directory: Offers running")] == "3"
    row_12 = next(row for row in rows if row and row[0].startswith("1.2 "))
    assert row_12[header.index("Counselling (1.2): Cases opened")] == "<5"
    assert AuditEvent.objects.filter(target_type="reporting.canton_kip_report", office=world.canton).exists()

    response = client.get(url(world.canton, "reporting:canton_kip_export", year=YEAR, format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in values if row and row[0] == "KIP promotion area")
    row_21 = next(row for row in values if row and str(row[0]).startswith("2.1 "))
    assert row_21[header.index("Directory: Offers running")] == 3


def _add_offices(world, n: int) -> list[Office]:
    extra = []
    for i in range(n):
        office = make_office(f"Extra {i}")
        offer(office, kip=[world.areas["2.1"]])
        cases(office, member(office, Role.COUNSELLOR, f"extra-berater-{i}"), n=6, opened_on=day(3))
        extra.append(office)
    return extra


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("n_offices", [2, 5])
def test_export_query_count_does_not_depend_on_the_number_of_offices(client, world, n_offices):
    # world: the cantonal office, Region Zofingen and Aarau (3); add n − 2 more.
    _add_offices(world, n_offices - 2)
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    path = url(world.canton, "reporting:canton_kip_export", year=YEAR, format="csv")
    # Session, user, OTP device, office, membership, the canton's offices, the KIP report's ten queries,
    # the audit entry (insert in a savepoint), the session saved again (savepoint, update, release).
    assert _queries(client, path) == 21


def test_overview_adds_only_the_sections_queries_per_office(client, world):
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    path = url(world.canton, year=YEAR)
    with_three = _queries(client, path)
    extra = _add_offices(world, 3)
    with_six = _queries(client, path)
    filters = ReportFilters.year(YEAR)
    # Sections that compute all offices at once (counselling: its sessions have no office column) add
    # nothing per office; the others their own queries.
    grouped = {key for key in SECTION_MODULES if hasattr(section_module(key), "sections_for_offices")}
    assert "counselling" in grouped
    with CaptureQueriesContext(connection) as per_office:
        sections(office=extra[0], filters=filters, keys=set(SECTION_MODULES) - grouped)
    # Everything but the sections (offices, municipalities, KIP report) is constant in the offices.
    assert with_six - with_three == 3 * len(per_office)
    assert len(canton_offices(office=world.canton)) == 6


def _cases_opened(comparison, office) -> object:
    row = next(row for row in comparison.rows if row.key == "counselling.cases_opened")
    return row.values[comparison.offices.index(office)]


def test_comparison_is_kept_until_recomputed_on_request(client, world, english):
    """The comparison of every office is expensive: the page shows the last computation and when it was
    made, until the scheduled job or the user's "compute them now" computes it again."""
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    first = client.get(url(world.canton, year=YEAR))
    before = _cases_opened(first.context["comparison"], world.office)
    assert b"as computed on" in first.content and b"refresh=1" in first.content
    cases(world.office, member(world.office, Role.COUNSELLOR, "spaet"), n=10, opened_on=day(4))
    kept = client.get(url(world.canton, year=YEAR)).context["comparison"]
    assert _cases_opened(kept, world.office) == before
    fresh = client.get(url(world.canton, year=YEAR, refresh=1)).context["comparison"]
    assert _cases_opened(fresh, world.office) != before
    assert _cases_opened(fresh, world.office) >= 10


def test_the_scheduled_job_computes_current_and_last_year_in_every_language(client, world):
    from django.conf import settings

    from fachstelle.reporting.selectors.canton import warm_canton_comparisons

    computed = warm_canton_comparisons(today=day(6))
    assert computed == 2 * len(settings.UI_LANGUAGES)  # one cantonal office in the world
    login_verified(client, world.users[f"canton_{Role.CANTON}"])
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url(world.canton, year=YEAR)).status_code == 200
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url(world.canton, year=YEAR, refresh=1)).status_code == 200
    # Taken from the job's computation: none of the sections' queries.
    assert len(cold) - len(warm) >= 10
