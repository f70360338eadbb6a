"""The public welcome guide: tiles, pages in the reader's language (fallback, RTL, easy German), live
lists, feedback, page views, query counts, sanitising."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from fachstelle.core.tests.factories import OrganisationFactory, UserFactory, make_offer
from fachstelle.events.models import Event
from fachstelle.guide.models import GuidePage, PageFeedback, PageViewCount

from .guide_factories import make_office, page_create, translate

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def office():
    return make_office(slug="region-zofingen")


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def url(page, language="de", query=""):
    return f"/{language}{page.get_absolute_url()[3:]}{query}"


def views():
    return {(v.language, v.day): v.count for v in PageViewCount.objects.all()}


def test_index_shows_tiles_and_keeps_the_municipality_in_links(reader, office, django_assert_num_queries):
    arriving = page_create(office, "Ankommen", summary="Die ersten Schritte", icon="arrival")
    page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    page_create(office, "Bibliothek Zofingen", municipality=office.zofingen)
    translate(arriving, "ar", title="الوصول", summary="الخطوات الأولى")
    # office, the chosen municipality, pages, their translations, the municipalities of the choice
    with django_assert_num_queries(5):
        response = reader.get("/ar/region-zofingen/guide/?municipality=4289")
    html = response.content.decode()
    assert response.status_code == 200
    assert "الوصول" in html and "الخطوات الأولى" in html
    assert "guide-icon-arrival" in html
    assert "Bibliothek Zofingen" in html and "Entwurf" not in html
    assert f'href="{arriving.get_absolute_url().replace("/de/", "/ar/")}?municipality=4289"' in html
    assert 'dir="rtl"' in html.split("<body")[0]


def test_index_without_municipality_hides_municipality_pages(reader, office):
    page_create(office, "Bibliothek Zofingen", municipality=office.zofingen)
    assert "Bibliothek Zofingen" not in reader.get("/de/region-zofingen/guide/").content.decode()
    response = reader.get("/de/region-zofingen/guide/?municipality=9999")
    assert response.status_code == 200 and "Bibliothek Zofingen" not in response.content.decode()


def test_page_in_german_is_counted_once_per_view_with_pinned_queries(
    reader, office, django_assert_num_queries
):
    page = page_create(office, "Ankommen")
    reader.get(url(page))
    # office, page, its translation, its children (no ancestors; German: no card translations), view count
    with django_assert_num_queries(5):
        response = reader.get(url(page))
    assert response.status_code == 200
    assert views() == {("de", timezone.localdate()): 2}


def note(language, message):
    """The note as the reader sees it: from the catalogue of the page language (English msgid until the
    catalogues are filled)."""
    with translation.override(language):
        return escape(gettext(message))


def test_page_not_translated_into_tigrinya_falls_back_to_german_with_a_note(reader, office):
    page = page_create(office, "Ankommen", body="Willkommen in der Region.")
    response = reader.get(url(page, "ti"))
    html = response.content.decode()
    assert response.context["text"].is_fallback
    assert (
        note("ti", "This page has not been translated into your language yet; it is shown in German.") in html
    )
    assert '<div id="guide-content" class="prose guide-content" lang="de" dir="ltr">' in html
    assert '<h1 lang="de" dir="ltr">' in html
    assert "Willkommen in der Region." in html
    assert views() == {("ti", timezone.localdate()): 1}


def test_arabic_page_is_right_to_left_with_the_translation(reader, office):
    page = page_create(office, "Ankommen", body="Willkommen.")
    translate(page, "ar", title="الوصول", body="مرحبا بكم في المنطقة.")
    html = reader.get(url(page, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert 'lang="ar" dir="rtl">' in html and "مرحبا بكم في المنطقة." in html
    assert "Willkommen." not in html
    assert 'data-lang="ar"' in html  # read aloud in Arabic
    assert "note-fallback" not in html


def test_outdated_translation_is_shown_with_a_note(reader, office):
    from fachstelle.guide.services import guide_page_update

    page = page_create(office, "Ankommen", body="Alt")
    translate(page, "uk", title="Прибуття", body="Старе")
    guide_page_update(page=page, by=None, fields={"body": "Neu"})
    html = reader.get(url(page, "uk")).content.decode()
    assert "Старе" in html
    assert (
        note(
            "uk",
            "The German text of this page has changed since it was translated; some details may be outdated.",
        )
        in html
    )


def test_easy_german_variant(reader, office):
    page = page_create(
        office, "Ankommen", body="Komplizierter Text.", easy_title="Neu hier", easy_body="Ein Satz."
    )
    html = reader.get(url(page)).content.decode()
    assert "Leichte Sprache" in html and "?easy=1" in html
    easy = reader.get(url(page, query="?easy=1")).content.decode()
    assert "Ein Satz." in easy and "Komplizierter Text." not in easy and "Neu hier" in easy
    # Other languages have no easy German link (and ignore the parameter).
    translate(page, "ar", title="الوصول", body="نص")
    arabic = reader.get(url(page, "ar", "?easy=1")).content.decode()
    assert "Leichte Sprache" not in arabic and "Ein Satz." not in arabic


def test_breadcrumbs_and_children(reader, office):
    top = page_create(office, "Ankommen")
    child = page_create(office, "Anmeldung", parent=top)
    page_create(office, "Zofingen", parent=top, municipality=office.zofingen)
    page_create(office, "Entwurf", parent=top, status=GuidePage.Status.DRAFT)
    html = reader.get(url(top)).content.decode()
    assert "Anmeldung" in html and "Zofingen" not in html and "Entwurf" not in html
    assert "Zofingen" in reader.get(url(top, query="?municipality=4289")).content.decode()
    child_html = reader.get(url(child)).content.decode()
    breadcrumb = child_html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert top.get_absolute_url() in breadcrumb


def test_unpublished_and_foreign_pages_are_404(reader, office):
    draft = page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    other = make_office(slug="andere", name="Andere", short_name="Andere")
    foreign = page_create(other, "Fremd")
    assert reader.get(url(draft)).status_code == 404
    assert reader.get(f"/de/region-zofingen/guide/{foreign.pk}-fremd/").status_code == 404
    assert not PageViewCount.objects.exists()


def test_wrong_slug_and_short_url_redirect_to_the_page(reader, office):
    page = page_create(office, "Ankommen")
    response = reader.get(f"/de/region-zofingen/guide/{page.pk}-falsch/?municipality=4289")
    assert (
        response.status_code == 301 and response["Location"] == page.get_absolute_url() + "?municipality=4289"
    )
    response = reader.get(f"/de/region-zofingen/guide/{page.pk}/")
    assert response.status_code == 301 and response["Location"] == page.get_absolute_url()


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.0", "", "Mozilla/5.0 HeadlessChrome"]
)
def test_bots_are_not_counted(client, office, agent):
    page = page_create(office, "Ankommen")
    assert client.get(url(page), HTTP_USER_AGENT=agent).status_code == 200
    assert not PageViewCount.objects.exists()


def test_head_requests_and_staff_are_not_counted(reader, office):
    page = page_create(office, "Ankommen")
    assert reader.head(url(page)).status_code == 405  # only GET is a page view
    reader.force_login(UserFactory(is_staff=True))
    assert reader.get(url(page)).status_code == 200
    assert not PageViewCount.objects.exists()


def test_views_are_counted_per_language_and_day(reader, office):
    page = page_create(office, "Ankommen")
    reader.get(url(page, "ar"))
    reader.get(url(page, "ar"))
    reader.get(url(page, "de"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PageViewCount.objects.filter(language="de").update(day=yesterday)
    reader.get(url(page, "de"))
    today = timezone.localdate()
    assert views() == {("ar", today): 2, ("de", yesterday): 1, ("de", today): 1}


def test_offers_and_events_embeds_render_live_lists(reader, office, vocab, django_assert_num_queries):
    german = vocab["areas"]["deutsch"] if "deutsch" in vocab["areas"] else next(iter(vocab["areas"].values()))
    provider = OrganisationFactory(office=office)
    make_offer(
        office=office, provider=provider, title="Deutschkurs Zofingen", m2m={"fields_of_action": [german]}
    ).municipalities.set([office.zofingen])
    make_offer(
        office=office, provider=provider, title="Deutschkurs Aarburg", m2m={"fields_of_action": [german]}
    ).municipalities.set([office.aarburg])
    make_offer(office=office, provider=provider, title="Velokurs")
    start = timezone.now() + datetime.timedelta(days=3)
    event = Event.objects.create(
        office=office,
        title="Sprachcafé",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status=Event.Status.PUBLISHED,
    )
    event.fields_of_action.set([german])
    Event.objects.create(
        office=office,
        title="Vergangen",
        starts_at=start - datetime.timedelta(days=30),
        ends_at=start - datetime.timedelta(days=30),
        status=Event.Status.PUBLISHED,
    ).fields_of_action.set([german])
    page = page_create(
        office,
        "Deutsch lernen",
        body=(
            f"Kurse:\n\n[[offers field={german.slug} municipality=4289 limit=5]]\n\n"
            f"Treffen:\n\n[[events field={german.slug} limit=3]]\n\n"
            "Velo:\n\n[[offers field=gibt-es-nicht]]\n"
        ),
    )
    reader.get(url(page))
    # 5 (page) + municipalities named in embeds + 2 embeds × 2 (list, translations) + the empty list (1:
    # no translations to fetch)
    with django_assert_num_queries(11):
        html = reader.get(url(page)).content.decode()
    assert "Deutschkurs Zofingen" in html and "Deutschkurs Aarburg" not in html
    assert "Sprachcafé" in html and "Vergangen" not in html
    assert html.count('class="guide-embed-empty"') == 1  # the unknown topic
    assert "[[offers" not in html and "[[events" not in html


def test_empty_embeds_say_so_and_link_the_directory(reader, office, english):
    page = page_create(office, "Leer", body="[[offers field=nichts]]\n\n[[events limit=2]]")
    html = reader.get(url(page, "en")).content.decode()
    assert "No current offers." in html and "No upcoming events." in html
    assert "/en/region-zofingen/offers/?area=nichts" in html


def test_script_in_the_body_is_sanitised(reader, office):
    page = page_create(
        office,
        "Ankommen",
        body=(
            "Hallo <script>alert(1)</script> "
            '<a href="javascript:alert(2)" onclick="x()">Link</a> <img src=x onerror=alert(3)>'
        ),
    )
    html = reader.get(url(page)).content.decode()
    content = html.split('id="guide-content"')[1].split("</div>")[0]
    assert "<script" not in content and "javascript:" not in content
    assert "onclick" not in content and "onerror" not in content and "<img" not in content


def test_title_is_escaped(reader, office):
    page = page_create(office, "<b>Fett</b>", body="Text")
    html = reader.get(url(page)).content.decode()
    assert "<b>Fett</b>" not in html and "&lt;b&gt;Fett&lt;/b&gt;" in html


def feedback_post(client, page, language="de", **data):
    data.setdefault("submission_key", str(uuid.uuid4()))
    return client.post(f"/{language}/region-zofingen/guide/{page.pk}/feedback/", data)


def test_feedback_is_stored_with_thanks(reader, office, english):
    page = page_create(office, "Ankommen")
    response = feedback_post(reader, page, "en", helpful="no", comment="Wo finde ich das Formular?")
    assert response.status_code == 302 and response["Location"].endswith("#feedback")
    feedback = PageFeedback.objects.get()
    assert (feedback.page, feedback.language, feedback.helpful, feedback.comment) == (
        page,
        "en",
        False,
        "Wo finde ich das Formular?",
    )
    assert "Thank you for your feedback!" in reader.get(response["Location"]).content.decode()


def test_feedback_sent_twice_is_stored_once(reader, office):
    page = page_create(office, "Ankommen")
    key = str(uuid.uuid4())
    feedback_post(reader, page, helpful="yes", submission_key=key)
    feedback_post(reader, page, helpful="yes", submission_key=key)
    assert PageFeedback.objects.count() == 1


def test_feedback_without_answer_is_refused_with_the_comment_kept(reader, office):
    page = page_create(office, "Ankommen")
    response = feedback_post(reader, page, comment="Mein Kommentar bleibt")
    assert response.status_code == 400
    assert "Mein Kommentar bleibt" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_feedback_honeypot_stores_nothing(reader, office):
    page = page_create(office, "Ankommen")
    response = feedback_post(reader, page, helpful="yes", website_url="http://spam.example")
    assert response.status_code == 302
    assert not PageFeedback.objects.exists()


def test_feedback_is_rate_limited(reader, office, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    page = page_create(office, "Ankommen")
    cache.clear()
    for _ in range(2):
        assert feedback_post(reader, page, helpful="yes").status_code == 302
    response = feedback_post(reader, page, helpful="no", comment="Noch einmal")
    assert response.status_code == 429 and "Noch einmal" in response.content.decode()
    assert PageFeedback.objects.count() == 2


def test_feedback_on_a_draft_is_404(reader, office):
    page = page_create(office, "Entwurf", status=GuidePage.Status.DRAFT)
    assert feedback_post(reader, page, helpful="yes").status_code == 404


def test_a_sub_page_costs_the_same_queries_however_big_the_guide(client, office, django_assert_num_queries):
    # The bench guide has hundreds of pages per office: the page must not load the whole tree.
    parent = page_create(office, "Schule")
    page = page_create(office, "Kindergarten", parent=parent)
    translate(parent, "ar", title="المدرسة")
    translate(page, "ar", title="روضة الأطفال")
    path = f"/ar/{office.slug}/guide/{page.pk}-{page.slug}/"
    client.get(path)
    # office, page, its translation, 1 ancestor, children, card translations (the test client sends no
    # User-Agent, so the view is not counted)
    with django_assert_num_queries(6):
        assert client.get(path).status_code == 200
    for number in range(30):
        page_create(office, f"Seite {number}")
    with django_assert_num_queries(6):
        response = client.get(path)
    assert "المدرسة" in response.content.decode()
