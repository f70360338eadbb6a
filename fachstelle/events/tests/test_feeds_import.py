"""The iCal feed import: create, update, unchanged, edited events kept, made-own events not duplicated,
vanished events removed or cancelled, RRULE/EXDATE/RECURRENCE-ID expansion, time zones and all-day events,
broken and oversized feeds, ETag, sanitised texts, the command. No internet: feeds are strings or a local
http.server."""

import datetime
import functools
import http.server
import threading
from io import StringIO

import pytest
from django.core.management import call_command

from fachstelle.core.richtext import render_markdown
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.events.feed_import import LOCAL_TZ, FeedError, FetchResponse, fetch_url
from fachstelle.events.models import CalendarFeed, Event, Registration
from fachstelle.events.services.events import event_make_own, event_update
from fachstelle.events.services.feeds import feed_create, feed_import, feed_update

from .factories_staff import make_registration, staff_world

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)


def calendar(*events: str) -> bytes:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//DE", *events, "END:VCALENDAR"])
    return (body + "\r\n").encode()


def vevent(uid, *lines) -> str:
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20300101T000000Z", *lines, "END:VEVENT"])


CAFE = vevent(
    "cafe@verein.example",
    "SUMMARY:Sprachcafé",
    "DTSTART;TZID=Europe/Zurich:20300310T190000",
    "DTEND;TZID=Europe/Zurich:20300310T210000",
    "LOCATION:Gemeindesaal Rothrist",
    "DESCRIPTION:Deutsch üben bei Kaffee.",
)
UTC_EVENT = vevent(
    "utc@verein.example", "SUMMARY:Elternabend", "DTSTART:20300312T170000Z", "DTEND:20300312T183000Z"
)
FLOATING = vevent("float@verein.example", "SUMMARY:Kochen", "DTSTART:20300314T180000", "DURATION:PT3H")


def serve(data: bytes):
    return lambda url, etag="": FetchResponse(body=data, etag='"v1"')


@pytest.fixture
def world():
    return staff_world()


@pytest.fixture
def feed(world, vocab):
    municipality = MunicipalityFactory(name="Rothrist")
    return feed_create(
        office=world.office,
        by=world.editor,
        fields={
            "name": "Verein Miteinander",
            "url": "https://verein.example/events.ics",
            "organiser": world.organisation,
            "municipality": municipality,
            "publish_automatically": True,
        },
        fields_of_action=[vocab["areas"]["sprache"], vocab["areas"]["beratung"]],
    )


def run(feed, data, now=NOW):
    return feed_import(feed=feed, now=now, fetch=serve(data))


def test_first_import_creates_events_with_the_feeds_settings(feed, world):
    result = run(feed, calendar(CAFE, UTC_EVENT, FLOATING))
    assert (result.created, result.updated, result.errors) == (3, 0, [])
    cafe = Event.objects.get(external_uid="cafe@verein.example")
    assert cafe.source == Event.Source.IMPORTED and cafe.feed == feed and cafe.office == world.office
    assert cafe.status == Event.Status.PUBLISHED
    assert cafe.organiser == world.organisation and cafe.municipality.name == "Rothrist"
    assert sorted(cafe.fields_of_action.values_list("slug", flat=True)) == ["beratung", "sprache"]
    assert cafe.starts_at.astimezone(LOCAL_TZ).time() == datetime.time(19, 0)
    assert cafe.location_name == "Gemeindesaal Rothrist"
    utc = Event.objects.get(external_uid="utc@verein.example")
    assert utc.starts_at == datetime.datetime(2030, 3, 12, 17, 0, tzinfo=datetime.UTC)
    floating = Event.objects.get(external_uid="float@verein.example")
    # Floating time is read as Zurich time (UTC+1 in March).
    assert floating.starts_at == datetime.datetime(2030, 3, 14, 17, 0, tzinfo=datetime.UTC)
    assert floating.ends_at - floating.starts_at == datetime.timedelta(hours=3)
    feed.refresh_from_db()
    assert feed.last_fetched_at == NOW and "3" in feed.last_status and feed.etag == '"v1"'


