"""The import pages (upload → preview → confirm), the exports, and who may use them."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fachstelle.core.models import Membership
from fachstelle.core.tabular import read_table
from fachstelle.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Contact, Organisation

from .factories_imports import csv_of, region_office, row, xlsx_of

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def office(vocab, english):
    return region_office()


def url(office, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": office.slug, **kwargs})


def staff_client(client, office, role=Role.EDITOR):
    user = UserFactory()
    MembershipFactory(user=user, office=office, role=role)
    login_verified(client, user)
    return client


def upload(client, office, data: bytes, name="liste.csv", mode="skip"):
    return client.post(url(office, "import_start"), {"file": SimpleUploadedFile(name, data), "mode": mode})


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Who may ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ADMIN, 200), (Role.EDITOR, 200), (Role.COUNSELLOR, 200), (Role.STATISTICS, 403)],
)
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("import_start", {}),
        ("organisation_export", {"file_type": "csv"}),
        ("import_template", {"file_type": "xlsx"}),
    ],
)
def test_role_matrix(client, office, role, status, name, kwargs):
    staff_client(client, office, role)
    assert client.get(url(office, name, **kwargs)).status_code == status


def test_statistics_users_cannot_upload_or_confirm(client, office, upload_root):
    staff_client(client, office, Role.STATISTICS)
    assert upload(client, office, csv_of([row("A")])).status_code == 403
    assert client.post(url(office, "import_confirm"), {"fingerprint": "x"}).status_code == 403
    assert list(upload_root.iterdir()) == []


def test_anonymous_and_other_offices_users_are_kept_out(client, office):
    assert client.get(url(office, "import_start")).status_code == 302  # to the login
    staff_client(client, region_office())
    assert client.get(url(office, "import_start")).status_code == 403
    assert client.get(url(office, "organisation_export", file_type="xlsx")).status_code == 403


# --- Upload, preview, confirm ----------------------------------------------------------------------------


def test_done_when_xlsx_of_300_organisations_with_4_broken_rows(client, office, upload_root):
    """The issue's acceptance test: the preview shows exactly the 4 broken rows; the 296 valid ones import."""
    staff_client(client, office)
    rows = [
        row(
            f"Organisation {n:03d}",
            Typ="Verein",
            Gemeinde="Zofingen",
            **{"E-Mail": f"info{n}@org.ch", "Kontakt Name": f"Person {n}"},
        )
        for n in range(300)
    ]
    rows[10]["Typ"] = "Raumstation"  # row 12
    rows[50]["E-Mail"] = "kaputt"  # row 52
    rows[120]["Gemeinde"] = "Atlantis"  # row 122
    rows[299]["Name"] = ""  # row 301
    response = upload(client, office, xlsx_of(rows), name="Organisationen.xlsx")
    assert response.status_code == 302
    assert response["Location"] == url(office, "import_preview")
    assert Organisation.objects.filter(office=office).count() == 0  # nothing yet

    preview = client.get(url(office, "import_preview"))
    assert preview.status_code == 200
    context = preview.context
    assert [number for number, _column, _message in context["error_items"]] == [12, 52, 122, 301]
    assert [column for _number, column, _message in context["error_items"]] == [
        "Typ",
        "E-Mail",
        "Gemeinde",
        "Name",
    ]
    html = preview.content.decode()
    assert "Import the 296 valid rows" in html
    assert context["preview"].to_create == 296

    response = client.post(
        url(office, "import_confirm"),
        {"fingerprint": context["confirm_form"].initial["fingerprint"], "accept_valid_rows": "True"},
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(office=office).count() == 296
    assert Contact.objects.filter(organisation__office=office).count() == 296
    assert "296 organisations created" in flash(response)[0]
    assert list(upload_root.glob("*.upload")) == []  # the stored file is gone
    assert client.get(url(office, "import_preview")).status_code == 302  # nothing waits any more


def test_a_file_with_errors_is_not_imported_without_the_explicit_choice(client, office):
    staff_client(client, office)
    upload(client, office, csv_of([row("Gut"), row("Schlecht", Typ="?")]))
    preview = client.get(url(office, "import_preview"))
    fingerprint = preview.context["confirm_form"].initial["fingerprint"]
    response = client.post(url(office, "import_confirm"), {"fingerprint": fingerprint})
    assert response["Location"] == url(office, "import_preview")
    assert "rows with errors" in flash(response)[0]
    assert not Organisation.objects.filter(office=office).exists()


def test_a_clean_file_imports_with_one_click(client, office):
    staff_client(client, office)
    upload(
        client,
        office,
        csv_of([row("Verein A", **{"Kontakt Name": "Eva"}), row("Verein A", **{"Kontakt Name": "Max"})]),
    )
    preview = client.get(url(office, "import_preview"))
    assert "Import the" not in preview.content.decode()
    client.post(
        url(office, "import_confirm"), {"fingerprint": preview.context["confirm_form"].initial["fingerprint"]}
    )
    assert Organisation.objects.get(office=office).contacts.count() == 2


def test_changes_since_the_preview_send_the_user_back_to_the_preview(client, office):
    staff_client(client, office)
    upload(client, office, csv_of([row("Verein A"), row("Verein B")]))
    fingerprint = client.get(url(office, "import_preview")).context["confirm_form"].initial["fingerprint"]
    OrganisationFactory(office=office, name="Verein B")
    response = client.post(url(office, "import_confirm"), {"fingerprint": fingerprint})
    assert response["Location"] == url(office, "import_preview")
    assert "changed since the preview" in flash(response)[0]
    assert not Organisation.objects.filter(office=office, name="Verein A").exists()


def test_update_mode_is_shown_and_applied(client, office):
    existing = OrganisationFactory(office=office, name="Verein A", phone="1")
    staff_client(client, office)
    upload(client, office, csv_of([row("verein a", Telefon="2")]), mode="update")
    preview = client.get(url(office, "import_preview"))
    html = preview.content.decode()
    assert "are updated" in html and "exists as “Verein A”" in html
    client.post(
        url(office, "import_confirm"), {"fingerprint": preview.context["confirm_form"].initial["fingerprint"]}
    )
    existing.refresh_from_db()
    assert existing.phone == "2"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("liste.pdf", b"%PDF-1.4", "Please upload a CSV file"),
        ("liste.xlsx", b"Name;Typ\nA;Verein\n", "not an Excel workbook"),
        ("liste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Old Excel files"),
        ("liste.xlsx", b"PK\x03\x04broken", "could not be read"),
        ("liste.csv", b"Typ;PLZ\nVerein;4800\n", "lacks the required column"),
    ],
)
def test_unreadable_files_get_a_clear_message_and_nothing_is_kept(
    client, office, upload_root, name, data, message
):
    staff_client(client, office)
    response = upload(client, office, data, name=name)
    if response.status_code == 200:  # refused by the upload form
        assert message in response.content.decode()
    else:  # readable as a file, refused on reading the table
        response = client.get(url(office, "import_preview"))
        assert message in flash(response)[0]
        assert response["Location"] == url(office, "import_start")
    assert list(upload_root.glob("*.upload")) == []


