"""Staff pages of the partners' calendar feeds: list with the last result (query count), create with bad
input, edit, import now, delete."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.events.feed_import import FetchResponse
from fachstelle.events.models import CalendarFeed, Event

from .factories_staff import make_event, make_registration, staff_world
from .test_feeds_import import CAFE, UTC_EVENT, calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return staff_world()


def url(world, name, **kwargs):
    return reverse(f"events:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def test_feed_list_shows_the_last_result_with_a_fixed_query_count(
    world, client, vocab, django_assert_num_queries
):
    for index in range(4):
        feed = CalendarFeed.objects.create(
            office=world.office,
            name=f"Kalender {index}",
            url=f"https://k{index}.example/f.ics",
            organiser=world.organisation,
            last_status="2 new, 0 updated",
            last_fetched_at=timezone.now(),
        )
        feed.fields_of_action.set([vocab["areas"]["sprache"]])
        make_event(world.office, feed=feed, source=Event.Source.IMPORTED, external_uid=f"u{index}")
    CalendarFeed.objects.create(office=world.other_office, name="Fremd", url="https://fremd.example/f.ics")
    login_verified(client, world.editor)
    # Staff request (5); the feeds with organiser and upcoming-event counts; their categories; session (3).
    with django_assert_num_queries(10):
        response = client.get(url(world, "feed_list"))
    html = response.content.decode()
    assert "Kalender 3" in html and "2 new, 0 updated" in html and "Fremd" not in html


def test_create_edit_and_bad_input(world, client, vocab, english):
    login_verified(client, world.editor)
    foreign = OrganisationFactory(office=world.other_office)
    response = client.post(url(world, "feed_create"), {"name": "X", "url": "ftp://x.example/f.ics"})
    assert response.status_code == 400 and not CalendarFeed.objects.exists()
    response = client.post(
        url(world, "feed_create"),
        {"name": "X", "url": "https://x.example/f.ics", "organiser": str(foreign.pk)},
    )
    assert response.status_code == 400 and not CalendarFeed.objects.exists()
    response = client.post(
        url(world, "feed_create"),
        {
            "name": "Verein",
            "url": "webcal://verein.example/f.ics",
            "organiser": str(world.organisation.pk),
            "fields_of_action": [str(vocab["areas"]["sprache"].pk), str(vocab["areas"]["arbeit"].pk)],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    feed = CalendarFeed.objects.get()
    assert feed.url == "https://verein.example/f.ics" and feed.fields_of_action.count() == 2
    response = client.post(
        url(world, "feed_create"), {"name": "Doppelt", "url": "https://verein.example/f.ics"}
    )
    assert response.status_code == 400 and "already imported" in response.content.decode()
    edit = url(world, "feed_edit", feed_id=feed.pk)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "Verein neu", "url": feed.url, "publish_automatically": "on"})
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.name == "Verein neu" and feed.publish_automatically and not feed.is_active


def test_import_now_and_delete(world, client, monkeypatch, english):
    feed = CalendarFeed.objects.create(
        office=world.office, name="Verein", url="https://verein.example/f.ics", publish_automatically=True
    )
    monkeypatch.setattr(
        "fachstelle.events.services.feeds.default_fetch",
        lambda url, etag="": FetchResponse(body=calendar(CAFE, UTC_EVENT)),
    )
    login_verified(client, world.editor)
    response = client.post(url(world, "feed_import_now", feed_id=feed.pk), follow=True)
    assert "2 new" in response.content.decode()
    assert Event.objects.filter(feed=feed).count() == 2
    kept = Event.objects.get(external_uid="utc@verein.example")
    make_registration(kept)
    response = client.post(url(world, "feed_delete", feed_id=feed.pk))
    assert response.status_code == 302 and not CalendarFeed.objects.exists()
    # The event with a registration stays; the other one went with its feed.
    assert list(Event.objects.values_list("external_uid", flat=True)) == ["utc@verein.example"]


def test_broken_feed_shows_the_error(world, client, monkeypatch):
    feed = CalendarFeed.objects.create(office=world.office, name="Kaputt", url="https://kaputt.example/f.ics")
    monkeypatch.setattr(
        "fachstelle.events.services.feeds.default_fetch", lambda url, etag="": FetchResponse(body=b"<html>")
    )
    login_verified(client, world.admin)
    response = client.post(url(world, "feed_import_now", feed_id=feed.pk), follow=True)
    assert response.status_code == 200
    feed.refresh_from_db()
    assert feed.last_error_at is not None and feed.last_status in response.content.decode()