def test_drafts_when_the_feed_does_not_publish_automatically(feed, world):
    feed = feed_update(feed=feed, by=world.editor, fields={"publish_automatically": False})
    run(feed, calendar(CAFE))
    assert Event.objects.get().status == Event.Status.DRAFT


def test_second_import_leaves_unchanged_events_and_updates_changed_ones(feed):
    run(feed, calendar(CAFE, UTC_EVENT))
    cafe = Event.objects.get(external_uid="cafe@verein.example")
    result = run(feed, calendar(CAFE, UTC_EVENT))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    changed = CAFE.replace("Gemeindesaal Rothrist", "Schulhaus Dorf").replace(
        "SUMMARY:Sprachcafé", "SUMMARY:Sprachcafé neu"
    )
    result = run(feed, calendar(changed, UTC_EVENT))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    updated = Event.objects.get(pk=cafe.pk)
    assert updated.title == "Sprachcafé neu" and updated.location_name == "Schulhaus Dorf"
    assert updated.ics_sequence == cafe.ics_sequence + 1
    assert updated.source_revision == cafe.source_revision + 1
    assert Event.objects.count() == 2


def test_events_edited_by_staff_are_never_overwritten(feed, world):
    run(feed, calendar(CAFE))
    cafe = Event.objects.get()
    event_update(event=cafe, by=world.editor, fields={"title": "Unser Sprachcafé"})
    result = run(feed, calendar(CAFE.replace("SUMMARY:Sprachcafé", "SUMMARY:Anders")))
    assert (result.skipped_edited, result.updated) == (1, 0)
    assert Event.objects.get().title == "Unser Sprachcafé"
    # Gone from the feed: an edited event stays.
    result = run(feed, calendar())
    assert result.removed == 0 and Event.objects.get().status == Event.Status.PUBLISHED


def test_an_event_made_own_is_not_imported_again(feed, world):
    run(feed, calendar(CAFE))
    event_make_own(event=Event.objects.get(), by=world.editor)
    result = run(feed, calendar(CAFE.replace("SUMMARY:Sprachcafé", "SUMMARY:Anders")))
    assert result.created == 0 and result.skipped_edited == 1
    own = Event.objects.get()
    assert own.source == Event.Source.OWN and own.title == "Sprachcafé"


def test_vanished_events_are_deleted_or_cancelled_when_people_registered(feed):
    run(feed, calendar(CAFE, UTC_EVENT, FLOATING))
    registered = Event.objects.get(external_uid="utc@verein.example")
    make_registration(registered)
    result = run(feed, calendar(CAFE))
    assert result.removed == 2
    assert not Event.objects.filter(external_uid="float@verein.example").exists()
    registered.refresh_from_db()
    assert registered.status == Event.Status.CANCELLED and registered.cancellation_note
    assert Registration.objects.filter(event=registered).count() == 1


def test_past_events_are_left_alone_when_they_leave_the_feed(feed):
    run(feed, calendar(CAFE))
    later = NOW + datetime.timedelta(days=30)
    result = run(feed, calendar(), now=later)
    assert result.removed == 0 and Event.objects.get().status == Event.Status.PUBLISHED


def test_cancelled_in_the_feed_is_cancelled_here_and_back_again(feed):
    run(feed, calendar(CAFE))
    cancelled = CAFE.replace("SUMMARY:Sprachcafé", "SUMMARY:Sprachcafé\r\nSTATUS:CANCELLED")
    assert run(feed, calendar(cancelled)).updated == 1
    assert Event.objects.get().status == Event.Status.CANCELLED
    assert run(feed, calendar(CAFE)).updated == 1
    assert Event.objects.get().status == Event.Status.PUBLISHED
    # A cancelled event the feed never had before is not imported at all.
    other = cancelled.replace("cafe@verein.example", "new@verein.example")
    assert run(feed, calendar(CAFE, other)).created == 0


