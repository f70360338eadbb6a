"""Back office for providers (organisations): office scoping, offer counts, search text of their offers."""

import pytest
from django.urls import reverse

from fachstelle.core.tests.admin_world import admin_form_data, build_world
from fachstelle.core.tests.factories import OrganisationFactory, make_offer
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:network_organisation_changelist"


@pytest.fixture
def world(db):
    return build_world()


def test_provider_list_is_scoped_and_counts_offers_without_a_query_per_row(
    client, world, django_assert_num_queries
):
    client.force_login(world.a_editor)
    # session, user, second-factor role check, the user's offices, offices as office admin (delete action),
    # filtered count, full count, the page of organisations with municipality and office and the offer count
    # (one aggregate); the session saved for the idle timeout (savepoint, update, release).
    with django_assert_num_queries(11):
        response = client.get(reverse(CHANGELIST))
    assert [(o.name, o.offer_count) for o in response.context["cl"].result_list] == [
        ("Verein Deutsch Aarburg", 1)
    ]
    for n in range(4):
        provider = OrganisationFactory(office=world.office_a)
        make_offer(office=world.office_a, provider=provider, title=f"Kurs {n}")
        make_offer(office=world.office_a, provider=provider, title=f"Treff {n}")
    with django_assert_num_queries(11):
        response = client.get(reverse(CHANGELIST))
    rows = response.context["cl"].result_list
    assert len(rows) == 5
    assert all(o.office_id == world.office_a.pk for o in rows)
    assert sorted(o.offer_count for o in rows) == [1, 2, 2, 2, 2]


def test_editor_adds_a_provider_in_own_office_only(client, world):
    client.force_login(world.a_editor)
    url = reverse("admin:network_organisation_add")
    data = admin_form_data(client.get(url))
    data.update({"name": "Frauentreff Zofingen", "slug": "frauentreff-zofingen", "kind": "association"})
    assert client.post(url, {**data, "office": world.office_b.pk}).status_code == 200
    assert not Organisation.objects.filter(slug="frauentreff-zofingen").exists()
    assert client.post(url, data).status_code == 302
    assert Organisation.objects.get(slug="frauentreff-zofingen").office == world.office_a


def test_duplicate_slug_in_the_same_office_is_a_form_error(client, world):
    client.force_login(world.a_editor)
    url = reverse("admin:network_organisation_add")
    data = admin_form_data(client.get(url))
    data.update({"name": "Doppelt", "slug": world.provider_a.slug, "kind": "association"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert Organisation.objects.filter(slug=world.provider_a.slug).count() == 1


def test_renaming_a_provider_updates_the_search_text_of_its_offers(client, world):
    client.force_login(world.a_editor)
    url = reverse("admin:network_organisation_change", args=[world.provider_a.pk])
    version = world.office_a.directory_version
    data = admin_form_data(client.get(url))
    data["name"] = "Bildungswerk Wiggertal"
    assert client.post(url, data).status_code == 302
    assert "wiggertal" in Offer.objects.get(pk=world.offer_a.pk).search_document
    world.office_a.refresh_from_db()
    assert world.office_a.directory_version > version


def test_another_offices_provider_is_out_of_reach(client, world):
    client.force_login(world.a_editor)
    url = reverse("admin:network_organisation_change", args=[world.provider_b.pk])
    assert client.get(url).status_code == 302
    client.post(url, {"name": "Gekapert"})
    assert Organisation.objects.get(pk=world.provider_b.pk).name == "Treffpunkt Allschwil"
    # Nor through the autocomplete of the offer form.
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "offers", "model_name": "offer", "field_name": "provider", "term": "Treff"},
    )
    assert response.json()["results"] == []
