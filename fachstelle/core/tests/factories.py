"""factory_boy factories shared by every app's tests (no hard-coded primary keys)."""

import factory
from django.utils.text import slugify

from fachstelle.core.models import Membership, Municipality, Office, User
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Location, Offer


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("country", "bfs_number")

    bfs_number = factory.Sequence(lambda n: 9000 + n)
    name = factory.Sequence(lambda n: f"Testgemeinde {n}")
    canton = "AG"
    country = "CH"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fachstelle Integration Test {n}")
    short_name = factory.Sequence(lambda n: f"Test {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.short_name))
    kind = Office.Kind.REGIONAL
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)
    role = Membership.Role.EDITOR


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Verein Begegnung {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.ASSOCIATION
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer; search columns are filled by `make_offer` (services), not by this factory."""

    class Meta:
        model = Offer

    office = factory.SubFactory(OfficeFactory)
    provider = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    title = factory.Sequence(lambda n: f"Angebot {n}")
    summary = "Ein Angebot für Neuzugezogene."
    status = Offer.Status.PUBLISHED


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    offer = factory.SubFactory(OfferFactory)
    name = "Gemeindehaus"
    municipality = factory.SubFactory(MunicipalityFactory)


def make_offer(*, office, provider=None, by=None, m2m=None, locations=None, **fields) -> Offer:
    """Create an offer through the service, as the application does (search index, version)."""
    from fachstelle.offers.services import offer_create

    provider = provider or OrganisationFactory(office=office)
    fields.setdefault("title", "Angebot")
    fields.setdefault("summary", "Ein Angebot für Neuzugezogene.")
    fields.setdefault("status", Offer.Status.PUBLISHED)
    return offer_create(
        office=office,
        by=by,
        fields={"provider": provider, **fields},
        m2m=m2m or {},
        locations=locations or [],
    )
