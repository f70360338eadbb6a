"""The short-lived cache of public content pages (calendar) and of rendered guide texts."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from fachstelle.core.content_cache import cached_fragment
from fachstelle.events.tests.factories_public import EventFactory, in_days

pytestmark = pytest.mark.django_db


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_calendar_is_served_from_the_cache_for_visitors_without_a_session(client, django_assert_num_queries):
    event = EventFactory(title="Deutsch-Café", starts_at=in_days(3), ends_at=in_days(3, hour=21))
    path = f"/de/{event.office.slug}/events/"
    first = client.get(path)
    assert first.status_code == 200 and "Deutsch-Café" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content
    # Another filter is another page; a visitor with a session (staff) always gets it fresh.
    with CaptureQueriesContext(connection) as other_filter:
        client.get(path + "?q=café")
    assert len(other_filter.captured_queries) > 0
    client.cookies["sessionid"] = "x"
    with CaptureQueriesContext(connection) as with_session:
        assert client.get(path).status_code == 200
    assert len(with_session.captured_queries) > 0


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
def test_without_cache_seconds_every_request_renders(client):
    event = EventFactory(title="Elternabend", starts_at=in_days(3), ends_at=in_days(3, hour=21))
    path = f"/de/{event.office.slug}/events/"
    client.get(path)
    event.title = "Elternabend Schule"
    event.save()
    assert "Elternabend Schule" in client.get(path).content.decode()


def test_fragment_is_built_once_per_key():
    calls = []

    def build():
        calls.append(1)
        return "<p>x</p>"

    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=60):
        assert cached_fragment(build, "page", 1, "2026-11-24") == "<p>x</p>"
        assert cached_fragment(build, "page", 1, "2026-11-24") == "<p>x</p>"
        cached_fragment(build, "page", 1, "2026-11-25")  # changed input: built again
    assert len(calls) == 2


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_guide_page_from_the_cache_still_counts_the_view_and_takes_feedback(client):
    from fachstelle.guide.models import PageFeedback, PageViewCount
    from fachstelle.guide.tests.guide_factories import make_office, page_create

    office = make_office()
    page = page_create(office, "Wohnen", body="Eine Wohnung suchen.")
    path = f"/de/{office.slug}/guide/{page.pk}-{page.slug}/"
    reader = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)"}
    first = client.get(path, **reader)
    assert "csrftoken" not in first.cookies  # nothing per visitor in a cached page
    with CaptureQueriesContext(connection) as cached:
        again = client.get(path, **reader)
    assert again.content == first.content
    assert all("pageviewcount" in query["sql"] for query in cached.captured_queries)
    assert PageViewCount.objects.get(page=page).count == 2
    # The form of the cached page posts without a CSRF token.
    client.handler.enforce_csrf_checks = True
    key = first.content.decode().split('name="submission_key" value="')[1].split('"')[0]
    response = client.post(
        f"/de/{office.slug}/guide/{page.pk}/feedback/", {"helpful": "yes", "submission_key": key}, **reader
    )
    assert response.status_code == 302
    assert PageFeedback.objects.filter(page=page, helpful=True).count() == 1
