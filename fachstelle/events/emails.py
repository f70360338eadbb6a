"""E-mails to registrants (text + HTML, in their language, absolute links, the ICS where they have a place).

The interface strings use the registrant's language when it has a catalogue (German otherwise); the
event's own text is shown in the registrant's language when translated. Called after commit through
`registration_mail_task`, or directly by the reminder run.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from fachstelle.core.languages import normalize_language
from fachstelle.core.translation import localize

from .ics import CONTENT_TYPE, event_public_url, ics_calendar, ics_filename
from .models import EventTranslation, Registration
from .selectors.public import event_when, event_where

# kind → (subject, opening paragraph); the ICS goes with the kinds that give a place.
KINDS = {
    "confirmed": (
        _("Registration confirmed: %(title)s"),
        _("Your registration is confirmed. We look forward to seeing you."),
    ),
    "pending": (
        _("Registration received: %(title)s"),
        _(
            "We have received your registration. "
            "The organisers will confirm it soon; you will get another e-mail."
        ),
    ),
    "waitlisted": (
        _("On the waitlist: %(title)s"),
        _(
            "The event is fully booked, so you are on the waitlist. If a place becomes free, you move up "
            "automatically and we will let you know by e-mail."
        ),
    ),
    "promoted": (
        _("A place is free for you: %(title)s"),
        _(
            "Good news: a place has become free and you have moved up from the waitlist. "
            "Your registration is confirmed."
        ),
    ),
    "promoted_pending": (
        _("You moved up from the waitlist: %(title)s"),
        _(
            "A place has become free and you have moved up from the waitlist. "
            "The organisers will confirm it soon."
        ),
    ),
    "rejected": (
        _("Registration declined: %(title)s"),
        _("Unfortunately your registration could not be accepted."),
    ),
    "cancelled": (
        _("Registration cancelled: %(title)s"),
        _(
            "Your registration has been cancelled. "
            "Thank you for letting us know, so someone else can take the place."
        ),
    ),
    "event_cancelled": (
        _("Event cancelled: %(title)s"),
        _("We are sorry: this event has been cancelled. Your registration is therefore void."),
    ),
    "reminder": (
        _("Reminder: %(title)s is tomorrow"),
        _("This is a reminder of your registration for tomorrow's event."),
    ),
}
WITH_ICS = {"confirmed", "promoted", "reminder"}
# Whose registration is still in after this mail: they get the link to their page and to cancel.
WITH_LINKS = {"confirmed", "pending", "waitlisted", "promoted", "promoted_pending", "reminder"}


def mail_language(code: str | None) -> str:
    return code if code in settings.UI_LANGUAGES else settings.LANGUAGE_CODE


def registration_page_url(registration: Registration, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "events_public:registration_detail",
            kwargs={"office_slug": registration.event.office.slug, "token": registration.token},
        )
    return settings.SITE_URL + path


def registration_mail(*, registration: Registration, kind: str, reason: str = "") -> None:
    """Render and send one e-mail of `kind` (see KINDS) to the registrant."""
    if not registration.email:
        return
    event = registration.event
    office = event.office
    if kind == "promoted" and registration.status == Registration.Status.PENDING:
        kind = "promoted_pending"
    content_language = normalize_language(registration.language) or settings.LANGUAGE_CODE
    translation_row = EventTranslation.objects.filter(event=event, language=content_language).first()
    text = localize(event, translation_row, content_language)
    ui_language = mail_language(content_language)
    subject_msg, intro_msg = KINDS[kind]
    with translation.override(ui_language):
        context = {
            "office": office,
            "registration": registration,
            "event": event,
            "text": text,
            "kind": kind,
            "intro": str(intro_msg),
            "reason": reason,
            "when": event_when(event),
            "where": event_where(event),
            "event_url": event_public_url(event, office_slug=office.slug, language=content_language),
            "registration_url": registration_page_url(registration, content_language)
            if kind in WITH_LINKS
            else "",
            "with_ics": kind in WITH_ICS,
            "status_label": registration.get_status_display(),
        }
        subject = " ".join((str(subject_msg) % {"title": text.title}).split())
        body = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
        ics = (
            ics_calendar(
                entries=[(event, text)], office_slug=office.slug, name=text.title, language=content_language
            )
            if kind in WITH_ICS
            else None
        )
    message = EmailMultiAlternatives(
        subject=f"[{office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        reply_to=[address for address in (event.contact_email, office.email) if address][:1] or None,
    )
    message.attach_alternative(html, "text/html")
    if ics is not None:
        message.attach(ics_filename(event), ics, CONTENT_TYPE)
    message.send()


@task()
def registration_mail_task(*, registration_id: int, kind: str, reason: str = "") -> None:
    registration = Registration.objects.select_related("event__office", "event__municipality").get(
        pk=registration_id
    )
    registration_mail(registration=registration, kind=kind, reason=reason)
