import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's async-safety guard would
# refuse the ORM there although nothing runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from fachstelle.offers import directory_index

    # Test databases are rolled back (SQLite even reuses primary keys), so a cached directory version
    # may name different data in the next test.
    cache.clear()
    directory_index.clear()
    yield
    cache.clear()
    directory_index.clear()


@pytest.fixture
def vocab(db):
    """The reference vocabularies seeded by the data migration, by key."""
    from fachstelle.core.models import FieldOfAction, Language, PromotionArea, TargetGroup
    from fachstelle.core.reference_data import seed_reference_data

    # Transactional tests (browser tests) flush the tables the data migration filled.
    seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
    return {
        "areas": {a.slug: a for a in FieldOfAction.objects.all()},
        "kip": {p.code: p for p in PromotionArea.objects.all()},
        "targets": {t.slug: t for t in TargetGroup.objects.all()},
        "languages": {lang.code: lang for lang in Language.objects.all()},
    }


@pytest.fixture
def english(client):
    """Run a test in English: strings asserted in tests are the English msgids, not the German catalogue."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin is not under a language prefix
    with translation.override("en"):
        yield
