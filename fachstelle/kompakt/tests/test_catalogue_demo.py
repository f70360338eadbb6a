"""The catalogue demo: about two dozen entries of Kanton Zürich over all KIP areas, examples linked to the
demo directory's offers, the Oftringen needs with suggestions; a second run creates nothing."""

import pytest

from fachstelle.kompakt import demo_catalogue_data
from fachstelle.kompakt.demo_catalogue import load_catalogue_demo
from fachstelle.kompakt.models import CatalogueEntry, CatalogueExample, NeedForAction, Process
from fachstelle.kompakt.selectors.catalogue import catalogue_suggestions
from fachstelle.offers.demo.loader import demo_data_load

pytestmark = pytest.mark.django_db


def test_demo_loads_once(vocab):
    demo_data_load()
    result = load_catalogue_demo()
    entries = CatalogueEntry.objects.filter(office__slug="kanton-zuerich")
    assert entries.count() == len(demo_catalogue_data.ENTRIES) == result.created["catalogue_entries"]
    assert 22 <= entries.count() <= 30
    assert set(entries.values_list("promotion_area__code", flat=True)) == set(vocab["kip"])
    assert not CatalogueEntry.objects.filter(cost_min__gt=0, cost_max__lt=0).exists()
    linked = CatalogueExample.objects.filter(offer__isnull=False)
    assert linked.count() >= 15
    # Every linked offer is available in its example's municipality.
    for example in linked.select_related("offer", "municipality"):
        offer = example.offer
        assert (
            offer.municipalities.filter(pk=example.municipality_id).exists()
            or offer.locations.filter(municipality=example.municipality_id).exists()
        ), example
    process = Process.objects.get(office__slug="region-zofingen", municipality__bfs_number=4280)
    needs = NeedForAction.objects.filter(process=process)
    assert 6 <= needs.count() <= 8
    assert needs.values("promotion_area").distinct().count() >= 5

    suggestions = catalogue_suggestions(process=process)
    early = needs.get(promotion_area__code="2.2")
    assert any(s.is_suggested for s in suggestions[early.pk])
    language = needs.get(promotion_area__code="2.1")
    present = {s.entry.title for s in suggestions[language.pk] if not s.is_suggested}
    assert "Deutsch-Konversationstreff" in present  # Oftringen already has a Konversationstreff

    again = load_catalogue_demo()
    assert not again.created
    assert again.existing["catalogue_entries"] == entries.count()
    assert again.existing["needs_for_action"] == needs.count()


def test_without_offices_nothing_happens(vocab):
    assert not load_catalogue_demo().created
    assert not CatalogueEntry.objects.exists()
