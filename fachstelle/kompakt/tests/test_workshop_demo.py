"""The workshop demo: three sessions for Oftringen in early 2027, around the AG holidays, idempotent."""

import datetime

import pytest
from django.utils import timezone

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.kompakt import demo_data
from fachstelle.kompakt.demo_workshops import LOCATION, load_workshops_demo
from fachstelle.kompakt.models import Process, Workshop
from fachstelle.kompakt.tests.workshop_world import school_holiday

pytestmark = pytest.mark.django_db


def test_demo_plans_three_sessions_once():
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG")
    OfficeFactory(slug=demo_data.OFFICE_SLUG, short_name="Region Zofingen", municipalities=[oftringen])
    school_holiday("Sommerferien", datetime.date(2026, 7, 6), datetime.date(2026, 8, 21))
    result = load_workshops_demo()
    assert result.created["workshops"] == 3 and result.created["processes"] == 1
    process = Process.objects.get(municipality=oftringen)
    workshops = list(process.workshops.order_by("starts_at"))
    assert [w.kind for w in workshops] == ["start", "first", "second"]
    assert all(w.location == LOCATION and "Begrüssung" in workshops[0].agenda for w in workshops)
    assert all(w.starts_at.year == 2026 and 8 <= w.starts_at.month <= 9 for w in workshops)
    assert workshops[0].starts_at.date() == datetime.date(2026, 8, 25)  # after the holidays
    # Sessions before today are held, with minutes; later ones are confirmed.
    for w in workshops:
        held = w.starts_at.date() < timezone.localdate()
        assert w.status == (Workshop.Status.HELD if held else Workshop.Status.CONFIRMED)
        assert bool(w.minutes) == held
    assert process.programme_due_on is not None
    again = load_workshops_demo()
    assert not again.created and again.existing["workshops"] == 3
    assert Workshop.objects.count() == 3


def test_demo_without_the_office_does_nothing():
    assert not load_workshops_demo().created
