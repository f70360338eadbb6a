"""GET /api/v1/offers and /api/v1/offers/{id}: shape, office scoping, languages, bad input, query counts."""

import pytest
from django.core.cache import cache

from fachstelle.api.schemas import OfferDetail, OfferList
from fachstelle.core.tests.factories import OfficeFactory, OrganisationFactory, make_offer
from fachstelle.offers.models import Offer
from fachstelle.offers.services import offer_translation_save, offer_update

pytestmark = pytest.mark.django_db


def get_list(client, **params):
    response = client.get("/api/v1/offers", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    OfferList.model_validate(data)  # exactly the documented fields, with the documented types
    return data


def titles(data):
    return sorted(item["title"] for item in data["results"])


# --- list: shape -------------------------------------------------------------------------------


def test_list_item_has_the_documented_fields(client, directory, vocab):
    data = get_list(client, office="region-zofingen", q="Deutschkurs")
    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None
    item = data["results"][0]
    course = directory["course"]
    assert item["id"] == course.pk
    assert item["title"] == "Deutschkurs mit Kinderhütedienst"
    assert item["language"] == "de" and item["fallback"] is False
    assert item["provider"] == {"id": directory["provider"].pk, "name": "Verein Deutsch für alle"}
    assert item["areas"] == [{"slug": "sprache", "name": "Deutsch lernen"}]
    # Vocabulary order (by code), not insertion order.
    assert [p["code"] for p in item["promotion_areas"]] == ["1.1", "2.1"]
    assert {t["slug"] for t in item["target_groups"]} == {"familien", "frauen"}
    assert [lang["code"] for lang in item["languages"]] == ["de", "ti"]
    assert item["municipalities"] == [{"bfs_number": 4271, "name": "Aarburg"}]
    assert item["cost"] == {"type": "reduced", "amount": "45.00", "note": "Ermässigung möglich"}
    assert (item["childcare"], item["online"], item["barrier_free"]) == (True, False, False)
    assert item["office"] == {"slug": "region-zofingen", "name": "Fachstelle Integration Region Zofingen"}
    assert item["url"] == f"http://testserver/de/region-zofingen/offers/{course.pk}-{course.slug}/"
    assert item["updated_at"].startswith(str(course.updated_at.year))


def test_list_url_opens_the_offer_page(client, directory):
    item = get_list(client, office="region-zofingen", q="Deutschkurs")["results"][0]
    page = client.get(item["url"].removeprefix("http://testserver"))
    assert page.status_code == 200  # the canonical URL, not a redirect


def test_list_filters_like_the_search_page(client, directory, vocab):
    assert titles(get_list(client, office="region-zofingen", childcare="1")) == [
        "Deutschkurs mit Kinderhütedienst"
    ]
    assert titles(get_list(client, office="region-zofingen", area="beratung")) == [
        "Beratung für Neuzugezogene"
    ]
    assert titles(get_list(client, office="region-zofingen", municipality="4289")) == [
        "Beratung für Neuzugezogene"
    ]
    assert titles(get_list(client, office="region-zofingen", kip="2.1")) == [
        "Deutschkurs mit Kinderhütedienst"
    ]
    assert titles(get_list(client, office="region-zofingen", target_group="frauen", language="ti")) == [
        "Deutschkurs mit Kinderhütedienst"
    ]
    assert get_list(client, office="region-zofingen", free="1", childcare="1")["count"] == 0


# --- list: office scoping ----------------------------------------------------------------------


def test_office_filter_never_returns_another_offices_offers(client, directory):
    data = get_list(client, office="region-zofingen", q="deutschkurs")
    assert titles(data) == ["Deutschkurs mit Kinderhütedienst"]
    assert {item["office"]["slug"] for item in get_list(client, office="region-zofingen")["results"]} == {
        "region-zofingen"
    }
    # The other office's municipality is not a valid filter of this office: ignored, not a way in.
    data = get_list(client, office="region-zofingen", municipality="2762")
    assert {item["office"]["slug"] for item in data["results"]} == {"region-zofingen"}
    assert data["warnings"]
    assert titles(get_list(client, office="allschwil")) == ["Deutschkurs Allschwil"]


def test_without_office_searches_all_active_offices(client, directory):
    assert titles(get_list(client, q="deutschkurs")) == [
        "Deutschkurs Allschwil",
        "Deutschkurs mit Kinderhütedienst",
    ]
    directory["other"].is_active = False
    directory["other"].save()
    cache.clear()
    assert titles(get_list(client, q="deutschkurs")) == ["Deutschkurs mit Kinderhütedienst"]


@pytest.mark.parametrize(
    "slug", ["nowhere", "x" * 5000, "<script>", "' OR 1=1 --", "\x00", "region-zofingen\x00"]
)
def test_unknown_office_is_a_400_with_a_message(client, directory, slug):
    response = client.get("/api/v1/offers", {"office": slug})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail"}
    assert "office" in body["detail"].lower()
    assert "Deutschkurs" not in response.content.decode()


def test_inactive_office_is_unknown(client, directory):
    directory["other"].is_active = False
    directory["other"].save()
    assert client.get("/api/v1/offers", {"office": "allschwil"}).status_code == 400


# --- list: content language --------------------------------------------------------------------


def test_lang_gives_translations_and_says_where_german_is_shown(client, directory):
    data = get_list(client, office="region-zofingen", lang="fr")
    by_id = {item["id"]: item for item in data["results"]}
    course, advice = by_id[directory["course"].pk], by_id[directory["advice"].pk]
    assert course["title"] == "Cours d'allemand avec garde d'enfants"
    assert (course["language"], course["fallback"]) == ("fr", False)
    assert course["cost"]["note"] == "Réduction possible"
    assert course["areas"] == [{"slug": "sprache", "name": "Apprendre l'allemand"}]
    assert course["url"].startswith("http://testserver/fr/region-zofingen/offers/")
    assert advice["title"] == "Beratung für Neuzugezogene"
    assert (advice["language"], advice["fallback"]) == ("de", True)


def test_translation_in_progress_is_not_shown(client, directory):
    offer_translation_save(
        offer=directory["advice"],
        language="fr",
        by=None,
        state="in_translation",
        values={"title": "Conseil (brouillon)", "summary": "…"},
    )
    item = next(
        i
        for i in get_list(client, office="region-zofingen", lang="fr")["results"]
        if i["id"] == directory["advice"].pk
    )
    assert (item["title"], item["language"], item["fallback"]) == ("Beratung für Neuzugezogene", "de", True)


def test_lang_of_a_newcomer_language_falls_back_to_german(client, directory):
    item = get_list(client, office="region-zofingen", lang="ti", q="Deutschkurs")["results"][0]
    assert (item["title"], item["language"], item["fallback"]) == (
        "Deutschkurs mit Kinderhütedienst",
        "de",
        True,
    )
    assert item["url"].startswith("http://testserver/ti/")


@pytest.mark.parametrize("lang", ["xx", "<b>", "d" * 3000])
def test_unknown_lang_is_ignored_with_a_warning(client, directory, lang):
    data = get_list(client, office="region-zofingen", lang=lang)
    assert data["count"] == 2
    assert all(item["language"] == "de" and item["fallback"] is False for item in data["results"])
    assert len(data["warnings"]) == 1


# --- list: bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "99999999999999999999999"},
        {"area": "no-such-topic"},
        {"kip": "9.9"},
        {"target_group": "<script>alert(1)</script>"},
        {"language": "klingon"},
        {"municipality": "99999"},
        {"municipality": "abc"},
        {"municipality": "99999999999999999999999"},
    ],
)
def test_malformed_filters_are_ignored_with_a_warning(client, directory, params):
    data = get_list(client, office="region-zofingen", **params)
    assert data["count"] == 2  # the filter was dropped, the office scope kept
    assert data["warnings"]


