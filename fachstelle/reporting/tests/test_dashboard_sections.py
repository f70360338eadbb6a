"""Sections "counselling" and "network": every figure counted independently from the world's spec lists
(dashboard_world), small cells suppressed, period boundaries inclusive, municipality filter, office scoping
(the other office holds the same records: any leak would double a figure), query counts pinned."""

import datetime
from decimal import Decimal

import pytest

from fachstelle.core.statistics import PRIMARY, SECONDARY, suppress
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.sections import counselling, network

from .dashboard_world import (
    ASSIGNMENTS,
    BOOKINGS,
    CASES,
    INQUIRIES,
    KEY_PERSONS,
    REPORTS,
    SHORT,
    YEAR,
    dashboard_world,
    dashboard_world_more,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vocab")]


@pytest.fixture
def world():
    return dashboard_world()


def in_year(date) -> bool:
    return date.year == YEAR


def figures(section) -> dict:
    return {figure.key: figure.value for figure in section.figures}


def table(section, key):
    return next(table for table in section.tables if table.key == key)


def cell(section, table_key, row_key, column=0):
    return table(section, table_key).row(row_key).cells[column]


# --- Counselling -------------------------------------------------------------------------------------------


def test_counselling_headline_counts_the_year_with_both_boundaries(world):
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR))
    opened = [case for case in CASES if in_year(case[1])]
    open_at_end = [
        case for case in CASES if case[1].year <= YEAR and (case[2] is None or case[2].year > YEAR)
    ]
    sessions = [held for case in CASES for held in case[6] if in_year(held)]
    persons = [case for case in CASES if any(in_year(held) for held in case[6])]  # one client per case
    short = [entry for entry in SHORT if in_year(entry[1])]
    assert (len(opened), len(open_at_end), len(sessions), len(persons), len(short)) == (10, 9, 14, 10, 8)
    shown = figures(section)
    assert shown["cases_opened"] == 10
    assert shown["cases_open_at_end"] == 9
    assert shown["sessions"] == 14
    assert shown["persons_counselled"] == 10
    assert shown["short_consultations"] == 8


def test_counselling_tables_suppress_small_cells(world):
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR))
    # Cases by topic (a case with two topics counts in both): arbeit 6, deutsch 3, wohnen 3, gesundheit 1.
    assert cell(section, "topics", "arbeit") == 6
    assert cell(section, "topics", "deutsch") == PRIMARY
    assert cell(section, "topics", "wohnen") == PRIMARY
    assert cell(section, "topics", "gesundheit") == PRIMARY
    assert cell(section, "topics", "familie") == 0
    # Short consultations: deutsch 6, arbeit 1, wohnen 1 of 8 — the two small ones would be given away by
    # the total (8 − 6 = 2 → both 1), so the complementary cell (deutsch) is hidden as well.
    assert cell(section, "topics", "deutsch", 1) == SECONDARY
    assert cell(section, "topics", "arbeit", 1) == PRIMARY
    assert table(section, "topics").total.cells == [10, 8]
    # Language of counselling: Tigrinya 6, Arabic 2, not recorded 2.
    languages = table(section, "languages")
    assert [row.cells[0] for row in languages.rows] == [PRIMARY, 6, PRIMARY]
    assert languages.total.cells == [10]
    # Sessions per month: January 4 (one of a case opened the year before), February 3, March 3, …
    months = table(section, "sessions_by_month")
    assert len(months.rows) == 12
    assert months.row(f"{YEAR}-01").cells == [PRIMARY]
    assert months.row(f"{YEAR}-08").cells == [0]
    assert months.total.cells == [14]


def test_interpreter_hours_and_cost_with_at_least_five_cases_behind(world):
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR))
    counted = [b for b in BOOKINGS if in_year(b[1]) and b[5] != "cancelled"]
    minutes = sum(b[3] for b in counted)
    cost = sum(b[4] if b[4] is not None else Decimal(75) * b[3] / 60 for b in counted)
    cases = {b[0] for b in counted if b[0] is not None} | {
        ("none", i) for i, b in enumerate(counted) if b[0] is None
    }
    assert (len(counted), minutes, cost, len(cases)) == (8, 540, Decimal("662.50"), 7)
    shown = figures(section)
    assert shown["interpreter_hours"] == Decimal("9.00")
    assert shown["interpreter_cost"] == Decimal("662.50")
    assert shown["interpreter_bookings"] == 8
    bookings = table(section, "interpreter_bookings")
    # Arabic 2 alone would be 8 − 6: Tigrinya 6 is hidden with it.
    assert [row.cells[0] for row in bookings.rows] == [PRIMARY, SECONDARY]


