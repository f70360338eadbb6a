"""Reads of the API's content endpoints: guide pages, events, news (GET /api/v1/pages, /events, /news).

Only what the public site shows, of active offices. Each list costs a constant number of queries whatever
the number of results: a count, the page of rows with their office (and place, organiser), then one query
per related set (terms, the requested translation, the languages a translation exists in). The places
left of an event are a subquery of the page query, not a query per event.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office
from fachstelle.core.translation import TranslationBase
from fachstelle.events.models import Event, EventTranslation, Registration
from fachstelle.guide.models import GuidePage, GuidePageTranslation
from fachstelle.news.models import NewsItem, NewsItemTranslation

PER_PAGE = 20
MAX_PAGE = 10_000
MAX_ID = 2**63 - 1  # larger ids would overflow PostgreSQL's bigint instead of being "not found"
MAX_VALUES_PER_FILTER = 20


@dataclass
class ResultPage:
    items: list
    count: int
    page: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _paginate(queryset: QuerySet, *, page: int) -> ResultPage:
    """The requested page (a number past the last page gives the last page): a count, then the rows."""
    count = queryset.count()
    num_pages = max(1, -(-count // PER_PAGE))
    page = min(max(page, 1), num_pages)
    start = (page - 1) * PER_PAGE
    items = list(queryset[start : start + PER_PAGE]) if count else []
    return ResultPage(items=items, count=count, page=page, num_pages=num_pages)


def _translations(model: type[TranslationBase], *, language: str, source_language: str) -> list[Prefetch]:
    """`wanted`: the translation into `language` (none needed in German); `shown_in`: the languages a
    public translation exists in (language only, not the texts)."""
    prefetches = [
        Prefetch(
            "translations",
            queryset=model.objects.exclude(state=TranslationBase.State.IN_TRANSLATION)
            .exclude(title="")
            .only("pk", _fk(model), "language")
            .order_by("language"),
            to_attr="shown_in",
        )
    ]
    if language != source_language:
        prefetches.append(
            Prefetch("translations", queryset=model.objects.filter(language=language), to_attr="wanted")
        )
    return prefetches


def _fk(model: type[TranslationBase]) -> str:
    return {GuidePageTranslation: "page", EventTranslation: "event", NewsItemTranslation: "item"}[model]


# --- filters shared by the endpoints ------------------------------------------------------------------


def municipality_ids_served(*, bfs_numbers: list[int], office: Office | None) -> dict[int, list[int]]:
    """BFS number → ids of the municipalities with that number served by `office` (or by any active
    office). A number nobody serves is missing from the answer."""
    if not bfs_numbers:
        return {}
    rows = Municipality.objects.filter(bfs_number__in=bfs_numbers)
    rows = rows.filter(offices=office) if office is not None else rows.filter(offices__is_active=True)
    found: dict[int, list[int]] = {}
    for pk, number in rows.values_list("pk", "bfs_number").distinct():
        found.setdefault(number, []).append(pk)
    return found


def _offices_serving(municipality_ids: list[int]) -> QuerySet:
    return Office.municipalities.through.objects.filter(municipality_id__in=municipality_ids).values(
        "office_id"
    )


def fields_of_action_by_slug(slugs: list[str]) -> dict[str, FieldOfAction]:
    return {term.slug: term for term in FieldOfAction.objects.filter(slug__in=slugs)} if slugs else {}


def languages_by_code(codes: list[str]) -> dict[str, Language]:
    return {lang.code: lang for lang in Language.objects.filter(code__in=codes)} if codes else {}


# --- guide pages ------------------------------------------------------------------------------------


def _pages_public() -> QuerySet[GuidePage]:
    # A page under an unpublished parent is not reachable in the guide's tree: not listed either.
    return GuidePage.objects.public().filter(
        Q(parent__isnull=True) | Q(parent__status=GuidePage.Status.PUBLISHED), office__is_active=True
    )


def page_list(
    *,
    office: Office | None,
    municipality_ids: list[int] | None,
    parent: int | str | None,
    language: str,
    source_language: str,
    page: int,
) -> ResultPage:
    """Published guide pages by office and order. `municipality_ids`: the office-wide pages of the offices
    serving one of them plus their own pages; `parent`: "root" for the top level or a page id."""
    pages = _pages_public()
    if office is not None:
        pages = pages.filter(office=office)
    if municipality_ids:
        pages = pages.filter(
            Q(municipality_id__in=municipality_ids)
            | Q(municipality__isnull=True, office_id__in=_offices_serving(municipality_ids))
        )
    if parent == "root":
        pages = pages.filter(parent__isnull=True)
    elif isinstance(parent, int):
        pages = pages.filter(parent_id=parent) if 0 < parent <= MAX_ID else pages.none()
    pages = (
        pages.select_related("office", "municipality")
        .prefetch_related(
            *_translations(GuidePageTranslation, language=language, source_language=source_language)
        )
        .order_by("office__name", "office_id", "order", "title", "pk")
    )
    return _paginate(pages, page=page)


def page_get_public(*, pk: int, office: Office | None) -> GuidePage | None:
    if not 0 < pk <= MAX_ID:
        return None
    pages = _pages_public().filter(pk=pk)
    if office is not None:
        pages = pages.filter(office=office)
    return (
        pages.select_related("office", "municipality")
        .prefetch_related(
            Prefetch("translations", queryset=GuidePageTranslation.objects.order_by("language"))
        )
        .first()
    )


# --- events -----------------------------------------------------------------------------------------


def _places_taken() -> Subquery:
    """People holding a place (confirmed or pending), as a subquery of the event query."""
    held = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=Registration.HOLDS_PLACE)
        .order_by()
        .values("event")
        .annotate(total=Sum("people"))
        .values("total")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def _events_public() -> QuerySet[Event]:
    return (
        Event.objects.public()
        .filter(office__is_active=True)
        .select_related("office", "municipality", "organiser")
        .annotate(places_taken=_places_taken())
    )


_EVENT_TERMS = ("languages", "fields_of_action", "target_groups")


def event_list(
    *,
    office: Office | None,
    municipality_ids: list[int] | None,
    field_ids: list[int],
    language_ids: list[int],
    starts_from: datetime | None,
    starts_before: datetime | None,
    language: str,
    source_language: str,
    page: int,
    now: datetime | None = None,
) -> ResultPage:
    """Published and cancelled events, soonest first. Without `starts_from` only those not ended yet;
    with it those not ended by then. `municipality_ids`: events there, and events without a place
    (online, region-wide) of the offices serving them."""
    events = _events_public().filter(ends_at__gte=starts_from or now or timezone.now())
    if starts_before is not None:
        events = events.filter(starts_at__lt=starts_before)
    if office is not None:
        events = events.filter(office=office)
    if municipality_ids:
        events = events.filter(
            Q(municipality_id__in=municipality_ids)
            | Q(municipality__isnull=True, office_id__in=_offices_serving(municipality_ids))
        )
    # Subqueries on the link tables rather than joins: no duplicate rows, no DISTINCT over the page.
    if field_ids:
        through = Event.fields_of_action.through.objects
        events = events.filter(pk__in=through.filter(fieldofaction_id__in=field_ids).values("event_id"))
    if language_ids:
        through = Event.languages.through.objects
        events = events.filter(pk__in=through.filter(language_id__in=language_ids).values("event_id"))
    events = events.prefetch_related(
        *_EVENT_TERMS, *_translations(EventTranslation, language=language, source_language=source_language)
    ).order_by("starts_at", "pk")
    return _paginate(events, page=page)


def event_get_public(*, pk: int, office: Office | None) -> Event | None:
    if not 0 < pk <= MAX_ID:
        return None
    events = _events_public().filter(pk=pk)
    if office is not None:
        events = events.filter(office=office)
    return events.prefetch_related(
        *_EVENT_TERMS, Prefetch("translations", queryset=EventTranslation.objects.order_by("language"))
    ).first()


# --- news -------------------------------------------------------------------------------------------


def news_list(
    *, office: Office | None, language: str, source_language: str, page: int, now: datetime | None = None
) -> ResultPage:
    """News visible now (ready, publish time reached, not unpublished), newest first."""
    items = (
        NewsItem.objects.visible(now)
        .filter(office__is_active=True)
        .select_related("office")
        .prefetch_related(
            *_translations(NewsItemTranslation, language=language, source_language=source_language)
        )
        .order_by("-publish_at", "-pk")
    )
    if office is not None:
        items = items.filter(office=office)
    return _paginate(items, page=page)


def news_get_public(*, pk: int, office: Office | None, now: datetime | None = None) -> NewsItem | None:
    if not 0 < pk <= MAX_ID:
        return None
    items = NewsItem.objects.visible(now).filter(pk=pk, office__is_active=True)
    if office is not None:
        items = items.filter(office=office)
    return (
        items.select_related("office")
        .prefetch_related(Prefetch("translations", queryset=NewsItemTranslation.objects.order_by("language")))
        .first()
    )
