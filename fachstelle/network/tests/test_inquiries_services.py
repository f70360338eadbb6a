"""Services of inquiries: routing, due dates, e-mails after commit, the thread, contact persons."""

import uuid
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from fachstelle.core.models import AuditEvent, Membership
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.network.models import FieldContact, Inquiry, InquiryMessage
from fachstelle.network.services import inquiries as services

from .factories_inquiries import FieldContactFactory, InquiryFactory, staff_member

Role = Membership.Role
Status = Inquiry.Status


@pytest.fixture
def setup(vocab):
    town = MunicipalityFactory(name="Zofingen")
    office = OfficeFactory(municipalities=[town])
    person = staff_member(office, Role.COUNSELLOR, email="wohnen@example.org")
    deputy = staff_member(office, Role.EDITOR, email="stv@example.org")
    contact = FieldContactFactory(
        office=office, field_of_action=vocab["areas"]["wohnen"], person=person, deputy=deputy
    )
    return {"office": office, "town": town, "person": person, "deputy": deputy, "contact": contact, **vocab}


def submit(office, **overrides):
    values = {
        "office": office,
        "submission_key": uuid.uuid4(),
        "sender_type": Inquiry.SenderType.RESIDENT,
        "field_of_action": None,
        "municipality": None,
        "subject": "Wohnungssuche",
        "message": "Wir suchen eine Wohnung für vier Personen.",
        "preferred_language": "de",
        "name": "Amina Yusuf",
        "email": "amina@example.org",
        "language": "de",
    }
    values.update(overrides)
    return services.inquiry_submit(**values)


# --- Working days ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2025, 3, 3), 5, date(2025, 3, 10)),  # Monday → next Monday
        (date(2025, 3, 7), 5, date(2025, 3, 14)),  # Friday → next Friday
        (date(2025, 3, 8), 5, date(2025, 3, 14)),  # Saturday counts from Monday
        (date(2025, 3, 9), 1, date(2025, 3, 10)),  # Sunday + 1 → Monday
        (date(2025, 3, 5), 0, date(2025, 3, 5)),
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert services.add_working_days(start, days) == expected


# --- Submitting -----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_submit_routes_to_the_fields_contact_and_mails_after_commit(setup):
    inquiry, created = submit(
        setup["office"], field_of_action=setup["areas"]["wohnen"], municipality=setup["town"]
    )

    assert created
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == setup["person"]
    assert inquiry.status == Status.NEW
    assert inquiry.due_on == services.inquiry_due_on(timezone.localdate(inquiry.created_at))
    assert inquiry.reference == f"A-{inquiry.pk:06d}"
    [message] = inquiry.messages.all()
    assert message.kind == InquiryMessage.Kind.INCOMING
    assert message.body == "Wir suchen eine Wohnung für vier Personen."
    assert AuditEvent.objects.filter(target_id=inquiry.pk, action=AuditEvent.Action.CREATE).exists()

    notification, receipt = mail.outbox
    assert notification.to == ["wohnen@example.org"]
    assert notification.cc == ["stv@example.org"]
    assert inquiry.reference in notification.subject
    # No personal data of the sender in the staff mail: it is read in the (audited) staff area.
    assert "amina@example.org" not in notification.body
    assert "vier Personen" not in notification.body
    assert receipt.to == ["amina@example.org"]
    assert inquiry.reference in receipt.subject


