"""GET /api/v1/pages, /events, /news (+ their detail): shape, office scoping, filters, languages, bad
input, query counts, and their place in the OpenAPI schema."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fachstelle.api.content_schemas import (
    EventDetail,
    EventList,
    NewsDetail,
    NewsList,
    PageDetail,
    PageList,
)
from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.events.models import Event, EventTranslation, Registration
from fachstelle.guide.models import GuidePage, GuidePageTranslation
from fachstelle.news.models import NewsItem, NewsItemTranslation

pytestmark = pytest.mark.django_db


def get_json(client, path, schema, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    if schema is not None:
        schema.model_validate(data)  # exactly the documented fields, with the documented types
    return data


def titles(data):
    return [item["title"] for item in data["results"]]


def assert_error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail"} and body["detail"]
    return body["detail"]


# --- data ---------------------------------------------------------------------------------------------


BODY = """## Erste Schritte

Melden Sie sich bei der **Gemeinde** an.

[[offers field=sprache limit=3]]

<script>alert("x")</script>
[Merkblatt](https://example.org/merkblatt.pdf)
"""


def page(office, title, **fields):
    fields.setdefault("status", GuidePage.Status.PUBLISHED)
    return GuidePage.objects.create(office=office, title=title, **fields)


@pytest.fixture
def guide(directory):
    region, other = directory["region"], directory["other"]
    arrival = page(
        region,
        "Ankommen",
        order=1,
        icon="arrival",
        summary="Die ersten Wochen.",
        body=BODY,
        easy_title="Neu hier",
        easy_body="Sie sind neu.\n\nWir helfen.",
    )
    GuidePageTranslation.objects.create(
        page=arrival,
        language="fr",
        title="Arriver",
        summary="Les premières semaines.",
        body="## Premiers pas",
    )
    GuidePageTranslation.objects.create(page=arrival, language="ar", title="الوصول", body="نص")
    school = page(
        region, "Schule", order=2, parent=arrival, municipality=directory["zofingen"], icon="school"
    )
    GuidePageTranslation.objects.create(
        page=school, language="fr", title="École (brouillon)", state="in_translation"
    )
    draft = page(region, "Entwurf", order=3, status=GuidePage.Status.DRAFT)
    orphan = page(region, "Unter dem Entwurf", parent=draft)
    foreign = page(other, "Willkommen in Allschwil")
    return {"arrival": arrival, "school": school, "draft": draft, "orphan": orphan, "foreign": foreign}


def at(days, hour=18):
    """A moment `days` from today at `hour` o'clock, local time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def event(office, title, *, starts_at=None, hours=2, m2m=None, **fields):
    starts_at = starts_at or at(7)
    fields.setdefault("status", Event.Status.PUBLISHED)
    item = Event.objects.create(
        office=office, title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )
    for name, values in (m2m or {}).items():
        getattr(item, name).set(values)
    return item


def register(item, people, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        event=item, name="Test", email="t@example.org", people=people, status=status
    )


@pytest.fixture
def calendar(directory, vocab):
    region, other = directory["region"], directory["other"]
    organiser = OrganisationFactory(office=region, name="Verein Treffpunkt")
    evening = event(
        region,
        "Informationsabend für Neuzugezogene",
        starts_at=at(3),
        summary="Alles Wichtige.",
        description="## Programm\n\n[[events field=sprache]]\n\n<script>x</script>Fragen **willkommen**.",
        organiser=organiser,
        location_name="Gemeindesaal",
        street="Hauptstrasse 1",
        postcode="4663",
        municipality=directory["aarburg"],
        interpreter_provided=True,
        childcare=True,
        cost_type=Event.CostType.FEE,
        cost_amount=Decimal("20.00"),
        cost_note="Apéro inbegriffen",
        registration_enabled=True,
        capacity=10,
        registration_deadline=at(2),
        contact_email="info@example.org",
        m2m={
            "languages": [vocab["languages"]["de"], vocab["languages"]["ti"]],
            "fields_of_action": [vocab["areas"]["sprache"]],
            "target_groups": [vocab["targets"]["familien"]],
        },
    )
    EventTranslation.objects.create(
        event=evening, language="fr", title="Soirée d'information", cost_note="Apéritif compris"
    )
    register(evening, 3)
    register(evening, 2, Registration.Status.PENDING)
    register(evening, 5, Registration.Status.CANCELLED)  # frees its places
    register(evening, 4, Registration.Status.WAITLISTED)
    online = event(
        region,
        "Online-Beratung",
        starts_at=at(5),
        is_online=True,
        m2m={"fields_of_action": [vocab["areas"]["beratung"]], "languages": [vocab["languages"]["ar"]]},
    )
    cancelled = event(
        region,
        "Abgesagter Kurs",
        starts_at=at(4),
        status=Event.Status.CANCELLED,
        cancellation_note="Leiterin krank",
        municipality=directory["zofingen"],
    )
    draft = event(region, "Entwurf", starts_at=at(4), status=Event.Status.DRAFT)
    past = event(region, "Vergangenes Fest", starts_at=at(-3), municipality=directory["zofingen"])
    foreign = event(other, "Fest in Allschwil", starts_at=at(6), municipality=directory["allschwil"])
    return {
        "evening": evening,
        "online": online,
        "cancelled": cancelled,
        "draft": draft,
        "past": past,
        "foreign": foreign,
        "organiser": organiser,
    }


def news(office, title, **fields):
    fields.setdefault("status", NewsItem.Status.READY)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    fields.setdefault("teaser", f"{title}: kurz.")
    return NewsItem.objects.create(office=office, title=title, **fields)


@pytest.fixture
def newsroom(directory):
    region, other = directory["region"], directory["other"]
    now = timezone.now()
    opening = news(
        region,
        "Neue Öffnungszeiten",
        publish_at=now - timedelta(days=2),
        body="Ab **Montag** offen.\n\n<img src=x onerror=alert(1)>",
        image="news/2025/offen.jpg",
        image_thumbnail="news/2025/thumbs/offen.jpg",
        image_alt="Die Tür der Fachstelle",
    )
    NewsItemTranslation.objects.create(
        item=opening, language="fr", title="Nouveaux horaires", teaser="Dès lundi.", image_alt="La porte"
    )
    latest = news(region, "Sommerfest", publish_at=now - timedelta(hours=1))
    scheduled = news(region, "Geplant", publish_at=now + timedelta(days=1))
    expired = news(
        region, "Abgelaufen", publish_at=now - timedelta(days=9), unpublish_at=now - timedelta(days=1)
    )
    draft = news(region, "Entwurf", status=NewsItem.Status.DRAFT)
    foreign = news(other, "Neuigkeit aus Allschwil")
    return {
        "opening": opening,
        "latest": latest,
        "scheduled": scheduled,
        "expired": expired,
        "draft": draft,
        "foreign": foreign,
    }


# --- pages: list ----------------------------------------------------------------------------------------


def test_page_list_has_the_documented_fields(client, guide):
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen")
    assert data["count"] == 2 and data["warnings"] == []
    assert titles(data) == ["Ankommen", "Schule"]
    arrival = guide["arrival"]
    item = data["results"][0]
    assert item["id"] == arrival.pk
    assert item["office"] == {"slug": "region-zofingen", "name": "Fachstelle Integration Region Zofingen"}
    assert (item["parent"], item["order"], item["icon"]) == (None, 1, "arrival")
    assert item["summary"] == "Die ersten Wochen."
    assert item["body_markdown"] == BODY
    assert item["municipality"] is None
    assert (item["language"], item["fallback"], item["translation_status"]) == ("de", False, "up_to_date")
    assert item["available_languages"] == ["de", "ar", "fr"]
    assert item["easy_german"] == {
        "title": "Neu hier",
        "body_markdown": "Sie sind neu.\n\nWir helfen.",
        "body_html": "<p>Sie sind neu.</p>\n<p>Wir helfen.</p>",
    }
    assert item["url"] == f"http://testserver/de/region-zofingen/guide/{arrival.pk}-ankommen/"
    school = data["results"][1]
    assert school["parent"] == arrival.pk
    assert school["municipality"] == {"bfs_number": 4289, "name": "Zofingen"}
    assert school["easy_german"] is None
    assert school["available_languages"] == ["de"]  # the French one is still in translation


def test_page_body_html_is_sanitised_and_drops_embed_lines(client, guide):
    html = get_json(client, f"/api/v1/pages/{guide['arrival'].pk}", PageDetail)["body_html"]
    assert "<h2>Erste Schritte</h2>" in html
    assert "<strong>Gemeinde</strong>" in html
    assert '<a href="https://example.org/merkblatt.pdf" rel="noopener noreferrer">Merkblatt</a>' in html
    assert "<script" not in html and "[[offers" not in html and "fachstelle-embed" not in html


def test_page_list_never_shows_drafts_or_another_offices_pages(client, guide):
    everything = titles(get_json(client, "/api/v1/pages", PageList))
    assert sorted(everything) == ["Ankommen", "Schule", "Willkommen in Allschwil"]
    assert titles(get_json(client, "/api/v1/pages", PageList, office="allschwil")) == [
        "Willkommen in Allschwil"
    ]


def test_page_list_of_an_inactive_office(client, guide, directory):
    directory["other"].is_active = False
    directory["other"].save()
    assert "Willkommen in Allschwil" not in titles(get_json(client, "/api/v1/pages", PageList))
    assert_error(client.get("/api/v1/pages", {"office": "allschwil"}), 400)


def test_page_municipality_filter_gives_office_wide_pages_and_the_municipalitys_own(client, guide):
    zofingen = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", municipality="4289")
    assert titles(zofingen) == ["Ankommen", "Schule"]
    aarburg = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", municipality="4271")
    assert titles(aarburg) == ["Ankommen"]
    # Without office: the office-wide pages of the offices serving it only.
    assert titles(get_json(client, "/api/v1/pages", PageList, municipality="2762")) == [
        "Willkommen in Allschwil"
    ]


@pytest.mark.parametrize("value", ["2762", "99999", "abc", "9" * 30, "²", "9" * 5000])
def test_page_unknown_municipality_is_ignored_with_a_warning(client, guide, value):
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", municipality=value)
    assert titles(data) == ["Ankommen", "Schule"]  # the office scope kept
    assert len(data["warnings"]) == 1


def test_page_parent_filter(client, guide):
    arrival = guide["arrival"]
    assert titles(get_json(client, "/api/v1/pages", PageList, office="region-zofingen", parent="root")) == [
        "Ankommen"
    ]
    assert titles(get_json(client, "/api/v1/pages", PageList, parent=str(arrival.pk))) == ["Schule"]
    assert get_json(client, "/api/v1/pages", PageList, parent="9" * 25)["count"] == 0
    assert get_json(client, "/api/v1/pages", PageList, parent="9" * 5000)["count"] == 0
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", parent="abc")
    assert data["count"] == 2 and len(data["warnings"]) == 1


def test_page_list_in_a_language_with_fallback_information(client, guide):
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang="fr")
    arrival, school = data["results"]
    assert (arrival["title"], arrival["body_markdown"]) == ("Arriver", "## Premiers pas")
    assert (arrival["language"], arrival["fallback"], arrival["translation_status"]) == (
        "fr",
        False,
        "up_to_date",
    )
    assert arrival["body_html"] == "<h2>Premiers pas</h2>"
    assert arrival["url"].startswith("http://testserver/fr/region-zofingen/guide/")
    # In translation: never shown; German with the reason.
    assert (school["title"], school["language"], school["fallback"]) == ("Schule", "de", True)
    assert school["translation_status"] == "in_translation"
    ti = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang="ti")["results"][0]
    assert (ti["title"], ti["language"], ti["fallback"], ti["translation_status"]) == (
        "Ankommen",
        "de",
        True,
        "missing",
    )


