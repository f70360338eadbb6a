"""The welcome-guide, events and news demos of `make run`: idempotent, complete, translated, upcoming."""

import datetime
import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from fachstelle.core.richtext import embeds_parse, plain_text
from fachstelle.core.translation import TranslationStatus, localize
from fachstelle.events.demo import load_events_demo
from fachstelle.events.demo_data import INFO_EVENING
from fachstelle.events.models import CalendarFeed, Event, EventTranslation, Registration
from fachstelle.guide.demo import load_guide_demo
from fachstelle.guide.demo_content import GUIDES
from fachstelle.guide.demo_translations import TRANSLATIONS
from fachstelle.guide.models import GuidePage, GuidePageSourceVersion, GuidePageTranslation
from fachstelle.network.demo import load_network_demo
from fachstelle.news.demo import load_news_demo
from fachstelle.news.models import NewsItem, NewsItemTranslation
from fachstelle.offers.demo.loader import demo_data_load

pytestmark = pytest.mark.django_db

COUNTED = [
    GuidePage,
    GuidePageTranslation,
    GuidePageSourceVersion,
    Event,
    EventTranslation,
    Registration,
    CalendarFeed,
    NewsItem,
    NewsItemTranslation,
]
TOP_LEVEL = [
    "Ankommen",
    "Behörden und Anmeldung",
    "Deutsch lernen",
    "Schule",
    "Berufsbildung",
    "Arbeit",
    "Frühe Kindheit",
    "Gesundheit",
    "Wohnen",
    "Freizeit und Vereine",
    "Notfallnummern",
]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (the directory demo takes seconds) inside a transaction that is rolled
    back at the end; the network demo provides the organisers of the events."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data_load()
        load_network_demo()
        yield {"guide": load_guide_demo(), "events": load_events_demo(), "news": load_news_demo()}
        transaction.set_rollback(True)


def _zofingen_pages():
    return GuidePage.objects.filter(office__slug="region-zofingen")


# --- idempotency ----------------------------------------------------------------------------------


def test_a_second_load_creates_nothing(demo):
    before = _counts()
    again = [load_guide_demo(), load_events_demo(), load_news_demo()]
    assert _counts() == before
    assert [sum(result.created.values()) for result in again] == [0, 0, 0]
    # The first run created something of every kind, the second reports it as existing.
    for first, second in zip(demo.values(), again, strict=True):
        assert set(first.created) == set(second.existing)


def test_loading_on_a_later_day_adds_no_second_information_evening(demo):
    """Dates move with the day of loading; `make run` every day must not add another event every day."""
    before = _counts()
    result = load_events_demo(today=timezone.localdate() + datetime.timedelta(days=3))
    assert sum(result.created.values()) == 0
    assert _counts() == before
    assert Event.objects.filter(title=INFO_EVENING).count() == 1


def test_the_command_prints_the_counts_of_the_content_demos(demo):
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    text = out.getvalue()
    for kind in ("guide_pages", "guide_translations", "events", "registrations", "news_items"):
        assert f"  {kind}" in text
    assert re.search(r"guide_pages +0 created", text)
    assert re.search(r"events +0 created", text)


# --- guide ----------------------------------------------------------------------------------------


def test_the_zofingen_guide_has_the_eleven_top_level_pages_in_order(demo):
    top = _zofingen_pages().filter(parent__isnull=True, municipality__isnull=True).order_by("order")
    assert [page.title for page in top] == TOP_LEVEL
    assert all(page.status == GuidePage.Status.PUBLISHED for page in _zofingen_pages())


def test_child_pages_and_the_municipality_page(demo):
    children = {p.title: p.parent.title for p in _zofingen_pages().filter(parent__isnull=False)}
    assert children["Kindergarten"] == "Schule"
    assert children["Krankenversicherung"] == "Gesundheit"
    zofingen = _zofingen_pages().get(municipality__isnull=False)
    assert zofingen.municipality.name == "Zofingen"
    assert zofingen.title.startswith("Zofingen:")
    # Only readers who chose Zofingen see it.
    rothrist = zofingen.office.municipalities.get(name="Rothrist")
    assert not _zofingen_pages().for_municipality(rothrist.pk).filter(pk=zofingen.pk).exists()
    assert _zofingen_pages().for_municipality(zofingen.municipality_id).filter(pk=zofingen.pk).exists()


