"""Factories of contact persons and inquiries (no hard-coded primary keys)."""

from datetime import timedelta

import factory
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from fachstelle.network.models import FieldContact, Inquiry, InquiryMessage


def staff_member(office, role=Membership.Role.EDITOR, **user_fields):
    """A user with a membership of `role` in `office`."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, office=office, role=role)
    return user


class FieldContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldContact
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    field_of_action = factory.LazyFunction(lambda: FieldOfAction.objects.order_by("order").first())
    person = factory.LazyAttribute(lambda o: staff_member(o.office))
    public_title = "Fachperson"

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class InquiryFactory(factory.django.DjangoModelFactory):
    """A stored inquiry, as the public form leaves it (without routing or e-mails: use `inquiry_submit`
    for those)."""

    class Meta:
        model = Inquiry

    office = factory.SubFactory(OfficeFactory)
    name = "Amina Test"
    email = factory.Sequence(lambda n: f"sender{n}@example.org")
    subject = factory.Sequence(lambda n: f"Frage {n}")
    message = "Wir suchen eine Wohnung."
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class InquiryMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryMessage

    inquiry = factory.SubFactory(InquiryFactory)
    kind = InquiryMessage.Kind.INCOMING
    body = "Wir suchen eine Wohnung."