@pytest.mark.parametrize("lang", ["xx", "<b>", "d" * 3000])
def test_page_unknown_lang_is_ignored_with_a_warning(client, guide, lang):
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang=lang)
    assert data["count"] == 2 and len(data["warnings"]) == 1
    assert all(item["language"] == "de" and not item["fallback"] for item in data["results"])


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999999", "²", "9" * 5000])
def test_page_bad_page_number_gives_the_first_page_with_a_warning(client, guide, value):
    data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", page=value)
    assert data["count"] == 2 and len(data["results"]) == 2
    assert data["warnings"]


@pytest.mark.parametrize("slug", ["nowhere", "x" * 5000, "<script>", "\x00"])
def test_unknown_office_is_a_400_on_every_content_list(client, guide, slug):
    for path in ("/api/v1/pages", "/api/v1/events", "/api/v1/news"):
        assert "office" in assert_error(client.get(path, {"office": slug}), 400).lower()


def test_page_pagination_of_twenty_with_links_keeping_the_filters(client, directory):
    region = directory["region"]
    for n in range(45):
        page(region, f"Seite {n:02d}", order=n)
    first = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang="en")
    assert first["count"] == 45 and len(first["results"]) == 20 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/pages?")
    for part in ("office=region-zofingen", "lang=en", "page=2"):
        assert part in first["next"]
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert "page=1" in second["previous"]
    assert len(third["results"]) == 5 and third["next"] is None
    seen = [item["id"] for data in (first, second, third) for item in data["results"]]
    assert len(set(seen)) == 45
    # Past the last page: the last page.
    last = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang="en", page="9")
    assert [item["id"] for item in last["results"]] == [item["id"] for item in third["results"]]


