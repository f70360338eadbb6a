"""`manage.py generate_bench_content` with tiny numbers: the requested counts, a consistent tree, up-to-date
translations, the registration event, and that it stays out of the directory bench's offices."""

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from fachstelle.core.models import Office
from fachstelle.events.bench import REGISTRATION_CAPACITY, bench_events_counts, registration_event
from fachstelle.events.models import Event, EventTranslation
from fachstelle.guide.bench import (
    BROCHURE_SLUG,
    LANGUAGES,
    bench_guide_counts,
    brochure_office,
    content_offices,
)
from fachstelle.guide.models import GuidePage, GuidePageSourceVersion, GuidePageTranslation
from fachstelle.offers.demo.bench import bench_offices

pytestmark = pytest.mark.django_db

SMALL = ["--pages", "60", "--languages", "4", "--events", "80", "--words", "40", "--brochure-pages", "5"]


def _generate(*extra):
    out = io.StringIO()
    call_command("generate_bench_content", *SMALL, *extra, stdout=out)
    return out.getvalue()


def test_creates_exactly_the_requested_counts(vocab):
    _generate()
    offices = content_offices()
    assert offices.count() == 3
    assert bench_guide_counts() == {
        "offices": 3,
        "guide_pages": 60,
        "guide_translations": 240,
        "brochure_pages": 5,
    }
    counts = bench_events_counts()
    assert counts["events"] == 80
    assert counts["registration_events"] == 1
    # 60 pages over 3 offices, 20 each; every office serves its own municipalities.
    assert sorted(
        GuidePage.objects.filter(office__in=offices).values_list("office").annotate(n=Count("pk"))
    ) == [(office.pk, 20) for office in offices]
    assert all(office.municipalities.count() == 10 for office in offices)
    # Not one of the directory bench's offices (generate_bench_data --reset deletes those).
    assert not bench_offices().exists()


def test_pages_form_a_tree_with_up_to_date_translations_in_every_language(vocab):
    _generate()
    pages = GuidePage.objects.filter(office__in=content_offices())
    assert pages.filter(parent=None).count() == 3 * 12
    assert not pages.exclude(parent=None).exclude(parent__office=F("office")).exists()
    # Children sit under pages of their own office, at most two levels down.
    assert not pages.filter(parent__parent__parent__isnull=False).exists()
    assert not pages.exclude(municipality=None).exclude(municipality__offices=F("office")).exists()
    per_page = GuidePageTranslation.objects.filter(page__in=pages).values("page").annotate(n=Count("pk"))
    assert {row["n"] for row in per_page} == {4}
    translations = GuidePageTranslation.objects.filter(page__in=pages)
    assert set(translations.values_list("language", flat=True)) == set(LANGUAGES[:4])
    assert not translations.exclude(state="done").exists()
    assert not translations.exclude(source_revision=F("page__source_revision")).exists()
    assert GuidePageSourceVersion.objects.filter(page__in=pages).count() == 60
    # Plausible lengths: the German text and each translation have about the requested words.
    page = pages.exclude(parent=None).first()
    assert len(page.body.split()) >= 40
    assert all(len(t.body.split()) >= 40 for t in page.translations.all())
    assert brochure_office().slug == BROCHURE_SLUG
    assert (
        GuidePage.objects.filter(office=brochure_office(), in_brochure=True, status="published").count() == 5
    )


def test_events_span_two_years_with_vocabulary_and_a_registration_event(vocab):
    _generate()
    events = Event.objects.filter(office__in=content_offices())
    assert not events.filter(ends_at__lt=F("starts_at")).exists()
    assert events.filter(status="published").count() > 60
    assert not events.annotate(n=Count("fields_of_action")).filter(n=0).exists()
    assert not events.exclude(municipality=None).exclude(municipality__offices=F("office")).exists()
    assert EventTranslation.objects.filter(event__in=events).exists()
    event = registration_event()
    assert event.capacity == REGISTRATION_CAPACITY
    assert event.registration_enabled and event.waitlist_enabled and not event.requires_approval
    assert event.status == "published"
    assert not event.registrations.exists()


def test_refuses_to_add_a_second_set_and_reset_replaces_it(vocab):
    _generate()
    with pytest.raises(CommandError):
        _generate()
    first_ids = set(GuidePage.objects.values_list("pk", flat=True))
    _generate("--reset")
    assert bench_guide_counts()["guide_pages"] == 60
    assert not first_ids & set(GuidePage.objects.values_list("pk", flat=True))
    assert bench_events_counts()["events"] == 80


def test_delete_removes_pages_events_and_offices_but_nothing_else(vocab):
    other = Office.objects.create(name="Other", short_name="Other", slug="other")
    _generate()
    call_command("generate_bench_content", "--delete", stdout=io.StringIO())
    assert not Office.objects.filter(slug__startswith="bench-content-").exists()
    assert not GuidePage.objects.exists()
    assert not Event.objects.exists()
    assert Office.objects.filter(pk=other.pk).exists()


def _content_tool():
    """bench/content_tool.py (a script, not a package)."""
    path = Path(settings.BASE_DIR) / "bench" / "content_tool.py"
    spec = importlib.util.spec_from_file_location("bench_content_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_urls_answer_200(vocab, client, tmp_path):
    """The URL files content.sh hands to wrk name pages that exist (no 404, no redirect)."""
    _generate()
    tool = _content_tool()
    tool.urls(tmp_path)
    for name, count in (("guide.txt", 15), ("events.txt", 10), ("events_month.txt", 10)):
        paths = (tmp_path / name).read_text().split()
        assert len(paths) >= count
        for path in paths[:count]:
            assert client.get(path).status_code == 200, path
    assert json.loads((tmp_path / "dataset.json").read_text())["guide_pages"] == 60


def test_the_bench_client_finds_and_submits_the_registration_form(vocab, client, tmp_path):
    """What each of the 200 bench clients does: parse the event page's form, fill it, POST it."""
    _generate()
    tool = _content_tool()
    event = registration_event()
    page = client.get(event.get_absolute_url())
    form = tool._registration_form(page.content.decode())
    assert form is not None
    data = dict(form["fields"])
    data.update(name="Bench Person 1", email="bench.person.1@example.com", people="1")
    response = client.post(form["action"] or event.get_absolute_url(), data)
    assert response.status_code in (200, 302, 303)
    registration = event.registrations.get()
    assert (registration.status, registration.people, registration.email) == (
        "confirmed",
        1,
        "bench.person.1@example.com",
    )
