"""GET /api/v1/municipalities, /api/v1/offices, and the OpenAPI schema and docs."""

import pytest

from fachstelle.api.schemas import MunicipalityOut, OfficeOut
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_municipalities_of_all_active_offices(client, directory, django_assert_num_queries):
    MunicipalityFactory(bfs_number=4280, name="Oftringen")  # served by no office: not listed
    # The municipalities of the active offices, by name.
    with django_assert_num_queries(1):
        response = client.get("/api/v1/municipalities")
    assert response.status_code == 200
    data = response.json()
    for item in data:
        MunicipalityOut.model_validate(item)
    assert [m["bfs_number"] for m in data] == [4271, 2762, 4289]
    assert data[0] == {"bfs_number": 4271, "name": "Aarburg", "canton": "AG", "country": "CH"}


def test_municipalities_of_one_office(client, directory, django_assert_num_queries):
    # The office · its municipalities.
    with django_assert_num_queries(2):
        data = client.get("/api/v1/municipalities", {"office": "allschwil"}).json()
    assert data == [{"bfs_number": 2762, "name": "Allschwil", "canton": "BL", "country": "CH"}]


@pytest.mark.parametrize("slug", ["atlantis", "\x00"])
def test_municipalities_of_an_unknown_office_is_a_400(client, directory, slug):
    response = client.get("/api/v1/municipalities", {"office": slug})
    assert response.status_code == 400
    assert "office" in response.json()["detail"]


def test_municipality_served_by_an_inactive_office_only_is_not_listed(client, directory):
    directory["other"].is_active = False
    directory["other"].save()
    assert 2762 not in [m["bfs_number"] for m in client.get("/api/v1/municipalities").json()]


def test_offices_with_their_municipalities(client, directory, django_assert_num_queries):
    OfficeFactory(slug="closed", is_active=False)
    # The active offices · their municipalities (one prefetch).
    with django_assert_num_queries(2):
        response = client.get("/api/v1/offices", {"lang": "fr"})
    data = response.json()
    for item in data:
        OfficeOut.model_validate(item)
    assert [o["slug"] for o in data] == ["allschwil", "region-zofingen"]
    region = data[1]
    assert region["url"] == "http://testserver/fr/region-zofingen/"
    assert [m["name"] for m in region["municipalities"]] == ["Aarburg", "Zofingen"]


def test_openapi_schema_documents_every_endpoint_and_filter(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == {
        "/api/v1/offers",
        "/api/v1/offers/{offer_id}",
        "/api/v1/municipalities",
        "/api/v1/offices",
        "/api/v1/pages",
        "/api/v1/pages/{page_id}",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/news",
        "/api/v1/news/{news_id}",
    }
    list_operation = schema["paths"]["/api/v1/offers"]["get"]
    assert {p["name"] for p in list_operation["parameters"]} == {
        "q",
        "area",
        "kip",
        "target_group",
        "language",
        "municipality",
        "free",
        "childcare",
        "online",
        "barrier_free",
        "page",
        "office",
        "lang",
    }
    item = schema["components"]["schemas"]["OfferListItem"]["properties"]
    assert {
        "id",
        "title",
        "summary",
        "provider",
        "areas",
        "target_groups",
        "languages",
        "municipalities",
        "cost",
        "url",
        "updated_at",
    } <= set(item)


def test_interactive_docs(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
