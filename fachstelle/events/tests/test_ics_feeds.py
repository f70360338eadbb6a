"""ICS that calendar apps accept: parsed back with icalendar; Europe/Zurich with a VTIMEZONE whose rules give
19:00 in summer and in winter; all-day dates with an exclusive end; feeds per office and field of action."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.events.ics import ics_calendar
from fachstelle.events.models import Event, EventTranslation
from fachstelle.events.selectors.public import event_text

from .factories_public import EventFactory, in_days, zurich

pytestmark = pytest.mark.django_db
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def _parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def _vevents(calendar: Calendar) -> dict[str, object]:
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def test_calendar_headers_and_one_vevent_with_all_properties(client):
    office = OfficeFactory()
    event = EventFactory(
        office=office,
        title="Informationsabend für Neuzugezogene",
        description="**Alles** über die Gemeinde.",
        starts_at=in_days(5, 19),
        ends_at=in_days(5, 21),
        street="Hauptstrasse 1",
    )
    response = client.get(f"/de/{office.slug}/events/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "max-age" in response["Cache-Control"]
    calendar = _parse(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["PRODID"]
    assert office.name in str(calendar["X-WR-CALNAME"])
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Zurich"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    vevent = _vevents(calendar)[f"event-{event.pk}@testserver"]
    assert str(vevent["SUMMARY"]) == "Informationsabend für Neuzugezogene"
    assert "Alles über die Gemeinde." in str(vevent["DESCRIPTION"])  # plain text, no Markdown
    assert "**" not in str(vevent["DESCRIPTION"])
    assert "Gemeindesaal, Hauptstrasse 1" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).startswith(f"http://testserver/de/{office.slug}/events/{event.pk}-")
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent["DTSTAMP"]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert vevent["DTSTART"].dt.astimezone(ZURICH).hour == 19


@pytest.mark.parametrize(("month", "utc_hour"), [(7, 17), (1, 18)])
def test_summer_and_winter_keep_their_local_time(month, utc_hour):
    """19:00 in Zurich is 17:00 UTC in summer (CEST) and 18:00 UTC in winter (CET); the VTIMEZONE of the
    file itself (not only the TZID name) must say so, as Outlook uses it."""
    event = EventFactory(starts_at=zurich(2031, month, 15, 19), ends_at=zurich(2031, month, 15, 21))
    content = ics_calendar(
        entries=[(event, event_text(event, "de"))], office_slug="x", name="x", language="de"
    )
    assert f"DTSTART;TZID=Europe/Zurich:2031{month:02d}15T190000".encode() in content
    calendar = _parse(content)
    vevent = calendar.walk("VEVENT")[0]
    assert vevent["DTSTART"].dt.astimezone(datetime.UTC).hour == utc_hour
    own_zone = calendar.walk("VTIMEZONE")[0].to_tz()
    local = datetime.datetime(2031, month, 15, 19, tzinfo=own_zone)
    assert local.astimezone(datetime.UTC).hour == utc_hour


def test_all_day_event_is_date_valued_with_exclusive_end():
    event = EventFactory(all_day=True, starts_at=zurich(2031, 3, 29), ends_at=zurich(2031, 3, 30, 23, 59))
    content = ics_calendar(
        entries=[(event, event_text(event, "de"))], office_slug="x", name="x", language="de"
    )
    vevent = _parse(content).walk("VEVENT")[0]
    assert vevent["DTSTART"].dt == datetime.date(2031, 3, 29)
    assert vevent["DTEND"].dt == datetime.date(2031, 3, 31)
    assert b"DTSTART;VALUE=DATE:20310329" in content


def test_cancelled_event_is_in_the_feed_as_cancelled_with_its_sequence(client):
    office = OfficeFactory()
    event = EventFactory(office=office, status=Event.Status.CANCELLED)
    Event.objects.filter(pk=event.pk).update(ics_sequence=3)
    calendar = _parse(client.get(f"/de/{office.slug}/events/feed.ics").content)
    vevent = _vevents(calendar)[f"event-{event.pk}@testserver"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 3


def test_feed_holds_upcoming_and_last_30_days_of_this_office_only(client):
    office = OfficeFactory()
    upcoming = EventFactory(office=office)
    recent = EventFactory(office=office, starts_at=in_days(-10), ends_at=in_days(-10, 21))
    old = EventFactory(office=office, starts_at=in_days(-40), ends_at=in_days(-40, 21))
    draft = EventFactory(office=office, status=Event.Status.DRAFT)
    other = EventFactory()
    uids = set(_vevents(_parse(client.get(f"/de/{office.slug}/events/feed.ics").content)))
    expected = {f"event-{e.pk}@testserver" for e in (upcoming, recent)}
    assert uids == expected
    for excluded in (old, draft, other):
        assert f"event-{excluded.pk}@testserver" not in uids


def test_field_feed_and_language(client, vocab):
    office = OfficeFactory()
    work = vocab["areas"]["arbeit"]
    tagged = EventFactory(office=office, title="Jobcafé")
    tagged.fields_of_action.add(work)
    EventFactory(office=office)
    EventTranslation.objects.create(event=tagged, language="fr", title="Café emploi")
    response = client.get(f"/de/{office.slug}/events/feed/{work.slug}.ics?lang=fr")
    assert response.status_code == 200
    calendar = _parse(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Café emploi"]
    assert "/fr/" in str(events[0]["URL"])
    assert client.get(f"/de/{office.slug}/events/feed/no-such-field.ics").status_code == 404


def test_single_event_ics(client):
    event = EventFactory()
    response = client.get(f"/de/{event.office.slug}/events/{event.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(_parse(response.content).walk("VEVENT")) == 1