def test_bad_filter_keeps_the_valid_rest(client, directory):
    data = get_list(client, office="region-zofingen", area="no-such-topic", childcare="1")
    assert titles(data) == ["Deutschkurs mit Kinderhütedienst"]
    assert any("no-such-topic" in w for w in data["warnings"])


@pytest.mark.parametrize(
    "q", ["x" * 10_000, "'; DROP TABLE offers_offer; --", "<script>alert(1)</script>", "%_\\"]
)
def test_hostile_search_text_never_fails(client, directory, q):
    data = get_list(client, q=q)
    assert data["count"] == 0
    assert Offer.objects.count() == 3


def test_long_search_text_is_shortened_with_a_warning(client, directory):
    data = get_list(client, q="deutschkurs " + "x" * 10_000)
    assert data["warnings"]


def test_warnings_follow_lang_for_ui_languages(client, directory):
    german = get_list(client, office="region-zofingen", area="nope")["warnings"][0]
    french = get_list(client, office="region-zofingen", area="nope", lang="fr")["warnings"][0]
    assert "nope" in german and "nope" in french


def test_empty_result(client, directory):
    data = get_list(client, office="region-zofingen", q="quantenphysik")
    assert data == {"count": 0, "next": None, "previous": None, "warnings": [], "results": []}


