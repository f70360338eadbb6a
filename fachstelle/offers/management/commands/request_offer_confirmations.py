"""The periodic confirmation of offers by their providers; run daily by cron, e.g.

    0 6 * * * cd /srv/fachstelle && .venv/bin/python manage.py request_offer_confirmations

Per active office: e-mail a personal link to each provider whose offers are due for confirmation
(Office.confirmation_interval_days), then flag (and, if the office wants, hide) the offers of providers
who let the due date pass (Office.confirmation_grace_weeks). Safe to run any number of times.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.models import Office
from fachstelle.offers import selfservice


class Command(BaseCommand):
    help = "Ask providers to confirm their offers and flag or hide offers whose confirmation is overdue."

    def add_arguments(self, parser):
        parser.add_argument("--office", metavar="SLUG", help="Only this office (its web address).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing, send nothing; print the plan."
        )

    def handle(self, *args, office=None, dry_run=False, **options):
        offices = Office.objects.filter(is_active=True).order_by("name")
        if office:
            offices = offices.filter(slug=office)
            if not offices.exists():
                raise CommandError(_("No active office with the address %(slug)s.") % {"slug": office})
        now = timezone.now()
        prefix = _("[dry run] ") if dry_run else ""
        totals = {"sent": 0, "skipped": 0, "failed": 0, "flagged": 0, "hidden": 0}
        for item in offices:
            self.stdout.write(f"{prefix}{item.short_name} ({item.slug})")
            sent = selfservice.confirmation_requests_send(office=item, now=now, dry_run=dry_run)
            for organisation, email in sent.sent:
                verb = _("would ask") if dry_run else _("asked")
                self.stdout.write(f"  {verb}: {organisation.name} <{email}>")
            for organisation in sent.skipped_no_email:
                self.stdout.write(
                    self.style.WARNING(
                        "  " + _("skipped, no e-mail address: %(name)s") % {"name": organisation.name}
                    )
                )
            for organisation, error in sent.failed:
                self.stderr.write(
                    self.style.ERROR(
                        "  "
                        + _("e-mail failed, will retry: %(name)s (%(error)s)")
                        % {"name": organisation.name, "error": error}
                    )
                )
            overdue = selfservice.confirmations_flag_overdue(office=item, now=now, dry_run=dry_run)
            for result in overdue:
                self.stdout.write(
                    "  "
                    + (
                        _("overdue: %(name)s – %(flagged)s offers flagged, %(hidden)s hidden")
                        % {
                            "name": result.confirmation.organisation.name,
                            "flagged": result.flagged,
                            "hidden": result.hidden,
                        }
                    )
                )
            totals["sent"] += len(sent.sent)
            totals["skipped"] += len(sent.skipped_no_email)
            totals["failed"] += len(sent.failed)
            totals["flagged"] += sum(r.flagged for r in overdue)
            totals["hidden"] += sum(r.hidden for r in overdue)
        summary = (
            _(
                "%(sent)s requests sent, %(skipped)s providers without e-mail, %(failed)s failed, "
                "%(flagged)s offers flagged as overdue, %(hidden)s hidden."
            )
            % totals
        )
        self.stdout.write(self.style.SUCCESS(prefix + summary))
        if totals["failed"]:
            raise CommandError(_("Some e-mails could not be sent; they are retried on the next run."))
