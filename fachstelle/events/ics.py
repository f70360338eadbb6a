"""iCalendar (RFC 5545) for events: the public feeds, the single-event download and the e-mail attachment.

One builder for all of them, so Google Calendar, Outlook and Apple Calendar see the same UID and SEQUENCE
for an event wherever it came from and update it in place. Times carry TZID=Europe/Zurich with a
VTIMEZONE written with yearly rules (what Outlook expects; valid for every year, DST included); all-day
events are DATE values with an exclusive end.
"""

import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as VEvent

from fachstelle.core.richtext import plain_text
from fachstelle.core.translation import Localized

from .models import Event

TZID = "Europe/Zurich"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def ics_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    # Stable for the life of the event: calendars replace the copy with the same UID and a higher SEQUENCE.
    return f"event-{event.pk}@{ics_host()}"


def event_public_url(event: Event, *, office_slug: str, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "events_public:event_detail",
            kwargs={"office_slug": office_slug, "pk": event.pk, "slug": event.slug},
        )
    return settings.SITE_URL + path


def zurich_vtimezone() -> Timezone:
    """Central European Time with the EU rules in force since 1996 (last Sunday of March / October)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def _location(event: Event) -> str:
    parts = [event.location_name, event.street]
    place = " ".join(
        part for part in (event.postcode, event.municipality.name if event.municipality else "") if part
    )
    parts.append(place)
    location = ", ".join(part for part in parts if part)
    if event.is_online and event.online_url:
        location = f"{location} ({event.online_url})" if location else event.online_url
    return location


def event_vevent(
    event: Event, text: Localized, *, office_slug: str, language: str, stamp: datetime.datetime
) -> VEvent:
    zone = zoneinfo.ZoneInfo(TZID)
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    if event.all_day:
        first = event.starts_at.astimezone(zone).date()
        last = event.ends_at.astimezone(zone).date()
        vevent.add("dtstart", first)
        vevent.add("dtend", max(last, first) + datetime.timedelta(days=1))  # DTEND of a DATE is exclusive
    else:
        vevent.add("dtstart", event.starts_at.astimezone(zone))
        vevent.add("dtend", event.ends_at.astimezone(zone))
    title = text.title
    if event.status == Event.Status.CANCELLED:
        with translation.override(language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE):
            title = translation.gettext("Cancelled: %(title)s") % {"title": title}
    vevent.add("summary", title)
    url = event_public_url(event, office_slug=office_slug, language=language)
    description = "\n\n".join(
        part for part in (text.summary, plain_text(text.description or ""), url) if part
    )
    vevent.add("description", description)
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("sequence", event.ics_sequence)
    vevent.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    if event.updated_at:
        vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    return vevent


def ics_calendar(
    *,
    entries: list[tuple[Event, Localized]],
    office_slug: str,
    name: str,
    language: str,
    now: datetime.datetime | None = None,
) -> bytes:
    """A VCALENDAR (METHOD PUBLISH) with one VEVENT per entry, times in Europe/Zurich."""
    stamp = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//fachstelle//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(zurich_vtimezone())
    for event, text in entries:
        calendar.add_component(
            event_vevent(event, text, office_slug=office_slug, language=language, stamp=stamp)
        )
    return calendar.to_ical()


def ics_filename(event: Event) -> str:
    return f"{event.slug}.ics"
