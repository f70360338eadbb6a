"""The statistics pages: upload → check report → confirm, the mapping form, and who may write."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import ColumnMapping, PopulationFigure, StatisticsImport
from fachstelle.kompakt.services.statistics_import import statistics_check, statistics_import

from .factories_statistics import csv_of, grid, statistics_office

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def office(english):
    return statistics_office()


def url(office, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": office.slug, **kwargs})


def staff_client(client, office, role=Role.EDITOR):
    user = UserFactory()
    MembershipFactory(user=user, office=office, role=role)
    login_verified(client, user)
    return client


def upload(client, office, data, name="statpop.csv"):
    return client.post(url(office, "statistics_upload"), {"file": SimpleUploadedFile(name, data)})


def test_upload_check_confirm_imports(client, office):
    staff_client(client, office)
    response = upload(client, office, csv_of(grid()))
    record = StatisticsImport.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        office, "statistics_report", import_id=record.pk
    )
    assert not PopulationFigure.objects.exists()
    page = client.get(response["Location"])
    assert "Import 76 rows for the years 2024 in 1 municipality?" in page.content.decode()
    response = client.post(url(office, "statistics_confirm", import_id=record.pk))
    assert response.status_code == 302
    assert PopulationFigure.objects.count() == 76
    record.refresh_from_db()
    assert record.status == StatisticsImport.Status.IMPORTED
    # The stored file is gone: a second confirmation imports nothing twice.
    client.post(url(office, "statistics_confirm", import_id=record.pk))
    assert PopulationFigure.objects.count() == 76
    page = client.get(url(office, "statistics_list")).content.decode()
    assert "2024 (228)" in page and "statpop.csv" in page


def test_bad_file_shows_errors_and_no_confirm_button(client, office):
    staff_client(client, office)
    response = upload(client, office, csv_of([(9999, 2024, "IT", "C", 0, "f", -1)]), name="bad.csv")
    page = client.get(response["Location"]).content.decode()
    assert "No municipality has the number 9999" in page and "must not be negative" in page
    assert "Import now" not in page
    record = StatisticsImport.objects.get()
    assert client.post(url(office, "statistics_confirm", import_id=record.pk)).status_code == 302
    assert not PopulationFigure.objects.exists()


def test_wrong_file_type_rerenders_the_form(client, office):
    staff_client(client, office)
    response = upload(client, office, b"hello", name="notes.pdf")
    assert response.status_code == 200
    assert "Please upload a CSV file" in response.content.decode()
    assert not StatisticsImport.objects.exists()


def test_cancel_discards_the_file(client, office):
    staff_client(client, office)
    upload(client, office, csv_of(grid()))
    record = StatisticsImport.objects.get()
    client.post(url(office, "statistics_cancel", import_id=record.pk))
    client.post(url(office, "statistics_confirm", import_id=record.pk))
    assert not PopulationFigure.objects.exists()


@pytest.mark.parametrize(
    ("role", "write"),
    [(Role.ADMIN, True), (Role.EDITOR, True), (Role.COUNSELLOR, True), (Role.STATISTICS, False)],
)
def test_roles(client, office, role, write):
    staff_client(client, office, role)
    assert client.get(url(office, "statistics_list")).status_code == 200
    assert client.get(url(office, "statistics_mapping")).status_code == 200
    response = upload(client, office, csv_of(grid()))
    assert response.status_code == (302 if write else 403)
    response = client.post(url(office, "statistics_mapping"), {"column_year": "Jahr", "values": ""})
    assert response.status_code == (302 if write else 403)
    assert ColumnMapping.objects.exists() is write


def test_statistics_role_cannot_confirm(client, office):
    report = statistics_check(office=office, data=csv_of(grid()), file_name="a.csv")
    staff_client(client, office, Role.STATISTICS)
    assert client.post(url(office, "statistics_confirm", import_id=report.record.pk)).status_code == 403
    assert client.get(url(office, "statistics_report", import_id=report.record.pk)).status_code == 200


def test_other_office_import_is_404(client, office):
    other = OfficeFactory()
    foreign = statistics_check(office=other, data=csv_of(grid()), file_name="a.csv")
    staff_client(client, office)
    assert client.get(url(office, "statistics_report", import_id=foreign.record.pk)).status_code == 404
    assert client.post(url(office, "statistics_confirm", import_id=foreign.record.pk)).status_code == 404


def test_outsider_is_refused(client, office):
    staff_client(client, OfficeFactory())
    assert client.get(url(office, "statistics_list")).status_code == 403


def test_mapping_form_saves_and_rejects_bad_json(client, office):
    staff_client(client, office)
    response = client.post(
        url(office, "statistics_mapping"), {"column_municipality": "AGS", "values": "{nope"}
    )
    assert response.status_code == 200 and "This is not valid JSON" in response.content.decode()
    assert 'value="AGS"' in response.content.decode()
    response = client.post(
        url(office, "statistics_mapping"), {"column_municipality": "AGS", "values": '{"bogus": {}}'}
    )
    assert response.status_code == 200 and "cannot be translated" in response.content.decode()
    response = client.post(
        url(office, "statistics_mapping"),
        {
            "column_municipality": "Gemeindeschlüssel",
            "column_sex": "Geschlecht",
            "values": '{"sex": {"1": "m", "2": "f"}}',
        },
    )
    assert response.status_code == 302
    mapping = ColumnMapping.objects.get(office=office)
    assert mapping.columns == {"municipality": "Gemeindeschlüssel", "sex": "Geschlecht"}
    assert mapping.values == {"sex": {"1": "m", "2": "f"}}
    page = client.get(url(office, "statistics_mapping")).content.decode()
    assert 'value="Gemeindeschlüssel"' in page


def test_list_query_count_is_constant(client, office, django_assert_num_queries):
    for year in (2022, 2023, 2024):
        report = statistics_check(
            office=office, data=csv_of(grid(year=year) + grid(bfs=4280, year=year)), file_name=f"{year}.csv"
        )
        statistics_import(office=office, report=report)
    statistics_check(office=office, data=csv_of([(9999, 2024, "IT", "C", 0, "f", 1)]), file_name="bad.csv")
    staff_client(client, office)
    # session, user, OTP device, office, membership; imports with uploader; served municipalities; yearly
    # totals; the session saved on every request (savepoint, update, release).
    with django_assert_num_queries(11):
        response = client.get(url(office, "statistics_list"))
    assert response.status_code == 200
    assert response.content.decode().count("badge-ok") == 3
