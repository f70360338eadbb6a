"""The KIP report's figures against the hand-counted world of `kip_world` (the expected values are
counted in the comments there), its suppression, filters, office scoping and query count."""

import datetime
from decimal import Decimal

import pytest

from fachstelle.core.models import Membership
from fachstelle.core.statistics import PRIMARY
from fachstelle.counselling.tests.factories import CaseFactory
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.selectors.kip import TOTAL, UNASSIGNED, WITHHELD, kip_table
from fachstelle.reporting.tests.kip_world import (
    YEAR,
    bookings,
    cases,
    day,
    kip_world,
    make_office,
    member,
    offer,
)

pytestmark = pytest.mark.django_db

D = Decimal
Role = Membership.Role


@pytest.fixture
def world():
    return kip_world()


def report_of(world, *, offices=None, **filters):
    filters = ReportFilters(**filters) if filters else ReportFilters.year(YEAR)
    return kip_table(offices=offices or [world.office], filters=filters)


def column(report, key):
    """{row key: value} of one column, rows without the column left out."""
    return {row.key: row.values[key] for row in report.all_rows if key in row.values}


def nonzero(report, key):
    return {row: value for row, value in column(report, key).items() if value not in (0, D("0.00"))}


def test_offers_running_in_the_period_by_area(world):
    report = report_of(world)
    # An offer in two areas counts in both; the total counts it once; drafts and ended offers are out.
    assert nonzero(report, "offers") == {"2.1": 2, "3.2": 1, UNASSIGNED: 1, TOTAL: 3}


def test_events_and_participants_through_linked_projects(world):
    report = report_of(world)
    assert nonzero(report, "events") == {"2.1": 2, "3.2": 1, UNASSIGNED: 1, TOTAL: 3}
    # 3.2 has 2 participants: "< 5". The total (15) does not give it away (non-additive line: areas overlap).
    assert nonzero(report, "participants") == {"2.1": 9, "3.2": PRIMARY, UNASSIGNED: 6, TOTAL: 15}


def test_counselling_belongs_to_area_1_2_and_three_cases_show_under_five(world):
    report = report_of(world)
    assert report.row("1.2").values["cases"] == PRIMARY
    assert report.row("1.2").values["persons"] == PRIMARY
    assert str(report.row("1.2").values["cases"]) == "< 5"
    assert "cases" not in report.row("2.1").values  # not applicable elsewhere
    assert report.total.values["cases"] == PRIMARY


def test_counselling_counts_cases_and_distinct_persons(world):
    counsellor = world.users[f"office_{Role.COUNSELLOR}"]
    made = cases(world.office, counsellor, n=2, opened_on=day(8), anonymous=1)
    CaseFactory(office=world.office, counsellor=counsellor, client=made[0].client, opened_on=day(9))
    values = report_of(world).row("1.2").values
    # 3 + 2 + 1 anonymous + 1 more case of a known client = 7 cases; 3 + 2 clients + 1 anonymous = 6 persons.
    assert (values["cases"], values["persons"]) == (7, 6)


def test_interpreting_amounts_withheld_under_five_bookings(world):
    values = report_of(world).row("3.1").values
    assert values["bookings"] == PRIMARY
    assert values["hours"] is WITHHELD and values["interpreting_cost"] is WITHHELD
    assert str(values["hours"]) == "–"


def test_interpreting_amounts_shown_from_five_bookings(world):
    # A fifth done booking without a stored cost: 1.5 h × 80 = 120.
    bookings(world.office, n=1, date=day(10), duration_minutes=90, cost=None)
    values = report_of(world).row("3.1").values
    assert values["bookings"] == 5
    assert values["hours"] == D("7.5")
    assert values["interpreting_cost"] == D("520.00")  # 4 × 100 + 120


def test_grants_approved_and_paid_by_area(world):
    report = report_of(world)
    assert nonzero(report, "grants") == {"2.1": 1, "3.2": 1, UNASSIGNED: 1, TOTAL: 3}
    assert nonzero(report, "grants_approved") == {
        "2.1": D("4000.00"),
        "3.2": D("1500.00"),
        UNASSIGNED: D("700.00"),
        TOTAL: D("6200.00"),
    }
    # 2000 of the 2026 grant and 300 of a 2025 grant were paid in 2026; a planned payout is not paid.
    assert nonzero(report, "grants_paid") == {"2.1": D("2300.00"), TOTAL: D("2300.00")}


def test_kompakt_measures_and_canton_contributions(world):
    report = report_of(world)
    assert nonzero(report, "measures") == {"1.1": 1, "2.2": 2, TOTAL: 3}
    assert nonzero(report, "measures_canton") == {
        "1.1": D("2000.00"),
        "2.2": D("15000.00"),
        TOTAL: D("17000.00"),
    }
    assert nonzero(report, "contributions_approved") == {"2.2": D("13000.00"), TOTAL: D("13000.00")}
    assert nonzero(report, "contributions_paid") == {"2.2": D("5000.00"), TOTAL: D("5000.00")}


