"""Reads of the public calendar: filters, the list by day, the month grid, an event page, the feeds.

Every selector here decides its query shape: one page of events, their translations in the wanted
language, their fields of action and the people holding places come in a fixed number of queries,
whatever the number of events.
"""

import calendar
import dataclasses
import datetime
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Sum
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fachstelle.core.models import FieldOfAction, Language, Municipality
from fachstelle.core.translation import Localized, localize

from ..models import Event, EventTranslation, Registration

PER_PAGE = 20
FEED_PAST_DAYS = 30
FEED_LIMIT = 1000  # a feed is a calendar subscription, not an archive
MONTH_CELL_LIMIT = 4  # more events on one day: "+N more" links to the list of that day
Q_MAX_LENGTH = 100


def zurich() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zurich())


# --- formatting -------------------------------------------------------------------------------------


def event_when(event: Event) -> str:
    """Swiss date and time in the active language: "Tue 23.11.2026, 19:00–21:00"."""
    start = timezone.localtime(event.starts_at, zurich())
    end = timezone.localtime(event.ends_at, zurich())
    first = formats.date_format(start, "D d.m.Y")
    if event.all_day:
        if end.date() > start.date():
            return f"{first} – {formats.date_format(end, 'D d.m.Y')}"
        return first
    if end.date() > start.date():
        return f"{first}, {start:%H:%M} – {formats.date_format(end, 'D d.m.Y')}, {end:%H:%M}"
    return f"{first}, {start:%H:%M}–{end:%H:%M}"


def event_where(event: Event) -> str:
    parts = [event.location_name, event.street]
    town = " ".join(
        p for p in (event.postcode, event.municipality.name if event.municipality_id else "") if p
    )
    parts.append(town)
    where = ", ".join(p for p in parts if p)
    if event.is_online:
        where = f"{where} · {_('Online')}" if where else _("Online")
    return where


# --- filters ----------------------------------------------------------------------------------------


@dataclass
class CalendarVocabulary:
    fields: list[FieldOfAction]
    languages: list[Language]
    municipalities: list[Municipality]


def calendar_vocabulary(*, office) -> CalendarVocabulary:
    """The choices of the filter panel (three small queries)."""
    return CalendarVocabulary(
        fields=list(FieldOfAction.objects.all()),
        languages=list(Language.objects.all()),
        municipalities=list(office.municipalities.order_by("name")),
    )


@dataclass
class CalendarFilters:
    field: FieldOfAction | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: Language | None = None
    municipality: Municipality | None = None
    q: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)

    def params(self) -> dict[str, str]:
        """The valid filters as GET parameters (what links carry to keep them)."""
        params = {}
        if self.field:
            params["field"] = self.field.slug
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        if self.language:
            params["language"] = self.language.code
        if self.municipality:
            params["municipality"] = str(self.municipality.bfs_number)
        if self.q:
            params["q"] = self.q
        return params

    @property
    def query(self) -> str:
        return urlencode(self.params())

    @property
    def is_active(self) -> bool:
        return bool(self.params())


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def calendar_filters_parse(*, params, vocabulary: CalendarVocabulary) -> CalendarFilters:
    """Read the GET filters; a value that names nothing is dropped with a note, never an error."""
    filters = CalendarFilters()
    value = (params.get("field") or "").strip()
    if value:
        filters.field = next((f for f in vocabulary.fields if f.slug == value), None)
        if filters.field is None:
            filters.notes.append(_("The chosen topic does not exist; it was ignored."))
    for name in ("from", "to"):
        value = (params.get(name) or "").strip()
        if value:
            day = _parse_date(value)
            if day is None or not (2000 <= day.year <= 2100):
                filters.notes.append(
                    _("“%(value)s” is not a valid date; it was ignored.") % {"value": value[:20]}
                )
            else:
                setattr(filters, "date_from" if name == "from" else "date_to", day)
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        filters.notes.append(_("The end date was before the start date; it was ignored."))
        filters.date_to = None
    value = (params.get("language") or "").strip().lower()
    if value:
        filters.language = next((lang for lang in vocabulary.languages if lang.code == value), None)
        if filters.language is None:
            filters.notes.append(_("The chosen language does not exist; it was ignored."))
    value = (params.get("municipality") or "").strip()
    if value:
        filters.municipality = next(
            (m for m in vocabulary.municipalities if str(m.bfs_number) == value), None
        )
        if filters.municipality is None:
            filters.notes.append(_("The chosen municipality is not served by this office; it was ignored."))
    # PostgreSQL refuses NUL bytes in text parameters (a 500 otherwise); nobody searches for them.
    filters.q = " ".join((params.get("q") or "").replace("\x00", " ").split())[:Q_MAX_LENGTH]
    return filters