# The office · count · the page of pages with office+municipality · the languages translated into ·
# the translations into `lang` (not in German).
PAGE_LIST_QUERIES = {"de": 1 + 1 + 1 + 1, "fr": 1 + 1 + 1 + 1 + 1}


@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_page_list_query_count_does_not_grow_with_results(
    client, guide, directory, django_assert_num_queries, extra, lang
):
    for n in range(extra):
        extra_page = page(
            directory["region"], f"Mehr {n}", parent=guide["arrival"], municipality=directory["aarburg"]
        )
        GuidePageTranslation.objects.create(page=extra_page, language="fr", title=f"Plus {n}")
    with django_assert_num_queries(PAGE_LIST_QUERIES[lang]):
        data = get_json(client, "/api/v1/pages", PageList, office="region-zofingen", lang=lang)
    assert len(data["results"]) == min(20, 2 + extra)


# --- pages: detail --------------------------------------------------------------------------------------


def test_page_detail_has_the_list_fields_and_the_translations(client, guide):
    arrival = guide["arrival"]
    data = get_json(client, f"/api/v1/pages/{arrival.pk}", PageDetail, lang="fr")
    assert (data["title"], data["language"], data["fallback"]) == ("Arriver", "fr", False)
    assert data["source_language"] == "de"
    assert data["translations"] == [
        {
            "language": "ar",
            "status": "up_to_date",
            "public": True,
            "url": f"http://testserver/ar/region-zofingen/guide/{arrival.pk}-ankommen/",
        },
        {
            "language": "fr",
            "status": "up_to_date",
            "public": True,
            "url": f"http://testserver/fr/region-zofingen/guide/{arrival.pk}-ankommen/",
        },
    ]
    GuidePage.objects.filter(pk=arrival.pk).update(source_revision=2)
    data = get_json(client, f"/api/v1/pages/{arrival.pk}", PageDetail, lang="fr")
    assert data["translation_status"] == "outdated"
    school = get_json(client, f"/api/v1/pages/{guide['school'].pk}", PageDetail, lang="fr")
    assert school["translations"] == [
        {"language": "fr", "status": "in_translation", "public": False, "url": None}
    ]
    assert (school["title"], school["fallback"]) == ("Schule", True)