def test_too_big_file_is_refused(client, office, monkeypatch):
    from fachstelle.core import tabular

    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 100)
    staff_client(client, office)
    response = upload(client, office, b"Name\n" + b"Verein\n" * 50)
    assert response.status_code == 200
    assert "too big" in response.content.decode()


def test_cancel_deletes_the_stored_file(client, office, upload_root):
    staff_client(client, office)
    upload(client, office, csv_of([row("A")]))
    assert len(list(upload_root.glob("*.upload"))) == 1
    response = client.post(url(office, "import_cancel"))
    assert response["Location"] == url(office, "import_start")
    assert list(upload_root.glob("*.upload")) == []
    assert client.post(url(office, "import_confirm"), {"fingerprint": "x"})["Location"] == url(
        office, "import_start"
    )


def test_the_upload_of_one_office_is_not_the_upload_of_another(client, office):
    other = region_office()
    user = UserFactory()
    MembershipFactory(user=user, office=office)
    MembershipFactory(user=user, office=other)
    login_verified(client, user)
    upload(client, office, csv_of([row("A")]))
    assert client.get(url(other, "import_preview")).status_code == 302
    assert client.get(url(office, "import_preview")).status_code == 200


def test_preview_query_count(client, office, django_assert_num_queries):
    staff_client(client, office)
    OrganisationFactory(office=office, name="Verein 3")
    upload(
        client,
        office,
        csv_of([row(f"Verein {n}", Gemeinde="Zofingen", Handlungsfelder="Wohnen") for n in range(50)]),
    )
    # session, user, 2FA device, office, membership (login and decorator); office municipalities,
    # municipalities, fields of action, existing organisations (validation); session save (savepoint,
    # update, release).
    with django_assert_num_queries(12):
        response = client.get(url(office, "import_preview"))
    assert response.status_code == 200


# --- Export ----------------------------------------------------------------------------------------------


def test_export_csv_and_xlsx_hold_the_office_organisations_only(client, office, django_assert_num_queries):
    mine = OrganisationFactory(office=office, name="Verein Mein", phone="=cmd")
    Contact.objects.create(organisation=mine, name="Eva", email="eva@mein.ch")
    Contact.objects.create(organisation=mine, name="Max")
    OrganisationFactory(office=office, name="Verein Leer")
    OrganisationFactory(name="Verein Fremd")  # another office
    staff_client(client, office)
    # session, user, 2FA device, office, membership (login and decorator); office municipalities,
    # municipalities, fields of action (lookups); organisations, their contacts, their fields of action;
    # session save (savepoint, update, release).
    with django_assert_num_queries(14):
        response = client.get(url(office, "organisation_export", file_type="csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert f"organisationen-{office.slug}.csv" in response["Content-Disposition"]
    table = read_table(response.content, file_type="csv")
    assert table.headers[:3] == ["Name", "Typ", "Strasse"]
    assert [(r.values[0], r.values[10] if len(r.values) > 10 else "") for r in table.rows] == [
        ("Verein Leer", ""),
        ("Verein Mein", "Eva"),
        ("Verein Mein", "Max"),
    ]
    assert "'=cmd" in response.content.decode("utf-8-sig")  # neutralised for spreadsheets

    response = client.get(url(office, "organisation_export", file_type="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["Name", "Typ"]
    assert sheet.max_row == 4
    assert "Verein Fremd" not in {cell.value for cell in sheet["A"]}


def test_unknown_export_format_is_404(client, office):
    staff_client(client, office)
    assert client.get(f"/en/staff/{office.slug}/network/export/organisations.pdf").status_code == 404


def test_template_download_imports_cleanly(client, office):
    from fachstelle.core.tabular import read_table as read
    from fachstelle.network.services.imports import organisations_import_validate

    staff_client(client, office)
    response = client.get(url(office, "import_template", file_type="xlsx"))
    preview = organisations_import_validate(office=office, table=read(response.content, file_type="xlsx"))
    assert not preview.has_errors
    assert [(p.name, p.contact_count) for p in preview.plans] == [("Verein Begegnung", 2)]
