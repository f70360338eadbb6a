"""Offices are isolated: memberships decide what a staff user may work on."""

import pytest
from django.core.exceptions import ValidationError

from fachstelle.core.models import Membership, Office
from fachstelle.core.tenancy import office_ids_for_user, user_has_role
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_sees_only_offices_with_membership():
    office_a, office_b, _office_c = OfficeFactory(), OfficeFactory(), OfficeFactory()
    user = UserFactory()
    MembershipFactory(user=user, office=office_a, role=Membership.Role.ADMIN)
    MembershipFactory(user=user, office=office_b, role=Membership.Role.EDITOR)
    assert sorted(office_ids_for_user(user=user)) == sorted([office_a.pk, office_b.pk])
    assert office_ids_for_user(user=user, roles=(Membership.Role.ADMIN,)) == [office_a.pk]
    assert user_has_role(user=user, office=office_a, roles=(Membership.Role.ADMIN,))
    assert not user_has_role(user=user, office=office_b, roles=(Membership.Role.ADMIN,))


def test_inactive_and_anonymous_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    office = OfficeFactory()
    user = UserFactory(is_active=False)
    MembershipFactory(user=user, office=office)
    assert office_ids_for_user(user=user) == []
    assert office_ids_for_user(user=AnonymousUser()) == []


def test_superuser_sees_every_office():
    offices = [OfficeFactory(), OfficeFactory()]
    assert sorted(office_ids_for_user(user=UserFactory(is_superuser=True))) == sorted(o.pk for o in offices)


def test_reserved_slugs_and_unknown_languages_are_rejected():
    office = Office(name="x", short_name="x", slug="api", content_languages=["ar", "xx"])
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert set(error.value.message_dict) == {"slug", "content_languages"}


def test_health_endpoint(client):
    response = client.get("/health/")
    assert response.json() == {"status": "ok", "database": True}
