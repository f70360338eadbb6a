"""The public list of funded projects: only consented, listed grants of publishing programmes."""

import pytest
from django.urls import reverse

from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.grants.models import Grant
from fachstelle.grants.services.decisions import application_approve, grant_cancel, grant_publish_set

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db


def test_only_consented_listed_projects_appear_per_year(client, django_assert_num_queries):
    office = make_office()
    admin = make_staff(office, Role.ADMIN)
    programme = make_programme(office, year=2026)
    old = make_programme(office, year=2025, name="Kleinprojekte 2025", slug="k-2025")
    hidden_programme = make_programme(
        office, year=2026, name="Intern", slug="intern", publish_funded_projects=False
    )
    brittnau = MunicipalityFactory(name="Brittnau")

    listed = make_application(programme, project_title="Konversationscafé", publish_consent=True)
    listed.municipalities.add(brittnau)
    application_approve(application=listed, by=admin, amount="4000")
    application_approve(
        application=make_application(old, project_title="Lesezirkel 2025", publish_consent=True),
        by=admin,
        amount="900",
    )
    application_approve(
        application=make_application(programme, project_title="Secret project", publish_consent=False),
        by=admin,
        amount="1000",
    )
    application_approve(
        application=make_application(
            hidden_programme, project_title="Internal project", publish_consent=True
        ),
        by=admin,
        amount="1000",
    )
    unlisted = application_approve(
        application=make_application(programme, project_title="Unlisted by staff", publish_consent=True),
        by=admin,
        amount="1000",
    )
    grant_publish_set(grant=unlisted, by=admin, publish=False)
    cancelled = application_approve(
        application=make_application(programme, project_title="Cancelled one", publish_consent=True),
        by=admin,
        amount="1000",
    )
    grant_cancel(grant=cancelled, by=admin, reason="withdrawn")

    url = reverse("grants_public:funded_list", kwargs={"office_slug": office.slug})
    client.get(url)
    # office, years, grants with application/area/programme, municipalities
    with django_assert_num_queries(4):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Konversationscafé" in content and "Brittnau" in content and "Lesezirkel 2025" in content
    for absent in ("Secret project", "Internal project", "Unlisted by staff", "Cancelled one"):
        assert absent not in content
    content = client.get(url, {"year": "2025"}).content.decode()
    assert "Lesezirkel 2025" in content and "Konversationscafé" not in content
    assert client.get(url, {"year": "abc"}).status_code == 200


def test_publish_without_consent_is_refused():
    from django.core.exceptions import ValidationError

    office = make_office()
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(
        application=make_application(make_programme(office), publish_consent=False), by=admin, amount="100"
    )
    assert grant.publish is False
    with pytest.raises(ValidationError):
        grant_publish_set(grant=grant, by=admin, publish=True)
    assert Grant.objects.get(pk=grant.pk).publish is False
