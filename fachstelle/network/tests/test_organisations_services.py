"""Services and selectors of organisations, contacts and relations: rules, bad input, office scoping."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from fachstelle.core.models import Office
from fachstelle.core.tests.factories import OrganisationFactory, make_offer
from fachstelle.network.models import Contact, Organisation, Relation
from fachstelle.network.selectors import organisations as selectors
from fachstelle.network.services import organisations as services
from fachstelle.network.services.organisations import ContactEntry
from fachstelle.network.tests.factories_people import ContactFactory, RelationFactory, people_world
from fachstelle.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return people_world()


def create(world, **kwargs):
    kwargs.setdefault("name", "Verein Begegnung")
    return services.organisation_create(office=world.office, by=world.editor, **kwargs)


def directory_version(office) -> int:
    return Office.objects.values_list("directory_version", flat=True).get(pk=office.pk)


# --- Create and update ---------------------------------------------------------------------------------


def test_create_sets_everything_and_a_slug(world, vocab):
    organisation = create(
        world,
        name="  Eritreischer   Verein Zofingen ",
        kind=Organisation.Kind.MIGRANT_ASSOCIATION,
        fields_of_action=[vocab["areas"]["sprache"]],
        municipalities_served=[world.rothrist],
        tags=[" Arbeitskreis ", "arbeitskreis", "", "Eltern"],
        contacts=[ContactEntry(name="Senait T.", email="senait@example.org", is_primary=True)],
        email="info@example.org",
    )
    organisation.refresh_from_db()
    assert organisation.name == "Eritreischer Verein Zofingen"
    assert organisation.slug == "eritreischer-verein-zofingen"
    assert organisation.tags == ["Arbeitskreis", "Eltern"]  # trimmed, each once
    assert list(organisation.fields_of_action.all()) == [vocab["areas"]["sprache"]]
    assert list(organisation.municipalities_served.all()) == [world.rothrist]
    assert [(c.name, c.is_primary) for c in organisation.contacts.all()] == [("Senait T.", True)]


def test_slug_is_unique_per_office_only(world):
    first = create(world, name="Deutsch-Café")
    second = create(world, name="Deutsch Café")
    third = create(world, name="Deutsch-Café")
    foreign = services.organisation_create(
        office=world.other_office, by=world.foreign_editor, name="Deutsch-Café"
    )
    assert [first.slug, second.slug, third.slug] == ["deutsch-cafe", "deutsch-cafe-2", "deutsch-cafe-3"]
    assert foreign.slug == "deutsch-cafe"


def test_a_name_without_letters_still_gets_a_slug(world):
    assert create(world, name="ትግርኛ").slug == "organisation"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "   "}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"kind": "secret-society"}, "kind"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"tags": [f"t{n}" for n in range(21)]}, "tags"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(world, kwargs, field):
    with pytest.raises(ValidationError) as error:
        create(world, **kwargs)
    assert field in error.value.message_dict
    assert not Organisation.objects.exists()


def test_municipalities_served_must_be_the_offices(world):
    with pytest.raises(ValidationError) as error:
        create(world, municipalities_served=[world.rothrist, world.elsewhere])
    assert error.value.message_dict["municipalities_served"] == [
        "Choose only municipalities that the office serves."
    ]


def test_bad_contact_refuses_the_whole_organisation(world):
    with pytest.raises(ValidationError) as error:
        create(world, contacts=[ContactEntry(name="Ok"), ContactEntry(name="Bad", email="nope")])
    assert any("Bad" in message for message in error.value.message_dict["contacts"])
    assert not Organisation.objects.exists()
    assert not Contact.objects.exists()


def test_only_one_main_contact(world):
    with pytest.raises(ValidationError) as error:
        create(
            world, contacts=[ContactEntry(name="A", is_primary=True), ContactEntry(name="B", is_primary=True)]
        )
    assert error.value.message_dict["contacts"] == ["Only one contact person can be the main contact."]


def test_update_changes_fields_and_contacts_and_keeps_the_slug(world):
    organisation = create(world, contacts=[ContactEntry(name="Alt"), ContactEntry(name="Bleibt")])
    old, stays = organisation.contacts.order_by("name")
    services.organisation_update(
        organisation=organisation,
        by=world.editor,
        name="Verein Begegnung Rothrist",
        contacts=[
            ContactEntry(contact_id=old.pk, delete=True),
            ContactEntry(contact_id=stays.pk, name="Bleibt", role="Kasse", is_primary=True),
            ContactEntry(name="Neu", email="neu@example.org"),
        ],
    )
    organisation.refresh_from_db()
    assert organisation.name == "Verein Begegnung Rothrist"
    assert organisation.slug == "verein-begegnung"  # public links keep working
    assert [(c.name, c.role, c.is_primary) for c in organisation.contacts.order_by("name")] == [
        ("Bleibt", "Kasse", True),
        ("Neu", "", False),
    ]


def test_update_refuses_a_contact_of_another_organisation(world):
    organisation = create(world)
    stranger = ContactFactory(organisation=OrganisationFactory(office=world.office), name="Fremd")
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=organisation,
            by=world.editor,
            contacts=[ContactEntry(contact_id=stranger.pk, name="Übernommen")],
        )
    assert "contacts" in error.value.message_dict
    stranger.refresh_from_db()
    assert stranger.name == "Fremd" and stranger.organisation_id != organisation.pk


def test_refused_update_leaves_the_instance_and_row_unchanged(world):
    organisation = create(world, email="ok@example.org")
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=organisation, by=world.editor, email="broken", name="Neu")
    assert (organisation.email, organisation.name) == ("ok@example.org", "Verein Begegnung")
    organisation.refresh_from_db()
    assert (organisation.email, organisation.name) == ("ok@example.org", "Verein Begegnung")


def test_rename_refreshes_the_offers_search_text_and_the_directory_version(world):
    organisation = create(world, name="Altname Verein")
    offer = make_offer(office=world.office, provider=organisation, title="Deutschkurs")
    version = directory_version(world.office)
    services.organisation_update(organisation=organisation, by=world.editor, name="Neuname Verein")
    assert directory_version(world.office) > version
    search_document = Offer.objects.values_list("search_document", flat=True).get(pk=offer.pk)
    assert "neuname" in search_document and "altname" not in search_document


def test_contact_add_makes_the_new_main_contact_the_only_one(world):
    organisation = create(world, contacts=[ContactEntry(name="Erste", is_primary=True)])
    services.contact_add(organisation=organisation, name="Zweite", is_primary=True)
    assert list(organisation.contacts.filter(is_primary=True).values_list("name", flat=True)) == ["Zweite"]


def test_contact_add_refuses_bad_input(world):
    organisation = create(world)
    with pytest.raises(ValidationError) as error:
        services.contact_add(organisation=organisation, name=" ", email="x")
    assert set(error.value.message_dict) == {"name", "email"}
    assert not organisation.contacts.exists()


def test_contact_update_and_remove(world):
    contact = ContactFactory(organisation=create(world), name="A")
    services.contact_update(contact=contact, role="Leitung")
    contact.refresh_from_db()
    assert contact.role == "Leitung"
    services.contact_remove(contact=contact)
    assert not Contact.objects.filter(pk=contact.pk).exists()


# --- Relations -----------------------------------------------------------------------------------------


def test_relation_create(world, vocab):
    a, b = create(world, name="A"), create(world, name="B")
    relation = services.relation_create(
        office=world.office,
        by=world.editor,
        source=a,
        target=b,
        topic="  Elternabende  ",
        field_of_action=vocab["areas"]["bildung"],
    )
    assert (relation.topic, relation.created_by) == ("Elternabende", world.editor)


def test_relation_not_with_itself(world):
    a = create(world, name="A")
    with pytest.raises(ValidationError) as error:
        services.relation_create(office=world.office, by=world.editor, source=a, target=a, topic="x")
    assert error.value.message_dict["target"] == [
        "An organisation cannot work with itself; choose another one."
    ]


def test_relation_only_within_the_office(world):
    a = create(world, name="A")
    foreign = OrganisationFactory(office=world.other_office)
    with pytest.raises(ValidationError) as error:
        services.relation_create(office=world.office, by=world.editor, source=a, target=foreign, topic="x")
    assert error.value.message_dict["target"] == ["Choose an organisation of this office."]
    assert not Relation.objects.exists()


def test_relation_duplicate_in_either_direction_and_any_case(world):
    a, b = create(world, name="A"), create(world, name="B")
    services.relation_create(office=world.office, by=world.editor, source=a, target=b, topic="Sprachcafé")
    for source, target, topic in [(a, b, "Sprachcafé"), (b, a, "sprachcafé")]:
        with pytest.raises(ValidationError) as error:
            services.relation_create(
                office=world.office, by=world.editor, source=source, target=target, topic=topic
            )
        assert "already work together" in error.value.message_dict[NON_FIELD_ERRORS][0]
    # Another topic is another relation.
    services.relation_create(office=world.office, by=world.editor, source=b, target=a, topic="Ferienpass")
    assert Relation.objects.count() == 2


def test_relation_needs_a_topic_and_both_organisations(world):
    with pytest.raises(ValidationError) as error:
        services.relation_create(office=world.office, by=world.editor, source=None, target=None, topic=" ")
    assert set(error.value.message_dict) == {"source", "target", "topic"}


def test_database_refuses_self_relations_too(world):
    a = create(world, name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(office=world.office, source=a, target=a, topic="x")


# --- Selectors -----------------------------------------------------------------------------------------


def test_list_filters(world, vocab):
    school = create(
        world,
        name="Primarschule Rothrist",
        kind=Organisation.Kind.MAINSTREAM_SERVICE,
        fields_of_action=[vocab["areas"]["bildung"]],
        municipalities_served=[world.rothrist],
        tags=["Regelstruktur", "Arbeitskreis Bildung"],
    )
    club = create(world, name="Verein Oftringen", municipality=world.oftringen, tags=["Frauen"])
    inactive = create(world, name="Alter Verein", is_active=False)
    OrganisationFactory(office=world.other_office, name="Primarschule Allschwil")

    def names(**filters):
        page = selectors.organisation_list(
            office=world.office, filters=selectors.OrganisationFilters(**filters)
        )
        return [o.name for o in page.rows]

    assert names() == ["Primarschule Rothrist", "Verein Oftringen"]
    assert names(q="primar") == [school.name]
    assert names(kind=Organisation.Kind.MAINSTREAM_SERVICE) == [school.name]
    assert names(field_of_action=vocab["areas"]["bildung"]) == [school.name]
    assert names(municipality=world.rothrist) == [school.name]
    assert names(municipality=world.oftringen) == [club.name]  # by its address
    assert names(tag="frauen") == [club.name]
    assert names(tag="Arbeitskreis") == [school.name]
    assert names(active=False) == [inactive.name]
    assert len(names(active=None)) == 3


def test_tag_filter_with_umlauts(world):
    create(world, name="Café", tags=["Mütter"])
    create(world, name="Andere", tags=["Väter"])
    page = selectors.organisation_list(
        office=world.office, filters=selectors.OrganisationFilters(tag="Mütter")
    )
    assert [o.name for o in page.rows] == ["Café"]


def test_list_counts_contacts_and_offers_and_paginates(world):
    organisation = create(world, name="A Verein", contacts=[ContactEntry(name="x"), ContactEntry(name="y")])
    make_offer(office=world.office, provider=organisation)
    for n in range(4):
        create(world, name=f"Verein {n}")
    page = selectors.organisation_list(
        office=world.office, filters=selectors.OrganisationFilters(page=1), per_page=2
    )
    assert (page.count, page.num_pages, page.has_next, page.has_previous) == (5, 3, True, False)
    assert (page.rows[0].contact_count, page.rows[0].offer_count) == (2, 1)
    last = selectors.organisation_list(
        office=world.office, filters=selectors.OrganisationFilters(page=99), per_page=2
    )
    assert last.page == 3 and [o.name for o in last.rows] == ["Verein 3"]


def test_network_map_layout(world):
    a, b, c = (create(world, name=n) for n in ("A", "B", "C"))
    RelationFactory(office=world.office, source=a, target=b, topic="Eins")
    RelationFactory(office=world.office, source=b, target=a, topic="Zwei")
    RelationFactory(office=world.office, source=b, target=c, topic="Drei")
    create(world, name="Ohne Beziehung")
    network = selectors.network_map(office=world.office)
    assert [n.name for n in network.nodes] == ["A", "B", "C"]
    assert {(e.source.name, e.target.name, e.topics) for e in network.edges} == {
        ("A", "B", "Eins; Zwei"),
        ("B", "C", "Drei"),
    }
    top = network.nodes[0]
    assert (top.x, top.y) == (network.size / 2, 190)  # the first node sits at the top of the circle
    assert network.left_out == 0


def test_network_map_is_capped(world, monkeypatch):
    monkeypatch.setattr(selectors, "MAP_MAX_NODES", 2)
    hub = create(world, name="Hub")
    for name in ("X", "Y", "Z"):
        RelationFactory(office=world.office, source=hub, target=create(world, name=name), topic="t")
    network = selectors.network_map(office=world.office)
    assert len(network.nodes) == 2 and network.left_out == 2
    assert "Hub" in [n.name for n in network.nodes]


def test_circle_layout_edge_cases():
    assert selectors.circle_layout(0, size=100, margin=10) == []
    assert selectors.circle_layout(1, size=100, margin=10) == [(50, 50)]
    assert selectors.circle_layout(2, size=100, margin=10) == [(50.0, 10.0), (50.0, 90.0)]
