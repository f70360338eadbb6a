"""Mailings to segments of the network: compose, send in the background, unsubscribe.

Sending is two steps so that no request waits for hundreds of e-mails: `mailing_send` (in the request)
freezes the recipient list in one bulk insert and enqueues `mailing_tasks.mailing_deliver` after commit;
the task sends the queued recipients in batches over one SMTP connection and records each one's outcome.
Each e-mail carries a signed unsubscribe link (no table of tokens: the signature proves office and
address) in the text and in the `List-Unsubscribe` header.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Office

from ..models import Contact, KeyPerson, Mailing, MailingOptOut, MailingRecipient, Organisation
from ..selectors.mailings import INCLUDES, mailing_recipient_plan, normalise_email

logger = logging.getLogger(__name__)

# Messages per send_messages() call: small enough that one refused batch costs little to retry one by one.
BATCH_SIZE = 50
UNSUBSCRIBE_SALT = "fachstelle.network.unsubscribe"
SEGMENT_KEYS = ("include", "kinds", "fields", "municipalities", "key_person_languages")


# --- Unsubscribe links ---------------------------------------------------------------------------------


def unsubscribe_token(*, office: Office, email: str) -> str:
    return signing.dumps({"o": office.pk, "e": normalise_email(email)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_email(*, office: Office, token: str) -> str | None:
    """The address a token was made for, or None when it is forged, damaged or of another office.
    Tokens do not expire: an unsubscribe link in an old e-mail must keep working."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("o") != office.pk or not data.get("e"):
        return None
    return str(data["e"])


def unsubscribe_url(*, office: Office, email: str) -> str:
    # Mailings are written in the office's working language; the page opens in it too.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "network_public:unsubscribe",
            kwargs={"office_slug": office.slug, "token": unsubscribe_token(office=office, email=email)},
        )
    return settings.SITE_URL + path


def mailing_unsubscribe(*, office: Office, email: str) -> None:
    """Record the opt-out for the office and mark every record of the office with this address, so that
    staff see "no mailings" on the organisation, contact or key person too."""
    email = normalise_email(email)
    with transaction.atomic():
        MailingOptOut.objects.get_or_create(office=office, email=email)
        Organisation.objects.filter(office=office, email__iexact=email).update(mailing_opt_out=True)
        Contact.objects.filter(organisation__office=office, email__iexact=email).update(mailing_opt_out=True)
        KeyPerson.objects.filter(office=office, email__iexact=email).update(mailing_opt_out=True)


# --- Compose -------------------------------------------------------------------------------------------


def segment_clean(segment: dict) -> dict:
    """The segment with known keys only, and the rule that it names at least one group of addresses."""
    cleaned = {key: list(segment.get(key) or []) for key in SEGMENT_KEYS}
    cleaned["include"] = [value for value in cleaned["include"] if value in INCLUDES]
    if not cleaned["include"]:
        raise ValidationError(
            {"include": _("Choose who receives it: organisations, their contact persons or key persons.")}
        )
    return cleaned


