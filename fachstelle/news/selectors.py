"""Reads of news items: public lists and pages (by the clock), the staff list by state, translations."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.core.translation import Localized, TranslationStatus, localize, translation_status

from .models import NewsItem, NewsItemTranslation

PUBLIC_PER_PAGE = 10
STAFF_PER_PAGE = 25
HOME_LIMIT = 3
FEED_LIMIT = 20

# The states of an item as staff see them (status plus clock).
STATES = {
    "draft": _("Draft"),
    "scheduled": _("Scheduled"),
    "visible": _("Visible"),
    "expired": _("Expired"),
    "archived": _("Archived"),
}


def news_is_visible(item: NewsItem, now: datetime | None = None) -> bool:
    """The in-memory twin of `NewsItem.objects.visible(now)`."""
    now = now or timezone.now()
    return (
        item.status == NewsItem.Status.READY
        and item.publish_at is not None
        and item.publish_at <= now
        and (item.unpublish_at is None or item.unpublish_at > now)
    )


def news_state(item: NewsItem, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if item.status == NewsItem.Status.DRAFT:
        return "draft"
    if item.status == NewsItem.Status.ARCHIVED:
        return "archived"
    if item.unpublish_at is not None and item.unpublish_at <= now:
        return "expired"
    if item.publish_at > now:
        return "scheduled"
    return "visible"


def _filter_state(queryset: QuerySet, state: str, now: datetime) -> QuerySet:
    ready = queryset.filter(status=NewsItem.Status.READY)
    if state == "draft":
        return queryset.filter(status=NewsItem.Status.DRAFT)
    if state == "archived":
        return queryset.filter(status=NewsItem.Status.ARCHIVED)
    if state == "visible":
        return queryset.visible(now)
    if state == "scheduled":
        return ready.filter(publish_at__gt=now).filter(Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))
    if state == "expired":
        return ready.filter(unpublish_at__lte=now)
    return queryset


@dataclass
class NewsPage:
    """One page of items; the attributes `components/pagination.html` reads."""

    rows: list
    count: int
    page: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def _page(queryset: QuerySet, *, page, per_page: int) -> tuple[list, int, int, int]:
    paginator = Paginator(queryset, per_page)
    try:
        current = paginator.page(page)
    except PageNotAnInteger:
        current = paginator.page(1)
    except EmptyPage:
        current = paginator.page(paginator.num_pages)
    return list(current.object_list), paginator.count, current.number, paginator.num_pages


def _with_translation(queryset: QuerySet, language: str) -> QuerySet:
    if language == SOURCE_LANGUAGE:
        return queryset
    return queryset.prefetch_related(
        Prefetch(
            "translations",
            queryset=NewsItemTranslation.objects.filter(language=language),
            to_attr="active_translations",
        )
    )


def news_localized(item: NewsItem, language: str) -> Localized:
    """The item's texts in `language`; uses `active_translations` if prefetched."""
    if language == SOURCE_LANGUAGE:
        return localize(item, None, language)
    translations = getattr(item, "active_translations", None)
    if translations is None:
        translations = list(item.translations.filter(language=language))
    return localize(item, translations[0] if translations else None, language)


def _public(office: Office, language: str, now: datetime) -> QuerySet:
    return _with_translation(NewsItem.objects.visible(now).filter(office=office), language)


def _attach_office(items: list[NewsItem], office: Office) -> list[NewsItem]:
    for item in items:
        item.office = office  # for get_absolute_url, without a query per item
    return items


def news_page_public(
    *, office: Office, language: str, page=1, now: datetime | None = None, per_page: int = PUBLIC_PER_PAGE
) -> NewsPage:
    """Visible items of the office, newest first, each with its localized texts."""
    now = now or timezone.now()
    items, count, number, num_pages = _page(_public(office, language, now), page=page, per_page=per_page)
    # The prefetch of a sliced page runs when the page is evaluated, inside _page.
    rows = [(item, news_localized(item, language)) for item in _attach_office(items, office)]
    return NewsPage(rows=rows, count=count, page=number, num_pages=num_pages)


def news_latest_public(
    *, office: Office, language: str, limit: int = HOME_LIMIT, now: datetime | None = None
) -> list[tuple[NewsItem, Localized]]:
    now = now or timezone.now()
    items = _attach_office(list(_public(office, language, now)[:limit]), office)
    return [(item, news_localized(item, language)) for item in items]


def news_get_public(*, office: Office, pk: int, language: str, now: datetime | None = None) -> NewsItem:
    """A visible item of this office, or 404 (drafts, scheduled and expired items included)."""
    now = now or timezone.now()
    try:
        item = _public(office, language, now).get(pk=pk)
    except NewsItem.DoesNotExist as exc:
        raise Http404("No such news item") from exc
    item.office = office
    return item


def news_get_for_staff(*, office: Office, pk: int) -> NewsItem:
    """Any item of the staff member's office (drafts too), or 404."""
    try:
        return office.news_items.select_related("updated_by").get(pk=pk)
    except NewsItem.DoesNotExist as exc:
        raise Http404("No such news item") from exc


def news_page_for_staff(
    *, office: Office, state: str = "", page=1, now: datetime | None = None, per_page: int = STAFF_PER_PAGE
) -> NewsPage:
    """The office's items (optionally of one state), with their state and translation languages."""
    now = now or timezone.now()
    queryset = _filter_state(office.news_items.all(), state, now).prefetch_related(
        Prefetch(
            "translations",
            queryset=NewsItemTranslation.objects.only("item_id", "language", "state", "source_revision"),
        )
    )
    items, count, number, num_pages = _page(queryset, page=page, per_page=per_page)
    rows = [(item, news_state(item, now)) for item in _attach_office(items, office)]
    return NewsPage(rows=rows, count=count, page=number, num_pages=num_pages)


@dataclass(frozen=True)
class TranslationRow:
    language: str
    name: str
    status: TranslationStatus
    translation: NewsItemTranslation | None


def news_translation_rows(*, item: NewsItem, office: Office) -> list[TranslationRow]:
    """One row per content language of the office, with the translation's status."""
    translations = {t.language: t for t in item.translations.all()}
    rows = []
    for code in office.content_languages or []:
        if code == SOURCE_LANGUAGE or code not in NATIVE_NAMES:
            continue
        translation = translations.get(code)
        rows.append(
            TranslationRow(code, NATIVE_NAMES[code], translation_status(item, translation), translation)
        )
    return rows


def news_translation_get(*, item: NewsItem, language: str) -> NewsItemTranslation | None:
    return item.translations.filter(language=language).first()


def news_due(*, now: datetime | None = None) -> tuple[list[int], list[int]]:
    """Ids of items whose publication resp. unpublication the scheduler has yet to record at `now`."""
    now = now or timezone.now()
    publish = NewsItem.objects.visible(now).filter(published_at__isnull=True).order_by("publish_at", "pk")
    unpublish = NewsItem.objects.filter(
        status=NewsItem.Status.READY, unpublish_at__lte=now, unpublished_at__isnull=True
    ).order_by("unpublish_at", "pk")
    return list(publish.values_list("pk", flat=True)), list(unpublish.values_list("pk", flat=True))