@pytest.mark.django_db
def test_dont_know_goes_to_the_triage_inbox_and_the_office_address(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry, _created = submit(setup["office"])
    assert inquiry.field_of_action is None
    assert inquiry.assigned_to is None
    assert mail.outbox[0].to == [setup["office"].email]


@pytest.mark.django_db
def test_field_without_contact_stays_unassigned(setup):
    inquiry, _created = submit(setup["office"], field_of_action=setup["areas"]["arbeit"])
    assert inquiry.field_of_action == setup["areas"]["arbeit"]
    assert inquiry.assigned_to is None


@pytest.mark.django_db
def test_inactive_contact_person_leaves_the_inquiry_in_triage(setup):
    setup["person"].is_active = False
    setup["person"].save()
    inquiry, _created = submit(setup["office"], field_of_action=setup["areas"]["wohnen"])
    assert inquiry.assigned_to is None


@pytest.mark.django_db
def test_same_submission_key_stores_and_sends_once(setup, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first, created = submit(setup["office"], submission_key=key)
    with django_capture_on_commit_callbacks(execute=True):
        second, created_again = submit(setup["office"], submission_key=key)
    assert created and not created_again
    assert first.pk == second.pk
    assert Inquiry.objects.count() == 1
    assert len(mail.outbox) == 2  # notification and receipt of the first submit only


@pytest.mark.django_db
def test_municipality_not_served_is_refused(setup):
    with pytest.raises(ValidationError) as error:
        submit(setup["office"], municipality=MunicipalityFactory(name="Elsewhere"))
    assert "municipality" in error.value.message_dict
    assert not Inquiry.objects.exists()


@pytest.mark.django_db
def test_invalid_email_and_empty_message_are_refused_by_the_service(setup):
    with pytest.raises(ValidationError) as error:
        submit(setup["office"], email="not-an-address", message="   ")
    assert {"email", "message"} <= set(error.value.message_dict)
    assert not Inquiry.objects.exists()


# --- Working on an inquiry ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reply_answers_sends_with_reference_and_keeps_the_thread(setup, django_capture_on_commit_callbacks):
    inquiry = InquiryFactory(office=setup["office"], email="amina@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.inquiry_reply(inquiry=inquiry, body="Hello, here is our answer.", by=setup["person"])

    inquiry.refresh_from_db()
    reply.refresh_from_db()
    assert inquiry.status == Status.ANSWERED
    assert inquiry.answered_at is not None
    assert inquiry.assigned_to == setup["person"]  # who answers an unassigned inquiry takes it
    assert reply.kind == InquiryMessage.Kind.REPLY
    assert reply.author == setup["person"]
    assert reply.sent_at is not None
    [sent] = mail.outbox
    assert sent.to == ["amina@example.org"]
    assert inquiry.reference in sent.subject
    assert "Hello, here is our answer." in sent.body


@pytest.mark.django_db
def test_second_reply_keeps_the_first_answer_time(setup):
    inquiry = InquiryFactory(office=setup["office"])
    services.inquiry_reply(inquiry=inquiry, body="First.", by=setup["person"])
    first = Inquiry.objects.get(pk=inquiry.pk).answered_at
    services.inquiry_reply(inquiry=inquiry, body="Second.", by=setup["person"])
    assert Inquiry.objects.get(pk=inquiry.pk).answered_at == first
    assert inquiry.messages.filter(kind=InquiryMessage.Kind.REPLY).count() == 2


@pytest.mark.django_db
def test_empty_reply_and_reply_to_a_closed_inquiry_are_refused(setup):
    inquiry = InquiryFactory(office=setup["office"])
    with pytest.raises(ValidationError):
        services.inquiry_reply(inquiry=inquiry, body="  ", by=setup["person"])
    services.inquiry_set_status(inquiry=inquiry, status=Status.CLOSED, by=setup["person"])
    with pytest.raises(ValidationError):
        services.inquiry_reply(inquiry=inquiry, body="Too late", by=setup["person"])
    assert not inquiry.messages.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_close_and_reopen(setup):
    inquiry = InquiryFactory(office=setup["office"])
    services.inquiry_set_status(inquiry=inquiry, status=Status.CLOSED, by=setup["person"])
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED and inquiry.closed_at is not None
    services.inquiry_set_status(inquiry=inquiry, status=Status.IN_PROGRESS, by=setup["person"])
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS and inquiry.closed_at is None
    with pytest.raises(ValidationError):
        services.inquiry_set_status(inquiry=inquiry, status="bogus", by=setup["person"])


@pytest.mark.django_db
def test_assign_only_to_inquiry_staff_of_the_office(setup, django_capture_on_commit_callbacks):
    office = setup["office"]
    inquiry = InquiryFactory(office=office)
    outsider = staff_member(OfficeFactory(), Role.ADMIN)
    statistician = staff_member(office, Role.STATISTICS)
    for user in (outsider, statistician):
        with pytest.raises(ValidationError):
            services.inquiry_assign(inquiry=inquiry, to=user, by=setup["person"])
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_assign(inquiry=inquiry, to=setup["deputy"], by=setup["person"])
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == setup["deputy"]
    assert inquiry.status == Status.IN_PROGRESS
    assert mail.outbox[0].to == ["stv@example.org"]
    services.inquiry_assign(inquiry=inquiry, to=None, by=setup["person"])
    inquiry.refresh_from_db()
    assert inquiry.assigned_to is None


@pytest.mark.django_db
def test_note_and_due_date_are_audited(setup):
    inquiry = InquiryFactory(office=setup["office"])
    note = services.inquiry_add_note(inquiry=inquiry, body="Call back on Monday", by=setup["person"])
    services.inquiry_set_due(inquiry=inquiry, due_on=date(2030, 1, 4), by=setup["person"])
    inquiry.refresh_from_db()
    assert note.kind == InquiryMessage.Kind.NOTE
    assert inquiry.due_on == date(2030, 1, 4)
    assert AuditEvent.objects.filter(target_id=inquiry.pk, action=AuditEvent.Action.UPDATE).count() == 2
    assert not mail.outbox  # notes never go to the sender


# --- Contact persons ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_field_contact_checks_people_and_duplicates(setup):
    office = setup["office"]
    admin = staff_member(office, Role.ADMIN)
    outsider = staff_member(OfficeFactory())
    with pytest.raises(ValidationError) as error:
        services.field_contact_save(
            office=office,
            by=admin,
            field_of_action=setup["areas"]["wohnen"],
            person=outsider,
            deputy=outsider,
        )
    assert {"person", "deputy", "field_of_action"} <= set(error.value.message_dict)

    contact = services.field_contact_save(
        office=office,
        by=admin,
        field_of_action=setup["areas"]["arbeit"],
        person=setup["person"],
        deputy=setup["deputy"],
        public_title=" Arbeit und Beruf ",
        languages=[setup["languages"]["ti"]],
    )
    assert contact.public_title == "Arbeit und Beruf"
    assert list(contact.languages.all()) == [setup["languages"]["ti"]]
    with pytest.raises(ValidationError) as error:
        services.field_contact_save(
            office=office,
            by=admin,
            contact=contact,
            field_of_action=setup["areas"]["arbeit"],
            person=setup["person"],
            deputy=setup["person"],
        )
    assert "deputy" in error.value.message_dict
    services.field_contact_delete(contact=contact, by=admin)
    assert FieldContact.objects.filter(office=office).count() == 1
