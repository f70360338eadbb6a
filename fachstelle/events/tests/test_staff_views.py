"""Staff pages of events: roles, the list with its tabs and query count, create (with a series) and edit
with bad input, translations, cancel, delete, duplicate, make own."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.events.models import Event, EventTranslation, Registration
from fachstelle.events.services.events import LOCAL_TZ

from .factories_staff import make_event, make_registration, staff_world

pytestmark = pytest.mark.django_db
FILLERS = {"file_type": "csv", "language": "fr"}


@pytest.fixture
def world():
    return staff_world()


def url(world, name, **kwargs):
    return reverse(f"events:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def staff_urls(world, event, feed_id) -> list[tuple[str, str]]:
    """Every staff URL of the events app, read from the URL configuration."""
    ids = {"event_id": event.pk, "registration_id": 1, "feed_id": feed_id}
    urls = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "events" and pattern.name:
                kwargs = {
                    name: ids.get(name, FILLERS.get(name, 1)) for name in pattern.pattern.regex.groupindex
                }
                urls.append((pattern.name, url(world, pattern.name, **kwargs)))

    walk(get_resolver().url_patterns, None)
    return sorted(set(urls))


def test_role_matrix(world, client):
    from fachstelle.events.models import CalendarFeed

    event = make_event(world.office)
    feed = CalendarFeed.objects.create(office=world.office, name="Feed", url="https://x.example/f.ics")
    urls = staff_urls(world, event, feed.pk)
    assert len(urls) >= 20
    read_only = {
        "event_list",
        "event_create",
        "event_edit",
        "event_translations",
        "participants",
        "feed_list",
    }
    world.office.content_languages = ["fr"]
    world.office.save()
    for user in (world.admin, world.editor, world.counsellor):
        login_verified(client, user)
        for name, address in urls:
            if name in read_only:
                assert client.get(address).status_code == 200, (user.username, name)
        client.logout()
    # Statistics-only users see the statistics and nothing else; staff of another office nothing at all.
    login_verified(client, world.statistics)
    for name, address in urls:
        expected = 200 if name.startswith("statistics") else 403
        assert client.get(address).status_code in (expected, 405), name
        if not name.startswith("statistics"):
            assert client.post(address, {}).status_code in (403, 405), name
    client.logout()
    login_verified(client, world.foreign_editor)
    for name, address in urls:
        assert client.get(address).status_code in (403, 405), name
        assert client.post(address, {}).status_code in (403, 405), name
    client.logout()
    for name, address in urls:
        response = client.get(address)
        assert response.status_code in (302, 405), name
        assert response.status_code == 405 or "login" in response["Location"]


def test_event_of_another_office_is_not_found(world, client):
    foreign = make_event(world.other_office)
    registration = make_registration(foreign)
    login_verified(client, world.editor)
    for name, kwargs in [
        ("event_edit", {}),
        ("participants", {}),
        ("event_translations", {}),
        ("event_cancel", {}),
        ("event_delete", {}),
    ]:
        assert client.get(url(world, name, event_id=foreign.pk, **kwargs)).status_code == 404, name
    assert client.post(url(world, "event_duplicate", event_id=foreign.pk)).status_code == 404
    own = make_event(world.office)
    check_in = url(world, "registration_check_in", event_id=own.pk, registration_id=registration.pk)
    assert client.post(check_in).status_code == 404
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None
    export = url(world, "participants_export", event_id=foreign.pk, file_type="csv")
    assert client.get(export).status_code == 404


def test_event_list_tabs_and_query_count(world, client, django_assert_num_queries, english):
    for index in range(6):
        event = make_event(world.office, title=f"Treff {index}", capacity=10)
        make_registration(event, people=2)
        make_registration(event, people=1, status=Registration.Status.PENDING, name="Offen")
        make_registration(event, people=3, status=Registration.Status.WAITLISTED, name="Warten")
    make_event(world.office, title="Entwurf", status=Event.Status.DRAFT)
    make_event(world.office, title="Vorbei", day=datetime.date.today() - datetime.timedelta(days=3))
    make_event(world.office, title="Importiert", source=Event.Source.IMPORTED, external_uid="u@x")
    make_event(world.other_office, title="Fremd")
    login_verified(client, world.editor)
    # Staff request (session, user, 2FA device, office, membership); the fields of action of the filter;
    # the events with their place sums (one query); the tab counts (one query); the session saved (3).
    with django_assert_num_queries(11):
        response = client.get(url(world, "event_list"))
    html = response.content.decode()
    assert "Treff 5" in html and "Fremd" not in html and "Entwurf" not in html and "Vorbei" not in html
    assert "2 / 10" in html
    assert "Entwurf" in client.get(url(world, "event_list") + "?tab=drafts").content.decode()
    assert "Vorbei" in client.get(url(world, "event_list") + "?tab=past").content.decode()
    imported = client.get(url(world, "event_list") + "?tab=imported").content.decode()
    assert "Importiert" in imported and "Treff 1" not in imported
    found = client.get(url(world, "event_list") + "?q=treff+3").content.decode()
    assert "Treff 3" in found and "Treff 2" not in found


def event_post(**overrides):
    day = datetime.date.today() + datetime.timedelta(days=20)
    data = {
        "title": "Sprachcafé",
        "summary": "Deutsch üben",
        "description": "**Willkommen** <script>alert(1)</script>",
        "start_date": day.isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "cost_type": "free",
        "max_people_per_registration": "4",
        "status": "published",
        "capacity": "12",
        "registration_enabled": "on",
        "waitlist_enabled": "on",
    }
    data.update(overrides)
    return data


def test_create_an_event_and_a_series(world, client, vocab):
    login_verified(client, world.editor)
    data = event_post(
        organiser=str(world.organisation.pk), fields_of_action=[str(vocab["areas"]["sprache"].pk)]
    )
    response = client.post(url(world, "event_create"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser == world.organisation and event.capacity == 12 and event.registration_enabled
    assert event.starts_at.astimezone(LOCAL_TZ).time() == datetime.time(19, 0)
    assert list(event.fields_of_action.all()) == [vocab["areas"]["sprache"]]
    # The description is sanitised when shown.
    page = client.get(url(world, "event_edit", event_id=event.pk)).content.decode()
    assert "<strong>Willkommen</strong>" in page and "<script>alert(1)</script>" not in page

    response = client.post(
        url(world, "event_create"), event_post(title="Serie", repeat="weekly", repeat_count="4")
    )
    assert response.status_code == 302
    series = Event.objects.filter(title="Serie")
    assert series.count() == 4 and len({e.series for e in series}) == 1


def test_bad_input_is_shown_with_the_input_kept(world, client, english):
    login_verified(client, world.editor)
    day = datetime.date.today() + datetime.timedelta(days=20)
    data = event_post(
        end_date=(day - datetime.timedelta(days=1)).isoformat(),
        deadline_date=(day + datetime.timedelta(days=2)).isoformat(),
    )
    response = client.post(url(world, "event_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The event cannot end before it starts." in html
    assert "The registration deadline must be before the event starts." in html
    assert 'value="Sprachcafé"' in html
    assert not Event.objects.exists()
    foreign = OrganisationFactory(office=world.other_office)
    response = client.post(url(world, "event_create"), event_post(organiser=str(foreign.pk)))
    assert response.status_code == 400 and not Event.objects.exists()
    response = client.post(url(world, "event_create"), event_post(start_time="", repeat="weekly"))
    assert response.status_code == 400
    assert "Please give the start time" in response.content.decode()


def test_edit_capacity_below_confirmed_is_refused(world, client, english):
    event = make_event(world.office, capacity=10, registration_enabled=True)
    make_registration(event, people=4)
    login_verified(client, world.editor)
    local_start = event.starts_at.astimezone(LOCAL_TZ)
    data = event_post(
        title=event.title,
        start_date=local_start.date().isoformat(),
        start_time="19:00",
        end_time="21:00",
        capacity="3",
    )
    response = client.post(url(world, "event_edit", event_id=event.pk), data)
    assert response.status_code == 400
    assert "4 people are already confirmed" in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 10
    response = client.post(url(world, "event_edit", event_id=event.pk), {**data, "capacity": "4"})
    assert response.status_code == 302 and Event.objects.get(pk=event.pk).capacity == 4


def test_translation_pages(world, client):
    world.office.content_languages = ["fr", "ar"]
    world.office.save()
    event = make_event(world.office)
    login_verified(client, world.editor)
    page = client.get(url(world, "event_translations", event_id=event.pk)).content.decode()
    assert "Français" in page and "Italiano" not in page
    form_page = client.get(
        url(world, "event_translation_edit", event_id=event.pk, language="ar")
    ).content.decode()
    assert 'dir="rtl"' in form_page
    response = client.post(
        url(world, "event_translation_edit", event_id=event.pk, language="fr"),
        {"title": "Café des langues", "summary": "", "description": "", "cost_note": "", "state": "done"},
    )
    assert response.status_code == 302
    assert EventTranslation.objects.get(event=event, language="fr").title == "Café des langues"
    assert (
        client.get(url(world, "event_translation_edit", event_id=event.pk, language="it")).status_code == 404
    )


def test_cancel_delete_duplicate_make_own(world, client, english):
    login_verified(client, world.editor)
    event = make_event(world.office)
    make_registration(event)
    # With registrations: no delete, the page offers cancelling.
    response = client.post(url(world, "event_delete", event_id=event.pk))
    assert response.status_code == 302 and Event.objects.filter(pk=event.pk).exists()
    response = client.post(url(world, "event_cancel", event_id=event.pk), {"note": ""})
    assert response.status_code == 400
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED
    response = client.post(url(world, "event_cancel", event_id=event.pk), {"note": "Krank"})
    assert response.status_code == 302 and Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED

    response = client.post(url(world, "event_duplicate", event_id=event.pk))
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"].endswith(f"/{copy.pk}/") and copy.status == Event.Status.DRAFT
    client.post(url(world, "event_delete", event_id=copy.pk))
    assert not Event.objects.filter(pk=copy.pk).exists()

    imported = make_event(world.office, source=Event.Source.IMPORTED, external_uid="u@x")
    client.post(url(world, "event_make_own", event_id=imported.pk))
    assert Event.objects.get(pk=imported.pk).source == Event.Source.OWN


def test_saving_an_imported_event_unchanged_keeps_it_under_the_feed(world, client):
    event = make_event(
        world.office, source=Event.Source.IMPORTED, external_uid="u@x", description="Zeile eins  \nZeile zwei"
    )
    login_verified(client, world.editor)
    start = event.starts_at.astimezone(LOCAL_TZ)
    data = {
        "title": event.title,
        "description": "Zeile eins  \r\nZeile zwei",  # as a browser sends it
        "start_date": start.date().isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "cost_type": "free",
        "max_people_per_registration": "6",
        "waitlist_enabled": "on",
        "status": "published",
    }
    assert client.post(url(world, "event_edit", event_id=event.pk), data).status_code == 302
    event.refresh_from_db()
    assert not event.edited_locally and event.source_revision == 1
    client.post(url(world, "event_edit", event_id=event.pk), {**data, "title": "Eigener Titel"})
    event.refresh_from_db()
    assert event.edited_locally and event.source_revision == 2
