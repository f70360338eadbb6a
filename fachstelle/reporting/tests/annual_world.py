"""A small world for the steering view and the annual report: the office Region Zofingen with Oftringen,
Rothrist and Zofingen, a foreign office that also counts cases in Rothrist, a user per role — and a test
report section over counselling cases, registered in place of the sections while they are being written
(a real, database-backed section with the section contract; no mocking).

Data (calendar year 2026, office Region Zofingen):
    Oftringen  7 cases, each with one 60-minute session → 7 cases, 7.0 hours
    Rothrist   3 cases, each with one 30-minute session → "< 5" cases, hours withheld ("–")
    Zofingen   0 cases
    plus 2 Oftringen cases in 2025 (outside the year) and 6 Rothrist cases of the foreign office.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from fachstelle.core.models import Membership, Municipality, Office, User
from fachstelle.core.statistics import Column, protected_table, suppress
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.counselling.models import Case, CounsellingSession
from fachstelle.counselling.tests.factories import CaseFactory, CounsellingSessionFactory
from fachstelle.reporting import sections as sections_package
from fachstelle.reporting.sections import Figure, MunicipalityRow, Section

Role = Membership.Role
YEAR = 2026
TEST_SECTION = "testcases"
CLIENT_NAME_MARK = "Testperson"  # ClientFactory names every client "Amina Testperson<n>"


# --- The test section (section contract of fachstelle.reporting.sections) --------------------------------


def _cases(office, filters):
    return Case.objects.filter(office=office, opened_on__range=(filters.start, filters.end))


def section(*, office, filters) -> Section:
    """Cases opened per municipality of the office (2 queries)."""
    counts = dict(
        _cases(office, filters)
        .order_by()
        .values_list("municipality")
        .annotate(n=Count("pk"))
        .values_list("municipality", "n")
    )
    municipalities = list(office.municipalities.order_by("name", "pk"))
    per_row = [counts.get(m.pk, 0) for m in municipalities]
    table = protected_table(
        key="cases_by_municipality",
        title="Cases by municipality",
        row_header="Municipality",
        rows=[(str(m.pk), m.name) for m in municipalities],
        columns=[Column("Cases")],
        counts=[[n] for n in per_row],
        column_totals=[sum(counts.values())],
        total_label="Total",
    )
    return Section(
        key=TEST_SECTION,
        title="Counselling cases",
        figures=[Figure(key="cases", label="Cases opened", value=suppress(sum(counts.values())))],
        tables=[table],
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Cases opened (additive) and session hours (withheld below 5 cases) per municipality (2 queries)."""
    wanted = [m.pk for m in municipalities]
    cases = dict(
        _cases(office, filters)
        .filter(municipality__in=wanted)
        .order_by()
        .values_list("municipality")
        .annotate(n=Count("pk"))
        .values_list("municipality", "n")
    )
    minutes = dict(
        CounsellingSession.objects.filter(
            case__office=office, case__municipality__in=wanted, held_on__range=(filters.start, filters.end)
        )
        .order_by()
        .values_list("case__municipality")
        .annotate(m=Sum("duration_minutes"))
        .values_list("case__municipality", "m")
    )
    opened = MunicipalityRow(
        key="cases", label="Cases opened", values={pk: suppress(cases.get(pk, 0)) for pk in wanted}
    )
    opened.additive = True  # each case in one municipality
    hours = MunicipalityRow(
        key="hours",
        label="Session hours",
        unit="h",
        values={
            pk: (Decimal(minutes.get(pk, 0)) / 60 if cases.get(pk, 0) >= 5 or not cases.get(pk) else None)
            for pk in wanted
        },
    )
    hours.additive = True
    return [opened, hours]


@pytest.fixture
def only_test_section():
    """The report sections replaced by the test section (in place: every module reads the same dict)."""
    registry = sections_package.SECTION_MODULES
    saved = dict(registry)
    registry.clear()
    registry[TEST_SECTION] = __name__
    yield TEST_SECTION
    registry.clear()
    registry.update(saved)


# --- The world -----------------------------------------------------------------------------------------


@dataclass
class AnnualWorld:
    office: Office
    other_office: Office
    oftringen: Municipality
    rothrist: Municipality
    zofingen: Municipality
    users: dict[str, User]  # by role, members of `office`
    foreign_admin: User  # admin of `other_office`


def _cases_with_sessions(*, office, counsellor, municipality, count, opened_on, minutes):
    for _index in range(count):
        case = CaseFactory(
            office=office, counsellor=counsellor, municipality=municipality, opened_on=opened_on
        )
        CounsellingSessionFactory(case=case, held_on=opened_on, duration_minutes=minutes)


def annual_world() -> AnnualWorld:
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    rothrist = MunicipalityFactory(bfs_number=4282, name="Rothrist")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen", short_name="Region Zofingen", city="Zofingen"
    )
    office.municipalities.set([oftringen, rothrist, zofingen])
    other_office = OfficeFactory(name="Fachstelle Integration Wiggertal", short_name="Wiggertal")
    other_office.municipalities.set([rothrist])
    users = {
        role: MembershipFactory(user=UserFactory(username=f"annual-{role}"), office=office, role=role).user
        for role in Role.values
    }
    foreign_admin = MembershipFactory(
        user=UserFactory(username="annual-foreign"), office=other_office, role=Role.ADMIN
    ).user
    counsellor = users[Role.COUNSELLOR]
    day = datetime.date(YEAR, 3, 10)
    _cases_with_sessions(
        office=office, counsellor=counsellor, municipality=oftringen, count=7, opened_on=day, minutes=60
    )
    _cases_with_sessions(
        office=office, counsellor=counsellor, municipality=rothrist, count=3, opened_on=day, minutes=30
    )
    _cases_with_sessions(
        office=office,
        counsellor=counsellor,
        municipality=oftringen,
        count=2,
        opened_on=datetime.date(YEAR - 1, 6, 1),
        minutes=60,
    )
    foreign_counsellor = MembershipFactory(office=other_office, role=Role.COUNSELLOR).user
    _cases_with_sessions(
        office=other_office,
        counsellor=foreign_counsellor,
        municipality=rothrist,
        count=6,
        opened_on=day,
        minutes=45,
    )
    return AnnualWorld(
        office=office,
        other_office=other_office,
        oftringen=oftringen,
        rothrist=rothrist,
        zofingen=zofingen,
        users=users,
        foreign_admin=foreign_admin,
    )
