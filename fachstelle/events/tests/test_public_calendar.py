"""Public calendar pages: list by day, month grid, filters that survive the way to an event and back, bad
parameters, feed links, query pins."""

import datetime
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.utils import timezone

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.events.models import Event, EventTranslation

from .factories_public import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(slug="zofingen", content_languages=["ti", "fr"])


def _event_links(html: str) -> list[str]:
    return re.findall(r'href="(/de/zofingen/events/\d+-[^"]+)"', html)


def test_list_shows_upcoming_events_grouped_by_day(client, office, english):
    first = EventFactory(
        office=office, title="Informationsabend", starts_at=in_days(2, 19), ends_at=in_days(2, 21)
    )
    EventFactory(office=office, title="Sprachcafé", starts_at=in_days(2, 14), ends_at=in_days(2, 16))
    EventFactory(office=office, title="Vergangen", starts_at=in_days(-2), ends_at=in_days(-2, 21))
    EventFactory(office=office, title="Entwurf", status=Event.Status.DRAFT)
    EventFactory(title="Andere Stelle")
    response = client.get("/en/zofingen/events/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Sprachcafé") < html.index("Informationsabend")  # by time within the day
    assert html.count('class="event-day"') == 1
    for hidden in ("Vergangen", "Entwurf", "Andere Stelle"):
        assert hidden not in html
    assert 'rel="alternate" type="text/calendar"' in html
    assert 'href="/en/zofingen/events/feed.ics"' in html
    assert 'aria-current="page">Events</a>' in html  # public_nav
    assert first.get_absolute_url().replace("/de/", "/en/") in html


def test_cancelled_event_stays_listed_marked_cancelled(client, office, english):
    EventFactory(office=office, title="Abgesagt", status=Event.Status.CANCELLED)
    html = client.get("/en/zofingen/events/").content.decode()
    assert "Abgesagt" in html and "Cancelled" in html


def test_places_left_and_full_waitlist_on_the_list(client, office, english):
    full = EventFactory(office=office, title="Voll", capacity=1)
    RegistrationFactory(event=full)
    EventFactory(office=office, title="Frei", capacity=5)
    html = client.get("/en/zofingen/events/").content.decode()
    assert "Full – waitlist" in html
    assert "5 places left" in html


def test_filters_apply_and_travel_to_the_event_and_back(client, office, vocab):
    work = vocab["areas"]["arbeit"]
    tigrinya = vocab["languages"]["ti"]
    town = MunicipalityFactory(name="Aarburg")
    office.municipalities.add(town)
    match = EventFactory(office=office, title="Jobcafé", municipality=town)
    match.fields_of_action.add(work)
    match.languages.add(tigrinya)
    other_topic = EventFactory(office=office, title="Elterntreff", municipality=town)
    other_topic.languages.add(tigrinya)
    query = f"field=arbeit&language=ti&municipality={town.bfs_number}&q=job"
    response = client.get(f"/de/zofingen/events/?{query}")
    html = response.content.decode()
    assert "Jobcafé" in html and "Elterntreff" not in html
    # The per-field feed is announced when a field is chosen.
    assert 'type="text/calendar" title="' in html and "/de/zofingen/events/feed/arbeit.ics" in html
    links = _event_links(html)
    assert len(links) == 1
    detail = client.get(links[0].replace("&amp;", "&"))
    assert detail.status_code == 200
    back = re.search(r'class="event-back"><a href="([^"]+)"', detail.content.decode()).group(1)
    back = back.replace("&amp;", "&")
    assert urlsplit(back).path == "/de/zofingen/events/"
    assert parse_qs(urlsplit(back).query) == parse_qs(query)
    # The filtered list is what the back link shows.
    assert "Elterntreff" not in client.get(back).content.decode()


def test_date_filters(client, office):
    EventFactory(office=office, title="Bald-Anlass", starts_at=in_days(3), ends_at=in_days(3, 21))
    EventFactory(office=office, title="Später-Anlass", starts_at=in_days(20), ends_at=in_days(20, 21))
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    html = client.get(f"/de/zofingen/events/?from={day}").content.decode()
    assert "Später-Anlass" in html and "Bald-Anlass" not in html
    html = client.get(f"/de/zofingen/events/?to={day}").content.decode()
    assert "Bald-Anlass" in html and "Später-Anlass" not in html


