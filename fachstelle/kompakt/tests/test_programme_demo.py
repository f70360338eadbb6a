"""The programme demo: Oftringen's draft with goals, measures, indicators and one version; idempotent."""

from decimal import Decimal

import pytest

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.demo_programme import load_programme_demo
from fachstelle.kompakt.models import Measure, NeedForAction, Process, Programme
from fachstelle.kompakt.selectors.programme import programme_budget

pytestmark = pytest.mark.django_db


def test_demo_creates_the_programme_once(vocab):
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG")
    office = OfficeFactory(slug="region-zofingen", short_name="Region Zofingen", municipalities=[oftringen])
    process = Process.objects.create(office=office, municipality=oftringen)
    need = NeedForAction.objects.create(
        process=process,
        promotion_area=vocab["kip"]["2.2"],
        title="Familien früher erreichen",
        priority="high",
    )
    first = load_programme_demo()
    programme = Programme.objects.get(process=process)
    assert programme.title == "Kommunales Integrationsprogramm Oftringen 2027–2030"
    assert first.created["programmes"] == 1 and first.created["goals"] == 4
    assert programme.measures.count() == 7 and first.created["measures"] == 7
    assert all(m.indicators.exists() for m in programme.measures.all())
    assert programme.versions.count() == 1
    assert programme.goals.get(promotion_area__code="2.2").needs.get() == need
    assert "Familien früher erreichen" in programme.challenges
    budget = programme_budget(programme)
    assert budget.total.cost == Decimal("269000") and budget.total.canton == Decimal("108250")
    second = load_programme_demo()
    assert not second.created and second.existing["programmes"] == 1
    assert Measure.objects.count() == 7 and Programme.objects.count() == 1


def test_demo_without_office_does_nothing(vocab):
    assert not load_programme_demo().created
