"""Mailings: who a segment reaches, sending in the background in batches, per-recipient status, and the
unsubscribe link that later mailings honour."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from fachstelle.network.models import Mailing, MailingOptOut, MailingRecipient
from fachstelle.network.selectors.mailings import mailing_recipient_plan, segment_addresses
from fachstelle.network.services import mailings as services

from .factories_mailings import ContactFactory, KeyPersonFactory, MailingFactory, network_world

pytestmark = pytest.mark.django_db

Status = MailingRecipient.Status
OFTRINGEN_ASSOCIATIONS = {"kinds": ["association"], "municipalities": [4280], "include": ["organisations"]}


@pytest.fixture
def world():
    return network_world()


def _send(mailing, by, capture):
    with capture(execute=True):
        return services.mailing_send(mailing=mailing, by=by)


# --- Segments ------------------------------------------------------------------------------------------


def test_segment_reaches_associations_located_in_or_serving_the_municipality(world):
    emails = {a.email for a in segment_addresses(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)}
    assert emails == {world.seat_association.email, world.serving_association.email}


def test_segment_leaves_out_inactive_organisations_and_other_offices(world):
    world.seat_association.is_active = False
    world.seat_association.save()
    from fachstelle.core.tests.factories import OrganisationFactory

    OrganisationFactory(office=world.other_office, municipality=world.oftringen)
    emails = {a.email for a in segment_addresses(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)}
    assert emails == {world.serving_association.email}


def test_segment_by_field_of_action_and_contacts(world, vocab):
    world.church.fields_of_action.set([vocab["areas"]["sprache"]])
    contact = ContactFactory(organisation=world.church)
    ContactFactory(organisation=world.seat_association)  # organisation without the field
    segment = {"fields": ["sprache"], "include": ["contacts"]}
    assert [a.email for a in segment_addresses(office=world.office, segment=segment)] == [contact.email]


def test_key_persons_by_language_only_with_consent(world, vocab):
    tigrinya, arabic = vocab["languages"]["ti"], vocab["languages"]["ar"]
    speaks = KeyPersonFactory(office=world.office, speaks=[tigrinya])
    KeyPersonFactory(office=world.office, speaks=[tigrinya], consent_contact=False)
    KeyPersonFactory(office=world.office, speaks=[arabic])
    KeyPersonFactory(office=world.other_office, speaks=[tigrinya])
    segment = {"key_person_languages": ["ti"], "include": ["key_persons"]}
    assert [a.source for a in segment_addresses(office=world.office, segment=segment)] == [
        f"key_person:{speaks.pk}"
    ]


def test_plan_deduplicates_by_email_and_skips_opted_out(world):
    # The association's contact uses the association's general address (in other letter case).
    ContactFactory(organisation=world.seat_association, email=world.seat_association.email.upper())
    ContactFactory(organisation=world.serving_association, email="no-more@example.org", mailing_opt_out=True)
    MailingOptOut.objects.create(office=world.office, email=world.zofingen_association.email)
    segment = {"kinds": ["association"], "include": ["organisations", "contacts"]}
    plan = mailing_recipient_plan(office=world.office, segment=segment)
    assert [a.email for a in plan.to_send] == [world.serving_association.email, world.seat_association.email]
    assert {a.email for a in plan.to_skip} == {"no-more@example.org", world.zofingen_association.email}


# --- Compose -------------------------------------------------------------------------------------------


def test_create_refuses_empty_subject_and_empty_segment(world):
    with pytest.raises(ValidationError) as error:
        services.mailing_create(office=world.office, by=world.editor, subject="  ", body="Text", segment={})
    assert set(error.value.message_dict) == {"subject", "include"}
    assert not Mailing.objects.exists()


def test_sent_mailing_cannot_be_edited_or_sent_again(world, django_capture_on_commit_callbacks):
    mailing = MailingFactory(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)
    _send(mailing, world.editor, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        services.mailing_update(mailing=mailing, subject="Neu", body="x", segment=OFTRINGEN_ASSOCIATIONS)
    with pytest.raises(ValidationError):
        services.mailing_send(mailing=mailing, by=world.editor)
    assert MailingRecipient.objects.filter(mailing=mailing).count() == 2


def test_send_refuses_a_segment_nobody_can_receive(world, django_capture_on_commit_callbacks):
    mailing = MailingFactory(
        office=world.office, segment={"kinds": ["employer"], "include": ["organisations"]}
    )
    with pytest.raises(ValidationError):
        _send(mailing, world.editor, django_capture_on_commit_callbacks)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT
    assert not mailing.recipients.exists()


# --- Sending -------------------------------------------------------------------------------------------


def test_mailing_reaches_the_associations_of_oftringen_and_an_unsubscribe_is_honoured(
    world, django_capture_on_commit_callbacks
):
    """The issue's "done when": send, follow the link in the e-mail, the next mailing skips the address."""
    mailing = MailingFactory(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)
    count = _send(mailing, world.editor, django_capture_on_commit_callbacks)

    assert count == 2
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT and mailing.sent_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.seat_association.email, world.serving_association.email]
    )
    assert set(mailing.recipients.values_list("status", flat=True)) == {Status.SENT}
    message = next(m for m in mail.outbox if m.to == [world.seat_association.email])
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body and "Wir laden Sie herzlich ein." in message.body

    # The recipient confirms on the page of the link.
    token = link.rstrip("/").rsplit("/", 1)[1]
    email = services.unsubscribe_token_email(office=world.office, token=token)
    services.mailing_unsubscribe(office=world.office, email=email)
    world.seat_association.refresh_from_db()
    assert world.seat_association.mailing_opt_out

    mail.outbox.clear()
    second = MailingFactory(office=world.office, subject="Zweite", segment=OFTRINGEN_ASSOCIATIONS)
    assert _send(second, world.editor, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[world.serving_association.email]]
    skipped = second.recipients.get(email=world.seat_association.email)
    assert skipped.status == Status.SKIPPED and skipped.sent_at is None


