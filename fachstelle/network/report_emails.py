"""E-mails of the reporting point: the receipt a reporter who left an e-mail address gets.

The receipt names the reference and nothing of what was reported: e-mail is not a confidential channel,
and a mailbox may be read by others. Written in the language the reporter used on the site (German when
that language has no interface catalogue), answering to the office. Runs after commit (django-tasks).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Report

logger = logging.getLogger(__name__)


def _mail_language(code: str | None) -> str:
    return code if code in settings.UI_LANGUAGES else settings.LANGUAGE_CODE


@task()
def report_send_receipt(*, report_id: int, language: str) -> None:
    report = Report.objects.select_related("office").filter(pk=report_id).first()
    if report is None or not report.contact_email:
        # Deleted or anonymised before the task ran: nobody to write to.
        logger.info("Report %s has no e-mail address any more; no receipt sent", report_id)
        return
    office = report.office
    context = {"office": office, "report": report, "reference": report.reference}
    with translation.override(_mail_language(language)):
        subject = " ".join(render_to_string("network/reports/email/receipt_subject.txt", context).split())
        body = render_to_string("network/reports/email/receipt.txt", context)
    EmailMessage(
        subject=f"[{office.short_name}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[report.contact_email],
        reply_to=[office.email] if office.email else None,
    ).send()
