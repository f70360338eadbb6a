"""Remind confirmed registrants of tomorrow's events (run daily by cron, e.g. at 08:00)."""

from django.core.management.base import BaseCommand

from fachstelle.events.services.registrations import reminders_send


class Command(BaseCommand):
    help = "E-mail a reminder to every confirmed registrant of an event starting tomorrow (once each)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
