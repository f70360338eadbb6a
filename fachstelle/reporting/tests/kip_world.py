"""Small worlds for the KIP report and the canton's view, built record by record so that every expected
figure can be counted by hand (see the comments next to each record)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from fachstelle.core.models import Language, Membership, Municipality, Office, PromotionArea, User
from fachstelle.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OfferFactory,
    OfficeFactory,
    UserFactory,
)
from fachstelle.counselling.models import InterpreterBooking
from fachstelle.counselling.tests.factories import CaseFactory, InterpreterBookingFactory, InterpreterFactory
from fachstelle.events.models import Event, Registration
from fachstelle.events.services.events import make_local
from fachstelle.grants.models import Grant, Payout
from fachstelle.grants.tests.money_factories import make_application, make_programme
from fachstelle.kompakt.models import CantonContribution, Measure, PopulationFigure, Process, Programme
from fachstelle.offers.models import Offer
from fachstelle.projects.models import Project

Role = Membership.Role
YEAR = 2026


def day(month: int, dom: int = 15, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, dom)


def moment(month: int, dom: int = 15, year: int = YEAR) -> datetime.datetime:
    return make_local(day(month, dom, year), datetime.time(12, 0))


def areas() -> dict[str, PromotionArea]:
    from fachstelle.core.models import FieldOfAction, Language, TargetGroup
    from fachstelle.core.reference_data import seed_reference_data

    seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
    return {area.code: area for area in PromotionArea.objects.all()}


def make_office(name: str, *, canton: str = "AG", kind=Office.Kind.REGIONAL, municipalities=()) -> Office:
    office = OfficeFactory(name=f"Fachstelle Integration {name}", short_name=name, canton=canton, kind=kind)
    office.municipalities.set(municipalities)
    return office


def member(office: Office, role: str, username: str) -> User:
    return MembershipFactory(office=office, role=role, user=UserFactory(username=username)).user


def offer(office: Office, *, kip=(), status=Offer.Status.PUBLISHED, municipalities=(), **fields) -> Offer:
    created = OfferFactory(office=office, status=status, **fields)
    created.promotion_areas.set(kip)
    created.municipalities.set(municipalities)
    return created


def event(
    office: Office,
    *,
    when: datetime.datetime,
    projects=(),
    people=(),
    status=Event.Status.PUBLISHED,
    **fields,
):
    created = Event.objects.create(
        office=office,
        title="Infoabend",
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=2),
        status=status,
        **fields,
    )
    for project in projects:
        project.events.add(created)
    for n, count in enumerate(people):
        Registration.objects.create(event=created, name=f"Person {n}", people=count)
    return created


def project(office: Office, *, kip) -> Project:
    created = Project.objects.create(office=office, title="Projekt", goal="Ziel")
    created.promotion_areas.set(kip)
    return created


def cases(
    office: Office, counsellor: User, *, n: int, opened_on: datetime.date, municipality=None, anonymous=0
):
    """`n` cases of `n` different clients plus `anonymous` cases without a client."""
    made = [
        CaseFactory(office=office, counsellor=counsellor, opened_on=opened_on, municipality=municipality)
        for _ in range(n)
    ]
    made += [
        CaseFactory(
            office=office, counsellor=counsellor, client=None, opened_on=opened_on, municipality=municipality
        )
        for _ in range(anonymous)
    ]
    return made


def bookings(office: Office, *, n: int, date: datetime.date, status=InterpreterBooking.Status.DONE, **fields):
    interpreter = InterpreterFactory(office=office, hourly_rate=Decimal("80"))
    fields.setdefault("language", Language.objects.get(code="ti"))
    return [
        InterpreterBookingFactory(office=office, interpreter=interpreter, date=date, status=status, **fields)
        for _ in range(n)
    ]


def grant(
    programme,
    *,
    by: User,
    area,
    amount: str,
    decided: datetime.datetime,
    status=Grant.Status.APPROVED,
    payouts=(),
    municipalities=(),
):
    application = make_application(programme, promotion_area=area)
    application.municipalities.set(municipalities)
    created = Grant.objects.create(
        application=application,
        programme=programme,
        amount=Decimal(amount),
        decided_at=decided,
        decided_by=by,
        status=status,
    )
    for number, (value, paid_on) in enumerate(payouts, start=1):
        Payout.objects.create(
            grant=created,
            number=number,
            amount=Decimal(value),
            planned_on=paid_on or day(12),
            status=Payout.Status.PAID if paid_on else Payout.Status.PLANNED,
            paid_on=paid_on,
        )
    return created


def programme(
    office: Office, municipality: Municipality, *, status=Programme.Status.ADOPTED, years=(2025, 2028)
):
    process = Process.objects.create(
        office=office, municipality=municipality, status=Process.Status.IMPLEMENTATION
    )
    return Programme.objects.create(
        process=process,
        title="Integrationsprogramm",
        period_start=years[0],
        period_end=years[1],
        status=status,
    )


def measure(programme_: Programme, *, area, canton: str, status=Measure.Status.IN_PROGRESS, contributions=()):
    created = Measure.objects.create(
        programme=programme_,
        promotion_area=area,
        title="Massnahme",
        responsible="Gemeinderat",
        funding_canton=Decimal(canton),
        status=status,
    )
    for year, amount, contribution_status in contributions:
        CantonContribution.objects.create(
            measure=created, year=year, amount=Decimal(amount), status=contribution_status
        )
    return created


@dataclass
class KipWorld:
    areas: dict[str, PromotionArea]
    office: Office  # Region Zofingen, AG
    neighbour: Office  # another office of canton AG
    foreign: Office  # an office of canton BL
    canton: Office  # the cantonal office of AG
    oftringen: Municipality
    rothrist: Municipality
    users: dict[str, User] = field(default_factory=dict)


def kip_world() -> KipWorld:
    """Region Zofingen with a hand-counted year 2026 (expected figures in the comments), a neighbour office of
    the same canton with a little data, an office of another canton whose data must never be counted, and
    the cantonal office with a member of every role."""
    kip = areas()
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG")
    rothrist = MunicipalityFactory(bfs_number=4282, name="Rothrist", canton="AG")
    aarau = MunicipalityFactory(bfs_number=4001, name="Aarau", canton="AG")
    allschwil = MunicipalityFactory(bfs_number=2762, name="Allschwil", canton="BL")
    office = make_office("Region Zofingen", municipalities=[oftringen, rothrist])
    neighbour = make_office("Aarau", municipalities=[aarau])
    foreign = make_office("Allschwil", canton="BL", municipalities=[allschwil])
    canton = make_office(
        "Kanton Aargau", kind=Office.Kind.CANTONAL, municipalities=[aarau, oftringen, rothrist]
    )
    users = {}
    for role in (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR, Role.STATISTICS, Role.STEERING, Role.CANTON):
        users[f"office_{role}"] = member(office, role, f"zofingen-{role}")
        users[f"canton_{role}"] = member(canton, role, f"kanton-{role}")
    counsellor = users[f"office_{Role.COUNSELLOR}"]

    # Offers 2026: 2.1 → 2 (o1, o2), 3.2 → 1 (o1), without area → 1, total → 3.
    offer(office, kip=[kip["2.1"], kip["3.2"]], municipalities=[oftringen])  # o1, no dates
    offer(office, kip=[kip["2.1"]], start_date=day(3), end_date=day(6), municipalities=[rothrist])  # o2
    offer(
        office, kip=[kip["1.1"]], start_date=day(1, year=2025), end_date=day(12, year=2025)
    )  # ended in 2025
    offer(office, kip=[kip["2.1"]], status=Offer.Status.DRAFT)  # a draft
    offer(office, municipalities=[oftringen])  # no area
    offer(foreign, kip=[kip["2.1"]])  # another canton
    offer(neighbour, kip=[kip["2.1"]], municipalities=[aarau])  # the neighbour: 2.1 → 1

    # Events 2026: 2.1 → 2 events, 9 participants; 3.2 → 1 event, 2 participants ("< 5"); without area →
    # 1 event, 6 participants; total → 3 events, 15 participants.
    p1 = project(office, kip=[kip["2.1"]])
    p2 = project(office, kip=[kip["2.1"], kip["3.2"]])
    e1 = event(office, when=moment(3), projects=[p1], people=[3, 4], municipality=oftringen)
    Registration.objects.create(event=e1, name="Abgemeldet", people=5, status=Registration.Status.CANCELLED)
    event(office, when=moment(4), projects=[p2], people=[2], municipality=rothrist)  # 2.1 and 3.2
    event(office, when=moment(5), people=[6])  # no project
    event(office, when=moment(5, year=2025), projects=[p1], people=[9])  # 2025
    event(office, when=moment(6), projects=[p1], people=[9], status=Event.Status.DRAFT)
    event(office, when=moment(7), projects=[p1], people=[9], status=Event.Status.CANCELLED)
    event(foreign, when=moment(3), projects=[project(foreign, kip=[kip["2.1"]])], people=[20])

    # Counselling 2026 (area 1.2): 3 cases of 3 clients in Oftringen → "< 5" both; 2025: 1 case; foreign: 8.
    cases(office, counsellor, n=3, opened_on=day(2), municipality=oftringen)
    cases(office, counsellor, n=1, opened_on=day(2, year=2025), municipality=oftringen)
    cases(foreign, member(foreign, Role.COUNSELLOR, "allschwil-berater"), n=8, opened_on=day(2))

    # Interpreting 2026 (area 3.1): 4 done bookings → "< 5", hours and cost withheld; plus bookings that never
    # count (cancelled, requested, 2025, another canton).
    bookings(office, n=4, date=day(3), duration_minutes=90, cost=Decimal("100"))
    bookings(office, n=1, date=day(3), status=InterpreterBooking.Status.CANCELLED, cost=Decimal("50"))
    bookings(office, n=1, date=day(3), status=InterpreterBooking.Status.REQUESTED)
    bookings(office, n=1, date=day(3, year=2025))
    bookings(foreign, n=9, date=day(3))

    # Grants 2026: 2.1 → 1 grant, 4000 approved, 2300 paid (2000 of it + 300 of a 2025 grant paid in 2026);
    # 3.2 → 1, 1500, 0; without area → 1, 700, 0; total → 3, 6200.00, 2300.00.
    admin = users[f"office_{Role.ADMIN}"]
    funds = make_programme(office, year=YEAR, max_amount=None)
    grant(
        funds,
        by=admin,
        area=kip["2.1"],
        amount="4000",
        decided=moment(3),
        municipalities=[oftringen],
        payouts=[("2000", day(4)), ("1000", None)],
    )
    grant(funds, by=admin, area=kip["3.2"], amount="1500", decided=moment(5), municipalities=[rothrist])
    grant(funds, by=admin, area=None, amount="700", decided=moment(6))
    grant(funds, by=admin, area=kip["2.1"], amount="999", decided=moment(6), status=Grant.Status.CANCELLED)
    grant(
        funds,
        by=admin,
        area=kip["2.1"],
        amount="800",
        decided=moment(11, year=2025),
        payouts=[("300", day(1))],
    )
    foreign_admin = member(foreign, Role.ADMIN, "allschwil-admin")
    grant(
        make_programme(foreign, year=YEAR, max_amount=None),
        by=foreign_admin,
        area=kip["2.1"],
        amount="9000",
        decided=moment(3),
        payouts=[("9000", day(4))],
    )

    # KOMPAKT: Oftringen's adopted programme 2025–2028: 2.2 → 2 measures, 15000 planned, 13000 approved
    # (8000 approved + 5000 paid), 5000 paid; 1.1 → 1 measure, 2000 planned, nothing in 2026.
    adopted = programme(office, oftringen)
    measure(
        adopted,
        area=kip["2.2"],
        canton="10000",
        contributions=[
            (YEAR, "8000", CantonContribution.Status.APPROVED),
            (YEAR + 1, "3000", CantonContribution.Status.REQUESTED),
        ],
    )
    measure(
        adopted,
        area=kip["2.2"],
        canton="5000",
        contributions=[(YEAR, "5000", CantonContribution.Status.PAID)],
    )
    measure(adopted, area=kip["3.2"], canton="4000", status=Measure.Status.DROPPED)
    measure(
        adopted,
        area=kip["1.1"],
        canton="2000",
        contributions=[(2025, "1000", CantonContribution.Status.PAID)],
    )
    draft = programme(office, rothrist, status=Programme.Status.DRAFT)
    measure(draft, area=kip["2.2"], canton="7000")
    measure(
        programme(foreign, allschwil),
        area=kip["2.2"],
        canton="50000",
        contributions=[(YEAR, "50000", CantonContribution.Status.PAID)],
    )

    # Population (canton view): Oftringen 2025 → 12500 residents, 3500 foreign; Rothrist → 3 ("< 5").
    for permit, count in (("CH", 9000), ("C", 2000), ("B", 1500)):
        PopulationFigure.objects.create(
            municipality=oftringen,
            year=2025,
            nationality="CH" if permit == "CH" else "IT",
            permit=permit,
            age_group=20,
            sex="f",
            count=count,
        )
    PopulationFigure.objects.create(
        municipality=rothrist, year=2025, nationality="XK", permit="F", age_group=20, sex="m", count=3
    )
    return KipWorld(
        areas=kip,
        office=office,
        neighbour=neighbour,
        foreign=foreign,
        canton=canton,
        oftringen=oftringen,
        rothrist=rothrist,
        users=users,
    )
