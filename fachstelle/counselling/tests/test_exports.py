"""Exports of personal data: password-protected archives built after commit, downloadable by the requester
(and office admins) until they expire, then purged."""

import datetime
import io
import json
from io import StringIO

import pytest
import pyzipper
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import PersonalDataExport
from fachstelle.counselling.selectors.protection import AuditFilters
from fachstelle.counselling.services import exports as export_services
from fachstelle.counselling.services.exports import export_request, exports_purge_expired

from .factories import CaseFactory, counselling_world
from .protection_fixtures import NAME, full_client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
Kind = PersonalDataExport.Kind
Status = PersonalDataExport.Status


@pytest.fixture
def world(vocab, settings, tmp_path):
    settings.PRIVATE_EXPORT_ROOT = tmp_path / "exports"
    return counselling_world()


@pytest.fixture
def built(django_capture_on_commit_callbacks):
    """Request an export and run the background task (enqueued on commit; the test backend is immediate)."""

    def request(**kwargs) -> PersonalDataExport:
        kwargs.setdefault("password", PASSWORD)
        with django_capture_on_commit_callbacks(execute=True):
            export = export_request(**kwargs)
        export.refresh_from_db()
        return export

    return request


def open_archive(export, password: str | None = PASSWORD) -> dict[str, bytes]:
    with pyzipper.AESZipFile(export_services.export_path(export)) as archive:
        if password is not None:
            archive.setpassword(password.encode())
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().split("\r\n")]


def url(world, name, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


# --- Building ----------------------------------------------------------------------------------------


def test_subject_access_archive_opens_with_the_password_only(world, built):
    person, _ = full_client(world)

    export = built(office=world.office, by=world.admin, kind=Kind.SUBJECT_ACCESS, client=person)

    assert export.status == Status.READY
    path = export_services.export_path(export)
    assert path.is_file() and export.size == path.stat().st_size
    assert path.is_relative_to(
        world_root := export_services.Path(export_services.settings.PRIVATE_EXPORT_ROOT)
    )
    assert not list(world_root.rglob("*.part"))
    with pytest.raises(RuntimeError, match="password"):
        open_archive(export, password=None)
    with pytest.raises(RuntimeError):
        open_archive(export, password="wrong password!!")
    files = open_archive(export)
    assert set(files) == {f"{person.reference}.json", f"{person.reference}.pdf"}
    data = json.loads(files[f"{person.reference}.json"])
    assert data["client"]["name"] == NAME
    assert {"intake", "cases", "consents", "integration_plan", "access_log"} <= set(data)
    assert files[f"{person.reference}.pdf"].startswith(b"%PDF")
    # The file itself holds no plaintext.
    assert NAME.encode() not in path.read_bytes()


def test_password_is_never_stored(world, built):
    person, _ = full_client(world)
    export = built(office=world.office, by=world.admin, kind=Kind.SUBJECT_ACCESS, client=person)

    stored = json.dumps(list(PersonalDataExport.objects.values()), default=str)
    stored += json.dumps(list(AuditEvent.objects.values()), default=str)
    assert PASSWORD not in stored
    assert export.file_name and PASSWORD not in export.file_name


def test_case_list_contains_only_the_requesters_cases(world, built):
    _mine, my_case = full_client(world, counsellor=world.counsellor)
    _, colleagues_case = full_client(world, name="Colleague Client", counsellor=world.colleague)
    shared = CaseFactory(office=world.office, counsellor=world.colleague)
    shared.shared_with.add(world.counsellor)

    export = built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)

    rows = csv_rows(open_archive(export)["cases.csv"])
    references = [row[0] for row in rows[1:]]
    assert sorted(references) == sorted([my_case.reference, shared.reference])
    assert colleagues_case.reference not in references
    mine_row = next(row for row in rows if row[0] == my_case.reference)
    assert NAME in mine_row and "Rothrist" in mine_row
    assert len(rows[0]) == 8


def test_admin_case_list_has_every_case_of_the_office(world, built):
    full_client(world, counsellor=world.counsellor)
    full_client(world, name="Colleague Client", counsellor=world.colleague)
    CaseFactory(office=world.other_office, counsellor=world.foreign_counsellor)

    export = built(office=world.office, by=world.admin, kind=Kind.CASE_LIST)

    assert len(csv_rows(open_archive(export)["cases.csv"])) == 1 + 2