def test_page_detail_scoping_and_missing_pages(client, guide):
    for key in ("draft", "orphan"):
        detail = assert_error(client.get(f"/api/v1/pages/{guide[key].pk}"), 404)
        assert "Entwurf" not in detail
    foreign = guide["foreign"].pk
    assert_error(client.get(f"/api/v1/pages/{foreign}", {"office": "region-zofingen"}), 404)
    assert client.get(f"/api/v1/pages/{foreign}", {"office": "allschwil"}).status_code == 200
    assert_error(client.get(f"/api/v1/pages/{foreign}", {"office": "nowhere"}), 400)
    for path in ("0", "-1", "999999", "99999999999999999999999999"):
        assert_error(client.get(f"/api/v1/pages/{path}"), 404)
    assert_error(client.get("/api/v1/pages/abc"), 422)


# The page with office+municipality · all its translations.
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_page_detail_query_count(client, guide, django_assert_num_queries, lang):
    with django_assert_num_queries(2):
        get_json(client, f"/api/v1/pages/{guide['arrival'].pk}", PageDetail, lang=lang)


# --- events: list ---------------------------------------------------------------------------------------


def test_event_list_has_the_documented_fields(client, calendar):
    data = get_json(client, "/api/v1/events", EventList, office="region-zofingen")
    # Soonest first; the cancelled one listed with its status; no draft, no past event.
    assert titles(data) == ["Informationsabend für Neuzugezogene", "Abgesagter Kurs", "Online-Beratung"]
    evening = calendar["evening"]
    item = data["results"][0]
    assert item["id"] == evening.pk
    assert item["organiser"] == {"id": calendar["organiser"].pk, "name": "Verein Treffpunkt"}
    assert (item["status"], item["cancellation_note"]) == ("published", "")
    starts = datetime.fromisoformat(item["starts_at"])
    assert starts == evening.starts_at and starts.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert item["starts_at"].endswith(("+01:00", "+02:00")) and item["starts_at"][11:13] == "18"
    assert datetime.fromisoformat(item["ends_at"]) == evening.ends_at
    assert item["all_day"] is False
    assert item["place"] == {
        "name": "Gemeindesaal",
        "street": "Hauptstrasse 1",
        "postcode": "4663",
        "municipality": {"bfs_number": 4271, "name": "Aarburg"},
    }
    assert item["online"] is False
    assert [lang["code"] for lang in item["languages"]] == ["de", "ti"]
    assert item["fields_of_action"] == [{"slug": "sprache", "name": "Deutsch lernen"}]
    assert [t["slug"] for t in item["target_groups"]] == ["familien"]
    assert (item["interpreter"], item["childcare"]) == (True, True)
    assert item["cost"] == {"type": "fee", "amount": "20.00", "note": "Apéro inbegriffen"}
    # 10 places − 3 confirmed − 2 pending; cancelled and waitlisted people hold none.
    assert (item["capacity"], item["places_left"]) == (10, 5)
    url = f"http://testserver/de/region-zofingen/events/{evening.pk}-informationsabend-fur-neuzugezogene/"
    assert item["url"] == url
    assert item["ics_url"] == f"http://testserver/de/region-zofingen/events/{evening.pk}.ics"
    registration = item["registration"]
    assert registration["enabled"] is True and registration["open"] is True
    assert registration["url"] == url
    assert datetime.fromisoformat(registration["deadline"]) == evening.registration_deadline
    assert (registration["requires_approval"], registration["waitlist"]) == (False, True)
    online, cancelled = data["results"][2], data["results"][1]
    assert online["place"] is None and online["online"] is True
    assert online["organiser"] is None and online["capacity"] is None and online["places_left"] is None
    assert online["registration"] == {
        "enabled": False,
        "open": False,
        "requires_approval": False,
        "waitlist": True,
        "deadline": None,
        "url": None,
    }
    assert (cancelled["status"], cancelled["cancellation_note"]) == ("cancelled", "Leiterin krank")


