"""E-mails of the decision phase: the decision letter (PDF attached), the final report sent back for
changes and the final report reminder. In the office's language (applications record none), with absolute
links."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .letters import final_report_url, letter_filename, letter_language, letter_pdf, letter_store
from .models import Application, Grant


def _send(*, application: Application, subject: str, template: str, context: dict, attachment=None) -> bool:
    if not application.contact_email:
        return False
    context = {"application": application, "office": application.office, **context}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"grants/emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[application.contact_email],
        reply_to=[application.office.email] if application.office.email else None,
    )
    if attachment:
        message.attach(*attachment)
    message.send()
    return True


def _load(application_id: int) -> Application | None:
    return (
        Application.objects.select_related("office", "programme", "decided_by")
        .filter(pk=application_id)
        .first()
    )


def decision_mail_send(*, application_id: int) -> bool:
    """The decision letter to the applicant; an approval letter is stored on the grant too."""
    application = _load(application_id)
    if application is None or application.status not in (
        Application.Status.APPROVED,
        Application.Status.REJECTED,
    ):
        return False
    grant = Grant.objects.filter(application=application).first()
    with translation.override(letter_language(application)):
        if application.status == Application.Status.APPROVED and grant is not None:
            pdf = letter_store(grant)
            subject = _("Your application %(reference)s has been approved")
        else:
            pdf = letter_pdf(application)
            subject = _("Decision on your application %(reference)s")
        subject = subject % {"reference": application.reference or application.project_title}
        sent = _send(
            application=application,
            subject=subject,
            template="decision",
            context={"approved": grant is not None, "report_url": final_report_url(application)},
            attachment=(letter_filename(application), pdf, "application/pdf"),
        )
    if sent and grant is not None:
        Grant.objects.filter(pk=grant.pk).update(letter_sent_at=timezone.now())
    return sent


def final_report_returned_mail_send(*, application_id: int) -> bool:
    application = _load(application_id)
    if application is None:
        return False
    grant = Grant.objects.select_related("final_report").filter(application=application).first()
    note = getattr(getattr(grant, "final_report", None), "review_note", "") if grant else ""
    with translation.override(letter_language(application)):
        return _send(
            application=application,
            subject=_("Your final report %(reference)s: please complete it")
            % {"reference": application.reference or application.project_title},
            template="final_report_returned",
            context={"note": note, "report_url": final_report_url(application)},
        )


def report_reminder_mail_send(*, grant: Grant) -> bool:
    application = grant.application
    with translation.override(letter_language(application)):
        return _send(
            application=application,
            subject=_("Reminder: final report for %(title)s")
            % {"title": application.project_title or application.reference},
            template="report_reminder",
            context={
                "grant": grant,
                "overdue": grant.report_due_on and grant.report_due_on < timezone.localdate(),
                "report_url": final_report_url(application),
            },
        )