def test_audit_log_export_applies_the_filters(world, built):
    _person, case = full_client(world)
    audit_record(actor=world.counsellor, action=Action.VIEW, target=case)
    audit_record(actor=world.colleague, action=Action.DENIED, office=world.office, target=case)
    audit_record(actor=world.foreign_counsellor, action=Action.VIEW, office=world.other_office)

    export = built(
        office=world.office,
        by=world.admin,
        kind=Kind.AUDIT_LOG,
        filters=AuditFilters(action=Action.DENIED),
    )

    rows = csv_rows(open_archive(export)["audit-log.csv"])
    assert len(rows) == 2
    assert rows[1][1] == "berater2" and rows[1][5] == case.reference


def test_failed_build_leaves_no_file(world, built, monkeypatch):
    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setitem(export_services._ARCHIVE_WRITERS, Kind.CASE_LIST, explode)

    export = built(office=world.office, by=world.admin, kind=Kind.CASE_LIST)

    assert export.status == Status.FAILED
    assert export.file_name == ""
    root = export_services.Path(export_services.settings.PRIVATE_EXPORT_ROOT)
    assert not [p for p in root.rglob("*") if p.is_file()]


def test_request_rules(world):
    person, _ = full_client(world)
    with pytest.raises(PermissionDenied):
        export_request(
            office=world.office,
            by=world.counsellor,
            kind=Kind.SUBJECT_ACCESS,
            client=person,
            password=PASSWORD,
        )
    with pytest.raises(PermissionDenied):
        export_request(office=world.office, by=world.counsellor, kind=Kind.AUDIT_LOG, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        export_request(office=world.office, by=world.statistics, kind=Kind.CASE_LIST, password=PASSWORD)
    with pytest.raises(ValidationError):
        export_request(office=world.office, by=world.admin, kind=Kind.CASE_LIST, password="short")
    with pytest.raises(ValidationError):
        export_request(office=world.office, by=world.admin, kind=Kind.SUBJECT_ACCESS, password=PASSWORD)
    assert not PersonalDataExport.objects.exists()


def test_nothing_is_built_when_the_request_rolls_back(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = export_request(office=world.office, by=world.admin, kind=Kind.CASE_LIST, password=PASSWORD)
    assert len(callbacks) == 1  # enqueued after commit only
    export.refresh_from_db()
    assert export.status == Status.PENDING
    assert export.expires_at > timezone.now() + datetime.timedelta(days=29)


# --- Expiry --------------------------------------------------------------------------------------------


def test_expired_export_is_purged(world, built, django_capture_on_commit_callbacks):
    old = built(office=world.office, by=world.admin, kind=Kind.CASE_LIST)
    fresh = built(office=world.office, by=world.admin, kind=Kind.CASE_LIST)
    PersonalDataExport.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    old_path, fresh_path = export_services.export_path(old), export_services.export_path(fresh)

    dry = StringIO()
    call_command("purge_expired_exports", "--dry-run", stdout=dry)
    assert "Would delete 1 expired export(s)" in dry.getvalue()
    assert old_path.exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_exports", stdout=out)

    assert "Deleted 1 expired export(s)" in out.getvalue()
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.file_name, old.size) == (Status.EXPIRED, "", 0)
    assert not old_path.exists()
    assert fresh.status == Status.READY and fresh_path.exists()
    assert exports_purge_expired() == 0  # idempotent


def test_anonymising_the_person_discards_their_subject_access_export(
    world, built, django_capture_on_commit_callbacks
):
    from fachstelle.counselling.services.protection import client_delete_on_request

    person, _ = full_client(world)
    export = built(office=world.office, by=world.admin, kind=Kind.SUBJECT_ACCESS, client=person)
    path = export_services.export_path(export)

    with django_capture_on_commit_callbacks(execute=True):
        client_delete_on_request(client=person, by=world.admin)

    export.refresh_from_db()
    assert export.status == Status.EXPIRED and not path.exists()


# --- Pages -----------------------------------------------------------------------------------------------


def test_download_by_requester_and_admin_audited(world, built, client):
    export = built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)
    download = url(world, "export_download", export_id=export.pk)

    login_verified(client, world.counsellor)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    archive = pyzipper.AESZipFile(io.BytesIO(body))
    archive.setpassword(PASSWORD.encode())
    assert archive.read("cases.csv")

    login_verified(client, world.admin)
    assert client.get(download).status_code == 200
    downloads = AuditEvent.objects.filter(action=Action.EXPORT, detail__startswith="download")
    assert list(downloads.values_list("actor_name", flat=True).order_by("pk")) == ["beraterin", "leitung"]


