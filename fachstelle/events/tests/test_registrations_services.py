"""Registration rules: open/closed, people limits, capacity → waitlist or refusal, approval, double submit,
cancellation with FIFO promotion and notification, reject, check-in, cancellation notice."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import UserFactory
from fachstelle.events.models import Event, Registration
from fachstelle.events.services.registrations import (
    event_cancel_notify,
    event_places,
    event_waitlist_promote,
    registration_approve,
    registration_cancel,
    registration_check_in,
    registration_check_in_undo,
    registration_create,
    registration_reject,
)

from .factories_public import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """registration_create with the after-commit e-mails executed."""

    def call(event, **kwargs):
        kwargs.setdefault("name", "Amina Tesfay")
        kwargs.setdefault("email", f"{uuid.uuid4().hex[:8]}@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            return registration_create(event=event, **kwargs)

    return call


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def call(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return call


def test_confirmed_while_places_left_and_mail_with_ics(register):
    event = EventFactory(capacity=3)
    registration = register(event, people=2, email="amina@example.org", language="ti")
    assert registration.status == S.CONFIRMED
    assert event_places(event) == event_places(event).__class__(3, 2, 0, 0, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert [a[0] for a in message.attachments] == [f"{event.slug}.ics"]
    assert message.attachments[0][2].startswith("text/calendar")
    assert registration.token in message.body  # the personal link
    assert message.alternatives and message.alternatives[0][1] == "text/html"


def test_full_event_puts_people_on_the_waitlist_without_ics(register):
    event = EventFactory(capacity=2)
    register(event, people=2)
    mail.outbox.clear()
    waiting = register(event, people=1)
    assert waiting.status == S.WAITLISTED
    assert not mail.outbox[0].attachments
    places = event_places(event)
    assert (places.confirmed, places.waitlisted, places.free, places.is_full) == (2, 1, 0, True)


def test_full_event_without_waitlist_refuses_and_writes_nothing(register, english):
    event = EventFactory(capacity=1, waitlist_enabled=False)
    register(event)
    with pytest.raises(ValidationError) as error:
        register(event)
    assert "fully booked" in str(error.value.message_dict[NON_FIELD_ERRORS])
    assert Registration.objects.filter(event=event).count() == 1


def test_group_that_does_not_fit_is_waitlisted_while_a_single_person_still_fits(register):
    event = EventFactory(capacity=3)
    register(event, people=2)
    assert register(event, people=2).status == S.WAITLISTED
    assert register(event, people=1).status == S.CONFIRMED
    assert event_places(event).free == 0


def test_unlimited_capacity_always_confirms(register):
    event = EventFactory(capacity=None)
    for _ in range(3):
        assert register(event, people=6).status == S.CONFIRMED
    assert event_places(event).free is None


def test_approval_flow_pending_holds_the_place_then_confirmed(register, committed):
    event = EventFactory(capacity=1, requires_approval=True)
    staff = UserFactory()
    pending = register(event, email="p@example.org")
    assert pending.status == S.PENDING
    assert event_places(event).pending == 1
    assert register(event).status == S.WAITLISTED  # the pending one holds the only place
    mail.outbox.clear()
    approved = committed(registration_approve, registration=pending, by=staff)
    assert approved.status == S.CONFIRMED
    assert mail.outbox[0].to == ["p@example.org"] and mail.outbox[0].attachments
    assert AuditEvent.objects.filter(target_type="events.registration", target_id=pending.pk).exists()
    # Approving twice changes nothing; approving a waitlisted one is refused.
    assert registration_approve(registration=pending, by=staff).status == S.CONFIRMED
    with pytest.raises(ValidationError):
        registration_approve(registration=Registration.objects.get(status=S.WAITLISTED), by=staff)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registration_deadline": "past"}, "deadline has passed"),
        ({"starts_at": "past"}, "already started"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"status": Event.Status.DRAFT}, "not published"),
        ({"registration_enabled": False}, "not possible"),
    ],
)
def test_closed_events_refuse_registration(register, english, changes, message):
    now = timezone.now()
    values = dict(changes)
    if values.get("registration_deadline") == "past":
        values["registration_deadline"] = now - datetime.timedelta(minutes=1)
    if values.get("starts_at") == "past":
        values["starts_at"] = now - datetime.timedelta(minutes=5)
        values["ends_at"] = now + datetime.timedelta(hours=1)
    event = EventFactory(**values)
    with pytest.raises(ValidationError) as error:
        register(event)
    assert message in " ".join(error.value.message_dict[NON_FIELD_ERRORS])
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_deadline_in_the_future_is_open(register):
    event = EventFactory(registration_deadline=timezone.now() + datetime.timedelta(hours=1))
    assert register(event).status == S.CONFIRMED


@pytest.mark.parametrize("people", [0, -1, 7])
def test_people_outside_limits_are_refused(register, people):
    event = EventFactory(max_people_per_registration=6)
    with pytest.raises(ValidationError) as error:
        register(event, people=people)
    assert "people" in error.value.message_dict
    assert not Registration.objects.exists()


def test_email_or_phone_required_phone_alone_is_enough(register):
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        register(event, email="", phone="")
    assert "email" in error.value.message_dict
    registration = register(event, email="", phone="079 123 45 67")
    assert registration.status == S.CONFIRMED
    assert not mail.outbox  # nobody to write to


def test_bad_email_is_a_field_error(register):
    with pytest.raises(ValidationError) as error:
        register(EventFactory(), email="not-an-address")
    assert "email" in error.value.message_dict


def test_same_submission_key_returns_the_first_registration(register):
    event = EventFactory(capacity=5)
    key = uuid.uuid4()
    first = register(event, submission_key=key, people=2)
    second = register(event, submission_key=key, people=2)
    assert second.pk == first.pk
    assert Registration.objects.filter(event=event).count() == 1
    assert event_places(event).confirmed == 2
    assert len(mail.outbox) == 1


def test_cancel_promotes_the_waitlist_first_in_first_out_and_notifies(register, committed):
    event = EventFactory(capacity=2)
    holder = register(event, people=2)
    first = register(event, people=1, email="first@example.org")
    second = register(event, people=1, email="second@example.org")
    third = register(event, people=1, email="third@example.org")
    mail.outbox.clear()
    promoted = committed(registration_cancel, registration=holder)
    assert [r.pk for r in promoted] == [first.pk, second.pk]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: S.CANCELLED,
        first.pk: S.CONFIRMED,
        second.pk: S.CONFIRMED,
        third.pk: S.WAITLISTED,
    }
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([holder.email, "first@example.org", "second@example.org"])
    promoted_mails = [m for m in mail.outbox if m.to[0] in ("first@example.org", "second@example.org")]
    assert all(m.attachments for m in promoted_mails)  # the promoted get the calendar file
    assert event_places(event).free == 0


def test_promotion_stops_at_a_head_that_does_not_fit(register, committed):
    """Strict order: a group of three at the head is not overtaken by a single person behind it."""
    event = EventFactory(capacity=3)
    one = register(event, people=1)
    register(event, people=2)
    group = register(event, people=3)
    single = register(event, people=1)
    assert committed(registration_cancel, registration=one) == []
    assert Registration.objects.get(pk=group.pk).status == S.WAITLISTED
    assert Registration.objects.get(pk=single.pk).status == S.WAITLISTED
    assert event_places(event).free == 1


def test_cancel_is_idempotent(register, committed):
    event = EventFactory(capacity=1)
    holder = register(event)
    waiting = register(event)
    assert len(committed(registration_cancel, registration=holder)) == 1
    mail.outbox.clear()
    assert committed(registration_cancel, registration=holder) == []
    assert not mail.outbox
    assert Registration.objects.get(pk=waiting.pk).status == S.CONFIRMED


def test_cancelling_a_waitlisted_registration_promotes_nobody_else(register, committed):
    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    assert committed(registration_cancel, registration=waiting) == []
    assert event_places(event).waitlisted == 0


def test_staff_cancel_is_audited(register, committed):
    event = EventFactory(capacity=1)
    registration = register(event)
    staff = UserFactory()
    committed(registration_cancel, registration=registration, by=staff)
    assert AuditEvent.objects.filter(actor=staff, target_id=registration.pk).count() == 1


def test_promoted_with_approval_become_pending(register, committed):
    event = EventFactory(capacity=1, requires_approval=True)
    holder = register(event)
    waiting = register(event)
    committed(registration_cancel, registration=holder)
    assert Registration.objects.get(pk=waiting.pk).status == S.PENDING


def test_reject_frees_the_place_and_mails_the_reason(register, committed, english):
    event = EventFactory(capacity=1, requires_approval=True)
    staff = UserFactory()
    pending = register(event, email="p@example.org", language="en")
    waiting = register(event)
    mail.outbox.clear()
    promoted = committed(registration_reject, registration=pending, by=staff, reason="Only for residents")
    assert [r.pk for r in promoted] == [waiting.pk]
    pending.refresh_from_db()
    assert pending.status == S.REJECTED
    rejection = next(m for m in mail.outbox if m.to == ["p@example.org"])
    assert "Only for residents" in rejection.body
    assert not rejection.attachments
    assert committed(registration_reject, registration=pending, by=staff) == []


def test_waitlist_promote_after_capacity_raised(register, committed):
    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    Event.objects.filter(pk=event.pk).update(capacity=2)
    promoted = committed(event_waitlist_promote, event=event)
    assert [r.pk for r in promoted] == [waiting.pk]


def test_new_registration_does_not_overtake_waitlist_after_capacity_raised(register):
    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    Event.objects.filter(pk=event.pk).update(capacity=2)
    event.refresh_from_db()
    newcomer = register(event)
    assert Registration.objects.get(pk=waiting.pk).status == S.CONFIRMED
    assert newcomer.status == S.WAITLISTED


def test_check_in_and_undo(register):
    staff = UserFactory()
    registration = register(EventFactory(), people=3)
    checked = registration_check_in(registration=registration, by=staff)
    assert checked.checked_in_at is not None and checked.attended_people == 3
    checked = registration_check_in(registration=registration, by=staff, people=2)
    assert checked.attended_people == 2
    with pytest.raises(ValidationError):
        registration_check_in(registration=registration, by=staff, people=0)
    undone = registration_check_in_undo(registration=registration, by=staff)
    assert undone.checked_in_at is None and undone.attended_people is None


def test_check_in_refused_for_waitlisted(register):
    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    with pytest.raises(ValidationError):
        registration_check_in(registration=waiting, by=UserFactory())


def test_event_cancel_notify_mails_active_registrants_only(committed):
    event = EventFactory()
    for status in (S.CONFIRMED, S.PENDING, S.WAITLISTED, S.CANCELLED, S.REJECTED):
        RegistrationFactory(event=event, status=status, email=f"{status}@example.org")
    RegistrationFactory(event=event, status=S.CONFIRMED, email="", phone="079")
    assert committed(event_cancel_notify, event=event) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "confirmed@example.org",
        "pending@example.org",
        "waitlisted@example.org",
    ]
    assert all(not m.attachments for m in mail.outbox)


def test_mail_is_in_the_registrants_language(register):
    event = EventFactory()
    register(event, language="fr", email="fr@example.org")
    register(event, language="ti", email="ti@example.org")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "/fr/" in by_address["fr@example.org"].body
    assert "/ti/" in by_address["ti@example.org"].body
    assert all(link.startswith("http://testserver/") for link in _links(by_address["fr@example.org"].body))


def _links(text: str) -> list[str]:
    return [word for word in text.split() if "://" in word]


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration_create(event=event, name="X", email="x@example.org")
    assert len(callbacks) == 1
    assert not mail.outbox  # mails leave only after commit