def test_rrule_expansion_with_exdate_override_and_summer_time(feed):
    weekly = vevent(
        "weekly@verein.example",
        "SUMMARY:Frauentreff",
        "DTSTART;TZID=Europe/Zurich:20300305T190000",
        "DTEND;TZID=Europe/Zurich:20300305T203000",
        "RRULE:FREQ=WEEKLY;UNTIL=20300409T170000Z",
        "EXDATE;TZID=Europe/Zurich:20300319T190000",
    )
    moved = vevent(
        "weekly@verein.example",
        "RECURRENCE-ID;TZID=Europe/Zurich:20300326T190000",
        "SUMMARY:Frauentreff (im Park)",
        "DTSTART;TZID=Europe/Zurich:20300327T180000",
        "DTEND;TZID=Europe/Zurich:20300327T200000",
    )
    result = run(feed, calendar(weekly, moved))
    events = list(Event.objects.filter(external_uid="weekly@verein.example").order_by("starts_at"))
    local_starts = [event.starts_at.astimezone(LOCAL_TZ) for event in events]
    assert [(s.month, s.day, s.hour) for s in local_starts] == [
        (3, 5, 19),
        (3, 12, 19),
        (3, 27, 18),
        (4, 2, 19),
        (4, 9, 19),
    ]
    assert result.created == 5
    # 31 March 2030 is the change to summer time: still 19:00 local, now UTC+2.
    assert local_starts[-1].utcoffset() == datetime.timedelta(hours=2)
    assert events[2].title == "Frauentreff (im Park)"


def test_rrule_count_is_limited_to_the_next_twelve_months(feed):
    daily = vevent(
        "daily@verein.example",
        "SUMMARY:Treff",
        "DTSTART:20300302T100000",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY",
    )
    run(feed, calendar(daily))
    assert Event.objects.count() == 13  # March 2030 … March 2031 (12 months ahead of 1 March 12:00)


