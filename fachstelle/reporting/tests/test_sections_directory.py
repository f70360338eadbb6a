"""Report section "directory": offers running, new and stale in 2025, by KIP area, field and municipality,
checked against a hand-built world (expected numbers worked out by hand in the comments)."""

import datetime

import pytest

from fachstelle.core.tests.factories import OfferFactory
from fachstelle.offers.models import Offer
from fachstelle.reporting.sections import directory

from .sections_world import base_world, cells, figure, local, row, table, year

pytestmark = pytest.mark.django_db


def _offer(office, *, municipalities=(), areas=(), fields=(), created=None, **values):
    offer = OfferFactory(office=office, **values)
    offer.municipalities.set(municipalities)
    offer.promotion_areas.set(areas)
    offer.fields_of_action.set(fields)
    if created:
        Offer.objects.filter(pk=offer.pk).update(created_at=created)
    return offer


@pytest.fixture
def world(vocab):
    w = base_world()
    kip = sorted(vocab["kip"].values(), key=lambda area: area.code)
    w.kip1, w.kip2 = kip[0], kip[1]
    w.field1, w.field2 = list(vocab["areas"].values())[:2]
    o, r, a = w.oftringen, w.rothrist, w.aarburg
    long_ago = local(2022, 1, 1)
    # Running, new (published 1 March 2025), confirmed in June: not stale.
    _offer(
        w.office,
        municipalities=[o, r],
        areas=[w.kip1],
        fields=[w.field1],
        published_at=local(2025, 3, 1),
        last_confirmed_at=local(2025, 6, 1),
        created=long_ago,
    )
    # Running since 2024, two areas, last confirmed 2023: stale (interval 365 days before 31 Dec 2025).
    _offer(
        w.office,
        municipalities=[o],
        areas=[w.kip1, w.kip2],
        fields=[w.field1, w.field2],
        published_at=local(2024, 5, 1),
        last_confirmed_at=local(2023, 1, 1),
        created=long_ago,
    )
    # Ended before the period: not running.
    _offer(
        w.office,
        municipalities=[o],
        areas=[w.kip1],
        published_at=local(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
        last_confirmed_at=local(2025, 6, 1),
    )
    # Archived, ended in February 2025: running (ran in the period), not stale (not published).
    _offer(
        w.office,
        municipalities=[r],
        status=Offer.Status.ARCHIVED,
        published_at=local(2024, 1, 1),
        end_date=datetime.date(2025, 2, 28),
        created=long_ago,
    )
    # Archived without an end date: cannot tell whether it ran → not counted. Draft: never.
    _offer(w.office, municipalities=[o], status=Offer.Status.ARCHIVED, published_at=local(2024, 1, 1))
    _offer(w.office, municipalities=[o], status=Offer.Status.DRAFT, created=long_ago)
    # Published at the first moment of 2026: neither running nor new in 2025.
    _offer(w.office, municipalities=[o], published_at=local(2026, 1, 1))
    # Published in the last minute of 2025, no municipality: running and new.
    _offer(w.office, published_at=local(2025, 12, 31, 23, 59), last_confirmed_at=local(2025, 12, 31, 23, 59))
    # Flagged overdue in November 2025 although confirmed in October: stale.
    _offer(
        w.office,
        municipalities=[a],
        published_at=local(2024, 2, 1),
        last_confirmed_at=local(2025, 10, 1),
        confirmation_overdue_since=local(2025, 11, 1),
    )
    # The other office's offer in Oftringen: never counted.
    _offer(
        w.other_office, municipalities=[o], areas=[w.kip1], published_at=local(2025, 3, 1), created=long_ago
    )
    return w


def test_headline_figures(world):
    result = directory.section(office=world.office, filters=year())
    assert figure(result, "running") == 5
    assert figure(result, "new") == 2
    assert figure(result, "stale") == 2
    assert figure(result, "hidden") == 0


def test_by_promotion_area_is_not_additive(world):
    areas = table(directory.section(office=world.office, filters=year()), "directory_areas")
    assert cells(areas, world.kip1.code) == ["2"]
    assert cells(areas, world.kip2.code) == ["1"]
    assert cells(areas, "none") == ["3"]
    assert [str(c) for c in areas.total.cells] == ["5"]
    assert areas.note  # says that the rows do not add up


def test_by_municipality_and_field(world):
    result = directory.section(office=world.office, filters=year())
    municipalities = table(result, "directory_municipalities")
    assert cells(municipalities, str(world.oftringen.pk)) == ["2"]
    assert cells(municipalities, str(world.rothrist.pk)) == ["2"]
    assert cells(municipalities, str(world.aarburg.pk)) == ["1"]
    assert cells(municipalities, "none") == ["1"]
    fields = table(result, "directory_fields")
    assert cells(fields, world.field1.slug) == ["2"]
    assert cells(fields, world.field2.slug) == ["1"]
    assert cells(fields, "none") == ["3"]


def test_municipality_filter(world):
    result = directory.section(office=world.office, filters=year(world.oftringen))
    assert figure(result, "running") == 2
    assert figure(result, "new") == 1
    assert figure(result, "stale") == 1
    municipalities = table(result, "directory_municipalities")
    assert [r.key for r in municipalities.rows] == [str(world.oftringen.pk)]
    assert cells(municipalities, str(world.oftringen.pk)) == ["2"]


def test_period_boundary_next_year(world):
    # In 2026 the offer published on 1 January 2026 is new; the archived one that ended in 2025 is gone.
    from fachstelle.reporting.filters import ReportFilters

    result = directory.section(office=world.office, filters=ReportFilters.year(2026))
    assert figure(result, "new") == 1
    assert figure(result, "running") == 5  # the four published, undated ones of 2025 and the new one


def test_other_office_never_counted(world):
    result = directory.section(office=world.other_office, filters=year())
    assert figure(result, "running") == 1
    # The office's own figures do not include the other office's Oftringen offer (checked above: 2).


def test_municipality_rows(world):
    rows = directory.municipality_rows(
        office=world.office, filters=year(), municipalities=world.municipalities
    )
    o, r, a = world.oftringen.pk, world.rothrist.pk, world.aarburg.pk
    assert row(rows, "directory_running").values == {o: 2, r: 2, a: 1}
    assert row(rows, "directory_new").values == {o: 1, r: 1, a: 0}  # the new offer serves both


def test_query_counts(world, django_assert_num_queries):
    # Headline aggregate, three GROUP BYs (area, field, municipality), areas, fields, municipalities.
    with django_assert_num_queries(7):
        directory.section(office=world.office, filters=year())
    # One GROUP BY per municipality.
    with django_assert_num_queries(1):
        directory.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)


def test_every_table_charts(world):
    from fachstelle.core.charts import table_chart

    for item in directory.section(office=world.office, filters=year()).tables:
        assert table_chart(item, fmt="svg")