def test_every_zofingen_page_has_150_to_400_words_of_german(demo):
    for page in _zofingen_pages():
        words = len(plain_text(page.body).split())
        assert 150 <= words <= 400, (page.title, words)


def test_embeds_of_offers_and_events(demo):
    german = _zofingen_pages().get(title="Deutsch lernen", parent__isnull=True)
    assert [(e.kind, e.params["field"]) for e in embeds_parse(german.body)] == [("offers", "sprache")]
    leisure = _zofingen_pages().get(title="Freizeit und Vereine")
    assert [(e.kind, e.params["field"]) for e in embeds_parse(leisure.body)] == [("events", "freizeit")]
    # The events embed has something to show: an upcoming published event in that field.
    assert Event.objects.filter(
        office=leisure.office,
        status=Event.Status.PUBLISHED,
        fields_of_action__slug="freizeit",
        starts_at__gt=timezone.now(),
    ).exists()


def test_easy_german_variants(demo):
    easy = set(_zofingen_pages().exclude(easy_body="").values_list("title", flat=True))
    assert easy == {"Ankommen", "Gesundheit", "Notfallnummern"}


def test_each_page_has_its_german_text_as_revision_one(demo):
    for page in _zofingen_pages().prefetch_related("source_versions"):
        versions = list(page.source_versions.all())
        assert [(v.revision, v.title, v.body) for v in versions] == [(1, page.title, page.body)]
        assert page.source_revision == 1


def test_wohnen_has_no_tigrinya_translation_and_falls_back_to_german(demo):
    wohnen = _zofingen_pages().get(title="Wohnen")
    assert not wohnen.translations.filter(language="ti").exists()
    localized = localize(wohnen, None, "ti")
    assert localized.is_fallback and localized.title == "Wohnen"
    # Tigrinya covers all pages but two (Wohnen and the Zofingen page).
    missing = _zofingen_pages().exclude(translations__language="ti")
    assert sorted(p.title for p in missing) == ["Wohnen", "Zofingen: Einwohnerkontrolle und Stadtbibliothek"]


def test_every_arabic_page_is_up_to_date(demo):
    pages = list(_zofingen_pages().prefetch_related("translations"))
    for page in pages:
        arabic = next(t for t in page.translations.all() if t.language == "ar")
        assert arabic.status_for(page.source_revision) == TranslationStatus.UP_TO_DATE, page.title
        localized = localize(page, arabic, "ar")
        assert not localized.is_fallback
        # Real Arabic script, not German copied over.
        assert any("\u0600" <= ch <= "\u06ff" for ch in localized.body)
    assert len(pages) == 14


def test_translation_coverage_per_language(demo):
    counts = dict(
        GuidePageTranslation.objects.filter(page__office__slug="region-zofingen")
        .values_list("language")
        .annotate(n=Count("pk"))
        .values_list("language", "n")
    )
    assert counts == {"ar": 14, "ti": 12, "fa": 4, "uk": 3, "tr": 3, "fr": 11, "en": 11}
    # One example of a machine translation; everything else is done by people.
    machine = GuidePageTranslation.objects.filter(state=GuidePageTranslation.State.MACHINE)
    assert [(t.language, t.page.title) for t in machine] == [("uk", "Arbeit")]


def test_embeds_survive_translation(demo):
    """A translated page shows the same live lists as the German one."""
    for language, pages in TRANSLATIONS.items():
        for key, values in pages.items():
            spec = next(s for guide in GUIDES.values() for s in guide if s["key"] == key)
            german = [(e.kind, e.params) for e in embeds_parse(spec["body"])]
            assert [(e.kind, e.params) for e in embeds_parse(values["body"])] == german, (language, key)


def test_translations_only_in_the_office_content_languages(demo):
    for translation in GuidePageTranslation.objects.select_related("page__office"):
        assert translation.language in translation.page.office.content_languages


def test_the_allschwil_guide(demo):
    pages = GuidePage.objects.filter(office__slug="allschwil")
    assert pages.count() == 5
    languages = GuidePageTranslation.objects.filter(page__office__slug="allschwil")
    assert sorted(languages.values_list("language", flat=True).distinct()) == ["en", "fr"]
    assert languages.count() == 10


# --- events ---------------------------------------------------------------------------------------


