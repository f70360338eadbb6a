"""The scheduler (`publish_scheduled_news`, every minute): on time, never twice, caches refreshed."""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.core.models import Office
from fachstelle.news.models import NewsItem
from fachstelle.news.services import news_publish_due


def version(office) -> int:
    return Office.objects.values_list("directory_version", flat=True).get(pk=office.pk)


def schedule(item, **times):
    """Move an item's times in the database without the services, as the passing of time would."""
    NewsItem.objects.filter(pk=item.pk).update(**times)


@pytest.mark.django_db
def test_an_item_due_30_seconds_ago_is_published_by_a_run_at_now(make_item, office):
    now = timezone.now()
    item = make_item(publish_at=now + timedelta(minutes=5))
    later = make_item(publish_at=now + timedelta(minutes=5))
    assert NewsItem.objects.get(pk=item.pk).published_at is None
    run_at = now + timedelta(minutes=5, seconds=30)
    start = version(office)
    result = news_publish_due(now=run_at)
    assert sorted(result.published) == sorted([item.pk, later.pk]) and result.office_ids == [office.pk]
    assert NewsItem.objects.get(pk=item.pk).published_at == run_at
    assert version(office) == start + 1  # one bump per office and run, not per item


@pytest.mark.django_db
def test_items_not_yet_due_are_left_alone(make_item):
    now = timezone.now()
    item = make_item(publish_at=now + timedelta(seconds=31))
    assert news_publish_due(now=now).published == []
    assert NewsItem.objects.get(pk=item.pk).published_at is None
    draft = make_item(status=NewsItem.Status.DRAFT, publish_at=now - timedelta(hours=1))
    assert news_publish_due(now=now + timedelta(minutes=1)).published == [item.pk]
    assert NewsItem.objects.get(pk=draft.pk).published_at is None


@pytest.mark.django_db
def test_sequential_runs_never_publish_an_item_twice(make_item, office):
    now = timezone.now()
    item = make_item(publish_at=now + timedelta(minutes=1), unpublish_at=now + timedelta(minutes=10))
    first = news_publish_due(now=now + timedelta(minutes=2))
    assert first.published == [item.pk]
    start = version(office)
    second = news_publish_due(now=now + timedelta(minutes=3))
    assert second.published == [] and second.unpublished == [] and second.office_ids == []
    assert version(office) == start  # nothing to refresh
    assert NewsItem.objects.get(pk=item.pk).published_at == now + timedelta(minutes=2)
    ended = news_publish_due(now=now + timedelta(minutes=10, seconds=5))
    assert ended.unpublished == [item.pk] and version(office) == start + 1
    assert news_publish_due(now=now + timedelta(minutes=11)).unpublished == []


@pytest.mark.django_db
def test_the_office_home_shows_a_newly_visible_item_after_the_scheduler_run(client, make_item, office):
    translation.activate("de")
    now = timezone.now()
    item = make_item(title="Sommerfest im Park", publish_at=now + timedelta(days=1))
    home = reverse("offers:office_home", kwargs={"office_slug": office.slug})
    assert "Sommerfest im Park" not in client.get(home).content.decode()
    # Time passes: the item is due since 30 seconds; the page is still the cached one.
    schedule(item, publish_at=now - timedelta(seconds=30))
    assert "Sommerfest im Park" not in client.get(home).content.decode()
    call_command("publish_scheduled_news", stdout=io.StringIO())
    page = client.get(home).content.decode()
    assert "Sommerfest im Park" in page
    assert item.get_absolute_url() in page
    # …and it goes again after its end, with the next run.
    schedule(item, unpublish_at=timezone.now() - timedelta(seconds=1))
    assert "Sommerfest im Park" in client.get(home).content.decode()  # cached
    news_publish_due()
    assert "Sommerfest im Park" not in client.get(home).content.decode()


@pytest.mark.django_db
def test_the_command_says_what_it_did(make_item, capsys):
    now = timezone.now()
    item = make_item(publish_at=now + timedelta(days=1))
    schedule(item, publish_at=now - timedelta(seconds=5))
    call_command("publish_scheduled_news", "--dry-run")
    assert f"due for publication: [{item.pk}]" in capsys.readouterr().out
    assert NewsItem.objects.get(pk=item.pk).published_at is None
    call_command("publish_scheduled_news")
    out = capsys.readouterr().out
    assert f"published: [{item.pk}]; unpublished: []" in out
    call_command("publish_scheduled_news")
    assert "published: []; unpublished: []" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_overlapping_runs_publish_each_item_exactly_once(make_item, office):
    """Several scheduler runs at the same moment (cron overlap, two servers): every item is claimed by
    exactly one of them. Real parallel connections on PostgreSQL; SQLite serialises writes anyway."""
    if connection.vendor != "postgresql":
        pytest.skip("needs parallel database connections (PostgreSQL)")
    now = timezone.now()
    items = [make_item(title=f"Meldung {n}", publish_at=now + timedelta(minutes=1)) for n in range(40)]
    run_at = now + timedelta(minutes=2)
    workers = 4
    barrier = threading.Barrier(workers)
    results, failures = [], []

    def run():
        try:
            barrier.wait()
            results.append(news_publish_due(now=run_at))
        except Exception as exc:  # reported below; a thread's exception would vanish otherwise
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    published = [pk for result in results for pk in result.published]
    assert sorted(published) == sorted(item.pk for item in items)  # each once, none lost
    assert len(set(published)) == len(published)
    assert NewsItem.objects.filter(published_at=run_at).count() == len(items)
