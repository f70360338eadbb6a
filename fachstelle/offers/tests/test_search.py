"""Full-text search of the directory: stemming, compounds, typos, every term required."""

import pytest

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory, make_offer
from fachstelle.offers import search
from fachstelle.offers.models import Offer
from fachstelle.offers.selectors import OfferFilters, offer_search, vocabulary_load

pytestmark = pytest.mark.django_db


def titles(office, q, **filters):
    vocabulary = vocabulary_load(office=office)
    result = offer_search(
        office=office, filters=OfferFilters(q=q, **filters), vocabulary=vocabulary, language="de"
    )
    return sorted(offer.title for offer in result.offers)


@pytest.fixture
def office(vocab):
    office = OfficeFactory(municipalities=[MunicipalityFactory(bfs_number=4271, name="Aarburg")])
    make_offer(office=office, title="Deutschkurs für Anfängerinnen", summary="Niveau A1, mit Kinderhüte.")
    make_offer(office=office, title="Elternberatung", summary="Beratung für Mütter und Väter.")
    make_offer(office=office, title="Mittagstisch", summary="Gemeinsam kochen und essen.")
    return office


def test_fold_removes_case_accents_and_umlaut_dots():
    assert search.fold("Mütter-Café STRASSE Straße") == "mutter-cafe strasse strasse"


def test_query_terms_are_bounded_and_deduplicated():
    terms = search.query_terms("kurs Kurs " + " ".join(f"w{i}" for i in range(30)) + " x" * 5000)
    assert terms[0] == "kurs"
    assert len(terms) == search.MAX_TERMS


def test_plural_finds_singular(office):
    assert titles(office, "Deutschkurse") == ["Deutschkurs für Anfängerinnen"]


def test_words_of_a_compound_in_any_order_find_it(office):
    assert titles(office, "kurs deutsch") == ["Deutschkurs für Anfängerinnen"]


def test_every_term_is_required(office):
    assert titles(office, "deutsch kochen") == []


def test_search_without_umlauts_finds_umlauts(office):
    assert titles(office, "mutter") == ["Elternberatung"]


def test_sql_and_html_in_the_query_are_just_text(office):
    assert titles(office, "'; DROP TABLE offers_offer; --") == []
    assert titles(office, "<script>alert(1)</script>") == []
    assert Offer.objects.count() == 3


def test_typo_falls_back_to_similar_words(office):
    vocabulary = vocabulary_load(office=office)
    result = offer_search(
        office=office, filters=OfferFilters(q="Deutschkurz"), vocabulary=vocabulary, language="de"
    )
    assert result.fuzzy
    assert [o.title for o in result.offers] == ["Deutschkurs für Anfängerinnen"]


def test_search_index_follows_updates(office):
    from fachstelle.offers.services import offer_update

    offer = Offer.objects.get(title="Mittagstisch")
    offer_update(offer=offer, by=None, fields={"title": "Mittagstisch für Familien"})
    assert titles(office, "familien") == ["Mittagstisch für Familien"]


def test_translated_titles_are_searchable(office):
    from fachstelle.offers.services import offer_translation_save

    offer = Offer.objects.get(title="Elternberatung")
    offer_translation_save(offer=offer, language="fr", values={"title": "Conseil aux parents"}, by=None)
    assert titles(office, "parents") == ["Elternberatung"]


def test_typos_in_several_words_are_corrected(office):
    vocabulary = vocabulary_load(office=office)
    result = offer_search(
        office=office, filters=OfferFilters(q="Eltrenberatung Muetter"), vocabulary=vocabulary, language="de"
    )
    assert result.fuzzy
    assert [o.title for o in result.offers] == ["Elternberatung"]


def test_nonsense_finds_nothing_and_is_not_fuzzy(office):
    vocabulary = vocabulary_load(office=office)
    result = offer_search(office=office, filters=OfferFilters(q="xqzw"), vocabulary=vocabulary, language="de")
    assert (result.count, result.fuzzy) == (0, False)
