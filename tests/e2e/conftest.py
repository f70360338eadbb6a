"""Fixtures of the end-to-end journeys: the demo data of `manage.py load_demo_data`, loaded once for the whole
package and shared by every journey, and a page that records server errors.

pytest-django's `live_server` makes every test transactional, and a transactional test flushes the database
when it ends — so loading the demo (about 25 s) per test would dominate the run. Here `transactional_db` is
replaced for this package: the tests get database access without the flush, the demo is loaded once before
the first journey and the database is flushed after the last one, so the rest of the suite starts from the
same empty state as after any other browser test. Journeys must therefore not depend on each other's writes.
"""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="package")
def demo_data(django_db_setup, django_db_blocker):
    from fachstelle.core.models import FieldOfAction, Language, PromotionArea, TargetGroup
    from fachstelle.core.reference_data import seed_reference_data
    from fachstelle.counselling.models import Topic
    from fachstelle.counselling.reference_data import seed_topics

    with django_db_blocker.unblock():
        # An earlier transactional test may have flushed what the data migrations seeded.
        seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
        seed_topics(Topic)
        call_command("load_demo_data", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(demo_data, django_db_blocker):
    """Database access for the test and the live server, on the shared demo data, without a flush."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def page(page):
    """The root conftest's page, also recording every answer of the server with a status of 500 or more."""
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.server_errors = failures
    # The machine running the suite is shared; a first request after loading the demo can take long.
    page.set_default_navigation_timeout(30_000)
    return page
