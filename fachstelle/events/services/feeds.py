"""Partners' calendar feeds: managing them and importing their events (nightly: `import_calendar_feeds`).

An occurrence of the feed is one Event row, found again by (feed, UID, start) — the database keeps that
triple unique. Rules of the import:

- new occurrence → new imported event, published or draft as the feed says, with the feed's organiser,
  municipality and categories;
- changed in the feed (fingerprint of its values differs) → updated, unless staff edited the event
  (`edited_locally`) or made it their own (`source` own): those are never overwritten;
- cancelled in the feed (STATUS:CANCELLED) → cancelled here;
- no longer in the feed and not started yet → deleted, or cancelled when people registered for it
  (edited and own events stay as they are).

One transaction per feed: a feed that cannot be fetched or read changes nothing, and the reason is kept in
`feed.last_status` for staff; the caller never gets an exception.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.validation import FieldErrors

from ..feed_import import HORIZON_DAYS, FeedError, FetchResponse, Occurrence, check_feed_url, parse_calendar
from ..feed_import import fetch_url as default_fetch
from ..models import CalendarFeed, Event, Registration

logger = logging.getLogger(__name__)

FEED_FIELDS = ("name", "url", "organiser", "municipality", "publish_automatically", "is_active")
# Values an occurrence of the feed sets on its event.
OCCURRENCE_FIELDS = (
    "starts_at",
    "ends_at",
    "all_day",
    "title",
    "description",
    "location_name",
    "is_online",
    "online_url",
)
SCHEDULE_FIELDS = ("starts_at", "ends_at", "all_day", "location_name", "is_online", "online_url")
Fetch = Callable[..., FetchResponse | bytes]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_edited: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)
    not_modified: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return "; ".join(self.errors)
        if self.not_modified:
            return _("Not changed since the last import.")
        return _(
            "%(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s kept as edited by staff, %(removed)s removed."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped_edited,
            "removed": self.removed,
        }


# --- Managing feeds --------------------------------------------------------------------------------------


def _check_feed(feed: CalendarFeed) -> None:
    errors = FieldErrors()
    try:
        check_feed_url(feed.url)
    except FeedError as error:
        errors.add("url", str(error))
    if feed.organiser_id and feed.organiser.office_id != feed.office_id:
        errors.add("organiser", _("The organiser must be an organisation of your network."))
    duplicate = CalendarFeed.objects.filter(office_id=feed.office_id, url=feed.url).exclude(pk=feed.pk)
    if feed.url and duplicate.exists():
        errors.add("url", _("This feed is already imported."))
    errors.add_model_errors(feed, exclude=("office",))
    errors.raise_if_any()


@transaction.atomic
def feed_create(*, office, by, fields: dict, fields_of_action=()) -> CalendarFeed:
    feed = CalendarFeed(office=office, **{name: fields[name] for name in fields if name in FEED_FIELDS})
    _check_feed(feed)
    feed.save()
    feed.fields_of_action.set(fields_of_action)
    return feed


@transaction.atomic
def feed_update(*, feed: CalendarFeed, by, fields: dict, fields_of_action=None) -> CalendarFeed:
    """Change a feed. Organiser, municipality and categories go to its imported events that staff did not
    edit, so they always match the feed."""
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    url_before = feed.url
    for name, value in fields.items():
        if name in FEED_FIELDS:
            setattr(feed, name, value)
    _check_feed(feed)
    if feed.url != url_before:
        feed.etag = ""  # another address: fetch it in full
    feed.save()
    untouched = feed.events.filter(source=Event.Source.IMPORTED, edited_locally=False)
    untouched.update(organiser=feed.organiser, municipality=feed.municipality)
    if fields_of_action is not None:
        feed.fields_of_action.set(fields_of_action)
        for event in untouched:
            event.fields_of_action.set(fields_of_action)
    return feed


@transaction.atomic
def feed_delete(*, feed: CalendarFeed, by) -> int:
    """Delete a feed and its imported future events nobody registered for and staff did not edit. Events
    that were edited, made own, are past or have registrations stay (without the link to the feed).
    Returns the number of events deleted."""
    removable = feed.events.filter(
        source=Event.Source.IMPORTED, edited_locally=False, starts_at__gte=timezone.now()
    ).exclude(Exists(Registration.objects.filter(event=OuterRef("pk"))))
    count = removable.count()
    removable.delete()
    feed.delete()
    return count


# --- Importing -------------------------------------------------------------------------------------------


def feed_import(
    *,
    feed: CalendarFeed,
    now: datetime.datetime | None = None,
    fetch: Fetch | None = None,
    force: bool = False,
) -> ImportResult:
    """Fetch `feed` and bring its events up to date. `fetch(url, etag=…)` returns a FetchResponse (or the
    bytes); injectable for tests. `force` ignores the ETag (the 12-month window moves on even when the feed
    does not change)."""
    now = now or timezone.now()
    fetch = fetch or default_fetch
    result = ImportResult()
    etag = feed.etag
    try:
        response = fetch(feed.url, etag="" if force else feed.etag)
        if isinstance(response, bytes):
            response = FetchResponse(body=response)
        if response.body is None:
            result.not_modified = True
        else:
            occurrences = parse_calendar(
                response.body, window_start=now, window_end=now + datetime.timedelta(days=HORIZON_DAYS)
            )
            with transaction.atomic():
                _apply_occurrences(feed=feed, occurrences=occurrences, now=now, result=result)
            etag = response.etag
    except FeedError as error:
        result = ImportResult(errors=[str(error)])
    except Exception as error:
        logger.exception("import of calendar feed %s failed", feed.pk)
        result = ImportResult(
            errors=[_("The events of the feed could not be saved: %(error)s") % {"error": str(error)[:150]}]
        )
    feed.last_fetched_at = now
    feed.last_status = result.summary()[:300]
    update_fields = ["last_fetched_at", "last_status"]
    if result.errors:
        feed.last_error_at = now
        update_fields.append("last_error_at")
    else:
        feed.etag = etag or ""
        update_fields.append("etag")
    CalendarFeed.objects.filter(pk=feed.pk).update(**{name: getattr(feed, name) for name in update_fields})
    return result


def _occurrence_values(occurrence: Occurrence) -> dict:
    return {name: getattr(occurrence, name) for name in OCCURRENCE_FIELDS}


def _apply_occurrences(
    *, feed: CalendarFeed, occurrences: list[Occurrence], now, result: ImportResult
) -> None:
    categories = list(feed.fields_of_action.all())
    default_status = Event.Status.PUBLISHED if feed.publish_automatically else Event.Status.DRAFT
    earliest = min((occ.starts_at for occ in occurrences), default=now)
    known = (
        Event.objects.select_for_update()
        .filter(feed=feed)
        .filter(Q(ends_at__gte=now) | Q(starts_at__gte=earliest))
        .annotate(has_registrations=Exists(Registration.objects.filter(event=OuterRef("pk"))))
    )
    existing = {(event.external_uid, event.starts_at): event for event in known}
    seen = set()
    for occurrence in occurrences:
        key = (occurrence.uid, occurrence.starts_at)
        seen.add(key)
        event = existing.get(key)
        if event is None:
            if occurrence.cancelled:
                continue
            event = Event(
                office_id=feed.office_id,
                organiser_id=feed.organiser_id,
                municipality_id=feed.municipality_id,
                source=Event.Source.IMPORTED,
                feed=feed,
                external_uid=occurrence.uid,
                external_fingerprint=occurrence.fingerprint(),
                status=default_status,
                **_occurrence_values(occurrence),
            )
            event.full_clean(exclude=["source_revision"], validate_constraints=False)
            event.save()
            event.fields_of_action.set(categories)
            result.created += 1
        elif event.source == Event.Source.OWN or event.edited_locally:
            result.skipped_edited += 1
        elif event.external_fingerprint == occurrence.fingerprint() and not (
            event.status == Event.Status.CANCELLED and not occurrence.cancelled
        ):
            result.unchanged += 1
        else:
            _update_from_feed(event, occurrence, default_status=default_status)
            result.updated += 1
    for key, event in existing.items():
        if key in seen or event.starts_at < now:
            continue
        if (
            event.source != Event.Source.IMPORTED
            or event.edited_locally
            or event.status == Event.Status.CANCELLED
        ):
            continue
        if event.has_registrations:
            _cancel_from_feed(event, note=_("The organiser removed the event from their calendar."))
        else:
            event.delete()
        result.removed += 1


def _update_from_feed(event: Event, occurrence: Occurrence, *, default_status: str) -> None:
    values = _occurrence_values(occurrence)
    schedule_changed = any(getattr(event, name) != values[name] for name in SCHEDULE_FIELDS)
    german_changed = event.title != values["title"] or event.description != values["description"]
    for name, value in values.items():
        setattr(event, name, value)
    event.external_fingerprint = occurrence.fingerprint()
    if german_changed:
        event.source_revision += 1
    if occurrence.cancelled:
        if event.status != Event.Status.CANCELLED:
            _cancel_from_feed(event, note=_("Cancelled by the organiser."))
            return
    elif event.status == Event.Status.CANCELLED:
        # Back in the feed after the import had cancelled it.
        event.status = default_status
        event.cancellation_note = ""
        schedule_changed = True
    if schedule_changed:
        event.ics_sequence += 1
    event.full_clean(exclude=["source_revision"], validate_constraints=False)
    event.save()


def _cancel_from_feed(event: Event, *, note: str) -> None:
    from .registrations import event_cancel_notify

    event.status = Event.Status.CANCELLED
    event.cancellation_note = note[:300]
    event.ics_sequence += 1
    event.save()
    event_cancel_notify(event=event)


def feeds_import_all(
    *, feed_ids=None, now=None, fetch: Fetch | None = None, force: bool = False
) -> list[tuple[CalendarFeed, ImportResult]]:
    """Import every active feed (or those of `feed_ids`, active or not), one after the other."""
    feeds = CalendarFeed.objects.select_related("office").order_by("office_id", "name")
    feeds = (
        feeds.filter(pk__in=feed_ids) if feed_ids else feeds.filter(is_active=True, office__is_active=True)
    )
    return [(feed, feed_import(feed=feed, now=now, fetch=fetch, force=force)) for feed in feeds]
