"""Remind sponsors of final reports due within 14 days or overdue (cron: daily).

One reminder per grant per 14 days (`Grant.report_reminded_at`). Approved grants whose report date has
passed move to "final report due" first."""

import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from fachstelle.grants.emails_decisions import report_reminder_mail_send
from fachstelle.grants.models import FinalReport, Grant
from fachstelle.grants.services.settlement import grants_mark_report_due

# Remind this long before the due date, and again at this interval until the report comes in.
REMIND_AHEAD = datetime.timedelta(days=14)
REMIND_EVERY = datetime.timedelta(days=14)
# Grants still waiting for the sponsor's report.
WAITING = (Grant.Status.APPROVED, Grant.Status.REPORT_DUE)


def grants_to_remind(*, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        Grant.objects.filter(
            status__in=WAITING,
            report_due_on__isnull=False,
            report_due_on__lte=today + REMIND_AHEAD,
        )
        .filter(Q(report_reminded_at__isnull=True) | Q(report_reminded_at__lte=now - REMIND_EVERY))
        # A report already submitted (or accepted) needs no reminder; a returned one does.
        .exclude(final_report__status__in=(FinalReport.Status.SUBMITTED, FinalReport.Status.ACCEPTED))
        .select_related("application__office", "programme")
        .order_by("report_due_on", "pk")
    )


def send_report_reminders(*, now=None) -> int:
    now = now or timezone.now()
    grants_mark_report_due(today=timezone.localdate(now))
    sent = 0
    for grant in grants_to_remind(now=now):
        # Claim the grant first, so two overlapping runs never remind twice.
        claimed = (
            Grant.objects.filter(pk=grant.pk)
            .filter(Q(report_reminded_at__isnull=True) | Q(report_reminded_at__lte=now - REMIND_EVERY))
            .update(report_reminded_at=now)
        )
        if claimed and report_reminder_mail_send(grant=grant):
            sent += 1
    return sent


class Command(BaseCommand):
    help = "E-mail reminders for grant final reports due within 14 days or overdue."

    def handle(self, *args, **options):
        sent = send_report_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
