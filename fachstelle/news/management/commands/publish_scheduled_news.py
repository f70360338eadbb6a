"""Record due publications and unpublications of news and refresh the cached office home pages.

Run every minute by cron, so a cached page never shows the news later than a minute:

    * * * * * cd /srv/fachstelle && .venv/bin/python manage.py publish_scheduled_news

Overlapping runs are safe: each item is claimed by a conditional UPDATE and published exactly once.
"""

from django.core.management.base import BaseCommand

from fachstelle.news.selectors import news_due
from fachstelle.news.services import news_publish_due


class Command(BaseCommand):
    help = "Publish and unpublish scheduled news items that are due (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only show which items are due.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            publish, unpublish = news_due()
            self.stdout.write(f"due for publication: {publish}; due for unpublication: {unpublish} (dry run)")
            return
        result = news_publish_due()
        self.stdout.write(
            f"published: {result.published}; unpublished: {result.unpublished}; "
            f"offices refreshed: {result.office_ids}"
        )
