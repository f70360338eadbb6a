"""E-mails the staff's review work sends (django-tasks, enqueued after commit by services/review.py).

Advice to an applicant: the message itself and the applicant's personal link, where the whole thread is
shown. The application has no language of its own, so the mail is in the office's working language
(German); it answers to the office (Reply-To).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Application, ApplicationMessage

TEMPLATES = "grants/staff/"


def applicant_url(application: Application) -> str:
    """The applicant's personal link (the public side's page of the application)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "grants_public:application_detail",
            kwargs={"office_slug": application.office.slug, "token": application.token},
        )
    return settings.SITE_URL + path


@task()
def advice_reply_send(*, message_id: int) -> None:
    """Send a staff message visible to the applicant."""
    message = (
        ApplicationMessage.objects.select_related("application__office", "application__programme", "author")
        .filter(pk=message_id, internal=False)
        .first()
    )
    if message is None or not message.application.contact_email:
        return
    application = message.application
    office = application.office
    context = {
        "application": application,
        "office": office,
        "message": message,
        "link": applicant_url(application),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"{TEMPLATES}application_email_advice_subject.txt", context).split()
        )
        body = render_to_string(f"{TEMPLATES}application_email_advice.txt", context)
    EmailMultiAlternatives(
        subject=f"[{office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.contact_email],
        reply_to=[office.email] if office.email else None,
    ).send()