def test_interpreter_amounts_withheld_below_five_cases(world):
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR, world.oftringen))
    shown = figures(section)
    # Oftringen: one booking of one case → hours and cost withheld, the count suppressed.
    assert shown["interpreter_hours"] is None
    assert shown["interpreter_cost"] is None
    assert shown["interpreter_bookings"] == PRIMARY


def test_counselling_municipality_filter(world):
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR, world.rothrist))
    shown = figures(section)
    rothrist = [case for case in CASES if case[0] == "R"]
    assert len([case for case in rothrist if in_year(case[1])]) == 7
    assert shown["cases_opened"] == 7
    assert len([s for s in SHORT if s[0] == "R" and in_year(s[1])]) == 6
    # Deutsch 5, Arbeit 1 of 6: the total would give the 1 away even with Deutsch hidden, so the total (and
    # the headline repeating it) is hidden too.
    assert shown["short_consultations"] == SECONDARY
    assert table(section, "topics").total.cells[1] == SECONDARY
    assert shown["sessions"] == len([h for case in rothrist for h in case[6] if in_year(h)]) == 11
    # Rothrist's bookings: 6 of 5 cases, 6 hours.
    assert shown["interpreter_hours"] == Decimal("6.00")


def test_counselling_period_from_until(world):
    filters = ReportFilters(start=CASES[0][1], end=CASES[2][1])  # 1 January – 3 February, both included
    shown = figures(counselling.section(office=world.office, filters=filters))
    # Three cases opened (1 Jan, 15 Jan, 3 Feb): a cell of 3 shows "< 5".
    assert shown["cases_opened"] == PRIMARY
    assert str(shown["cases_opened"]) == "< 5"


def test_counselling_municipality_rows(world):
    rows = counselling.municipality_rows(
        office=world.office,
        filters=ReportFilters.year(YEAR),
        municipalities=[world.rothrist, world.oftringen],
    )
    values = {row.key: row.values for row in rows}
    r, o = world.rothrist.pk, world.oftringen.pk
    assert values["cases_opened"] == {r: 7, o: PRIMARY}
    assert values["short_consultations"] == {r: 6, o: PRIMARY}
    assert values["sessions"] == {r: 11, o: PRIMARY}


def test_counselling_query_count_is_constant(world, django_assert_num_queries):
    # Topics, languages, cases aggregate, cases by topic, short consultations by topic, cases by language,
    # sessions by month, persons counselled, bookings by language, cases behind the bookings.
    with django_assert_num_queries(10):
        counselling.section(office=world.office, filters=ReportFilters.year(YEAR))
    with django_assert_num_queries(3):
        counselling.municipality_rows(
            office=world.office, filters=ReportFilters.year(YEAR), municipalities=[world.rothrist]
        )


# --- Network -----------------------------------------------------------------------------------------------


def test_network_inquiries(world):
    section = network.section(office=world.office, filters=ReportFilters.year(YEAR))
    received = [i for i in INQUIRIES if in_year(i[1])]
    end = (YEAR + 1, 1, 1)

    def before_end(moment):
        return moment is not None and (moment.year, moment.month, moment.day) < end

    still_open = [i for i in INQUIRIES if i[1].year <= YEAR and not before_end(i[3]) and not before_end(i[4])]
    overdue = [i for i in still_open if i[2].year == YEAR and i[2].isoformat() < f"{YEAR}-12-31"]
    in_time = [i for i in received if i[3] is not None and i[3].date() <= i[2]]
    assert (len(received), len(still_open), len(overdue), len(in_time)) == (9, 4, 3, 4)
    shown = figures(section)
    assert shown["inquiries_received"] == 9
    assert shown["inquiries_open_at_end"] == PRIMARY
    assert shown["inquiries_overdue"] == PRIMARY
    assert shown["inquiries_in_time"] == PRIMARY
    answers = table(section, "inquiry_answers")
    assert answers.total.cells == [9]
    by_topic = table(section, "inquiries_by_topic")
    assert by_topic.row(world.fields[0].slug).cells == [PRIMARY]  # 4
    assert by_topic.total.cells == [9]


def test_network_inquiries_rothrist(world):
    section = network.section(office=world.office, filters=ReportFilters.year(YEAR, world.rothrist))
    shown = figures(section)
    assert shown["inquiries_received"] == len([i for i in INQUIRIES if i[0] == "R" and in_year(i[1])]) == 6
    # Rothrist's field 0 inquiries: 4 (1 Jan 00:30 local time is inside the year).
    assert cell(section, "inquiries_by_topic", world.fields[0].slug) == PRIMARY