def test_event_registration_open_follows_the_rules(client, calendar):
    evening = calendar["evening"]

    def registration():
        return get_json(client, f"/api/v1/events/{evening.pk}", EventDetail)["registration"]

    Event.objects.filter(pk=evening.pk).update(capacity=5, waitlist_enabled=False)
    assert registration()["open"] is False  # full and no waitlist
    Event.objects.filter(pk=evening.pk).update(waitlist_enabled=True)
    assert registration()["open"] is True  # full: the waitlist takes registrations
    Event.objects.filter(pk=evening.pk).update(registration_deadline=timezone.now() - timedelta(minutes=1))
    assert registration()["open"] is False
    Event.objects.filter(pk=evening.pk).update(registration_deadline=None, status=Event.Status.CANCELLED)
    assert registration()["open"] is False


def test_event_places_left_never_negative(client, calendar):
    register(calendar["evening"], 9)
    item = get_json(client, f"/api/v1/events/{calendar['evening'].pk}", EventDetail)
    assert item["places_left"] == 0


def test_event_list_scoping(client, calendar, directory):
    assert "Fest in Allschwil" in titles(get_json(client, "/api/v1/events", EventList))
    assert titles(get_json(client, "/api/v1/events", EventList, office="allschwil")) == ["Fest in Allschwil"]
    directory["other"].is_active = False
    directory["other"].save()
    assert "Fest in Allschwil" not in titles(get_json(client, "/api/v1/events", EventList))