@pytest.mark.parametrize(
    "query",
    [
        "field=nope",
        "from=2024-13-45",
        "to=yesterday",
        "language=xx",
        "municipality=abc",
        "municipality=99999999",
        "page=abc",
        "page=999",
        "from=2030-01-10&to=2030-01-01",
        "q=" + "x" * 500,
        "from=0001-01-01",
    ],
)
def test_bad_parameters_are_ignored_with_a_note_never_500(client, office, query, english):
    EventFactory(office=office, title="Sichtbar")
    response = client.get(f"/en/zofingen/events/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    if not query.startswith(("page", "q=")):
        assert "it was ignored" in html
    if not query.startswith(("page=999", "from=2030", "q=")):
        assert "Sichtbar" in html


def test_pagination_keeps_filters(client, office):
    for _ in range(25):
        EventFactory(office=office, title="Kurs")
    html = client.get("/de/zofingen/events/?q=kurs").content.decode()
    assert 'href="?q=kurs&amp;page=2"' in html
    assert client.get("/de/zofingen/events/?q=kurs&page=2").content.decode().count("card event-item") == 5


def test_translated_titles_and_fallback(client, office):
    translated = EventFactory(office=office, title="Informationsabend")
    EventTranslation.objects.create(event=translated, language="ti", title="ሓበሬታ ምሸት")
    EventFactory(office=office, title="Nur Deutsch")
    html = client.get("/ti/zofingen/events/").content.decode()
    assert "ሓበሬታ ምሸት" in html
    assert re.search(r'lang="de" dir="ltr">Nur Deutsch<', html)


def test_month_view_grid_and_navigation(client, office, english):
    EventFactory(
        office=office,
        title="Sommerfest",
        starts_at=datetime.datetime(2031, 7, 5, 14, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 7, 6, 20, tzinfo=datetime.UTC),
    )
    EventFactory(
        office=office,
        title="Im August",
        starts_at=in_days(0).replace(year=2031, month=8, day=1),
        ends_at=in_days(0).replace(year=2031, month=8, day=1, hour=21),
    )
    response = client.get("/en/zofingen/events/month/2031/7/?field=nope")
    html = response.content.decode()
    assert response.status_code == 200
    assert "July 2031" in html
    assert html.count("Sommerfest") == 2  # a two-day event is in both cells
    assert "Im August" not in html
    # July 2031 starts on a Tuesday: one padding cell on Monday.
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert first_row.count('class="month-pad"') == 1
    # The unknown field is dropped from the links to the neighbouring months.
    assert 'href="/en/zofingen/events/month/2031/6/"' in html
    assert 'href="/en/zofingen/events/month/2031/8/"' in html
    assert 'rel="alternate" type="text/calendar"' in html


def test_month_names_are_localised(client, office):
    assert "Juli 2031" in client.get("/de/zofingen/events/month/2031/7/").content.decode()
    assert "juillet 2031" in client.get("/fr/zofingen/events/month/2031/7/").content.decode().lower()


def test_month_view_rejects_impossible_months(client, office):
    assert client.get("/de/zofingen/events/month/2031/13/").status_code == 404
    assert client.get("/de/zofingen/events/month/99999/1/").status_code == 404


def test_month_cell_shows_a_few_and_links_the_rest(client, office, english):
    for hour in range(8, 14):
        EventFactory(
            office=office,
            starts_at=datetime.datetime(2031, 7, 9, hour, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2031, 7, 9, hour + 1, tzinfo=datetime.UTC),
        )
    html = client.get("/en/zofingen/events/month/2031/7/").content.decode()
    assert "+2 more" in html
    assert "from=2031-07-09&amp;to=2031-07-09" in html


def test_unknown_office_is_404(client):
    assert client.get("/de/no-such-office/events/").status_code == 404


def test_back_parameter_cannot_leave_the_calendar(client, office):
    event = EventFactory(office=office)
    for evil in ("https://evil.example/", "//evil.example/de/zofingen/events/", "/de/other/events/"):
        html = client.get(event.get_absolute_url(), {"back": evil}).content.decode()
        back = re.search(r'class="event-back"><a href="([^"]+)"', html).group(1)
        assert unquote(back) == "/de/zofingen/events/"


# --- query pins -------------------------------------------------------------------------------------


def _events_for_pins(office, vocab, count=12):
    work = vocab["areas"]["arbeit"]
    for index in range(count):
        event = EventFactory(office=office, capacity=5, municipality=MunicipalityFactory())
        event.fields_of_action.add(work)
        EventTranslation.objects.create(event=event, language="fr", title=f"Soirée {index}")
        RegistrationFactory(event=event)


def test_list_query_count_is_fixed(client, office, vocab, django_assert_num_queries):
    _events_for_pins(office, vocab)
    client.get("/fr/zofingen/events/")  # warm the session and caches
    # office, 3 filter vocabularies (fields, languages, municipalities), count, page, translations,
    # fields of action, places held
    with django_assert_num_queries(9):
        response = client.get("/fr/zofingen/events/?field=arbeit")
    assert response.status_code == 200


def test_month_query_count_is_fixed(client, office, vocab, django_assert_num_queries):
    _events_for_pins(office, vocab)
    now = timezone.localdate()
    url = f"/fr/zofingen/events/month/{now.year}/{now.month}/"
    next_month = timezone.localdate() + datetime.timedelta(days=7)
    client.get(url)
    # office, 3 filter vocabularies, events, translations, places held
    with django_assert_num_queries(7):
        response = client.get(f"/fr/zofingen/events/month/{next_month.year}/{next_month.month}/")
    assert response.status_code == 200


def test_detail_query_count_is_fixed(client, office, vocab, django_assert_num_queries):
    _events_for_pins(office, vocab, count=1)
    event = Event.objects.get(office=office)
    url = event.get_absolute_url().replace("/de/", "/fr/")
    # office, event, languages, fields of action, translation, places
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
