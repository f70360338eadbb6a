"""Never overbooked: many simultaneous registrations, each in its own thread and database connection, against
PostgreSQL (SQLite serialises writers, so it would prove nothing)."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum

from fachstelle.events.models import Registration
from fachstelle.events.services.registrations import event_places, registration_create

from .factories_public import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 30


def _register_all(event, people_of, keys=None) -> tuple[list, list]:
    """Start THREADS registrations at once (a barrier lines them up); returns results and errors."""
    barrier = threading.Barrier(THREADS)
    results, errors = [], []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait()
            registration = registration_create(
                event=event,
                name=f"Person {index}",
                email=f"p{index}@example.org",
                people=people_of(index),
                submission_key=keys[index] if keys else None,
            )
            with lock:
                results.append(registration)
        except ValidationError as error:
            with lock:
                errors.append(error)
        finally:
            connections.close_all()  # each thread opened its own connection

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_thirty_at_once_for_ten_places_exactly_ten_confirmed():
    event = EventFactory(capacity=10)
    results, errors = _register_all(event, people_of=lambda i: 1)
    assert not errors
    assert len(results) == THREADS
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 10
    assert statuses.count(Registration.Status.WAITLISTED) == THREADS - 10
    assert event_places(event).free == 0


def test_groups_never_overbook():
    """Mixed group sizes: the people holding places never exceed the capacity."""
    event = EventFactory(capacity=10, max_people_per_registration=6)
    _results, errors = _register_all(event, people_of=lambda i: 1 + i % 4)
    assert not errors
    held = Registration.objects.filter(event=event, status__in=Registration.HOLDS_PLACE).aggregate(
        people=Sum("people")
    )["people"]
    assert held <= 10
    # Nothing was lost: every registration is either holding a place or waiting.
    assert Registration.objects.filter(event=event).count() == THREADS


def test_without_waitlist_the_rest_are_refused():
    event = EventFactory(capacity=10, waitlist_enabled=False)
    results, errors = _register_all(event, people_of=lambda i: 1)
    assert len(results) == 10
    assert len(errors) == THREADS - 10
    assert Registration.objects.filter(event=event).count() == 10


def test_one_double_submitted_key_gives_one_row():
    """The same form sent thirty times at once (a stuck double click) is one registration."""
    event = EventFactory(capacity=10)
    key = uuid.uuid4()
    results, errors = _register_all(event, people_of=lambda i: 2, keys=[key] * THREADS)
    assert not errors
    assert {r.pk for r in results} == {Registration.objects.get(event=event).pk}
    assert event_places(event).confirmed == 2
