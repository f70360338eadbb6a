"""News demo data for `make run`: five items for Region Zofingen (one scheduled for next week, one whose
publication has ended) and two for Allschwil; two Zofingen items translated into Arabic and Tigrinya.

Loaded by `manage.py load_demo_data` after the directory demo (its offices must exist). Idempotent: an
item is looked up by office + title, a translation by item + language. Publication times are relative to
the moment of the first load. Rows are written directly (no audit, no cache refresh needed: nothing is
cached before the first page view). No images: the demo items show the text-only layout.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from fachstelle.core.models import Office

from .demo_data import NEWS
from .models import NewsItem, NewsItemTranslation


@dataclass
class NewsDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def tally(self, kind: str, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


def _item(office: Office, spec: dict, now: datetime.datetime, result: NewsDemoResult) -> NewsItem:
    item = NewsItem.objects.filter(office=office, title=spec["title"]).first()
    result.tally("news_items", item is None)
    if item is not None:
        return item
    # Whole minutes: publication times as staff would enter them.
    publish_at = (now + datetime.timedelta(days=spec["days"])).replace(second=0, microsecond=0)
    unpublish_at = None
    if "until" in spec:
        unpublish_at = publish_at + datetime.timedelta(days=spec["until"] - spec["days"])
    item = NewsItem(
        office=office,
        title=spec["title"],
        teaser=spec["teaser"],
        body=spec["body"],
        status=NewsItem.Status.READY,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        # What the scheduler would have recorded by now (nothing yet for the scheduled item).
        published_at=publish_at if publish_at <= now else None,
        unpublished_at=unpublish_at if unpublish_at and unpublish_at <= now else None,
    )
    item.full_clean()
    item.save()
    return item


def load_news_demo() -> NewsDemoResult:
    """Create whatever of the news demo is missing."""
    result = NewsDemoResult()
    now = timezone.now()
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=list(NEWS)).order_by("slug"):
            for spec in NEWS[office.slug]:
                item = _item(office, spec, now, result)
                existing = set(item.translations.values_list("language", flat=True))
                for language, values in spec.get("translations", {}).items():
                    result.tally("news_translations", language not in existing)
                    if language in existing:
                        continue
                    translation = NewsItemTranslation(
                        item=item, language=language, source_revision=1, **values
                    )
                    translation.full_clean()
                    translation.save()
    return result
