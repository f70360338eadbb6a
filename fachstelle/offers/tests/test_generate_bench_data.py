"""`manage.py generate_bench_data`: the counts asked for, search columns equal to the services' own,
text search finds the offers on the current database, --reset replaces only bench data."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from fachstelle.core.models import Municipality, Office
from fachstelle.core.tests.factories import OfficeFactory, make_offer
from fachstelle.network.models import Organisation
from fachstelle.offers.demo.bench import BENCH_DISTRICT, BENCH_NUMBER_START, bench_offices
from fachstelle.offers.models import Offer, OfferTranslation
from fachstelle.offers.search import build_search_document, is_postgres, stem_for_substring
from fachstelle.offers.selectors import offer_filters_parse, offer_search, vocabulary_load

pytestmark = pytest.mark.django_db

SMALL = {"offers": 200, "providers": 12, "offices": 2, "municipalities": 6, "translations": 2, "seed": 7}


def _generate(**options) -> str:
    out = StringIO()
    call_command("generate_bench_data", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def _bench_offers():
    return Offer.objects.filter(office__in=bench_offices())


def test_generates_the_counts_asked_for(vocab):
    output = _generate()
    offices = list(bench_offices().order_by("slug"))
    assert [o.slug for o in offices] == ["bench-1", "bench-2"]
    assert [o.name for o in offices] == ["Bench Office 1", "Bench Office 2"]
    municipalities = Municipality.objects.filter(district=BENCH_DISTRICT)
    assert sorted(municipalities.values_list("bfs_number", flat=True)) == list(
        range(BENCH_NUMBER_START, BENCH_NUMBER_START + 6)
    )
    # Each municipality is served by exactly one bench office.
    served_numbers = Office.municipalities.through.objects.filter(office__in=offices).values_list(
        "municipality__bfs_number", flat=True
    )
    assert sorted(served_numbers) == list(range(BENCH_NUMBER_START, BENCH_NUMBER_START + 6))
    assert Organisation.objects.filter(office__in=offices).count() == 12
    offers = _bench_offers()
    assert offers.count() == 200
    assert OfferTranslation.objects.filter(offer__in=offers).count() == 400
    assert set(OfferTranslation.objects.filter(offer__in=offers).values_list("language", flat=True)) == {
        "fr",
        "en",
    }
    assert offers.filter(status=Offer.Status.PUBLISHED).count() >= 170  # ~95 %
    # Every offer is tagged, held in a language, placed in its office's municipalities, run by its providers.
    for name in ("fields_of_action", "promotion_areas", "target_groups", "languages", "municipalities"):
        assert not offers.filter(**{f"{name}__isnull": True}).exists(), name
    served = {}
    for office_id, municipality_id in Office.municipalities.through.objects.filter(
        office__in=offices
    ).values_list("office_id", "municipality_id"):
        served.setdefault(office_id, set()).add(municipality_id)
    for offer in offers.select_related("provider").prefetch_related("locations", "municipalities"):
        assert offer.provider.office_id == offer.office_id
        assert {m.pk for m in offer.municipalities.all()} <= served[offer.office_id]
        assert {loc.municipality_id for loc in offer.locations.all()} <= served[offer.office_id]
    assert "200 offers" in output


def test_search_columns_match_what_the_services_compute(vocab):
    _generate(offers=60)
    for offer in (
        _bench_offers()
        .select_related("provider")
        .prefetch_related(
            "fields_of_action",
            "target_groups",
            "languages",
            "locations__municipality",
            "municipalities",
            "translations",
        )
    ):
        # Same words as the services' own document (order of equal-ranked terms may differ by collation).
        assert sorted(offer.search_document.split()) == sorted(build_search_document(offer).split())
    if is_postgres():
        assert not _bench_offers().filter(search_vector__isnull=True).exists()


@pytest.mark.parametrize("query", ["Deutschkurs", "Beratung", "Kinder", "kurs deutsch"])
def test_text_search_finds_bench_offers(vocab, query):
    _generate()
    published = list(
        _bench_offers().filter(status=Offer.Status.PUBLISHED).values_list("search_document", flat=True)
    )
    stems = [stem_for_substring(term) for term in query.split()]
    expected = sum(all(stem in document for stem in stems) for document in published)
    assert 0 < expected < len(published), "the building blocks must give varied result counts"

    vocabulary = vocabulary_load(office=None)
    filters = offer_filters_parse(params=QueryDict(f"q={query}"), vocabulary=vocabulary)
    result = offer_search(office=None, filters=filters, vocabulary=vocabulary, language="de")
    if is_postgres():
        # Stemmed tsvector matches come on top of the substring matches.
        assert result.count >= expected
    else:
        assert result.count == expected
    assert result.offers and all(offer.office.slug.startswith("bench-") for offer in result.offers)


def test_reset_replaces_bench_data_and_leaves_other_offices_alone(vocab):
    office = OfficeFactory(slug="zofingen-test")
    kept = make_offer(office=office, title="Deutschkurs in Zofingen")
    _generate()
    first_municipalities = set(
        Municipality.objects.filter(district=BENCH_DISTRICT).values_list("pk", flat=True)
    )

    output = _generate(offers=50, providers=4, offices=1, municipalities=3, reset=True)

    assert "Deleted 2 bench offices" in output
    assert [o.slug for o in bench_offices()] == ["bench-1"]
    assert _bench_offers().count() == 50
    assert Organisation.objects.filter(office__in=bench_offices()).count() == 4
    assert Municipality.objects.filter(district=BENCH_DISTRICT).count() == 3
    assert set(Municipality.objects.filter(district=BENCH_DISTRICT).values_list("pk", flat=True)).isdisjoint(
        first_municipalities
    )
    # The real office keeps its offer, provider and search columns.
    assert Offer.objects.filter(pk=kept.pk, office=office, title="Deutschkurs in Zofingen").exists()
    assert Organisation.objects.filter(office=office).count() == 1
    assert Offer.objects.exclude(office__slug__startswith="bench-").count() == 1


def test_refuses_to_add_a_second_data_set_without_reset(vocab):
    _generate(offers=20)
    with pytest.raises(CommandError, match="--reset"):
        _generate(offers=20)
    assert _bench_offers().count() == 20


@pytest.mark.parametrize(
    "options",
    [{"providers": 1, "offices": 2}, {"municipalities": 1}, {"translations": 99}, {"offers": 0}],
)
def test_bad_arguments_are_refused_before_writing(vocab, options):
    with pytest.raises(CommandError):
        _generate(**options)
    assert not bench_offices().exists()
