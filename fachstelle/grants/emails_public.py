"""E-mails of the applicant's side: the personal link, the receipt with the reference, and the office's
notices (submission, advice request, message, withdrawal, final report).

Applicant mails are written in the language the applicant used (German when it has no catalogue);
office mails in German, the office's working language. All leave after commit through
`application_mail_task`, with absolute links (settings.SITE_URL).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_tasks import task

from .budget_math import budget_totals
from .models import Application, ApplicationMessage

APPLICANT_KINDS = {"link", "receipt"}
OFFICE_KINDS = {"office_submitted", "office_advice", "office_message", "office_withdrawn", "office_report"}


def mail_language(code: str | None) -> str:
    code = (code or "").split("-")[0]
    return code if code in settings.UI_LANGUAGES else settings.LANGUAGE_CODE


def applicant_url(application: Application, *, language: str, name: str = "application_detail") -> str:
    with translation.override(language):
        path = reverse(
            f"grants_public:{name}",
            kwargs={"office_slug": application.office.slug, "token": application.token},
        )
    return settings.SITE_URL + path


def staff_url(application: Application) -> str:
    """The application in the staff area (its review page once that exists, else the grants start)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            path = reverse(
                "grants:application_detail",
                kwargs={"office_slug": application.office.slug, "pk": application.pk},
            )
        except NoReverseMatch:
            path = reverse("grants:programme_list", kwargs={"office_slug": application.office.slug})
    return settings.SITE_URL + path


def office_recipients(application: Application) -> list[str]:
    """The responsible staff member if one is assigned, and the office's address."""
    addresses = []
    if application.assigned_to_id and application.assigned_to.email:
        addresses.append(application.assigned_to.email)
    if application.office.email and application.office.email not in addresses:
        addresses.append(application.office.email)
    return addresses


def _money(application: Application, amount) -> str:
    return f"{application.programme.currency} {number_format(amount, 2, force_grouping=True)}"


def _applicant_content(application: Application, kind: str, language: str) -> dict:
    title = application.project_title or application.programme.name
    if kind == "link":
        return {
            "subject": _("Your application: %(programme)s") % {"programme": application.programme.name},
            "paragraphs": [
                _(
                    "Thank you for starting an application for the programme “%(programme)s”. With the "
                    "following personal link you can continue it at any time, save drafts and submit it when "
                    "it is complete."
                )
                % {"programme": application.programme.name},
                _("Keep this e-mail: anyone with the link can see and change your application."),
            ],
            "facts": [],
            "link_label": _("Your application"),
            "link_url": applicant_url(application, language=language),
        }
    totals = budget_totals(application.budget_lines.all(), application.requested_amount)
    return {
        "subject": _("Application received: %(reference)s") % {"reference": application.reference},
        "paragraphs": [
            _(
                "We have received your application. Please quote the reference %(reference)s in any "
                "correspondence. We will let you know when it has been assessed."
            )
            % {"reference": application.reference},
        ],
        "facts": [
            (_("Reference"), application.reference),
            (_("Programme"), application.programme.name),
            (_("Project"), title),
            (_("Sponsor"), application.organisation_name),
            (_("Total costs"), _money(application, totals.costs)),
            (_("Requested amount"), _money(application, application.requested_amount)),
        ],
        "link_label": _("Your application (status and messages)"),
        "link_url": applicant_url(application, language=language),
    }


def _office_content(application: Application, kind: str, message: ApplicationMessage | None) -> dict:
    label = application.reference or application.project_title or application.organisation_name
    subjects = {
        "office_submitted": _("New application: %(label)s"),
        "office_advice": _("Advice requested: %(label)s"),
        "office_message": _("Message from the applicant: %(label)s"),
        "office_withdrawn": _("Application withdrawn: %(label)s"),
        "office_report": _("Final report submitted: %(label)s"),
    }
    intros = {
        "office_submitted": _("An application has been submitted."),
        "office_advice": _("An applicant asks for advice."),
        "office_message": _("An applicant has written a message."),
        "office_withdrawn": _("The applicant has withdrawn the application."),
        "office_report": _("The final report has been submitted and waits for review."),
    }
    paragraphs = [intros[kind]]
    if message is not None:
        paragraphs.append(message.text)
    return {
        "subject": subjects[kind] % {"label": label},
        "paragraphs": paragraphs,
        "facts": [
            (_("Programme"), application.programme.name),
            (_("Sponsor"), application.organisation_name),
            (_("Contact person"), f"{application.contact_name} <{application.contact_email}>"),
            (_("Project"), application.project_title or "–"),
            (_("Requested amount"), _money(application, application.requested_amount)),
        ],
        "link_label": _("Open in the staff area"),
        "link_url": staff_url(application),
    }


def application_mail(*, application: Application, kind: str, language: str = "", message_id=None) -> None:
    office = application.office
    if kind in APPLICANT_KINDS:
        if not application.contact_email:
            return
        language = mail_language(language)
        recipients = [application.contact_email]
        reply_to = [office.email] if office.email else None
    elif kind in OFFICE_KINDS:
        language = settings.LANGUAGE_CODE
        recipients = office_recipients(application)
        if not recipients:
            return
        reply_to = [application.contact_email] if application.contact_email else None
    else:
        raise ValueError(f"Unknown mail kind {kind!r}")
    message = application.messages.filter(pk=message_id).first() if message_id else None
    with translation.override(language):
        if kind in APPLICANT_KINDS:
            content = _applicant_content(application, kind, language)
            content["greeting"] = _("Hello %(name)s") % {"name": application.contact_name}
        else:
            content = _office_content(application, kind, message)
            content["greeting"] = ""
        context = {**content, "office": office, "application": application, "language": language}
        body = render_to_string("grants/public/email/notice.txt", context)
        html = render_to_string("grants/public/email/notice.html", context)
        subject = " ".join(str(content["subject"]).split())
    email = EmailMultiAlternatives(
        subject=f"[{office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
    )
    email.attach_alternative(html, "text/html")
    email.send()


@task()
def application_mail_task(*, application_id: int, kind: str, language: str = "", message_id=None) -> None:
    application = Application.objects.select_related("office", "programme", "assigned_to").get(
        pk=application_id
    )
    application_mail(application=application, kind=kind, language=language, message_id=message_id)