def test_nothing_is_sent_until_the_transaction_commits(world, django_capture_on_commit_callbacks):
    mailing = MailingFactory(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.mailing_send(mailing=mailing, by=world.editor)
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert set(mailing.recipients.values_list("status", flat=True)) == {Status.QUEUED}


class CountingBackend(LocmemBackend):
    """The locmem backend, counting connections and calls; refuses any batch containing "bounce"."""

    instances = 0
    batches: list[int] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type(self).instances += 1

    def send_messages(self, messages):
        type(self).batches.append(len(messages))
        if any("bounce" in m.to[0] for m in messages):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


def test_large_mailing_uses_one_connection_and_batches_of_fifty(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.instances, CountingBackend.batches = 0, []
    ContactFactory.create_batch(120, organisation=world.seat_association)
    mailing = MailingFactory(office=world.office, segment={"include": ["contacts"]})
    assert _send(mailing, world.editor, django_capture_on_commit_callbacks) == 120
    assert CountingBackend.instances == 1
    assert CountingBackend.batches == [50, 50, 20]
    assert len(mail.outbox) == 120


def test_refused_address_fails_alone_with_its_error(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.instances, CountingBackend.batches = 0, []
    ContactFactory(organisation=world.seat_association, email="bounce@example.org")
    ContactFactory(organisation=world.seat_association, email="fine@example.org")
    mailing = MailingFactory(office=world.office, segment={"include": ["contacts"]})
    _send(mailing, world.editor, django_capture_on_commit_callbacks)
    failed = mailing.recipients.get(email="bounce@example.org")
    assert failed.status == Status.FAILED and "550" in failed.error
    assert mailing.recipients.get(email="fine@example.org").status == Status.SENT
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT


def test_delivery_resumes_without_sending_twice(world):
    """A worker that stopped half-way: a second run sends only the recipients still queued."""
    mailing = MailingFactory(office=world.office, status=Mailing.Status.SENDING)
    MailingRecipient.objects.create(mailing=mailing, email="done@example.org", source="x", status=Status.SENT)
    MailingRecipient.objects.create(mailing=mailing, email="open@example.org", source="x")
    services.mailing_deliver(mailing_id=mailing.pk)
    assert [m.to for m in mail.outbox] == [["open@example.org"]]


# --- Unsubscribe ---------------------------------------------------------------------------------------


def test_unsubscribe_token_is_bound_to_the_office(world):
    token = services.unsubscribe_token(office=world.office, email="A@Example.org")
    assert services.unsubscribe_token_email(office=world.office, token=token) == "a@example.org"
    assert services.unsubscribe_token_email(office=world.other_office, token=token) is None
    assert services.unsubscribe_token_email(office=world.office, token=token[:-2] + "xx") is None
    assert services.unsubscribe_token_email(office=world.office, token="garbage") is None


def test_unsubscribe_marks_every_record_of_the_office_with_the_address(world):
    shared = "kontakt@verein.example"
    contact = ContactFactory(organisation=world.church, email=shared)
    person = KeyPersonFactory(office=world.office, email=shared.upper())
    elsewhere = KeyPersonFactory(office=world.other_office, email=shared)
    services.mailing_unsubscribe(office=world.office, email=shared)
    services.mailing_unsubscribe(office=world.office, email=shared)  # twice: still one row
    contact.refresh_from_db(), person.refresh_from_db(), elsewhere.refresh_from_db()
    assert contact.mailing_opt_out and person.mailing_opt_out
    assert not elsewhere.mailing_opt_out
    assert MailingOptOut.objects.filter(office=world.office, email=shared).count() == 1
    assert not MailingOptOut.objects.filter(office=world.other_office).exists()
