"""Public directory pages: filters, facets, pagination, languages, bad input, office isolation."""

import pytest
from django.urls import reverse
from django.utils import translation

from fachstelle.core.tests.factories import (
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    make_offer,
)
from fachstelle.offers.models import Offer
from fachstelle.offers.services import offer_translation_save, offer_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def zofingen(vocab):
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg")
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug="region-zofingen",
        municipalities=[aarburg, oftringen],
    )
    provider = OrganisationFactory(office=office, name="Verein Deutsch für alle", slug="deutsch-fuer-alle")
    course = make_offer(
        office=office,
        provider=provider,
        title="Deutschkurs für Mütter",
        summary="Mit Kinderhüte.",
        cost_type=Offer.CostType.FREE,
        childcare=True,
        m2m={
            "fields_of_action": [vocab["areas"]["sprache"]],
            "municipalities": [aarburg],
            "target_groups": [vocab["targets"]["frauen"]],
            "languages": [vocab["languages"]["de"]],
        },
        locations=[{"name": "Schulhaus Paradies", "municipality": aarburg, "by_appointment": True}],
    )
    offer_translation_save(
        offer=course,
        language="fr",
        values={"title": "Cours d'allemand pour mères", "summary": "Avec garde d'enfants."},
        by=None,
    )
    make_offer(
        office=office,
        provider=provider,
        title="Deutschkurs am Abend",
        summary="Für Berufstätige.",
        cost_type=Offer.CostType.FEE,
        cost_amount=120,
        m2m={"fields_of_action": [vocab["areas"]["sprache"]], "municipalities": [oftringen]},
    )
    make_offer(
        office=office,
        provider=provider,
        title="Erziehungsberatung",
        summary="Für Eltern.",
        m2m={"fields_of_action": [vocab["areas"]["familie"]], "municipalities": [oftringen]},
    )
    make_offer(
        office=office,
        provider=provider,
        title="Entwurf: Velokurs",
        summary="Noch nicht publiziert.",
        status=Offer.Status.DRAFT,
    )
    return office


@pytest.fixture
def other_office(vocab):
    office = OfficeFactory(name="Fachstelle Integration Allschwil", short_name="Allschwil", slug="allschwil")
    make_offer(office=office, title="Deutschkurs Allschwil", summary="Geheim für Zofingen.")
    return office


def list_url(office, lang="de"):
    with translation.override(lang):
        return reverse("offers:offer_list", kwargs={"office_slug": office.slug})