def test_the_information_evening_is_upcoming_with_registration(demo):
    evening = Event.objects.get(office__slug="region-zofingen", title=INFO_EVENING)
    local = timezone.localtime(evening.starts_at)
    assert (local.date() - timezone.localdate()).days == 10
    assert (local.hour, local.minute) == (19, 0)
    assert timezone.localtime(evening.ends_at).hour == 21
    assert evening.status == Event.Status.PUBLISHED
    assert evening.registration_enabled and evening.capacity == 40 and evening.organiser is None
    assert evening.registration_deadline == evening.starts_at - datetime.timedelta(days=2)
    assert evening.interpreter_provided and evening.childcare and evening.cost_type == Event.CostType.FREE
    assert {"ar", "ti", "fa"} <= set(evening.languages.values_list("code", flat=True))
    assert set(evening.translations.values_list("language", flat=True)) == {"ar", "ti", "en"}
    registrations = evening.registrations.all()
    assert registrations.count() >= 5
    assert all(r.email.endswith("@example.org") for r in registrations)
    held = sum(r.people for r in registrations if r.status in Registration.HOLDS_PLACE)
    assert 0 < held <= evening.capacity
    assert all(r.created_at < timezone.now() for r in registrations)


def test_the_german_cafe_is_a_weekly_series_of_eight_thursdays(demo):
    dates = list(Event.objects.filter(title="Deutsch-Café").order_by("starts_at"))
    assert len(dates) == 8
    assert len({event.series for event in dates}) == 1 and dates[0].series is not None
    local = [timezone.localtime(event.starts_at) for event in dates]
    assert all(moment.weekday() == 3 and moment.hour == 15 for moment in local)
    assert all((b.date() - a.date()).days == 7 for a, b in itertools.pairwise(local))
    assert local[0].date() > timezone.localdate()
    assert dates[0].organiser is not None and dates[0].organiser.name == "Deutsch-Café Strengelbach"
    assert not any(event.registration_enabled for event in dates)


def test_the_other_zofingen_events(demo):
    events = Event.objects.filter(office__slug="region-zofingen")
    parents = events.get(title="Elternabend: Schule in der Schweiz")
    assert parents.requires_approval and parents.registration_enabled and parents.capacity == 25
    assert parents.registrations.filter(status=Registration.Status.PENDING).exists()
    fair = events.get(title="Berufsinfo-Tage")
    start, end = timezone.localtime(fair.starts_at), timezone.localtime(fair.ends_at)
    assert (end.date() - start.date()).days == 1
    cancelled = events.get(status=Event.Status.CANCELLED)
    assert cancelled.cancellation_note and cancelled.starts_at > timezone.now()


def test_the_past_event_has_attendance_for_the_statistics(demo):
    past = Event.objects.get(office__slug="region-zofingen", ends_at__lt=timezone.now())
    registrations = list(past.registrations.all())
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    checked_in = [r for r in confirmed if r.checked_in_at is not None]
    assert len(confirmed) >= 5 and 0 < len(checked_in) < len(confirmed)
    assert all(r.attended_people and r.attended_people <= r.people for r in checked_in)
    assert all(r.checked_in_at >= past.starts_at for r in checked_in)
    assert all(r.created_at < past.starts_at for r in registrations)


def test_allschwil_events_and_the_example_feed(demo):
    assert Event.objects.filter(office__slug="allschwil").count() == 3
    feed = CalendarFeed.objects.get()
    assert feed.office.slug == "region-zofingen" and not feed.is_active
    assert feed.url == "https://example.org/kalender.ics"
    assert feed.fields_of_action.count() == 2


# --- news -----------------------------------------------------------------------------------------


def test_news_visibility_and_translations(demo):
    zofingen = NewsItem.objects.filter(office__slug="region-zofingen")
    assert zofingen.count() == 5
    assert NewsItem.objects.filter(office__slug="allschwil").count() == 2
    now = timezone.now()
    visible = zofingen.visible(now)
    assert visible.count() == 3
    scheduled = zofingen.get(publish_at__gt=now)
    assert 6 <= (scheduled.publish_at - now).days <= 7 and scheduled.published_at is None
    expired = zofingen.get(unpublish_at__lt=now)
    assert expired not in visible and expired.unpublished_at is not None
    translated = zofingen.filter(translations__isnull=False).distinct()
    assert translated.count() == 2
    for item in translated:
        assert set(item.translations.values_list("language", flat=True)) == {"ar", "ti"}
