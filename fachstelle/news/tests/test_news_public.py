"""Public news pages and feeds: only visible items, localized with the fallback note, sanitised text,
valid RSS/Atom, the latest three on the office home; query counts pinned."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.news.models import NewsItem
from fachstelle.news.services import news_translation_save
from fachstelle.news.tests.conftest import png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 — our own output, parsed to prove it is well-formed


def url(name, office, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"news_public:{name}", kwargs={"office_slug": office.slug, **kwargs})


@pytest.fixture
def world(make_item, office, other_office):
    now = timezone.now()
    return {
        "visible": make_item(title="Sichtbare Meldung", image=png_upload(), image_alt="Ein Kursraum"),
        "older": make_item(title="Ältere Meldung", publish_at=now - timedelta(days=3)),
        "draft": make_item(title="Entwurfsmeldung", status=NewsItem.Status.DRAFT),
        "scheduled": make_item(title="Geplante Meldung", publish_at=now + timedelta(hours=2)),
        "expired": make_item(
            title="Abgelaufene Meldung",
            publish_at=now - timedelta(days=5),
            unpublish_at=now - timedelta(minutes=1),
        ),
        "foreign": make_item(title="Meldung aus Baden", office=other_office),
    }


def test_the_list_shows_only_visible_items_of_the_office(client, world, office):
    response = client.get(url("news_list", office))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sichtbare Meldung" in page and "Ältere Meldung" in page
    for hidden in ("Entwurfsmeldung", "Geplante Meldung", "Abgelaufene Meldung", "Meldung aus Baden"):
        assert hidden not in page
    assert page.index("Sichtbare Meldung") < page.index("Ältere Meldung")  # newest first
    assert world["visible"].image_thumbnail.url in page and 'alt="Ein Kursraum"' in page
    assert 'aria-current="page">News</a>' in page  # public_nav
    assert 'type="application/rss+xml"' in page and 'type="application/atom+xml"' in page


def test_the_list_is_paginated_with_a_pinned_number_of_queries(
    client, make_item, office, django_assert_num_queries
):
    for n in range(12):
        make_item(title=f"Meldung {n:02d}", publish_at=timezone.now() - timedelta(hours=n + 1))
    list_url = url("news_list", office, "fr")
    # office, count, the page of items, their French translations
    with django_assert_num_queries(4):
        first = client.get(list_url).content.decode()
    assert "Meldung 00" in first and "Meldung 10" not in first and 'rel="next"' in first
    second = client.get(list_url, {"page": 2}).content.decode()
    assert "Meldung 10" in second and "Meldung 11" in second
    assert client.get(list_url, {"page": "x"}).status_code == 200


def test_the_detail_page_renders_sanitised_markdown(client, world, office):
    item = world["visible"]
    # Written past the services (an import, the admin): the page still never renders raw HTML.
    NewsItem.objects.filter(pk=item.pk).update(
        body="**Wichtig** <script>alert('x')</script> [Klick](javascript:alert(1)) "
        "<img src=x onerror=alert(2)>"
    )
    response = client.get(item.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Wichtig</strong>" in page
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page
    assert 'alt="Ein Kursraum"' in page and item.image.url in page


def test_titles_with_markup_are_escaped(client, make_item, office):
    item = make_item()
    NewsItem.objects.filter(pk=item.pk).update(title="<script>alert(1)</script>Titel")
    page = client.get(url("news_list", office)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_items_the_public_may_not_see_are_404(client, world, office):
    for key in ("draft", "scheduled", "expired"):
        item = world[key]
        assert client.get(item.get_absolute_url()).status_code == 404, key
    foreign = world["foreign"]
    # Another office's item under this office's address.
    assert client.get(url("news_detail", office, pk=foreign.pk, slug=foreign.slug)).status_code == 404
    assert client.get(url("news_list", office).replace(office.slug, "no-such-office")).status_code == 404


def test_short_and_outdated_addresses_redirect_to_the_canonical_one(client, world, office):
    item = world["visible"]
    canonical = item.get_absolute_url()
    short = client.get(url("news_short", office, pk=item.pk))
    assert short.status_code == 301 and short["Location"] == canonical
    wrong = client.get(url("news_detail", office, pk=item.pk, slug="alter-titel"))
    assert wrong.status_code == 301 and wrong["Location"] == canonical


def test_an_untranslated_item_is_shown_in_german_with_the_note(client, world, office):
    item = world["visible"]
    with translation.override("fr"):
        page = client.get(item.get_absolute_url()).content.decode()
    # The note is in French once the catalogue has it: its element is what does not change.
    assert '<p class="note-fallback" role="note">' in page
    assert '<h1 lang="de" dir="ltr">Sichtbare Meldung</h1>' in page


def test_a_translated_item_is_shown_in_the_language_of_the_url(client, world, office, staff):
    item = world["visible"]
    news_translation_save(
        item=item,
        language="ar",
        values={"title": "خبر جديد", "teaser": "ملخص", "body": "**نص**", "image_alt": "قاعة"},
        by=staff["editor"],
    )
    with translation.override("ar"):
        page = client.get(item.get_absolute_url()).content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "<h1>خبر جديد</h1>" in page and "<strong>نص</strong>" in page and 'alt="قاعة"' in page
    assert "note-fallback" not in page


def test_rss_feed_is_valid_xml_with_the_visible_items(client, world, office, django_assert_num_queries):
    # office, the visible items (German: no translation query)
    with django_assert_num_queries(2):
        response = client.get(url("news_rss", office, "de"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    root = feed_xml(response.content)
    channel = root.find("channel")
    assert channel.findtext("language") == "de"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Sichtbare Meldung", "Ältere Meldung"]
    first = channel.find("item")
    assert first.findtext("link") == "http://testserver" + world["visible"].get_absolute_url().replace(
        "/en/", "/de/"
    )
    assert first.findtext("description") == world["visible"].teaser
    assert first.findtext("guid").startswith("http://testserver/de/")


def test_atom_feed_is_valid_xml_and_localized_by_the_url(client, world, office, staff):
    news_translation_save(
        item=world["older"],
        language="fr",
        values={"title": "Ancienne nouvelle", "teaser": "x"},
        by=staff["editor"],
    )
    response = client.get(url("news_atom", office, "fr"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = feed_xml(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Sichtbare Meldung", "Ancienne nouvelle"]  # German where not translated
    assert root.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "fr"


def test_feeds_escape_markup_in_titles(client, make_item, office):
    item = make_item()
    NewsItem.objects.filter(pk=item.pk).update(title="A <b>&</b> B")
    root = feed_xml(client.get(url("news_rss", office)).content)
    assert root.find("channel/item/title").text == "A <b>&</b> B"  # text, not markup


def test_the_office_home_shows_the_latest_three_visible_items(client, make_item, office, world):
    for n in range(3):
        make_item(title=f"Neuigkeit {n}", publish_at=timezone.now() - timedelta(hours=2, minutes=n))
    page = client.get(reverse("offers:office_home", kwargs={"office_slug": office.slug})).content.decode()
    assert 'id="news-heading"' in page
    assert "Sichtbare Meldung" in page and "Neuigkeit 0" in page and "Neuigkeit 1" in page
    assert "Neuigkeit 2" not in page and "Ältere Meldung" not in page and "Entwurfsmeldung" not in page
    assert 'type="application/atom+xml"' in page


def test_the_office_home_without_news_has_no_news_section(client, office):
    page = client.get(reverse("offers:office_home", kwargs={"office_slug": office.slug})).content.decode()
    assert 'id="news-heading"' not in page