def test_all_day_events(feed):
    fair = vevent(
        "fair@verein.example",
        "SUMMARY:Begegnungsfest",
        "DTSTART;VALUE=DATE:20300601",
        "DTEND;VALUE=DATE:20300603",
    )
    run(feed, calendar(fair))
    event = Event.objects.get()
    assert event.all_day
    assert event.starts_at.astimezone(LOCAL_TZ) == datetime.datetime(2030, 6, 1, 0, 0, tzinfo=LOCAL_TZ)
    assert event.ends_at.astimezone(LOCAL_TZ) == datetime.datetime(2030, 6, 2, 23, 59, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    "data",
    [b"this is not a calendar", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", b""],
)
def test_a_broken_feed_is_reported_and_changes_nothing(feed, data):
    run(feed, calendar(CAFE))
    result = run(feed, data)
    assert result.errors and not result.ok
    feed.refresh_from_db()
    assert feed.last_error_at == NOW and feed.last_status == result.errors[0]
    assert Event.objects.count() == 1 and Event.objects.get().status == Event.Status.PUBLISHED


def test_one_bad_event_rolls_back_the_whole_feed(feed):
    bad = vevent("bad@verein.example", "SUMMARY:Kaputt", "DTSTART:20300310T190000", "RRULE:FREQ=NONSENSE")
    result = run(feed, calendar(CAFE, bad))
    assert result.errors
    assert not Event.objects.exists()


def test_fetch_errors_are_recorded(feed):
    def failing(url, etag=""):
        raise FeedError("The feed answered with HTTP error 500.")

    result = feed_import(feed=feed, now=NOW, fetch=failing)
    feed.refresh_from_db()
    assert result.errors and "500" in feed.last_status


def test_html_and_script_in_the_feed_are_text_not_markup(feed):
    evil = vevent(
        "evil@verein.example",
        "SUMMARY:<b>Fest</b><script>alert(1)</script>",
        "DTSTART:20300310T190000",
        'DESCRIPTION:<p>Hallo <a href="javascript:alert(1)">hier</a></p>'
        "<script>alert(2)</script>\\n# Kein Titel",
    )
    run(feed, calendar(evil))
    event = Event.objects.get()
    assert "<" not in event.title and "script" not in event.title.lower()
    html = render_markdown(event.description)
    assert "<script" not in html and "javascript:" not in html and "<a" not in html and "<h1" not in html
    assert "Hallo" in html and "# Kein Titel" in html


def test_categories_changed_on_the_feed_reach_its_untouched_events(feed, world, vocab):
    run(feed, calendar(CAFE, UTC_EVENT))
    edited = Event.objects.get(external_uid="utc@verein.example")
    event_update(event=edited, by=world.editor, fields={"title": "Eigener Titel"})
    feed_update(feed=feed, by=world.editor, fields={}, fields_of_action=[vocab["areas"]["arbeit"]])
    cafe = Event.objects.get(external_uid="cafe@verein.example")
    assert list(cafe.fields_of_action.values_list("slug", flat=True)) == ["arbeit"]
    assert "arbeit" not in edited.fields_of_action.values_list("slug", flat=True)


def test_feed_address_must_be_http(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        feed_create(
            office=world.office, by=world.editor, fields={"name": "x", "url": "ftp://example.org/x.ics"}
        )
    assert "url" in error.value.message_dict
    with pytest.raises(FeedError):
        fetch_url("file:///etc/passwd")
    with pytest.raises(FeedError):
        fetch_url("http://127.0.0.1:9/x.ics")  # internal addresses are refused before connecting


# --- Over HTTP (a local server) --------------------------------------------------------------------------


class FeedHandler(http.server.BaseHTTPRequestHandler):
    body = b""
    etag = '"abc"'
    declared_length = None

    def do_GET(self):
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("ETag", self.etag)
        if self.declared_length is not None:
            self.send_header("Content-Length", str(self.declared_length))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    handler = type("Handler", (FeedHandler,), {})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}/feed.ics"
    httpd.shutdown()
    httpd.server_close()


def test_import_over_http_with_etag(feed, world, server):
    handler, url = server
    handler.body = calendar(CAFE)
    feed = feed_update(feed=feed, by=world.editor, fields={"url": url})
    local_fetch = functools.partial(fetch_url, allow_private=True)
    assert feed_import(feed=feed, now=NOW, fetch=local_fetch).created == 1
    feed.refresh_from_db()
    assert feed.etag == '"abc"'
    result = feed_import(feed=feed, now=NOW, fetch=local_fetch)
    assert result.not_modified and result.ok
    assert feed_import(feed=feed, now=NOW, fetch=local_fetch, force=True).unchanged == 1


def test_oversized_feed_is_refused(feed, world, server):
    handler, url = server
    handler.body = b"X" * (5 * 1024 * 1024 + 10)
    feed = feed_update(feed=feed, by=world.editor, fields={"url": url})
    result = feed_import(feed=feed, now=NOW, fetch=functools.partial(fetch_url, allow_private=True))
    assert result.errors and "5 MB" in result.errors[0]
    # A server that announces a huge body is refused before reading it.
    handler.body, handler.declared_length = b"", 50 * 1024 * 1024
    with pytest.raises(FeedError):
        fetch_url(url, allow_private=True)
    assert not Event.objects.exists()


def test_command_imports_active_feeds_and_prints_a_summary(feed, world, monkeypatch):
    inactive = CalendarFeed.objects.create(
        office=world.office, name="Alt", url="https://alt.example/x.ics", is_active=False
    )
    monkeypatch.setattr("fachstelle.events.services.feeds.default_fetch", serve(calendar(CAFE, UTC_EVENT)))
    out = StringIO()
    call_command("import_calendar_feeds", stdout=out)
    text = out.getvalue()
    assert "Verein Miteinander" in text and "Alt" not in text and "1 feed(s)" in text
    assert Event.objects.filter(feed=feed).count() == 2
    out = StringIO()
    call_command("import_calendar_feeds", "--feed", str(inactive.pk), stdout=out)
    assert "Alt" in out.getvalue()