def test_filters_combine_and_count(client, zofingen, other_office):
    response = client.get(
        list_url(zofingen), {"q": "Deutschkurs", "free": "1", "childcare": "1", "municipality": "4271"}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert [o.title for o in result.offers] == ["Deutschkurs für Mütter"]
    # Facet counts leave out their own dimension: both municipalities would still have German courses…
    assert result.facets["municipalities"] == {4271: 1, 4280: 0}
    # …and switching "free" off would show the same one course (the evening course has no childcare).
    assert result.flag_counts["free"] == 1


def test_office_only_sees_its_own_offers(client, zofingen, other_office):
    response = client.get(list_url(zofingen), {"q": "Deutschkurs"})
    found = {o.title for o in response.context["result"].offers}
    assert found == {"Deutschkurs für Mütter", "Deutschkurs am Abend"}
    assert "Allschwil" not in response.content.decode()


def test_all_offices_search_spans_offices_but_not_drafts(client, zofingen, other_office):
    response = client.get(reverse("offers:search_all"), {"q": "kurs"})
    found = {o.title for o in response.context["result"].offers}
    assert found == {"Deutschkurs für Mütter", "Deutschkurs am Abend", "Deutschkurs Allschwil"}


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999"},
        {"q": "x" * 10_000},
        {"area": "no-such-topic"},
        {"municipality": "123456"},
        {"municipality": "abc"},
        {"q": "<script>alert(1)</script>"},
        {"q": "' OR 1=1 --"},
        {"language": "klingon"},
        {"free": "maybe"},
        {"area": ["sprache", "sprache", "x" * 500]},
        {"q": "\x00"},
    ],
)
def test_bad_parameters_never_fail(client, zofingen, params):
    response = client.get(list_url(zofingen), params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unknown_filter_values_are_reported_and_the_rest_kept(client, zofingen):
    response = client.get(list_url(zofingen), {"area": ["sprache", "nonsense"], "page": "abc"})
    filters = response.context["filters"]
    assert filters.areas == ["sprache"]
    assert any("nonsense" in m for m in filters.messages)
    assert response.context["result"].count == 2


def test_page_beyond_the_end_shows_the_last_page(client, zofingen):
    response = client.get(list_url(zofingen), {"page": "50"})
    assert response.context["result"].page == 1
    assert response.context["result"].count == 3


def test_list_query_count_does_not_grow_with_results(client, zofingen, vocab, django_assert_num_queries):
    # Building the directory index: office, vocabulary (5: areas, kip, target groups, languages,
    # municipalities), the public offers, their 5 link tables; then the page of offers (with provider and
    # office; in German no translation query, the terms come from the index): 13 queries.
    with django_assert_num_queries(13):
        client.get(list_url(zofingen))
    for i in range(25):
        make_offer(
            office=zofingen,
            title=f"Zusatzangebot {i}",
            m2m={"fields_of_action": [vocab["areas"]["arbeit"]], "languages": [vocab["languages"]["ar"]]},
        )
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(13):
        client.get(list_url(zofingen))
    # Same directory version, index in memory, another filter: the office and the page of offers.
    with django_assert_num_queries(2):
        client.get(list_url(zofingen), {"free": "1"})
    # The same page again: served from the versioned page cache after reading the office.
    with django_assert_num_queries(1):
        response = client.get(list_url(zofingen), {"free": "1"})
    assert "Deutschkurs für Mütter" in response.content.decode()


def test_cached_facets_refresh_after_a_change(client, zofingen):
    assert client.get(list_url(zofingen)).context["result"].count == 3
    offer = Offer.objects.get(title="Erziehungsberatung")
    offer_update(offer=offer, by=None, fields={"status": Offer.Status.ARCHIVED})
    assert client.get(list_url(zofingen)).context["result"].count == 2


def test_detail_in_french_shows_translation(client, zofingen):
    offer = Offer.objects.get(title="Deutschkurs für Mütter")
    with translation.override("fr"):
        url = offer.get_absolute_url()
    assert url.startswith("/fr/region-zofingen/offers/")
    response = client.get(url)
    content = response.content.decode()
    assert "Cours d&#x27;allemand pour mères" in content
    assert 'lang="fr"' in content
    assert "By appointment only" in content or "Nur nach Vereinbarung" in content or "rendez-vous" in content


def test_detail_in_untranslated_language_falls_back_with_note(client, zofingen):
    offer = Offer.objects.get(title="Deutschkurs für Mütter")
    with translation.override("ti"):
        response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert response.context["text"].is_fallback
    assert response.context["text"].title == "Deutschkurs für Mütter"


def test_arabic_pages_are_right_to_left(client, zofingen):
    response = client.get(list_url(zofingen, "ar"))
    assert '<html lang="ar" dir="rtl"' in response.content.decode()


def test_outdated_translation_is_flagged_after_german_change(client, zofingen):
    offer = Offer.objects.get(title="Deutschkurs für Mütter")
    offer_update(offer=offer, by=None, fields={"summary": "Mit Kinderhüte, neu auch am Abend."})
    with translation.override("fr"):
        response = client.get(offer.get_absolute_url())
    assert response.context["text"].is_outdated


def test_minor_change_keeps_translation_up_to_date(client, zofingen):
    offer = Offer.objects.get(title="Deutschkurs für Mütter")
    offer_update(offer=offer, by=None, fields={"summary": "Mit Kinderhüte!"}, minor_change=True)
    with translation.override("fr"):
        response = client.get(offer.get_absolute_url())
    assert not response.context["text"].is_outdated


def test_drafts_and_other_offices_offers_are_not_found(client, zofingen, other_office):
    draft = Offer.objects.get(title="Entwurf: Velokurs")
    assert client.get(draft.get_absolute_url()).status_code == 404
    foreign = Offer.objects.get(title="Deutschkurs Allschwil")
    url = reverse("offers:offer_detail_short", kwargs={"office_slug": zofingen.slug, "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_detail_redirects_to_canonical_slug(client, zofingen):
    offer = Offer.objects.get(title="Erziehungsberatung")
    url = reverse("offers:offer_detail_short", kwargs={"office_slug": zofingen.slug, "pk": offer.pk})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/{offer.pk}-erziehungsberatung/")


def test_detail_query_count(client, zofingen, django_assert_num_queries):
    url = Offer.objects.get(title="Deutschkurs für Mütter").get_absolute_url()
    # office, offer+provider+office, areas, languages, municipalities, translation, target groups,
    # promotion areas, locations+municipality
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_provider_page_lists_public_offers_only(client, zofingen):
    response = client.get(
        reverse("offers:provider_detail", kwargs={"office_slug": zofingen.slug, "slug": "deutsch-fuer-alle"})
    )
    titles = [offer.title for offer, _text in response.context["cards"]]
    assert titles == ["Deutschkurs am Abend", "Deutschkurs für Mütter", "Erziehungsberatung"]


def test_start_page_lists_offices(client, zofingen, other_office, django_assert_num_queries):
    # directory versions of the offices (page cache key), offices with annotated counts
    with django_assert_num_queries(2):
        response = client.get(reverse("offers:start"))
    assert [o.slug for o in response.context["offices"]] == ["allschwil", "region-zofingen"]
    with django_assert_num_queries(1):
        client.get(reverse("offers:start"))


def test_unknown_office_is_404(client, zofingen):
    assert client.get("/de/no-such-office/offers/").status_code == 404


def test_print_view_lists_all_results_without_pagination(client, zofingen):
    response = client.get(list_url(zofingen), {"print": "1"})
    assert response.context["printing"]
    assert len(response.context["result"].offers) == 3


def test_htmx_request_gets_only_results(client, zofingen):
    response = client.get(list_url(zofingen), {"q": "kurs"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_vocabulary_edit_refreshes_cached_pages(client, zofingen, vocab):
    client.get(list_url(zofingen))
    area = vocab["areas"]["sprache"]
    area.name = "Deutsch und Integration"
    area.save()
    response = client.get(list_url(zofingen))
    assert response.context["vocabulary"].areas["sprache"].name == "Deutsch und Integration"


def test_fallback_note_speaks_the_readers_language_and_chrome_is_marked_german(client, zofingen):
    offer = Offer.objects.get(title="Erziehungsberatung")
    with translation.override("ar"):
        content = client.get(offer.get_absolute_url()).content.decode()
    assert "لم تتم ترجمة هذا العرض إلى لغتك بعد" in content
    # The interface strings have no Arabic catalogue: the header says they are German.
    assert 'class="container header-row" lang="de"' in content


def test_cached_pages_follow_office_edits(client, zofingen):
    assert "Region Zofingen" in client.get(list_url(zofingen)).content.decode()
    zofingen.name = "Fachstelle Integration Zofingenregio"
    zofingen.save()
    assert "Zofingenregio" in client.get(list_url(zofingen)).content.decode()


def test_visitors_with_pending_messages_get_fresh_pages(client, zofingen):
    client.get(list_url(zofingen))
    client.cookies["messages"] = "x"
    offer = Offer.objects.get(title="Erziehungsberatung")
    Offer.objects.filter(pk=offer.pk).update(title="Ohne Versionswechsel")  # bypasses the services
    assert "Ohne Versionswechsel" in client.get(list_url(zofingen)).content.decode()


def test_language_switcher_keeps_the_page_and_ignores_bad_input(client, zofingen):
    path = list_url(zofingen) + "?q=kurs"
    response = client.get("/i18n/switch/", {"language": "fr", "next": path})
    assert response.status_code == 302 and response["Location"] == "/fr/region-zofingen/offers/?q=kurs"
    response = client.get("/i18n/switch/", {"language": "xx", "next": path})
    assert response["Location"] == path
    response = client.get("/i18n/switch/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/fr/"


def test_office_home_and_provider_page_query_counts(client, zofingen, django_assert_num_queries):
    translation.activate("de")  # URLs in German: no translation query
    home = reverse("offers:office_home", kwargs={"office_slug": zofingen.slug})
    # office, vocabulary (5), public offers, 5 link tables (the directory index), the 3 newest offers,
    # the 3 latest news items
    with django_assert_num_queries(14):
        assert client.get(home).status_code == 200
    provider = reverse(
        "offers:provider_detail", kwargs={"office_slug": zofingen.slug, "slug": "deutsch-fuer-alle"}
    )
    # office, provider, its offers with provider and office, 4 prefetches (areas, languages, places,
    # translations)
    with django_assert_num_queries(7):
        assert client.get(provider).status_code == 200


def test_all_offices_search_query_count(client, zofingen, other_office, django_assert_num_queries):
    translation.activate("de")  # URLs in German: no translation query
    # versions of the offices (page cache key), vocabulary (5), public offers, 5 link tables, text match,
    # the page of offers
    with django_assert_num_queries(14):
        client.get(reverse("offers:search_all"), {"q": "kurs"})
