"""Factories of counselling records (no hard-coded ids). Services are the way to write in production code;
these build fixtures directly, filling the blind indexes the same way the services do."""

import datetime
from dataclasses import dataclass

import factory

from fachstelle.core.crypto import name_fingerprint, name_search_tokens
from fachstelle.core.models import Membership, Office, User
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.counselling.models import (
    Case,
    Client,
    CounsellingSession,
    Interpreter,
    InterpreterBooking,
    ShortConsultation,
    Topic,
)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    office = factory.SubFactory(OfficeFactory)
    counsellor = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Amina Testperson{n}")
    name_fingerprint = factory.LazyAttribute(lambda c: name_fingerprint(c.name))
    name_tokens = factory.LazyAttribute(lambda c: name_search_tokens(c.name))
    year_of_birth = 1990
    country_of_origin = "ER"
    permit_category = "F"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    client = factory.SubFactory(
        ClientFactory,
        office=factory.SelfAttribute("..office"),
        counsellor=factory.SelfAttribute("..counsellor"),
    )
    counsellor = factory.SubFactory(UserFactory)
    opened_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or Topic.objects.filter(slug="arbeit"))


class CounsellingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CounsellingSession

    case = factory.SubFactory(CaseFactory)
    held_on = factory.LazyAttribute(lambda s: s.case.opened_on)
    duration_minutes = 45
    notes = "Gespräch über Stellensuche."


class InterpreterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpreter

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Dolmetscherin {n}")
    qualification = Interpreter.Qualification.INTERPRET_CERTIFICATE
    hourly_rate = 75


class InterpreterBookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterpreterBooking

    office = factory.SubFactory(OfficeFactory)
    interpreter = factory.SubFactory(InterpreterFactory, office=factory.SelfAttribute("..office"))
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=3))
    start_time = datetime.time(9, 0)
    duration_minutes = 60


class ShortConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortConsultation

    office = factory.SubFactory(OfficeFactory)
    held_on = factory.LazyFunction(datetime.date.today)
    topic = factory.LazyFunction(lambda: Topic.objects.get(slug="deutsch"))
    duration_minutes = 10


@dataclass
class CounsellingWorld:
    """One office with a user per role, a second counsellor, and a foreign office with its own counsellor."""

    office: Office
    other_office: Office
    admin: User
    counsellor: User
    colleague: User  # a second counsellor of the same office
    editor: User
    statistics: User
    foreign_counsellor: User  # counsellor of the other office


def counselling_world() -> CounsellingWorld:
    municipality = MunicipalityFactory(bfs_number=4282, name="Rothrist")
    office = OfficeFactory(name="Fachstelle Integration Region Zofingen", short_name="Region Zofingen")
    office.municipalities.set([municipality])
    other_office = OfficeFactory(name="Fachstelle Integration Allschwil", short_name="Allschwil")
    users = {}
    for role, username in [
        (Membership.Role.ADMIN, "leitung"),
        (Membership.Role.COUNSELLOR, "beraterin"),
        (Membership.Role.COUNSELLOR, "berater2"),
        (Membership.Role.EDITOR, "redaktion"),
        (Membership.Role.STATISTICS, "statistik"),
    ]:
        users[username] = MembershipFactory(
            user=UserFactory(username=username), office=office, role=role
        ).user
    foreign = MembershipFactory(
        user=UserFactory(username="fremd"), office=other_office, role=Membership.Role.COUNSELLOR
    ).user
    return CounsellingWorld(
        office=office,
        other_office=other_office,
        admin=users["leitung"],
        counsellor=users["beraterin"],
        colleague=users["berater2"],
        editor=users["redaktion"],
        statistics=users["statistik"],
        foreign_counsellor=foreign,
    )
