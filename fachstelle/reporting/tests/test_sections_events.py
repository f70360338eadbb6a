"""Report section "events": events held in 2025 (own / partner), people registered, waitlisted, cancelled
and present — suppressed below 5 — by month and field of action, checked against a hand-built world."""

import pytest

from fachstelle.core.statistics import is_suppressed
from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.events.models import Event, Registration
from fachstelle.reporting.sections import events

from .sections_world import base_world, cells, figure, local, row, table, year

pytestmark = pytest.mark.django_db
S = Registration.Status


def _event(office, starts, *, fields=(), **values):
    event = Event.objects.create(
        office=office,
        title="Treffpunkt",
        starts_at=starts,
        ends_at=starts,
        status=values.pop("status", Event.Status.PUBLISHED),
        **values,
    )
    event.fields_of_action.set(fields)
    return event


def _registrations(event, *specs):
    """specs: (status, people, attended or None)."""
    for status, people, attended in specs:
        Registration.objects.create(
            event=event,
            name="Teilnehmende Person",
            people=people,
            status=status,
            checked_in_at=event.starts_at if attended else None,
            attended_people=attended,
        )


@pytest.fixture
def world(vocab):
    w = base_world()
    w.field1, w.field2 = list(vocab["areas"].values())[:2]
    partner = OrganisationFactory(office=w.office)
    o, r, a = w.oftringen, w.rothrist, w.aarburg
    # January: own event in Oftringen (3 confirmed, 2 present, 1 waitlisted) and a partner's event in
    # Oftringen with two fields (4 confirmed, 4 present).
    e1 = _event(w.office, local(2025, 1, 15, 19), municipality=o, fields=[w.field1])
    _registrations(e1, (S.CONFIRMED, 2, 2), (S.CONFIRMED, 1, None), (S.WAITLISTED, 1, None))
    e2 = _event(
        w.office, local(2025, 1, 20, 19), municipality=o, organiser=partner, fields=[w.field1, w.field2]
    )
    _registrations(e2, (S.CONFIRMED, 4, 4))
    # March: Rothrist (6 confirmed, 2 cancelled), Aarburg (2 confirmed); no field of action.
    e3 = _event(w.office, local(2025, 3, 3, 18), municipality=r)
    _registrations(
        e3, (S.CONFIRMED, 2, None), (S.CONFIRMED, 2, None), (S.CONFIRMED, 2, None), (S.CANCELLED, 2, None)
    )
    e8 = _event(w.office, local(2025, 3, 10, 18), municipality=a)
    _registrations(e8, (S.CONFIRMED, 2, None))
    # Last hour of 2025, online (no municipality): 1 confirmed.
    e7 = _event(w.office, local(2025, 12, 31, 23))
    _registrations(e7, (S.CONFIRMED, 1, None))
    # Not counted: cancelled, draft, first moment of 2026, the other office's event in Oftringen.
    for event, kwargs in [
        (local(2025, 2, 1, 19), {"status": Event.Status.CANCELLED, "municipality": o}),
        (local(2025, 2, 2, 19), {"status": Event.Status.DRAFT, "municipality": o}),
        (local(2026, 1, 1, 0), {"municipality": o}),
    ]:
        _registrations(_event(w.office, event, **kwargs), (S.CONFIRMED, 5, 5))
    _registrations(_event(w.other_office, local(2025, 1, 15, 19), municipality=o), (S.CONFIRMED, 10, 10))
    return w


def test_headline_figures(world):
    result = events.section(office=world.office, filters=year())
    assert figure(result, "held") == 5
    assert figure(result, "own") == 4
    assert figure(result, "partner") == 1
    assert figure(result, "registered") == 3 + 4 + 6 + 2 + 1
    assert str(figure(result, "waitlisted")) == "< 5"  # 1 person
    assert str(figure(result, "cancelled")) == "< 5"  # 2 people
    assert figure(result, "present") == 6


def test_people_by_month_protected(world):
    people = table(events.section(office=world.office, filters=year()), "events_people_months")
    # Registered: January 7, March 8, December 1 (< 5), total 16. January is hidden as well ("–"):
    # otherwise 16 − 7 − 8 would give December away.
    assert cells(people, "2025-01") == ["–", "< 5", "0", "6"]
    assert cells(people, "2025-03") == ["8", "0", "< 5", "0"]
    assert cells(people, "2025-12") == ["< 5", "0", "0", "0"]
    assert cells(people, "2025-02") == ["0", "0", "0", "0"]
    assert [str(c) for c in people.total.cells] == ["16", "< 5", "< 5", "6"]
    assert len(people.rows) == 12


def test_events_by_month_and_field(world):
    result = events.section(office=world.office, filters=year())
    months = table(result, "events_months")
    assert cells(months, "2025-01") == ["1", "1"]
    assert cells(months, "2025-03") == ["2", "0"]
    assert cells(months, "2025-12") == ["1", "0"]
    fields = table(result, "events_fields")
    assert cells(fields, world.field1.slug) == ["2"]
    assert cells(fields, world.field2.slug) == ["1"]
    assert cells(fields, "none") == ["3"]


def test_people_by_field_suppressed_and_shared_totals(world):
    people = table(events.section(office=world.office, filters=year()), "events_people_fields")
    # Field 1: e1 + e2 → 7 registered, 1 waitlisted, 6 present; field 2: e2 only → 4 and 4 (both < 5).
    assert cells(people, world.field1.slug) == ["7", "< 5", "0", "6"]
    assert cells(people, world.field2.slug) == ["< 5", "0", "0", "< 5"]
    assert cells(people, "none") == ["9", "0", "< 5", "0"]
    # The totals are the month table's: hidden there, hidden here.
    assert all(is_suppressed(cell) for cell in people.total.cells[1:3])


def test_municipality_filter(world):
    result = events.section(office=world.office, filters=year(world.oftringen))
    assert figure(result, "held") == 2
    assert figure(result, "registered") == 7
    assert figure(result, "present") == 6


def test_other_office_scoped(world):
    result = events.section(office=world.other_office, filters=year())
    assert figure(result, "held") == 1
    assert figure(result, "registered") == 10


def test_municipality_rows_suppressed(world):
    rows = events.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)
    o, r, a = world.oftringen.pk, world.rothrist.pk, world.aarburg.pk
    assert row(rows, "events_held").values == {o: 2, r: 1, a: 1}
    registered = row(rows, "events_registered").values
    assert registered[o] == 7 and registered[r] == 6
    assert str(registered[a]) == "< 5"  # 2 people in Aarburg


def test_query_counts(world, django_assert_num_queries):
    # Events aggregate; events and people by month; fields; events and people by field.
    with django_assert_num_queries(6):
        events.section(office=world.office, filters=year())
    with django_assert_num_queries(1):
        events.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)


def test_renders_in_the_section_template_without_hidden_values(world):
    from django.template.loader import render_to_string

    from fachstelle.reporting.selectors.dashboard import section_blocks

    result = events.section(office=world.office, filters=year())
    html = render_to_string("reporting/_section.html", {"block": section_blocks([result])[0]})
    assert 'id="section-events"' in html
    assert "&lt; 5" in html
    # The hidden January count (7) and December (1) never appear as numbers in the people table.
    people = html.split('id="table-events-events_people_months"')[1].split("</table>")[0]
    assert ">7<" not in people and ">1<" not in people


def test_every_table_charts(world):
    from fachstelle.core.charts import table_chart

    for item in events.section(office=world.office, filters=year()).tables:
        assert table_chart(item, fmt="svg")
