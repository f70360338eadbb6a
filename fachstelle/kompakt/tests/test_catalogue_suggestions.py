"""catalogue_suggestions: entries of the need's KIP area, ranked by shared target groups, left out when the
municipality already has them (example with a running offer, running offer matching an example or a
keyword, measure of the programme); a constant number of queries however many needs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fachstelle.core.tests.factories import make_offer
from fachstelle.kompakt.models import Measure, Programme
from fachstelle.kompakt.selectors.catalogue import catalogue_suggestions
from fachstelle.kompakt.tests.needs_world import make_entry, make_example, make_need, needs_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return needs_world(vocab)


def titles(items):
    return [s.entry.title for s in items]


def suggested(result, need):
    return [s for s in result[need.pk] if s.is_suggested]


def excluded(result, need):
    return [s for s in result[need.pk] if not s.is_suggested]


def test_entries_of_the_need_area_ranked_by_shared_target_groups(world):
    kip, t = world.kip, world.targets
    make_entry(office=world.canton, area=kip["2.2"], title="A ohne Zielgruppe")
    make_entry(office=world.canton, area=kip["2.2"], title="B Familien", targets=[t["familien"]])
    make_entry(
        office=world.canton, area=kip["2.2"], title="C Familien Frauen", targets=[t["familien"], t["frauen"]]
    )
    make_entry(office=world.canton, area=kip["2.1"], title="Anderes Gebiet", targets=[t["familien"]])
    make_entry(office=world.canton, area=kip["2.2"], title="Entwurf", published=False)
    need = make_need(process=world.process, area=kip["2.2"], targets=[t["familien"], t["frauen"]])

    result = catalogue_suggestions(process=world.process)

    assert titles(result[need.pk]) == ["C Familien Frauen", "B Familien", "A ohne Zielgruppe"]
    first = result[need.pk][0]
    assert [g.slug for g in first.shared_target_groups] == ["familien", "frauen"]
    assert first.reasons[0].startswith("Same KIP promotion area")
    assert first.reasons[1] == "Same target groups: Families, Women"


def test_limit_per_need(world):
    for number in range(4):
        make_entry(office=world.canton, area=world.kip["1.1"], title=f"Eintrag {number}")
    need = make_need(process=world.process, area=world.kip["1.1"])
    result = catalogue_suggestions(process=world.process, limit_per_need=2)
    assert titles(result[need.pk]) == ["Eintrag 0", "Eintrag 1"]


def test_excluded_when_an_example_here_has_a_running_offer(world):
    entry = make_entry(office=world.canton, area=world.kip["2.2"], title="Elterncafé")
    offer = make_offer(
        office=world.office, title="Treffpunkt Eltern", m2m={"municipalities": [world.oftringen]}
    )
    make_example(entry=entry, municipality=world.oftringen, offer=offer)
    need = make_need(process=world.process, area=world.kip["2.2"])

    result = catalogue_suggestions(process=world.process)

    assert suggested(result, need) == []
    [item] = excluded(result, need)[0].already_present
    assert item.label == "Treffpunkt Eltern" and item.reason == "example of this entry"
    assert item.url == offer.get_absolute_url()


def test_an_example_here_whose_offer_ended_does_not_count(world):
    entry = make_entry(office=world.canton, area=world.kip["2.2"], title="Elterncafé")
    ended = make_offer(
        office=world.office,
        title="Treffpunkt Eltern",
        end_date=timezone.localdate() - timedelta(days=1),
        m2m={"municipalities": [world.oftringen]},
    )
    make_example(entry=entry, municipality=world.oftringen, offer=ended)
    make_example(entry=entry, municipality=world.oftringen)  # without offer: no proof it runs
    need = make_need(process=world.process, area=world.kip["2.2"])
    assert titles(suggested(catalogue_suggestions(process=world.process), need)) == ["Elterncafé"]


def test_excluded_when_an_offer_here_is_an_example_elsewhere(world):
    entry = make_entry(office=world.canton, area=world.kip["2.2"], title="Spielgruppe plus")
    # The offer serves both municipalities; the example was recorded for Zofingen.
    offer = make_offer(
        office=world.office,
        title="Spielgruppe Regenbogen",
        m2m={"municipalities": [world.zofingen, world.oftringen]},
    )
    make_example(entry=entry, municipality=world.zofingen, offer=offer)
    need = make_need(process=world.process, area=world.kip["2.2"])
    [item] = excluded(catalogue_suggestions(process=world.process), need)[0].already_present
    assert item.label == "Spielgruppe Regenbogen"


def test_excluded_when_a_running_offer_here_matches_a_keyword(world):
    make_entry(
        office=world.canton,
        area=world.kip["2.1"],
        title="Sprachcafé",
        keywords=["Konversation", "sprachcafé"],
    )
    make_entry(office=world.canton, area=world.kip["2.1"], title="Deutschkurs", keywords=["Deutschkurs"])
    # Any office's offer counts, held there by a location or listed for the municipality.
    make_offer(
        office=world.other_office,
        title="Treff am Montag",
        summary="Das SPRACHCAFÉ für alle.",
        m2m={"municipalities": [world.oftringen]},
    )
    make_offer(office=world.office, title="Deutschkurs Zofingen", m2m={"municipalities": [world.zofingen]})
    make_offer(
        office=world.office,
        title="Deutschkurs (Entwurf)",
        status="draft",
        m2m={"municipalities": [world.oftringen]},
    )
    need = make_need(process=world.process, area=world.kip["2.1"])

    result = catalogue_suggestions(process=world.process)

    assert titles(suggested(result, need)) == ["Deutschkurs"]
    [entry] = excluded(result, need)
    assert entry.entry.title == "Sprachcafé"
    assert entry.already_present[0].reason == "matches the keyword “sprachcafé”"


def test_excluded_when_already_a_measure_of_the_programme(world):
    entry = make_entry(office=world.canton, area=world.kip["3.2"], title="Nachbarschaftsprojekt")
    programme = Programme.objects.create(
        process=world.process, title="Programm", period_start=2026, period_end=2029
    )
    Measure.objects.create(
        programme=programme,
        catalogue_entry=entry,
        promotion_area=world.kip["3.2"],
        title="Nachbarschaft Oftringen",
        responsible="Gemeinderat",
    )
    need = make_need(process=world.process, area=world.kip["3.2"])
    [item] = excluded(catalogue_suggestions(process=world.process), need)[0].already_present
    assert (item.label, item.reason) == ("Nachbarschaft Oftringen", "measure of the programme")


def test_without_needs_or_entries(world):
    assert catalogue_suggestions(process=world.process) == {}
    need = make_need(process=world.process, area=world.kip["1.3"])
    assert catalogue_suggestions(process=world.process) == {need.pk: []}


def test_constant_number_of_queries(world, django_assert_num_queries):
    kip, t = world.kip, world.targets
    for code in ("1.1", "2.1", "2.2"):
        make_entry(office=world.canton, area=kip[code], title=f"Eintrag {code}", targets=[t["familien"]])
    make_need(process=world.process, area=kip["1.1"], targets=[t["familien"]])
    # needs, their target groups, entries, their target groups, examples, running offers, measures
    with django_assert_num_queries(7):
        catalogue_suggestions(process=world.process)
    for number in range(6):
        make_need(process=world.process, area=kip[("2.1", "2.2")[number % 2]], targets=[t["frauen"]])
    with django_assert_num_queries(7):
        result = catalogue_suggestions(process=world.process)
    assert len(result) == 7
