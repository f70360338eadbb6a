"""Factories and a small network for the tests of meetings and mailings: the region of Zofingen with
associations in and around Oftringen, their contact persons and key persons."""

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from fachstelle.core.models import Membership, Municipality, Office
from fachstelle.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
)
from fachstelle.network.models import ActionItem, Mailing, MeetingInvitation, NetworkMeeting, Organisation

from .factories_people import ContactFactory, KeyPersonFactory

Kind = Organisation.Kind


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMeeting

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Arbeitskreis Integration {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    place = "Gemeindesaal Oftringen"
    agenda = "1. Begrüssung\n2. Projekte"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingInvitation

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..meeting.office"))
    email = factory.LazyAttribute(lambda i: i.organisation.email if i.organisation else "guest@example.org")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Flyer drucken {n}")
    owner = "Verein Begegnung"


class MailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailing

    office = factory.SubFactory(OfficeFactory)
    subject = "Einladung zum Begegnungsfest"
    body = "Liebe Vereine\n\nWir laden Sie herzlich ein."
    segment = factory.LazyFunction(lambda: {"include": ["organisations"]})


@dataclass
class NetworkWorld:
    office: Office
    other_office: Office
    oftringen: Municipality
    zofingen: Municipality
    seat_association: Organisation  # an association located in Oftringen
    serving_association: Organisation  # located elsewhere, serves Oftringen
    church: Organisation  # in Oftringen, but not an association
    zofingen_association: Organisation
    admin: object
    editor: object
    counsellor: object
    statistician: object


def network_world() -> NetworkWorld:
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    office = OfficeFactory(short_name="Region Zofingen", municipalities=[oftringen, zofingen])
    other_office = OfficeFactory(short_name="Allschwil")
    seat = OrganisationFactory(office=office, name="Kulturverein Oftringen", municipality=oftringen)
    serving = OrganisationFactory(office=office, name="Deutschtreff Aarburg")
    serving.municipalities_served.set([oftringen])
    church = OrganisationFactory(
        office=office, name="Pfarrei Oftringen", kind=Kind.CHURCH, municipality=oftringen
    )
    zofingen_association = OrganisationFactory(office=office, name="Verein Zofingen", municipality=zofingen)
    role = Membership.Role
    members = {
        name: MembershipFactory(office=office, role=getattr(role, name.upper())).user
        for name in ("admin", "editor", "counsellor", "statistics")
    }
    return NetworkWorld(
        office=office,
        other_office=other_office,
        oftringen=oftringen,
        zofingen=zofingen,
        seat_association=seat,
        serving_association=serving,
        church=church,
        zofingen_association=zofingen_association,
        admin=members["admin"],
        editor=members["editor"],
        counsellor=members["counsellor"],
        statistician=members["statistics"],
    )


__all__ = ["ContactFactory", "KeyPersonFactory", "MailingFactory", "MeetingFactory", "network_world"]