# --- list: pagination --------------------------------------------------------------------------


def test_pages_of_twenty_with_absolute_links_keeping_the_filters(client, vocab):
    office = OfficeFactory(slug="gross")
    provider = OrganisationFactory(office=office)
    for n in range(45):
        make_offer(office=office, provider=provider, title=f"Treffpunkt {n:02d}", cost_type="free")
    first = get_list(client, office="gross", free="1", lang="en")
    assert first["count"] == 45 and len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/offers?")
    for part in ("office=gross", "free=1", "lang=en", "page=2"):
        assert part in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 20
    assert "page=1" in second["previous"] and "page=3" in second["next"]
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 5 and third["next"] is None
    seen = [i["id"] for page in (first, second, third) for i in page["results"]]
    assert len(set(seen)) == 45  # every offer exactly once


# --- list: query counts ------------------------------------------------------------------------

# Shared by every list request in French: the page of offers with provider+office · their French
# translations (the terms of each offer come from the in-process index: no query).
PAGE_QUERIES = 1 + 1
# Cold index, one office: the office · vocabulary (fields of action, KIP areas, target groups, languages,
# the office's municipalities) · the public offers · their 5 link tables (the in-process directory index).
LIST_QUERIES_COLD = 1 + 5 + 1 + 5 + PAGE_QUERIES
# The same request again (same directory version): the office, then the cached answer.
LIST_QUERIES_WARM = 1
# All offices: no office lookup, but the directory versions of the active offices (the index key), plus
# the text match of `q` when it is not cached.
# In German: no translation query.
ALL_OFFICES_QUERIES_COLD = 1 + 5 + 1 + 5 + 1 + 1
ALL_OFFICES_QUERIES_WARM = 1


def _many_offers(office, vocab, n):
    provider = OrganisationFactory(office=office)
    municipality = office.municipalities.first()
    for i in range(n):
        make_offer(
            office=office,
            provider=provider,
            title=f"Kurs {i}",
            m2m={
                "fields_of_action": [vocab["areas"]["sprache"], vocab["areas"]["arbeit"]],
                "promotion_areas": [vocab["kip"]["2.1"]],
                "target_groups": [vocab["targets"]["frauen"]],
                "languages": [vocab["languages"]["de"], vocab["languages"]["ar"]],
                "municipalities": [municipality],
            },
        )


@pytest.mark.parametrize("extra_offers", [0, 30])
def test_list_query_count_does_not_grow_with_results(
    client, directory, vocab, django_assert_num_queries, extra_offers
):
    _many_offers(directory["region"], vocab, extra_offers)
    offer_translation_save(offer=directory["advice"], language="fr", by=None, values={"title": "Conseil"})
    cache.clear()
    with django_assert_num_queries(LIST_QUERIES_COLD):
        data = get_list(client, office="region-zofingen", lang="fr")
    assert len(data["results"]) == min(20, 2 + extra_offers)
    with django_assert_num_queries(LIST_QUERIES_WARM):
        get_list(client, office="region-zofingen", lang="fr")


def test_list_query_count_all_offices(client, directory, vocab, django_assert_num_queries):
    _many_offers(directory["other"], vocab, 5)
    cache.clear()
    with django_assert_num_queries(ALL_OFFICES_QUERIES_COLD):
        get_list(client, q="kurs")
    with django_assert_num_queries(ALL_OFFICES_QUERIES_WARM):
        get_list(client, q="kurs")


# --- detail ------------------------------------------------------------------------------------