def test_event_filters(client, calendar, vocab):
    def listed(**params):
        return titles(get_json(client, "/api/v1/events", EventList, office="region-zofingen", **params))

    assert listed(field="sprache") == ["Informationsabend für Neuzugezogene"]
    assert listed(field="sprache,beratung") == ["Informationsabend für Neuzugezogene", "Online-Beratung"]
    assert listed(language="ti") == ["Informationsabend für Neuzugezogene"]
    assert listed(language="ar", field="sprache") == []
    # A municipality: events there and those without a place of the office.
    assert listed(municipality="4289") == ["Abgesagter Kurs", "Online-Beratung"]
    assert listed(municipality="4271") == ["Informationsabend für Neuzugezogene", "Online-Beratung"]


def test_event_date_range(client, calendar):
    def listed(**params):
        return titles(get_json(client, "/api/v1/events", EventList, office="region-zofingen", **params))

    today = timezone.localdate()
    # `from` in the past shows past events too.
    assert listed(**{"from": str(today - timedelta(days=5))})[0] == "Vergangenes Fest"
    assert listed(**{"from": str(today + timedelta(days=4)), "to": str(today + timedelta(days=5))}) == [
        "Abgesagter Kurs",
        "Online-Beratung",
    ]
    assert listed(to=str(today + timedelta(days=3))) == ["Informationsabend für Neuzugezogene"]
    # One day: events starting that day (the evening at 18:00 is included up to midnight).
    day = str(today + timedelta(days=3))
    assert listed(**{"from": day, "to": day}) == ["Informationsabend für Neuzugezogene"]


def test_event_from_after_to_is_a_400(client, calendar):
    response = client.get("/api/v1/events", {"from": "2030-05-02", "to": "2030-05-01"})
    assert "from" in assert_error(response, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "abc"},
        {"to": "2030-13-45"},
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"from": "2030-01-01T00:00"},
        {"field": "no-such-topic"},
        {"language": "klingon"},
        {"municipality": "2762"},
        {"page": "abc"},
    ],
)
def test_event_bad_filters_are_ignored_with_a_warning(client, calendar, params):
    data = get_json(client, "/api/v1/events", EventList, office="region-zofingen", **params)
    assert data["count"] == 3
    assert len(data["warnings"]) == 1


def test_event_list_in_a_language(client, calendar):
    data = get_json(client, "/api/v1/events", EventList, office="region-zofingen", lang="fr")
    evening = data["results"][0]
    assert (evening["title"], evening["language"], evening["fallback"]) == (
        "Soirée d'information",
        "fr",
        False,
    )
    assert evening["summary"] == "Alles Wichtige."  # untranslated field: German
    assert evening["cost"]["note"] == "Apéritif compris"
    assert evening["fields_of_action"] == [{"slug": "sprache", "name": "Apprendre l'allemand"}]
    assert evening["available_languages"] == ["de", "fr"]
    assert evening["url"].startswith("http://testserver/fr/region-zofingen/events/")
    online = data["results"][2]
    assert (online["language"], online["fallback"], online["translation_status"]) == ("de", True, "missing")


def _many_events(directory, vocab, n):
    for i in range(n):
        item = event(
            directory["region"],
            f"Treff {i}",
            starts_at=at(10 + i),
            municipality=directory["aarburg"],
            capacity=20,
            registration_enabled=True,
            organiser=OrganisationFactory(office=directory["region"]),
            m2m={
                "languages": [vocab["languages"]["de"], vocab["languages"]["ar"]],
                "fields_of_action": [vocab["areas"]["sprache"]],
                "target_groups": [vocab["targets"]["frauen"]],
            },
        )
        register(item, 2)
        EventTranslation.objects.create(event=item, language="fr", title=f"Rencontre {i}")


# The office · count · the page of events with office, place, organiser and places taken (a subquery) ·
# languages · fields of action · target groups · languages translated into · translations into `lang`.
EVENT_LIST_QUERIES = 1 + 1 + 1 + 3 + 1 + 1
# Filter terms by slug and by code.
EVENT_FILTER_QUERIES = 2


@pytest.mark.parametrize("extra", [0, 25])
def test_event_list_query_count_does_not_grow_with_results(
    client, calendar, directory, vocab, django_assert_num_queries, extra
):
    _many_events(directory, vocab, extra)
    with django_assert_num_queries(EVENT_LIST_QUERIES):
        data = get_json(client, "/api/v1/events", EventList, office="region-zofingen", lang="fr")
    assert len(data["results"]) == min(20, 3 + extra)
    with django_assert_num_queries(EVENT_LIST_QUERIES + EVENT_FILTER_QUERIES):
        get_json(
            client,
            "/api/v1/events",
            EventList,
            office="region-zofingen",
            lang="fr",
            field="sprache",
            language="de",
        )
    if extra:
        item = data["results"][-1]
        assert item["places_left"] == 18 and item["title"].startswith("Rencontre")


