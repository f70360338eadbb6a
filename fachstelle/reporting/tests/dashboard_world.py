"""A small office with counselling and network data in YEAR, built from plain spec lists so the tests can
count the expected figures from the same lists, independently of the sections' queries.

Two municipalities of the office (Rothrist, Oftringen), a foreign office (Allschwil) with data on the same
days that must never be counted, records on both boundaries of the year (1 January, 31 December) and just
outside it, a user per role.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from fachstelle.core.models import FieldOfAction, Language, Membership, Municipality, Office, User
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.counselling.models import Case, Topic
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    CounsellingSessionFactory,
    InterpreterBookingFactory,
    InterpreterFactory,
    ShortConsultationFactory,
)
from fachstelle.network.models import Inquiry, Report
from fachstelle.network.tests.factories_inquiries import InquiryFactory
from fachstelle.network.tests.factories_people import AssignmentFactory, KeyPersonFactory
from fachstelle.network.tests.factories_reports import ReportFactory

YEAR = 2024
ZURICH = ZoneInfo("Europe/Zurich")
Role = Membership.Role


def day(month: int, dd: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, dd)


def moment(month: int, dd: int, hour: int = 10, minute: int = 0, year: int = YEAR) -> datetime.datetime:
    return datetime.datetime(year, month, dd, hour, minute, tzinfo=ZURICH)


# --- Counselling specs ------------------------------------------------------------------------------------
# (municipality "R"/"O"/None, opened, closed or None, topics, counselling language code or None,
#  anonymous, session dates)
CASES = [
    ("R", day(1, 1), None, ["arbeit", "deutsch"], "ti", False, [day(1, 1), day(1, 20)]),
    ("R", day(1, 15), day(3, 1), ["arbeit"], "ti", False, [day(1, 15)]),
    ("R", day(2, 3), None, ["arbeit", "deutsch"], "ti", False, [day(2, 3), day(2, 10), day(3, 5)]),
    ("R", day(2, 20), day(12, 31), ["arbeit"], "ti", False, [day(2, 20)]),
    ("R", day(4, 2), None, ["arbeit", "deutsch"], "ti", False, [day(4, 2)]),
    ("R", day(5, 6), None, ["arbeit"], "ti", True, [day(5, 6)]),  # anonymous
    ("R", day(12, 31), None, ["wohnen"], None, False, [day(12, 31)]),
    ("O", day(3, 3), None, ["wohnen"], "ar", False, [day(3, 3), day(3, 10)]),
    ("O", day(6, 1), day(6, 30), ["wohnen"], "ar", False, [day(6, 1)]),
    (None, day(7, 7), None, ["gesundheit"], None, False, []),
    # Outside the period: opened the day before, one still open at the end (closed after it), one closed.
    ("R", day(12, 31, YEAR - 1), None, ["arbeit"], "ti", False, [day(12, 31, YEAR - 1), day(1, 2)]),
    ("R", day(6, 1, YEAR - 1), day(3, 1), ["arbeit"], "ti", False, [day(6, 1, YEAR - 1)]),
    ("O", day(9, 1, YEAR - 1), day(1, 10, YEAR + 1), ["wohnen"], "ar", False, []),
    # Opened the day after.
    ("R", day(1, 1, YEAR + 1), None, ["arbeit"], "ti", False, [day(1, 1, YEAR + 1)]),
]
# (municipality, held_on, topic)
SHORT = [
    ("R", day(1, 1), "deutsch"),
    ("R", day(3, 3), "deutsch"),
    ("R", day(5, 5), "deutsch"),
    ("R", day(7, 7), "deutsch"),
    ("R", day(9, 9), "deutsch"),
    ("R", day(12, 31), "arbeit"),
    ("O", day(2, 2), "deutsch"),
    ("O", day(4, 4), "wohnen"),
    ("R", day(1, 1, YEAR + 1), "deutsch"),  # outside
]
# (index of the case in CASES or None, date, language code, minutes, cost or None (rate × duration), status)
RATE = Decimal("75.00")
BOOKINGS = [
    (0, day(1, 20), "ti", 60, None, "done"),
    (1, day(1, 15), "ti", 90, Decimal("120.00"), "done"),
    (2, day(2, 10), "ti", 60, None, "done"),
    (3, day(2, 20), "ti", 30, None, "done"),
    (4, day(4, 2), "ti", 60, Decimal("80.00"), "confirmed"),
    (7, day(3, 10), "ar", 120, None, "done"),
    (2, day(3, 5), "ti", 60, None, "done"),
    (None, day(8, 8), "ar", 60, Decimal("50.00"), "done"),
    (4, day(5, 5), "ti", 60, Decimal("999.00"), "cancelled"),  # cancelled: not counted
    (0, day(1, 2, YEAR + 1), "ti", 60, None, "requested"),  # outside
]

# --- Network specs ----------------------------------------------------------------------------------------
# (municipality, received, due_on, answered_at or None, closed_at or None, field index or None)
INQUIRIES = [
    ("R", moment(1, 1, 0, 30), day(1, 8), moment(1, 5), None, 0),  # 1 Jan 00:30 local: in the period
    ("R", moment(2, 1), day(2, 8), moment(2, 8, 18), None, 0),  # answered on the due day: in time
    ("R", moment(3, 1), day(3, 8), moment(3, 12), moment(3, 20), 0),  # late
    ("R", moment(4, 1), day(4, 8), None, moment(4, 30), 0),  # closed without answer
    ("R", moment(5, 1), day(5, 8), None, None, 1),  # open and overdue at the end
    ("R", moment(6, 1), day(6, 8), moment(6, 3), None, 1),
    ("O", moment(7, 1), day(7, 8), moment(7, 2), None, None),
    ("O", moment(12, 31, 23, 30), day(1, 8, YEAR + 1), None, None, None),  # open, not yet overdue
    (None, moment(8, 1), day(8, 8), moment(1, 3, year=YEAR + 1), None, 1),  # answered after the end: open
    ("R", moment(12, 31, 23, 59, year=YEAR - 1), day(1, 8), None, None, 0),  # before: open, overdue
    ("R", moment(1, 1, 0, 10, year=YEAR + 1), day(1, 8, YEAR + 1), None, None, 0),  # after
]
# (municipality, received, category, status)
REPORTS = [
    ("R", moment(1, 10), "racism", "closed"),
    ("R", moment(2, 10), "racism", "closed"),
    ("R", moment(3, 10), "racism", "closed"),
    ("R", moment(4, 10), "racism", "action"),
    ("R", moment(5, 10), "racism", "closed"),
    ("O", moment(6, 10), "housing", "closed"),
    ("O", moment(7, 10), "work", "new"),
    (None, moment(12, 31, 12), "racism", "closed"),
    ("R", moment(1, 10, year=YEAR + 1), "racism", "new"),  # outside
]
# Key persons: (field indexes); assignments: (key person index, date, municipality, hours, compensation)
KEY_PERSONS = [[0], [0, 1], [0], [1], [0], [0]]
ASSIGNMENTS = [
    (0, day(1, 10), "R", Decimal("2.00"), Decimal("60.00")),
    (1, day(2, 10), "R", Decimal("3.00"), Decimal("90.00")),
    (2, day(3, 10), "R", Decimal("1.50"), Decimal("45.00")),
    (3, day(4, 10), "O", Decimal("2.00"), Decimal("60.00")),
    (4, day(5, 10), "R", Decimal("1.00"), Decimal("30.00")),
    (5, day(12, 31), "R", Decimal("4.00"), Decimal("120.00")),
    (0, day(6, 10), "R", Decimal("2.00"), Decimal("60.00")),
    (0, day(1, 1, YEAR + 1), "R", Decimal("9.00"), Decimal("270.00")),  # outside
]


@dataclass
class DashboardWorld:
    office: Office
    other_office: Office
    rothrist: Municipality
    oftringen: Municipality
    users: dict[str, User]
    fields: list[FieldOfAction]
    cases: list[Case] = field(default_factory=list)


def _municipality(world: DashboardWorld, code):
    return {"R": world.rothrist, "O": world.oftringen, None: None}[code]


def _counselling(world: DashboardWorld, office: Office, counsellor: User) -> list[Case]:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    cases = []
    for municipality, opened, closed, topic_slugs, language, anonymous, sessions in CASES:
        extra = {"client": None} if anonymous else {}
        case = CaseFactory(
            office=office,
            counsellor=counsellor,
            municipality=_municipality(world, municipality),
            language=languages.get(language),
            opened_on=opened,
            closed_on=closed,
            status=Case.Status.CLOSED if closed else Case.Status.OPEN,
            topics=[topics[slug] for slug in topic_slugs],
            **extra,
        )
        for held_on in sessions:
            CounsellingSessionFactory(case=case, held_on=held_on)
        cases.append(case)
    for municipality, held_on, topic in SHORT:
        ShortConsultationFactory(
            office=office,
            municipality=_municipality(world, municipality),
            held_on=held_on,
            topic=topics[topic],
        )
    interpreter = InterpreterFactory(office=office, hourly_rate=RATE)
    for index, date, language, minutes, cost, status in BOOKINGS:
        InterpreterBookingFactory(
            office=office,
            interpreter=interpreter,
            case=cases[index] if index is not None else None,
            date=date,
            language=languages[language],
            duration_minutes=minutes,
            cost=cost,
            status=status,
        )
    return cases


def _network(world: DashboardWorld, office: Office) -> None:
    for municipality, received, due_on, answered, closed, field_index in INQUIRIES:
        status = (
            Inquiry.Status.CLOSED if closed else (Inquiry.Status.ANSWERED if answered else Inquiry.Status.NEW)
        )
        inquiry = InquiryFactory(
            office=office,
            municipality=_municipality(world, municipality),
            due_on=due_on,
            answered_at=answered,
            closed_at=closed,
            status=status,
            field_of_action=world.fields[field_index] if field_index is not None else None,
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=received)
    for municipality, received, category, status in REPORTS:
        report = ReportFactory(
            office=office, municipality=_municipality(world, municipality), category=category, status=status
        )
        Report.objects.filter(pk=report.pk).update(created_at=received)
    key_persons = [
        KeyPersonFactory(office=office, topics=[world.fields[i] for i in indexes]) for indexes in KEY_PERSONS
    ]
    for index, date, municipality, hours, compensation in ASSIGNMENTS:
        AssignmentFactory(
            key_person=key_persons[index],
            date=date,
            municipality=_municipality(world, municipality),
            hours=hours,
            compensation=compensation,
        )


def dashboard_world() -> DashboardWorld:
    rothrist = MunicipalityFactory(bfs_number=4282, name="Rothrist")
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(name="Fachstelle Integration Region Zofingen", short_name="Region Zofingen")
    office.municipalities.set([rothrist, oftringen])
    other = OfficeFactory(name="Fachstelle Integration Allschwil", short_name="Allschwil")
    other.municipalities.set([rothrist, oftringen])  # same municipalities: only the office separates them
    users = {}
    for role in Role.values:
        users[role] = MembershipFactory(
            user=UserFactory(username=f"dash-{role}"), office=office, role=role
        ).user
    world = DashboardWorld(
        office=office,
        other_office=other,
        rothrist=rothrist,
        oftringen=oftringen,
        users=users,
        fields=list(FieldOfAction.objects.order_by("order", "name")[:2]),
    )
    world.cases = _counselling(world, office, users[Role.COUNSELLOR])
    foreign_counsellor = MembershipFactory(
        user=UserFactory(username="dash-foreign"), office=other, role=Role.COUNSELLOR
    ).user
    # The same records in the other office: every figure of the office would double if they leaked in.
    _counselling(world, other, foreign_counsellor)
    _network(world, other)
    _network(world, office)
    return world


def dashboard_world_more(world: DashboardWorld) -> None:
    """The same records once more in the office (for query counts that must not grow with the data)."""
    _counselling(world, world.office, world.users[Role.COUNSELLOR])
    _network(world, world.office)
