"""Invitations of the working group to a session: one e-mail per member and session, in the office's working
language, the office as sender, with the session's ICS (METHOD REQUEST) attached.

Enqueued after commit by `services.workshops.workshop_invite`; the delivery records `invitations_sent_at`.
"""

import datetime
import logging
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import WorkingGroupMember, Workshop
from .services.workshop_plan import ZURICH
from .workshop_ics import organizer_email, workshop_calendar, workshop_summary

logger = logging.getLogger(__name__)


def sender_address(office) -> str:
    """The office's name on the platform's sending address (the address itself must be ours for SPF)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((office.name, address))


def workshop_invitation_message(
    *, workshop: Workshop, member: WorkingGroupMember, update: bool, connection=None
) -> EmailMessage:
    process = workshop.process
    office = process.office
    starts_at = timezone.localtime(workshop.starts_at, ZURICH)
    context = {
        "workshop": workshop,
        "member": member,
        "office": office,
        "municipality": process.municipality,
        "update": update,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=workshop.duration_minutes),
    }
    with translation.override(settings.LANGUAGE_CODE):
        context["summary"] = workshop_summary(workshop)
        subject = " ".join(render_to_string("kompakt/email/workshop_invitation_subject.txt", context).split())
        body = render_to_string("kompakt/email/workshop_invitation.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=sender_address(office),
        to=[member.email],
        reply_to=[organizer_email(office)],
        connection=connection,
    )
    ics = workshop_calendar(workshops=[workshop], method="REQUEST", attendees=[(member.email, member.name)])
    # Django's attach() cannot carry the "method" parameter calendar programs look for; a MIME part can.
    part = MIMEText(ics.decode(), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    message.attach(part)
    return message


def workshop_invitations_deliver(*, workshop_ids: list[int], member_ids: list[int]) -> int:
    """Send the invitations of the sessions to the members (with an e-mail) over one connection; record
    `invitations_sent_at` of each session for which at least one e-mail went out. Returns e-mails sent."""
    workshops = list(
        Workshop.objects.filter(pk__in=workshop_ids)
        .select_related("process__office", "process__municipality")
        .order_by("starts_at")
    )
    members = list(WorkingGroupMember.objects.filter(pk__in=member_ids).exclude(email="").order_by("name"))
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        for workshop in workshops:
            update = workshop.invitations_sent_at is not None
            done = 0
            for member in members:
                if member.process_id != workshop.process_id:
                    continue
                message = workshop_invitation_message(
                    workshop=workshop, member=member, update=update, connection=connection
                )
                try:
                    done += connection.send_messages([message]) or 0
                except Exception:
                    logger.warning(
                        "Workshop %s: invitation to member %s refused", workshop.pk, member.pk, exc_info=True
                    )
            if done:
                Workshop.objects.filter(pk=workshop.pk).update(invitations_sent_at=timezone.now())
            sent += done
    finally:
        connection.close()
    return sent


@task()
def workshop_invitations_task(*, workshop_ids: list[int], member_ids: list[int]) -> int:
    return workshop_invitations_deliver(workshop_ids=workshop_ids, member_ids=member_ids)
