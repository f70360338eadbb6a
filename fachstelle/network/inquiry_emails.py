"""E-mails of inquiries (django-tasks, enqueued after commit by `services.inquiries`).

Templates: network/inquiries/email/<name>.txt and <name>_subject.txt. Mails to staff are in German (the
office's working language) and carry no personal data of the sender (name, address, message): only the
reference, topic, subject and a link to the staff area, where every read is audited. Mails to the sender
are in the language they chose (German when the interface has no catalogue for it), name the reference in
the subject and answer to the office (Reply-To).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import FieldContact, Inquiry, InquiryMessage

logger = logging.getLogger(__name__)

TEMPLATES = "network/inquiries/email/"


def mail_language(*codes: str | None) -> str:
    """The first of `codes` the interface is translated into, else German."""
    for code in codes:
        if code in settings.UI_LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def _staff_url(inquiry: Inquiry) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "network:inquiry_detail", kwargs={"office_slug": inquiry.office.slug, "inquiry_id": inquiry.pk}
        )
    return settings.SITE_URL + path


def _send(
    *,
    inquiry: Inquiry,
    template: str,
    to: list[str],
    cc: list[str] | None = None,
    language: str,
    context: dict | None = None,
    reply_to: list[str] | None = None,
) -> None:
    context = {
        "inquiry": inquiry,
        "office": inquiry.office,
        "reference": inquiry.reference,
        **(context or {}),
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"{TEMPLATES}{template}_subject.txt", context).split())
        body = render_to_string(f"{TEMPLATES}{template}.txt", context)
    EmailMessage(
        subject=f"[{inquiry.office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=[address for address in cc or [] if address and address not in to] or None,
        reply_to=[address for address in reply_to or [] if address] or None,
    ).send()


def _inquiry(inquiry_id: int) -> Inquiry:
    return Inquiry.objects.select_related("office", "field_of_action", "municipality", "assigned_to").get(
        pk=inquiry_id
    )


@task()
def inquiry_notify_staff(*, inquiry_id: int) -> None:
    """A new inquiry: to the responsible person of its field (deputy in cc), or to the office's address
    when it waits in the triage inbox."""
    inquiry = _inquiry(inquiry_id)
    to, cc = [], []
    if inquiry.assigned_to is not None and inquiry.assigned_to.email:
        to = [inquiry.assigned_to.email]
        contact = (
            FieldContact.objects.filter(office=inquiry.office, field_of_action_id=inquiry.field_of_action_id)
            .select_related("deputy")
            .first()
        )
        if contact is not None and contact.deputy is not None and contact.deputy.is_active:
            cc = [contact.deputy.email]
    elif inquiry.office.email:
        to = [inquiry.office.email]
    if not to:
        logger.warning("Inquiry %s: nobody to notify (no assignee address, no office address)", inquiry.pk)
        return
    _send(
        inquiry=inquiry,
        template="new",
        to=to,
        cc=cc,
        language=settings.LANGUAGE_CODE,
        context={"url": _staff_url(inquiry), "triage": inquiry.assigned_to_id is None},
    )


@task()
def inquiry_notify_assignee(*, inquiry_id: int) -> None:
    inquiry = _inquiry(inquiry_id)
    if inquiry.assigned_to is None or not inquiry.assigned_to.email:
        return
    _send(
        inquiry=inquiry,
        template="assigned",
        to=[inquiry.assigned_to.email],
        language=settings.LANGUAGE_CODE,
        context={"url": _staff_url(inquiry)},
    )


@task()
def inquiry_send_receipt(*, inquiry_id: int, language: str = "") -> None:
    """The receipt to the sender: the reference and when to expect an answer."""
    inquiry = _inquiry(inquiry_id)
    _send(
        inquiry=inquiry,
        template="receipt",
        to=[inquiry.email],
        language=mail_language(inquiry.preferred_language, language),
        reply_to=[inquiry.office.email],
    )


@task()
def inquiry_send_reply(*, message_id: int) -> None:
    """A staff reply to the sender, from the platform; marks the message sent."""
    message = InquiryMessage.objects.select_related(
        "inquiry__office",
        "inquiry__field_of_action",
        "inquiry__municipality",
        "inquiry__assigned_to",
        "author",
    ).get(pk=message_id)
    if message.sent_at is not None:
        return  # a retried task never sends twice
    inquiry = message.inquiry
    _send(
        inquiry=inquiry,
        template="reply",
        to=[inquiry.email],
        language=mail_language(inquiry.preferred_language),
        context={"message": message},
        reply_to=[inquiry.office.email],
    )
    InquiryMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