def _filtered(events, filters: CalendarFilters):
    if filters.field:
        events = events.filter(fields_of_action=filters.field)
    if filters.language:
        events = events.filter(languages=filters.language)
    if filters.municipality:
        # Online and region-wide events (no place) concern every municipality.
        events = events.filter(Q(municipality=filters.municipality) | Q(municipality__isnull=True))
    if filters.q:
        in_translation = EventTranslation.objects.filter(event=OuterRef("pk")).filter(
            Q(title__icontains=filters.q) | Q(summary__icontains=filters.q)
        )
        events = events.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(location_name__icontains=filters.q)
            | Exists(in_translation)
        )
    return events


def _public_events(office):
    return Event.objects.public().filter(office=office)


def _with_text(events, language: str):
    """Prefetch the translation in `language` (none needed for German)."""
    if language == settings.LANGUAGE_CODE:
        return events
    return events.prefetch_related(
        Prefetch(
            "translations", queryset=EventTranslation.objects.filter(language=language), to_attr="wanted"
        )
    )


def event_text(event: Event, language: str) -> Localized:
    wanted = getattr(event, "wanted", None)
    return localize(event, wanted[0] if wanted else None, language)


def _taken_by_event(event_ids) -> dict[int, int]:
    rows = (
        Registration.objects.filter(event_id__in=list(event_ids), status__in=Registration.HOLDS_PLACE)
        .values("event_id")
        .annotate(taken=Sum("people"))
        .order_by()
    )
    return {row["event_id"]: row["taken"] for row in rows}


@dataclass
class CalendarItem:
    event: Event
    text: Localized
    when: str
    where: str
    free: int | None  # places left; None: no limit or no registration here

    @property
    def is_cancelled(self) -> bool:
        return self.event.status == Event.Status.CANCELLED

    @property
    def is_full(self) -> bool:
        return self.free is not None and self.free <= 0


def _items(events: list[Event], *, office, language: str) -> list[CalendarItem]:
    registering = [e.pk for e in events if e.registration_enabled and e.capacity is not None]
    taken = _taken_by_event(registering) if registering else {}
    items = []
    for event in events:
        event.office = office
        free = None
        if event.pk in registering:
            free = max(0, event.capacity - taken.get(event.pk, 0))
        items.append(
            CalendarItem(event, event_text(event, language), event_when(event), event_where(event), free)
        )
    return items


@dataclass
class CalendarDay:
    day: datetime.date
    items: list[CalendarItem] = dataclasses.field(default_factory=list)


@dataclass
class CalendarPage:
    days: list[CalendarDay]
    page: object  # django Page


def calendar_list(
    *, office, filters: CalendarFilters, language: str, page_number=1, now=None, per_page: int = PER_PAGE
) -> CalendarPage:
    """Events that have not ended (or from `filters.date_from`), soonest first, one page, grouped by the
    day they start. Queries: count, page, translations (not for German), fields of action, places."""
    now = now or timezone.now()
    events = _public_events(office)
    if filters.date_from:
        events = events.filter(ends_at__gte=max(day_start(filters.date_from), now))
    else:
        events = events.filter(ends_at__gte=now)
    if filters.date_to:
        events = events.filter(starts_at__lt=day_start(filters.date_to + datetime.timedelta(days=1)))
    events = _filtered(events, filters).select_related("municipality").order_by("starts_at", "pk")
    events = _with_text(events, language).prefetch_related("fields_of_action")
    paginator = Paginator(events, per_page)
    page = paginator.get_page(page_number)
    days: list[CalendarDay] = []
    for item in _items(list(page.object_list), office=office, language=language):
        local_day = timezone.localtime(item.event.starts_at, zurich()).date()
        if not days or days[-1].day != local_day:
            days.append(CalendarDay(local_day))
        days[-1].items.append(item)
    return CalendarPage(days=days, page=page)


