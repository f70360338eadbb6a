"""Factories and a small world for the tests of organisations, relations and key persons."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory

from fachstelle.core.models import Membership, Municipality, Office, User
from fachstelle.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    UserFactory,
)
from fachstelle.network.models import Assignment, Contact, KeyPerson, KeyPersonLanguage, Relation


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "Präsidium"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    office = factory.SubFactory(OfficeFactory)
    source = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    target = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    topic = factory.Sequence(lambda n: f"Projekt {n}")


class KeyPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPerson
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Schlüsselperson {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "062 000 00 00"
    consent_contact = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def speaks(self, create, extracted, **kwargs):
        """speaks=[language, …] or [(language, level), …]."""
        if create and extracted:
            for item in extracted:
                language, level = item if isinstance(item, tuple) else (item, KeyPersonLanguage.Level.FLUENT)
                KeyPersonLanguage.objects.create(key_person=self, language=language, level=level)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    key_person = factory.SubFactory(KeyPersonFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    purpose = "Elternabend"
    hours = Decimal("2.00")
    compensation = Decimal("60.00")


@dataclass
class PeopleWorld:
    office: Office
    other_office: Office
    rothrist: Municipality
    oftringen: Municipality
    elsewhere: Municipality  # a municipality the office does not serve
    admin: User
    editor: User
    counsellor: User
    statistics: User
    foreign_editor: User  # an editor of the other office


def people_world() -> PeopleWorld:
    rothrist = MunicipalityFactory(bfs_number=4282, name="Rothrist")
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    elsewhere = MunicipalityFactory(bfs_number=2701, name="Basel", canton="BS")
    office = OfficeFactory(name="Fachstelle Integration Region Zofingen", short_name="Region Zofingen")
    office.municipalities.set([rothrist, oftringen])
    other_office = OfficeFactory(name="Fachstelle Integration Allschwil", short_name="Allschwil")
    other_office.municipalities.set([elsewhere])
    users = {}
    for role, username in [
        (Membership.Role.ADMIN, "leitung"),
        (Membership.Role.EDITOR, "redaktion"),
        (Membership.Role.COUNSELLOR, "beraterin"),
        (Membership.Role.STATISTICS, "statistik"),
    ]:
        users[role] = MembershipFactory(user=UserFactory(username=username), office=office, role=role).user
    foreign = MembershipFactory(
        user=UserFactory(username="fremd"), office=other_office, role=Membership.Role.EDITOR
    ).user
    return PeopleWorld(
        office=office,
        other_office=other_office,
        rothrist=rothrist,
        oftringen=oftringen,
        elsewhere=elsewhere,
        admin=users[Membership.Role.ADMIN],
        editor=users[Membership.Role.EDITOR],
        counsellor=users[Membership.Role.COUNSELLOR],
        statistics=users[Membership.Role.STATISTICS],
        foreign_editor=foreign,
    )
