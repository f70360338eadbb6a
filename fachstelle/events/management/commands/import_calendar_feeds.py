"""Nightly import of the partners' iCal feeds (cron: `manage.py import_calendar_feeds`, e.g. at 03:15)."""

from django.core.management.base import BaseCommand

from fachstelle.events.services.feeds import feeds_import_all


class Command(BaseCommand):
    help = "Import the events of all active calendar feeds (or of one feed with --feed ID)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--feed", type=int, action="append", dest="feed_ids", help="Only this feed (repeatable)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Fetch in full even if the feed sends an ETag."
        )

    def handle(self, *args, feed_ids=None, force=False, **options):
        results = feeds_import_all(feed_ids=feed_ids, force=force)
        failed = 0
        for feed, result in results:
            failed += 0 if result.ok else 1
            line = f"[{feed.office.slug}] {feed.name} (#{feed.pk}): {result.summary()}"
            self.stdout.write(self.style.SUCCESS(line) if result.ok else self.style.ERROR(line))
        self.stdout.write(f"{len(results)} feed(s) imported, {failed} with errors.")