def _mailing_save(mailing: Mailing, *, subject: str, body: str, segment: dict) -> Mailing:
    errors = {}
    try:
        mailing.segment = segment_clean(segment)
    except ValidationError as error:
        errors.update(error.message_dict)
    mailing.subject = subject.strip()
    mailing.body = body.strip()
    try:
        mailing.full_clean(exclude=["segment"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    mailing.save()
    return mailing


def mailing_create(*, office: Office, by, subject: str, body: str, segment: dict) -> Mailing:
    with transaction.atomic():
        return _mailing_save(
            Mailing(office=office, created_by=by), subject=subject, body=body, segment=segment
        )


def mailing_update(*, mailing: Mailing, subject: str, body: str, segment: dict) -> Mailing:
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise ValidationError(_("This mailing has been sent and can no longer be changed."))
        return _mailing_save(mailing, subject=subject, body=body, segment=segment)


def mailing_delete(*, mailing: Mailing) -> None:
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise ValidationError(_("A mailing that has been sent is kept as a record."))
        mailing.delete()


# --- Send ----------------------------------------------------------------------------------------------


def mailing_send(*, mailing: Mailing, by) -> int:
    """Freeze the recipients (one bulk insert; unsubscribed addresses as "skipped"), set the mailing to
    "sending" and enqueue the delivery after commit. Returns the number of e-mails to send."""
    from ..mailing_tasks import mailing_deliver_task

    with transaction.atomic():
        # The lock makes a double click (or two staff members) send the mailing once.
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise ValidationError(_("This mailing has already been sent."))
        plan = mailing_recipient_plan(office=mailing.office, segment=mailing.segment)
        if not plan.to_send:
            raise ValidationError(
                _("Nobody in this selection can receive the mailing. Widen the selection of recipients.")
            )
        status = MailingRecipient.Status
        rows = [
            MailingRecipient(mailing=mailing, email=a.email.strip(), name=a.name, source=a.source)
            for a in plan.to_send
        ] + [
            MailingRecipient(
                mailing=mailing, email=a.email.strip(), name=a.name, source=a.source, status=status.SKIPPED
            )
            for a in plan.to_skip
        ]
        MailingRecipient.objects.bulk_create(rows, batch_size=500)
        mailing.status = Mailing.Status.SENDING
        mailing.save(update_fields=["status"])
        mailing_id = mailing.pk
        transaction.on_commit(lambda: mailing_deliver_task.enqueue(mailing_id=mailing_id))
    return plan.count


def mailing_message(*, mailing: Mailing, email: str, connection=None) -> EmailMessage:
    """The e-mail to one recipient: the text, the office's signature and the personal unsubscribe link."""
    office = mailing.office
    url = unsubscribe_url(office=office, email=email)
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "network/mailings/email/mailing.txt",
            {"mailing": mailing, "office": office, "unsubscribe_url": url},
        )
    return EmailMessage(
        subject=mailing.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        reply_to=[office.email] if office.email else None,
        # RFC 2369 and RFC 8058: mail programs show their own "unsubscribe" button, which POSTs to the link.
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        connection=connection,
    )


def _send_batch(connection, mailing: Mailing, batch: list[MailingRecipient]) -> None:
    """Send one batch and set each recipient's outcome. When the server refuses the batch, each message is
    tried alone, so that one bad address does not fail its 49 neighbours."""
    now = timezone.now()
    messages = [mailing_message(mailing=mailing, email=r.email, connection=connection) for r in batch]
    try:
        connection.send_messages(messages)
    except Exception:
        logger.warning("Mailing %s: batch refused, sending one by one", mailing.pk, exc_info=True)
        for recipient, message in zip(batch, messages, strict=True):
            try:
                connection.send_messages([message])
            except Exception as error:
                recipient.status = MailingRecipient.Status.FAILED
                recipient.error = (str(error) or error.__class__.__name__)[:300]
            else:
                recipient.status, recipient.sent_at = MailingRecipient.Status.SENT, now
    else:
        for recipient in batch:
            recipient.status, recipient.sent_at = MailingRecipient.Status.SENT, now
    MailingRecipient.objects.bulk_update(batch, ["status", "error", "sent_at"])


def mailing_deliver(*, mailing_id: int) -> None:
    """Send the queued recipients of a mailing (run by the task queue). Only "queued" rows are sent, so a
    worker that died half-way resumes where it stopped and nobody gets the mailing twice."""
    mailing = Mailing.objects.select_related("office").get(pk=mailing_id)
    if mailing.status != Mailing.Status.SENDING:
        return
    queued = MailingRecipient.objects.filter(mailing=mailing, status=MailingRecipient.Status.QUEUED)
    connection = get_connection()
    connection.open()
    try:
        while batch := list(queued.order_by("pk")[:BATCH_SIZE]):
            _send_batch(connection, mailing, batch)
    finally:
        connection.close()
    Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
        status=Mailing.Status.SENT, sent_at=timezone.now()
    )