# --- events: detail -------------------------------------------------------------------------------------


def test_event_detail(client, calendar):
    evening = calendar["evening"]
    data = get_json(client, f"/api/v1/events/{evening.pk}", EventDetail, lang="fr")
    assert data["title"] == "Soirée d'information"
    assert data["description_markdown"].startswith("## Programm")
    html = data["description_html"]
    assert "<h2>Programm</h2>" in html and "<strong>willkommen</strong>" in html
    assert "<script" not in html and "[[events" not in html
    assert data["contact"] == {"email": "info@example.org", "phone": ""}
    assert data["source_language"] == "de"
    assert [(t["language"], t["status"], t["public"]) for t in data["translations"]] == [
        ("fr", "up_to_date", True)
    ]
    assert data["translations"][0]["url"].startswith(
        f"http://testserver/fr/region-zofingen/events/{evening.pk}-"
    )
    # A past event stays reachable by id.
    assert (
        get_json(client, f"/api/v1/events/{calendar['past'].pk}", EventDetail)["title"] == "Vergangenes Fest"
    )


def test_event_detail_scoping_and_missing_events(client, calendar):
    assert_error(client.get(f"/api/v1/events/{calendar['draft'].pk}"), 404)
    Event.objects.filter(pk=calendar["past"].pk).update(status=Event.Status.ARCHIVED)
    assert_error(client.get(f"/api/v1/events/{calendar['past'].pk}"), 404)
    foreign = calendar["foreign"].pk
    assert_error(client.get(f"/api/v1/events/{foreign}", {"office": "region-zofingen"}), 404)
    assert client.get(f"/api/v1/events/{foreign}", {"office": "allschwil"}).status_code == 200
    assert_error(client.get(f"/api/v1/events/{foreign}", {"office": "\x00"}), 400)
    for path in ("0", "999999", "99999999999999999999999999"):
        assert_error(client.get(f"/api/v1/events/{path}"), 404)
    assert_error(client.get("/api/v1/events/abc"), 422)


# The event with office, place, organiser and places taken · languages · fields · target groups ·
# all its translations.
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_event_detail_query_count(client, calendar, django_assert_num_queries, lang):
    with django_assert_num_queries(1 + 3 + 1):
        get_json(client, f"/api/v1/events/{calendar['evening'].pk}", EventDetail, lang=lang)


# --- news -----------------------------------------------------------------------------------------------


def test_news_list_has_the_documented_fields(client, newsroom):
    data = get_json(client, "/api/v1/news", NewsList, office="region-zofingen")
    # Visible now, newest first: nothing scheduled, expired or in draft.
    assert titles(data) == ["Sommerfest", "Neue Öffnungszeiten"]
    opening = newsroom["opening"]
    item = data["results"][1]
    assert item["id"] == opening.pk
    assert item["teaser"] == "Neue Öffnungszeiten: kurz."
    assert item["image"] == {
        "url": "http://testserver/media/news/2025/offen.jpg",
        "thumbnail_url": "http://testserver/media/news/2025/thumbs/offen.jpg",
        "alt": "Die Tür der Fachstelle",
    }
    assert datetime.fromisoformat(item["publish_at"]) == opening.publish_at
    assert item["publish_at"].endswith(("+01:00", "+02:00"))
    assert item["url"] == f"http://testserver/de/region-zofingen/news/{opening.pk}-neue-offnungszeiten/"
    assert item["available_languages"] == ["de", "fr"]
    assert data["results"][0]["image"] is None


def test_news_list_scoping_and_language(client, newsroom):
    assert sorted(titles(get_json(client, "/api/v1/news", NewsList))) == [
        "Neue Öffnungszeiten",
        "Neuigkeit aus Allschwil",
        "Sommerfest",
    ]
    assert titles(get_json(client, "/api/v1/news", NewsList, office="allschwil")) == [
        "Neuigkeit aus Allschwil"
    ]
    french = get_json(client, "/api/v1/news", NewsList, office="region-zofingen", lang="fr")["results"]
    assert (french[1]["title"], french[1]["teaser"], french[1]["image"]["alt"]) == (
        "Nouveaux horaires",
        "Dès lundi.",
        "La porte",
    )
    assert (french[0]["language"], french[0]["fallback"]) == ("de", True)