def test_network_reports_and_assignments(world):
    section = network.section(office=world.office, filters=ReportFilters.year(YEAR))
    shown = figures(section)
    assert shown["reports_received"] == len([r for r in REPORTS if in_year(r[1])]) == 8
    # Racism 6, housing 1, work 1: the two small ones sum to 8 − 6, so racism is hidden with them.
    assert cell(section, "reports_by_category", "racism") == SECONDARY
    assert cell(section, "reports_by_category", "housing") == PRIMARY
    assert cell(section, "reports_by_status", "closed") == SECONDARY
    assert table(section, "reports_by_status").total.cells == [8]
    counted = [a for a in ASSIGNMENTS if in_year(a[1])]
    assert shown["assignments"] == len(counted) == 7
    assert shown["key_persons_deployed"] == len({a[0] for a in counted}) == 6
    assert shown["assignment_hours"] == sum(a[3] for a in counted) == Decimal("15.50")
    assert shown["assignment_compensation"] == sum(a[4] for a in counted) == Decimal("465.00")
    field0 = [a for a in counted if 0 in KEY_PERSONS[a[0]]]
    assert cell(section, "assignments_by_topic", world.fields[0].slug) == len(field0) == 6
    assert cell(section, "assignments_by_topic", world.fields[1].slug) == PRIMARY


def test_network_amounts_withheld_below_five_key_persons(world):
    section = network.section(office=world.office, filters=ReportFilters.year(YEAR, world.oftringen))
    shown = figures(section)
    assert shown["key_persons_deployed"] == PRIMARY
    assert shown["assignment_hours"] is None
    assert shown["assignment_compensation"] is None


def test_network_municipality_rows(world):
    rows = network.municipality_rows(
        office=world.office,
        filters=ReportFilters.year(YEAR),
        municipalities=[world.rothrist, world.oftringen],
    )
    values = {row.key: row.values for row in rows}
    r, o = world.rothrist.pk, world.oftringen.pk
    assert values["inquiries_received"] == {r: 6, o: PRIMARY}
    assert values["reports_received"] == {r: 5, o: PRIMARY}
    assert values["assignments"] == {r: 6, o: PRIMARY}


def test_network_query_count_is_constant(world, django_assert_num_queries):
    # Fields of action, inquiries aggregate, inquiries by field, reports by category and status,
    # assignments aggregate, assignments by topic.
    with django_assert_num_queries(6):
        network.section(office=world.office, filters=ReportFilters.year(YEAR))
    with django_assert_num_queries(3):
        network.municipality_rows(
            office=world.office, filters=ReportFilters.year(YEAR), municipalities=[world.rothrist]
        )


def test_an_empty_office_shows_zeros(world):
    filters = ReportFilters.year(YEAR - 5)
    shown = figures(counselling.section(office=world.office, filters=filters))
    assert shown["cases_opened"] == 0
    assert shown["interpreter_cost"] is None
    assert figures(network.section(office=world.office, filters=filters))["inquiries_received"] == 0
    assert suppress(0) == 0


@pytest.mark.parametrize("municipality", [None, "oftringen"])
def test_counselling_for_several_offices_at_once_equals_each_office_alone(world, municipality):
    """The canton's view computes the section of all its offices in one go: every figure and cell must be
    what the office's own dashboard shows (the office has twice the other office's records here)."""
    dashboard_world_more(world)
    filters = ReportFilters(
        start=datetime.date(YEAR, 1, 1),
        end=datetime.date(YEAR, 12, 31),
        municipality=getattr(world, municipality) if municipality else None,
    )
    offices = [world.office, world.other_office]
    together = counselling.sections_for_offices(offices=offices, filters=filters)
    for office in offices:
        alone = counselling.section(office=office, filters=filters)
        assert figures(together[office.pk]) == figures(alone)
        assert [(t.key, [r.cells for r in t.all_rows]) for t in together[office.pk].tables] == [
            (t.key, [r.cells for r in t.all_rows]) for t in alone.tables
        ]
    assert figures(together[world.office.pk]) != figures(together[world.other_office.pk])


def test_counselling_for_several_offices_needs_the_queries_of_one(world, django_assert_num_queries):
    with django_assert_num_queries(10):
        counselling.sections_for_offices(
            offices=[world.office, world.other_office], filters=ReportFilters.year(YEAR)
        )