def test_detail_has_everything_the_page_shows(client, directory):
    course = directory["course"]
    response = client.get(f"/api/v1/offers/{course.pk}")
    assert response.status_code == 200
    data = response.json()
    OfferDetail.model_validate(data)
    assert data["title"] == "Deutschkurs mit Kinderhütedienst"
    assert data["description"] == "Kurs A1 bis A2."
    assert data["locations"] == [
        {
            "name": "Schulhaus Paradies",
            "street": "Bahnhofstrasse 1",
            "postcode": "4663",
            "municipality": {"bfs_number": 4271, "name": "Aarburg"},
            "opening_hours": "Di 9–11",
            "by_appointment": False,
        }
    ]
    assert data["schedule"] == {"start_date": None, "end_date": None, "text": "Dienstag 9–11"}
    assert data["registration"]["required"] is True
    assert data["registration"]["email"] == "kurs@example.org"
    assert data["contact"]["name"] == "Frau Muster"
    assert data["source_language"] == "de"
    assert data["translations"] == [
        {
            "language": "fr",
            "status": "up_to_date",
            "public": True,
            "url": f"http://testserver/fr/region-zofingen/offers/{course.pk}-{course.slug}/",
        }
    ]
    assert [p["code"] for p in data["promotion_areas"]] == ["1.1", "2.1"]


def test_detail_in_a_language_and_outdated_translation(client, directory):
    course = directory["course"]
    data = client.get(f"/api/v1/offers/{course.pk}", {"lang": "fr"}).json()
    assert (data["title"], data["language"], data["fallback"]) == (
        "Cours d'allemand avec garde d'enfants",
        "fr",
        False,
    )
    # Untranslated fields fall back to German one by one.
    assert data["description"] == "Kurs A1 bis A2."
    offer_update(offer=course, by=None, fields={"summary": "Neuer Text"})
    data = client.get(f"/api/v1/offers/{course.pk}", {"lang": "fr"}).json()
    assert data["translations"][0]["status"] == "outdated"
    data = client.get(f"/api/v1/offers/{course.pk}", {"lang": "ar"}).json()
    assert (data["language"], data["fallback"]) == ("de", True)


@pytest.mark.parametrize("status", [Offer.Status.DRAFT, Offer.Status.REVIEW, Offer.Status.ARCHIVED])
def test_detail_of_an_unpublished_offer_is_404(client, directory, status):
    offer = directory["course"]
    Offer.objects.filter(pk=offer.pk).update(status=status)
    response = client.get(f"/api/v1/offers/{offer.pk}")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert "Deutschkurs" not in response.content.decode()


def test_detail_of_a_hidden_offer_or_inactive_office_is_404(client, directory):
    from django.utils import timezone

    Offer.objects.filter(pk=directory["course"].pk).update(hidden_unconfirmed_at=timezone.now())
    assert client.get(f"/api/v1/offers/{directory['course'].pk}").status_code == 404
    directory["other"].is_active = False
    directory["other"].save()
    assert client.get(f"/api/v1/offers/{directory['foreign'].pk}").status_code == 404


def test_detail_with_office_filter_is_scoped(client, directory):
    foreign = directory["foreign"]
    assert client.get(f"/api/v1/offers/{foreign.pk}", {"office": "region-zofingen"}).status_code == 404
    assert client.get(f"/api/v1/offers/{foreign.pk}", {"office": "allschwil"}).status_code == 200
    assert client.get(f"/api/v1/offers/{foreign.pk}", {"office": "nowhere"}).status_code == 400
    assert client.get(f"/api/v1/offers/{foreign.pk}", {"office": "\x00"}).status_code == 400


@pytest.mark.parametrize("path", ["0", "-1", "999999", "99999999999999999999999999"])
def test_detail_of_a_missing_id_is_404(client, directory, path):
    response = client.get(f"/api/v1/offers/{path}")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_detail_with_a_non_numeric_id_is_a_client_error(client, directory):
    response = client.get("/api/v1/offers/abc")
    assert response.status_code == 422
    assert response.json()["detail"]


# The offer's office · the offer with provider+office · prefetch fields of action, languages,
# municipalities, active translation, target groups, KIP areas, locations with municipality · all
# translations (their status).
DETAIL_QUERIES = 1 + 1 + 7 + 1


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_detail_query_count(client, directory, django_assert_num_queries, lang):
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"/api/v1/offers/{directory['course'].pk}", {"lang": lang})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "٣", "abc"])
def test_page_and_municipality_that_are_not_plain_digits_are_ignored(client, directory, value):
    # "²".isdigit() is True but int("²") fails: such values must be ignored like any other junk.
    response = client.get("/api/v1/offers", {"page": value, "municipality": value})
    assert response.status_code == 200