def test_another_year(world):
    report = report_of(world, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert nonzero(report, "offers") == {"1.1": 1, "2.1": 1, "3.2": 1, UNASSIGNED: 1, TOTAL: 3}
    assert nonzero(report, "events") == {"2.1": 1, TOTAL: 1}
    assert nonzero(report, "participants") == {"2.1": 9, TOTAL: 9}
    assert report.row("1.2").values["cases"] == PRIMARY  # the one case of 2025
    assert nonzero(report, "grants_approved") == {"2.1": D("800.00"), TOTAL: D("800.00")}
    assert nonzero(report, "grants_paid") == {}
    assert nonzero(report, "contributions_paid") == {"1.1": D("1000.00"), TOTAL: D("1000.00")}
    # A contribution paid counts as approved too.
    assert nonzero(report, "contributions_approved") == {"1.1": D("1000.00"), TOTAL: D("1000.00")}


def test_a_period_within_the_year(world):
    report = report_of(world, start=datetime.date(YEAR, 3, 1), end=datetime.date(YEAR, 4, 30))
    assert nonzero(report, "events") == {"2.1": 2, "3.2": 1, TOTAL: 2}
    assert nonzero(report, "grants_approved") == {"2.1": D("4000.00"), TOTAL: D("4000.00")}
    assert report.row("1.2").values["cases"] == 0  # opened in February


def test_one_municipality(world):
    report = report_of(world, start=day(1, 1), end=day(12, 31), municipality=world.rothrist)
    assert nonzero(report, "offers") == {"2.1": 1, TOTAL: 1}
    assert nonzero(report, "events") == {"2.1": 1, "3.2": 1, TOTAL: 1}
    assert report.row("1.2").values["cases"] == 0  # the cases are in Oftringen
    assert nonzero(report, "grants_approved") == {"3.2": D("1500.00"), TOTAL: D("1500.00")}
    assert nonzero(report, "measures") == {}  # Rothrist's programme is a draft
    assert report.row("3.1").values["bookings"] == 0  # bookings without a case have no municipality


def test_many_offices_add_up_and_other_offices_never_count(world):
    single = report_of(world)
    both = report_of(world, offices=[world.office, world.neighbour])
    assert both.row("2.1").values["offers"] == single.row("2.1").values["offers"] + 1
    # Allschwil's offer, event (20 people), 8 cases, 9 bookings, grant and measure are in none of them.
    for report in (single, both):
        assert report.row("2.1").values["participants"] == 9
        assert report.row("1.2").values["cases"] == PRIMARY
        assert report.row("3.1").values["bookings"] == PRIMARY
        assert report.total.values["grants_paid"] == D("2300.00")
        assert report.total.values["contributions_paid"] == D("5000.00")


def test_columns_and_groups(world):
    report = report_of(world)
    assert [row.key for row in report.rows][-1] == UNASSIGNED
    assert [row.key for row in report.rows][:8] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2"]
    assert sum(span for _group, span in report.groups) == len(report.columns)
    assert report.currency == "CHF"
    assert report.has_suppressed


@pytest.mark.parametrize("n_offices", [2, 5])
def test_query_count_does_not_depend_on_the_number_of_offices(world, n_offices, django_assert_num_queries):
    offices = [world.office, world.neighbour]
    for n in range(n_offices - 2):
        extra = make_office(f"Extra {n}")
        offer(extra, kip=[world.areas["2.1"]])
        cases(extra, member(extra, Role.COUNSELLOR, f"extra-{n}"), n=2, opened_on=day(3))
        offices.append(extra)
    # Areas with offers/events/participants per area, offers total, events total, participants total,
    # counselling, interpreting, grants, payouts, measures, contributions.
    with django_assert_num_queries(10):
        report = kip_table(offices=offices, filters=ReportFilters.year(YEAR))
    assert report.row("2.1").values["offers"] == 3 + (n_offices - 2)


def test_interpreting_counts_the_same_bookings_as_the_dashboard(world):
    """One definition: confirmed and done bookings count in both; requested and cancelled ones in neither."""
    from fachstelle.counselling.models import InterpreterBooking
    from fachstelle.reporting.sections import counselling

    bookings(world.office, n=1, date=day(11), status=InterpreterBooking.Status.CONFIRMED, cost=None)
    kip = report_of(world).row("3.1").values
    section = counselling.section(office=world.office, filters=ReportFilters.year(YEAR))
    shown = {figure.key: figure.value for figure in section.figures}
    # 4 done + 1 confirmed (the requested and the cancelled booking of the world are left out).
    assert kip["bookings"] == shown["interpreter_bookings"] == 5
    assert kip["hours"] == D("7.0")  # 4 × 1.5 h + the confirmed booking's 60 minutes
    assert shown["interpreter_hours"] == D("7.00")
    assert kip["interpreting_cost"] == shown["interpreter_cost"] == D("480.00")  # 4 × 100 + 1 h × 80