@pytest.mark.parametrize(
    "who,status", [("colleague", 403), ("statistics", 403), ("editor", 403), ("foreign_counsellor", 403)]
)
def test_download_refused(world, built, client, who, status):
    export = built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)
    login_verified(client, getattr(world, who))

    response = client.get(url(world, "export_download", export_id=export.pk))

    assert response.status_code == status
    assert not AuditEvent.objects.filter(action=Action.EXPORT, detail__startswith="download").exists()


def test_colleague_denied_download_is_audited(world, built, client):
    export = built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)
    login_verified(client, world.colleague)

    client.get(url(world, "export_download", export_id=export.pk))

    assert AuditEvent.objects.filter(
        action=Action.DENIED, actor=world.colleague, target_id=export.pk
    ).exists()


def test_expired_export_cannot_be_downloaded(world, built, client, english):
    export = built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)
    PersonalDataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    login_verified(client, world.counsellor)

    response = client.get(url(world, "export_download", export_id=export.pk), follow=True)

    assert "This export is not available" in response.content.decode()
    assert response.redirect_chain[-1][0] == url(world, "export_list")


def test_export_of_other_office_is_not_found(world, built, client):
    export = built(office=world.office, by=world.admin, kind=Kind.CASE_LIST)
    login_verified(client, world.foreign_counsellor)

    response = client.get(
        reverse(
            "counselling:export_download",
            kwargs={"office_slug": world.other_office.slug, "export_id": export.pk},
        )
    )

    assert response.status_code == 404


def test_export_list_form(world, client, english, django_capture_on_commit_callbacks):
    person, _ = full_client(world)
    login_verified(client, world.admin)
    page = url(world, "export_list")

    short = client.post(page, {"kind": "case_list", "password": "short", "password_confirm": "short"})
    assert short.status_code == 400
    assert "at least 12 characters" in short.content.decode()

    unknown = client.post(
        page,
        {
            "kind": "subject_access",
            "reference": "P-999999",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        },
    )
    assert unknown.status_code == 400
    assert "There is no person with this reference" in unknown.content.decode()
    assert 'value="P-999999"' in unknown.content.decode()
    assert not PersonalDataExport.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page,
            {
                "kind": "subject_access",
                "reference": person.reference,
                "password": PASSWORD,
                "password_confirm": PASSWORD,
            },
        )
    assert response.status_code == 302
    done = client.get(response["Location"])
    export = PersonalDataExport.objects.get()
    assert (export.client, export.status) == (person, Status.READY)
    assert url(world, "export_download", export_id=export.pk) in done.content.decode()


def test_counsellor_cannot_choose_subject_access(world, client):
    person, _ = full_client(world, counsellor=world.counsellor)
    login_verified(client, world.counsellor)

    response = client.post(
        url(world, "export_list"),
        {
            "kind": "subject_access",
            "reference": person.reference,
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        },
    )

    assert response.status_code == 400
    assert not PersonalDataExport.objects.exists()
    assert 'value="subject_access"' not in response.content.decode()


def test_statistics_user_has_no_export_page(world, client):
    login_verified(client, world.statistics)
    assert client.get(url(world, "export_list")).status_code == 403


def test_export_list_query_count(world, built, client, django_assert_num_queries):
    for _ in range(3):
        built(office=world.office, by=world.counsellor, kind=Kind.CASE_LIST)
    built(office=world.office, by=world.colleague, kind=Kind.CASE_LIST)
    login_verified(client, world.counsellor)
    client.get(url(world, "export_list"))  # warm up (session, content types)

    # session, user, OTP device, office, membership role, exports (requester and client joined);
    # the session saved on every request (idle timeout): savepoint, update, release
    with django_assert_num_queries(9):
        response = client.get(url(world, "export_list"))

    assert response.status_code == 200
    assert len(response.context["exports"]) == 3  # not the colleague's
