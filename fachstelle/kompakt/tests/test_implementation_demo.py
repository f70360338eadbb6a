"""The implementation demo: nothing without the Oftringen programme; with it, statuses, two years of values,
one QA meeting and two contributions within the plan; a second run creates nothing."""

import datetime
from decimal import Decimal

import pytest

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.demo_implementation import load_implementation_demo
from fachstelle.kompakt.models import (
    CantonContribution,
    Indicator,
    IndicatorValue,
    QualityMeeting,
    WorkingGroupMember,
)
from fachstelle.kompakt.selectors.implementation import allowed_years
from fachstelle.kompakt.tests.implementation_world import make_measure, make_process, make_programme

pytestmark = pytest.mark.django_db


def test_without_programme_nothing_is_created(vocab):
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(short_name="Region Zofingen", slug="region-zofingen", municipalities=[oftringen])
    make_process(office=office, municipality=oftringen)
    result = load_implementation_demo()
    assert not result.created and not result.existing
    assert not QualityMeeting.objects.exists()


def test_demo_is_plausible_and_idempotent(vocab):
    kip = vocab["kip"]
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(short_name="Region Zofingen", slug="region-zofingen", municipalities=[oftringen])
    process = make_process(office=office, municipality=oftringen)
    programme = make_programme(
        process=process, period_start=2027, period_end=2030, adopted_on=datetime.date(2027, 6, 14)
    )
    measures = [
        make_measure(programme=programme, area=kip["2.1"], title="Deutschkurs", position=1),
        make_measure(programme=programme, area=kip["1.1"], title="Begrüssung", position=2, funding_canton=0),
        make_measure(programme=programme, area=kip["3.2"], title="Café", position=3),
        make_measure(programme=programme, area=kip["2.2"], title="Spielgruppe", position=4),
    ]
    Indicator.objects.create(
        measure=measures[0], name="Teilnehmende", unit="Personen", baseline=10, target=40
    )
    Indicator.objects.create(measure=measures[0], name="Abschlussquote", unit="%", baseline=50, target=75)
    for name in ("Anna Keller", "Luca Bianchi"):
        WorkingGroupMember.objects.create(process=process, name=name)

    first = load_implementation_demo(today=datetime.date(2029, 3, 1))
    assert first.created == {
        "measure_statuses": 3,
        "indicator_values": 4,
        "quality_meetings": 1,
        "canton_contributions": 2,
    }
    statuses = [m.status for m in programme.measures.order_by("position")]
    assert statuses == ["in_progress", "done", "postponed", "planned"]
    assert all(m.status_note for m in programme.measures.filter(status="postponed"))
    values = {(v.indicator.name, v.year): v.value for v in IndicatorValue.objects.select_related("indicator")}
    assert values == {
        ("Teilnehmende", 2027): Decimal("22"),
        ("Teilnehmende", 2028): Decimal("34"),
        ("Abschlussquote", 2027): Decimal("60"),
        ("Abschlussquote", 2028): Decimal("70"),
    }
    meeting = QualityMeeting.objects.get()
    assert meeting.attendees.count() == 2 and meeting.measures_reviewed.count() == 3
    contributions = list(CantonContribution.objects.order_by("year"))
    assert [(c.year, c.status) for c in contributions] == [(2027, "paid"), (2028, "requested")]
    assert sum(c.amount for c in contributions) <= measures[0].funding_canton
    assert all(c.year in allowed_years(programme) for c in contributions)

    second = load_implementation_demo(today=datetime.date(2029, 3, 1))
    assert not second.created
    assert second.existing["indicator_values"] == 4
    assert QualityMeeting.objects.count() == 1 and CantonContribution.objects.count() == 2


def test_before_the_first_programme_year_only_the_request_is_made(vocab):
    kip = vocab["kip"]
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(short_name="Region Zofingen", slug="region-zofingen", municipalities=[oftringen])
    process = make_process(office=office, municipality=oftringen)
    programme = make_programme(process=process, period_start=2027, period_end=2030)
    make_measure(programme=programme, area=kip["2.1"], title="Deutschkurs", position=1)

    result = load_implementation_demo(today=datetime.date(2026, 11, 24))

    assert result.created == {"canton_contributions": 1}
    contribution = CantonContribution.objects.get()
    assert (contribution.year, contribution.status) == (2027, "requested")
    assert not QualityMeeting.objects.exists() and not IndicatorValue.objects.exists()
    assert not programme.measures.exclude(status="planned").exists()
