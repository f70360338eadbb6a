"""The queue's task results in the back office: superusers only."""

import pytest
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, UserFactory
from fachstelle.core.tests.otp import login_verified

pytestmark = pytest.mark.django_db
URL = "/admin/django_tasks_database/dbtaskresult/"


def test_office_admin_does_not_see_the_queue(client):
    user = MembershipFactory(role=Membership.Role.ADMIN, user=UserFactory(is_staff=True)).user
    login_verified(client, user)
    assert client.get(URL).status_code == 403
    assert b"dbtaskresult" not in client.get(reverse("admin:index")).content


def test_superuser_sees_the_queue(client):
    login_verified(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(URL).status_code == 200
    assert b"dbtaskresult" in client.get(reverse("admin:index")).content
