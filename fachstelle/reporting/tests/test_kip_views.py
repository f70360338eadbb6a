"""The KIP report page and its CSV/XLSX export: who may see them, bad filters, suppression marks."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.otp import login_verified
from fachstelle.reporting.tests.kip_world import YEAR, kip_world

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def world():
    return kip_world()


def url(world, name="reporting:kip_report", office=None, **params):
    base = reverse(name, kwargs={"office_slug": (office or world.office).slug})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{base}?{query}" if query else base


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
def test_role_matrix(client, world, role, status):
    login_verified(client, world.users[f"office_{role}"])
    assert client.get(url(world, year=YEAR)).status_code == status
    assert client.get(url(world, "reporting:kip_export", year=YEAR, format="csv")).status_code == status


def test_member_of_another_office_is_refused(client, world):
    login_verified(client, world.users[f"canton_{Role.ADMIN}"])
    assert client.get(url(world, year=YEAR)).status_code == 403


def test_page_shows_the_table_with_suppression_marks(client, world, english):
    login_verified(client, world.users[f"office_{Role.STATISTICS}"])
    response = client.get(url(world, year=YEAR))
    assert response.status_code == 200
    page = response.content.decode()
    assert "KIP report" in page
    assert "2.1 " in page and "3.2 " in page
    assert "&lt; 5" in page  # 3 cases, 2 participants in 3.2
    assert "fewer than 5 cases" in page  # interpreting amounts withheld
    assert 'scope="colgroup"' in page and 'scope="row"' in page
    assert "Amina" not in page and "Testperson" not in page  # no client's name anywhere


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-05-01", "end": "2026-01-01"},
        {"year": "abc"},
        {"start": "2026-01-01"},
    ],
)
def test_bad_filters_show_the_form_with_400(client, world, params, english):
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    for name in ("reporting:kip_report", "reporting:kip_export"):
        response = client.get(url(world, name, **params))
        assert response.status_code == 400
        assert b"Please correct the filters" in response.content


def test_a_municipality_the_office_does_not_serve(client, world, english):
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    aarau = world.neighbour.municipalities.get()
    response = client.get(url(world, year=YEAR, municipality=aarau.pk))
    assert response.status_code == 400
    assert b"not served by the office" in response.content


def test_unknown_export_format(client, world):
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    assert client.get(url(world, "reporting:kip_export", year=YEAR, format="pdf")).status_code == 400


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export(client, world, english):
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    response = client.get(url(world, "reporting:kip_export", year=YEAR, format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"kip-{world.office.slug}-{YEAR}0101-{YEAR}1231.csv" in response["Content-Disposition"]
    rows = _csv_rows(response)
    header = next(row for row in rows if row and row[0] == "KIP promotion area")
    by_area = {
        row[0].split(" ")[0]: dict(zip(header, row, strict=True))
        for row in rows
        if row and row[0][:1].isdigit()
    }
    assert by_area["2.1"]["Directory: Offers running"] == "2"
    assert by_area["2.1"]["Events: Participants"] == "9"
    assert by_area["3.2"]["Events: Participants"] == "<5"
    assert by_area["1.2"]["Counselling (1.2): Cases opened"] == "<5"
    assert by_area["3.1"]["Interpreting (3.1): Cost (CHF)"] == "–"
    assert by_area["2.1"]["Grants: Amount paid (CHF)"] == "2300.00"
    assert by_area["2.1"]["Counselling (1.2): Cases opened"] == ""  # not applicable
    total = next(row for row in rows if row and row[0] == "Total")
    assert total[header.index("Grants: Amount approved (CHF)")] == "6200.00"
    assert any(row and row[0] == "Note" for row in rows)
    assert AuditEvent.objects.filter(target_type="reporting.kip_report", detail="csv").count() == 1


def test_xlsx_export_keeps_numbers_numeric(client, world, english):
    login_verified(client, world.users[f"office_{Role.STATISTICS}"])
    response = client.get(url(world, "reporting:kip_export", year=YEAR, format="xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in rows if row and row[0] == "KIP promotion area")
    row_21 = next(row for row in rows if row and str(row[0]).startswith("2.1 "))
    assert row_21[header.index("Directory: Offers running")] == 2
    assert Decimal(str(row_21[header.index("Grants: Amount approved (CHF)")])) == Decimal("4000")
    row_32 = next(row for row in rows if row and str(row[0]).startswith("3.2 "))
    assert row_32[header.index("Events: Participants")] == "<5"


def test_page_query_count(client, world, django_assert_num_queries):
    login_verified(client, world.users[f"office_{Role.ADMIN}"])
    # Session, user, OTP device, office, membership, the filter form's municipalities, the report's ten
    # queries, and the session saved again (savepoint, update, release).
    with django_assert_num_queries(19):
        assert client.get(url(world, year=YEAR)).status_code == 200
