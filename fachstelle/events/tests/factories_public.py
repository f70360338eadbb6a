"""Events for the public-side tests (calendar, registrations, ICS, reminders)."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.events.models import Event, Registration

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def zurich(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZURICH)


def in_days(days: int, hour: int = 19) -> datetime.datetime:
    """A local time `days` from today at `hour` o'clock in Zurich."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZURICH)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Informationsabend {n}")
    summary = "Alles Wichtige für den Start."
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location_name = "Gemeindesaal"
    status = Event.Status.PUBLISHED
    registration_enabled = True
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    people = 1
    status = Registration.Status.CONFIRMED
