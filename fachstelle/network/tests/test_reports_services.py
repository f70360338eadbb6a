"""Reporting point services: submitting (rules, encryption, audit without personal data, receipt e-mail,
double submit), triage (who may do what, allowed status changes, conflicts) and anonymisation."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.network.models import Report
from fachstelle.network.report_emails import report_send_receipt
from fachstelle.network.services.reports import (
    StaleReportError,
    report_anonymise,
    report_submit,
    report_triage,
    report_version,
)
from fachstelle.network.tests.factories_reports import ReportFactory, report_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()
DESCRIPTION = "Die Vermieterin sagte, an Ausländer vermiete sie nicht."
Status = Report.Status


@pytest.fixture
def world():
    return report_world()


def submit(world, **overrides):
    fields = {
        "office": world.office,
        "category": Report.Category.HOUSING,
        "description": DESCRIPTION,
        "submission_key": uuid.uuid4(),
        "language": "en",
        "municipality": world.municipality,
        "place": "Wohnungsbesichtigung",
        "occurred_on": TODAY - datetime.timedelta(days=3),
    }
    fields.update(overrides)
    return report_submit(**fields)


def raw_column(report, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM network_report WHERE id = %s", [report.pk])  # noqa: S608
        return cursor.fetchone()[0]


# --- Submitting --------------------------------------------------------------------------------------------


def test_an_anonymous_report_is_stored_encrypted_and_audited_without_personal_data(world):
    report, created = submit(world)
    assert created
    assert report.reference == "M-%06d" % report.pk
    report.refresh_from_db()
    assert report.is_anonymous and report.status == Status.NEW
    assert report.description == DESCRIPTION
    # What the reporter wrote is not readable in the database.
    assert "Vermieterin" not in raw_column(report, "description")
    assert "Wohnungsbesichtigung" not in raw_column(report, "place")
    event = AuditEvent.objects.get(target_type="network.report", target_id=report.pk)
    assert event.action == AuditEvent.Action.CREATE
    assert event.office == world.office and event.actor is None
    assert event.target_ref == report.reference
    assert "Vermieterin" not in event.detail and "Wohnung" not in event.detail
    # Nobody to send a receipt to.
    assert mail.outbox == []


def test_a_reporter_with_an_email_gets_a_receipt_with_the_reference_only(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = submit(
            world,
            is_anonymous=False,
            contact_name="Amina Yusuf",
            contact_email="amina@example.org",
            contact_phone="+41 62 123 45 67",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert report.reference in message.subject and report.reference in message.body
    assert world.office.short_name in message.subject
    assert message.reply_to == [world.office.email]
    # E-mail is no confidential channel: the receipt does not repeat the report.
    assert "Vermieterin" not in message.body
    event = AuditEvent.objects.get(target_id=report.pk, action=AuditEvent.Action.CREATE)
    assert "amina" not in event.detail.lower()
    assert "amina" not in raw_column(report, "contact_email")


def test_a_reporter_with_a_phone_number_only_gets_no_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = submit(world, is_anonymous=False, contact_phone="062 123 45 67")
    assert report.contact_phone == "062 123 45 67"
    assert mail.outbox == []


def test_the_same_form_sent_twice_stores_one_report_and_sends_one_receipt(
    world, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = submit(
            world, submission_key=key, is_anonymous=False, contact_email="a@example.org"
        )
        second, created_second = submit(
            world, submission_key=key, is_anonymous=False, contact_email="a@example.org"
        )
    assert created_first and not created_second
    assert first.pk == second.pk
    assert Report.objects.count() == 1
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).count() == 1


def test_the_same_key_in_another_office_is_another_report(world):
    key = uuid.uuid4()
    submit(world, submission_key=key)
    other, created = submit(world, submission_key=key, office=world.other_office, municipality=None)
    assert created and other.office == world.other_office


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": TODAY + datetime.timedelta(days=1)}, "occurred_on"),
        ({"occurred_on": datetime.date(202, 5, 1)}, "occurred_on"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 8001}, "description"),
        ({"category": "aliens"}, "category"),
        ({"place": "p" * 201}, "place"),
        ({"contact_email": "a@example.org"}, "is_anonymous"),
        ({"contact_name": "Amina"}, "is_anonymous"),
        ({"is_anonymous": False, "contact_name": "Amina"}, "contact_email"),
        ({"is_anonymous": False, "contact_phone": "call me maybe"}, "contact_phone"),
        ({"is_anonymous": False, "contact_email": "x" * 250 + "@example.org"}, "contact_email"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        submit(world, **overrides)
    assert field in error.value.message_dict
    assert not Report.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_municipality_the_office_does_not_serve_is_refused(world):
    with pytest.raises(ValidationError) as error:
        submit(world, municipality=MunicipalityFactory(name="Bern"))
    assert error.value.message_dict["municipality"] == ["This municipality is not served by the office."]
    assert not Report.objects.exists()


def test_today_and_no_date_are_accepted(world):
    assert submit(world, occurred_on=TODAY)[0].occurred_on == TODAY
    assert submit(world, occurred_on=None, municipality=None, place="")[0].occurred_on is None


# --- Triage ----------------------------------------------------------------------------------------------


def test_an_admin_assigns_and_moves_a_report_through_its_statuses_audited(world):
    report = ReportFactory(office=world.office)
    report = report_triage(
        report=report, by=world.admin, status=Status.IN_REVIEW, triage_note="", assigned_to=world.counsellor
    )
    assert report.status == Status.IN_REVIEW and report.assigned_to == world.counsellor
    for status in (Status.ACTION, Status.REFERRED, Status.CLOSED, Status.IN_REVIEW):
        report = report_triage(report=report, by=world.admin, status=status, triage_note="Rückruf vereinbart")
        assert report.status == status
    report.refresh_from_db()
    assert report.triage_note == "Rückruf vereinbart"
    events = AuditEvent.objects.filter(target_id=report.pk, action=AuditEvent.Action.UPDATE).order_by("pk")
    details = [event.detail for event in events]
    assert details[0] == f"status new->in_review, assigned {world.counsellor.pk}"
    assert details[1] == "status in_review->action, note"
    assert len(details) == 5
    # The note's text never goes to the log.
    assert not any("Rückruf" in detail for detail in details)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.NEW, Status.ACTION),
        (Status.NEW, Status.REFERRED),
        (Status.CLOSED, Status.ACTION),
        (Status.IN_REVIEW, Status.NEW),
        (Status.NEW, "archived"),
    ],
)
def test_a_status_change_outside_the_workflow_is_refused(world, start, target):
    report = ReportFactory(office=world.office, status=start)
    with pytest.raises(ValidationError) as error:
        report_triage(report=report, by=world.admin, status=target, triage_note="changed too")
    assert "status" in error.value.message_dict
    report.refresh_from_db()
    # Nothing of the request was written, not even the note.
    assert report.status == start and report.triage_note == ""
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_a_new_report_can_be_closed_directly(world):
    report = ReportFactory(office=world.office)
    assert (
        report_triage(report=report, by=world.admin, status=Status.CLOSED, triage_note="").status == "closed"
    )


def test_the_assigned_counsellor_triages_but_cannot_reassign(world):
    report = ReportFactory(office=world.office, assigned_to=world.counsellor)
    report = report_triage(report=report, by=world.counsellor, status=Status.IN_REVIEW, triage_note="ok")
    assert report.status == Status.IN_REVIEW
    with pytest.raises(ValidationError) as error:
        report_triage(
            report=report,
            by=world.counsellor,
            status=Status.IN_REVIEW,
            triage_note="",
            assigned_to=world.colleague,
        )
    assert "assigned_to" in error.value.message_dict
    report.refresh_from_db()
    assert report.assigned_to == world.counsellor and report.triage_note == "ok"


@pytest.mark.parametrize("who", ["colleague", "editor", "statistics", "other_admin"])
def test_who_is_not_admin_or_assigned_counsellor_cannot_triage(world, who):
    report = ReportFactory(office=world.office, assigned_to=world.counsellor)
    with pytest.raises(PermissionError):
        report_triage(report=report, by=getattr(world, who), status=Status.IN_REVIEW, triage_note="")
    report.refresh_from_db()
    assert report.status == Status.NEW


@pytest.mark.parametrize("who", ["editor", "statistics", "other_admin"])
def test_reports_are_assigned_only_to_admins_and_counsellors_of_the_office(world, who):
    report = ReportFactory(office=world.office)
    with pytest.raises(ValidationError) as error:
        report_triage(
            report=report, by=world.admin, status=Status.NEW, triage_note="", assigned_to=getattr(world, who)
        )
    assert "assigned_to" in error.value.message_dict
    report.refresh_from_db()
    assert report.assigned_to is None


def test_a_change_made_meanwhile_is_not_overwritten(world):
    report = ReportFactory(office=world.office)
    version = report_version(report)
    report_triage(report=report, by=world.admin, status=Status.IN_REVIEW, triage_note="first")
    with pytest.raises(StaleReportError):
        report_triage(
            report=report,
            by=world.admin,
            status=Status.CLOSED,
            triage_note="second",
            expected_version=version,
        )
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW and report.triage_note == "first"


def test_saving_without_a_change_writes_no_audit_entry(world):
    report = ReportFactory(office=world.office, status=Status.IN_REVIEW, triage_note="same")
    report_triage(report=report, by=world.admin, status=Status.IN_REVIEW, triage_note=" same ")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_an_overlong_note_is_refused(world):
    report = ReportFactory(office=world.office)
    with pytest.raises(ValidationError) as error:
        report_triage(report=report, by=world.admin, status=Status.IN_REVIEW, triage_note="n" * 4001)
    assert "triage_note" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == Status.NEW


# --- Anonymisation ---------------------------------------------------------------------------------------


def test_anonymising_wipes_what_the_report_says_about_people_and_keeps_the_statistics(world):
    occurred = TODAY - datetime.timedelta(days=40)
    report, _created = submit(
        world,
        occurred_on=occurred,
        is_anonymous=False,
        contact_name="Amina Yusuf",
        contact_email="amina@example.org",
        contact_phone="062 123 45 67",
    )
    report = report_triage(
        report=report, by=world.admin, status=Status.IN_REVIEW, triage_note="Frau Yusuf angerufen"
    )
    report = report_anonymise(report=report, by=world.admin)
    report.refresh_from_db()
    for field in ("place", "description", "contact_name", "contact_email", "contact_phone", "triage_note"):
        assert getattr(report, field) == "", field
        assert raw_column(report, field) == "", field
    assert report.is_anonymous and report.anonymised_at is not None
    assert report.category == Report.Category.HOUSING
    assert report.municipality == world.municipality
    assert report.occurred_on == occurred and report.status == Status.IN_REVIEW
    assert AuditEvent.objects.filter(target_id=report.pk, action=AuditEvent.Action.ANONYMISE).count() == 1
    # Idempotent: a second run changes nothing and logs nothing.
    first = report.anonymised_at
    assert report_anonymise(report=report).anonymised_at == first
    assert AuditEvent.objects.filter(target_id=report.pk, action=AuditEvent.Action.ANONYMISE).count() == 1
    # An anonymised report can no longer be triaged.
    with pytest.raises(ValidationError):
        report_triage(report=report, by=world.admin, status=Status.CLOSED, triage_note="")


def test_a_receipt_due_after_anonymisation_is_not_sent(world):
    report = ReportFactory(office=world.office, is_anonymous=False, contact_email="amina@example.org")
    report_anonymise(report=report)
    report_send_receipt.call(report_id=report.pk, language="en")
    assert mail.outbox == []