@dataclass
class MonthCell:
    day: datetime.date | None  # None: padding before the 1st / after the last day
    items: list[CalendarItem] = dataclasses.field(default_factory=list)
    is_today: bool = False

    @property
    def shown(self):
        return self.items[:MONTH_CELL_LIMIT]

    @property
    def more(self) -> int:
        return max(0, len(self.items) - MONTH_CELL_LIMIT)


@dataclass
class MonthGrid:
    first: datetime.date
    weeks: list[list[MonthCell]]
    previous: datetime.date
    next: datetime.date
    count: int


def calendar_month(
    *, office, filters: CalendarFilters, language: str, year: int, month: int, now=None
) -> MonthGrid:
    """The month as weeks Monday–Sunday; an event spanning several days is in each of its days' cells.
    `filters.date_from/date_to` do not apply (the month is the range). Queries: events, translations
    (not for German), places."""
    if not (1 <= month <= 12 and 1900 < year < 2200):
        raise Http404("No such month")
    now = now or timezone.now()
    first = datetime.date(year, month, 1)
    days_in_month = calendar.monthrange(year, month)[1]
    after = first + datetime.timedelta(days=days_in_month)
    events = _public_events(office).filter(starts_at__lt=day_start(after), ends_at__gte=day_start(first))
    events = _filtered(events, filters).select_related("municipality").order_by("starts_at", "pk")
    events = list(_with_text(events, language))
    by_day: dict[datetime.date, list[CalendarItem]] = {}
    for item in _items(events, office=office, language=language):
        start = timezone.localtime(item.event.starts_at, zurich()).date()
        end = timezone.localtime(item.event.ends_at, zurich()).date()
        day = max(start, first)
        while day <= end and day < after:
            by_day.setdefault(day, []).append(item)
            day += datetime.timedelta(days=1)
    today = timezone.localtime(now, zurich()).date()
    cells = [MonthCell(None) for _ in range(first.weekday())]
    for number in range(1, days_in_month + 1):
        day = datetime.date(year, month, number)
        cells.append(MonthCell(day, by_day.get(day, []), day == today))
    while len(cells) % 7:
        cells.append(MonthCell(None))
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    return MonthGrid(first=first, weeks=weeks, previous=previous, next=after, count=len(events))


# --- one event, registrations, feeds ----------------------------------------------------------------


def event_get_public(*, office, pk: int, language: str) -> Event:
    """A published or cancelled event of `office` with what its page shows. Queries: event, languages,
    fields of action, translation (not for German)."""
    events = (
        _public_events(office)
        .select_related("municipality", "organiser")
        .prefetch_related("languages", "fields_of_action")
    )
    events = _with_text(events, language)
    try:
        event = events.get(pk=pk)
    except Event.DoesNotExist as exc:
        raise Http404("No such event") from exc
    event.office = office
    return event


def registration_get_public(*, office, token: str) -> Registration:
    """The registration behind a personal link (the token is the only key)."""
    try:
        registration = Registration.objects.select_related("event__municipality").get(
            token=token, event__office=office
        )
    except Registration.DoesNotExist as exc:
        raise Http404("No such registration") from exc
    registration.event.office = office
    return registration


def feed_events(*, office, language: str, field_of_action: FieldOfAction | None = None, now=None):
    """Events of the feeds: upcoming and the last 30 days, cancelled ones included (calendars that
    subscribed need to learn of the cancellation)."""
    now = now or timezone.now()
    events = _public_events(office).filter(ends_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS))
    if field_of_action is not None:
        events = events.filter(fields_of_action=field_of_action)
    events = _with_text(events.select_related("municipality").order_by("starts_at", "pk"), language)
    result = []
    for event in events[:FEED_LIMIT]:
        event.office = office
        result.append((event, event_text(event, language)))
    return result


def field_of_action_get(*, slug: str) -> FieldOfAction:
    try:
        return FieldOfAction.objects.get(slug=slug)
    except FieldOfAction.DoesNotExist as exc:
        raise Http404("No such field of action") from exc
