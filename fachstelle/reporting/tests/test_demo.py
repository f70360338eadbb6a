"""The reporting demo: the canton of Aargau's office and its canton login see the offices of canton AG."""

import pytest
from django.urls import reverse

from fachstelle.core.models import Membership, Office
from fachstelle.reporting.demo import load_reporting_demo
from fachstelle.reporting.tests.kip_world import YEAR, cases, day, make_office, member

pytestmark = pytest.mark.django_db


def test_canton_demo_login_sees_the_offices_of_its_canton(client):
    zofingen = make_office("Region Zofingen", canton="AG")
    basel = make_office("Allschwil", canton="BL")
    cases(zofingen, member(zofingen, Membership.Role.COUNSELLOR, "z-berater"), n=6, opened_on=day(3))
    cases(basel, member(basel, Membership.Role.COUNSELLOR, "b-berater"), n=6, opened_on=day(3))

    first = load_reporting_demo()
    again = load_reporting_demo()
    assert first.created["offices"] == 1 and again.existing["offices"] == 1
    assert again.created["users"] == 0 and again.created["memberships"] == 0

    canton = Office.objects.get(slug="kanton-aargau")
    assert canton.kind == Office.Kind.CANTONAL and canton.canton == "AG"
    # Aggregates only: the canton login needs no second factor and logs in with the password.
    url = reverse("reporting:canton_overview", kwargs={"office_slug": canton.slug})
    login = client.post(
        reverse("accounts:login"),
        {"username": "aargau-kanton", "password": "demo-fachstelle-2026", "next": url},
    )
    assert login.status_code == 302 and login["Location"] == url
    response = client.get(f"{url}?year={YEAR}")
    assert response.status_code == 200
    offices = response.context["comparison"].offices
    assert zofingen in offices and basel not in offices