# The office · count · the page of items with office · languages translated into · translations.
@pytest.mark.parametrize("extra", [0, 30])
def test_news_list_query_count(client, newsroom, directory, django_assert_num_queries, extra):
    for n in range(extra):
        item = news(directory["region"], f"Meldung {n}", image=f"news/2025/{n}.jpg", image_alt="Bild")
        NewsItemTranslation.objects.create(item=item, language="fr", title=f"Annonce {n}", teaser="…")
    with django_assert_num_queries(1 + 1 + 1 + 1 + 1):
        data = get_json(client, "/api/v1/news", NewsList, office="region-zofingen", lang="fr")
    assert len(data["results"]) == min(20, 2 + extra)


def test_news_detail(client, newsroom):
    opening = newsroom["opening"]
    data = get_json(client, f"/api/v1/news/{opening.pk}", NewsDetail)
    assert data["body_markdown"].startswith("Ab **Montag**")
    assert "<strong>Montag</strong>" in data["body_html"]
    assert "onerror" not in data["body_html"] and "<img" not in data["body_html"]
    assert [t["language"] for t in data["translations"]] == ["fr"]
    assert data["source_language"] == "de"


def test_news_detail_of_an_invisible_item_is_404(client, newsroom):
    for key in ("scheduled", "expired", "draft"):
        assert_error(client.get(f"/api/v1/news/{newsroom[key].pk}"), 404)
    foreign = newsroom["foreign"].pk
    assert_error(client.get(f"/api/v1/news/{foreign}", {"office": "region-zofingen"}), 404)
    for path in ("0", "99999999999999999999999999"):
        assert_error(client.get(f"/api/v1/news/{path}"), 404)
    assert_error(client.get("/api/v1/news/abc"), 422)


# The item with office · all its translations.
def test_news_detail_query_count(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(2):
        get_json(client, f"/api/v1/news/{newsroom['opening'].pk}", NewsDetail, lang="fr")


def test_bad_page_number_on_events_and_news(client, calendar, newsroom):
    for path, schema in (("/api/v1/events", EventList), ("/api/v1/news", NewsList)):
        data = get_json(client, path, schema, office="region-zofingen", page="abc", lang="xx")
        assert len(data["warnings"]) == 2 and data["count"] > 0


# --- OpenAPI ----------------------------------------------------------------------------------------------


def test_openapi_schema_documents_the_content_endpoints(client):
    schema = get_json(client, "/api/v1/openapi.json", None)
    paths = schema["paths"]
    for path in (
        "/api/v1/pages",
        "/api/v1/pages/{page_id}",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/news",
        "/api/v1/news/{news_id}",
    ):
        operation = paths[path]["get"]
        assert operation["summary"] and operation["description"]
        assert {"office", "lang"} <= {p["name"] for p in operation["parameters"]}
        assert {"200", "400"} <= set(operation["responses"])
    parameter_names = {
        path: {p["name"] for p in paths[path]["get"]["parameters"]}
        for path in ("/api/v1/pages", "/api/v1/events", "/api/v1/news")
    }
    assert parameter_names["/api/v1/pages"] == {"office", "municipality", "parent", "page", "lang"}
    assert parameter_names["/api/v1/events"] == {
        "office",
        "municipality",
        "field",
        "language",
        "from",
        "to",
        "page",
        "lang",
    }
    assert parameter_names["/api/v1/news"] == {"office", "page", "lang"}
    content_paths = [path for path in paths if path.split("/")[3] in {"pages", "events", "news"}]
    assert len(content_paths) == 6
    assert all(p["description"] for path in content_paths for p in paths[path]["get"]["parameters"])
    components = schema["components"]["schemas"]
    event = components["EventItem"]["properties"]
    assert {"starts_at", "places_left", "registration", "ics_url", "translation_status"} <= set(event)
    assert "description" in event["places_left"]
    assert {"body_html", "easy_german", "available_languages"} <= set(components["PageItem"]["properties"])
    assert {"image", "publish_at"} <= set(components["NewsItemOut"]["properties"])
    assert {"body_html", "translations"} <= set(components["NewsDetail"]["properties"])
