"""Staff pages of the network's start page, organisations, relations and the network map: role × view
matrix, office scoping, forms with bad input, query pins."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from fachstelle.core.tests.factories import OrganisationFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Contact, Organisation, Relation
from fachstelle.network.tests.factories_people import ContactFactory, RelationFactory, people_world
from fachstelle.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english, vocab):
    return people_world()


def url(world, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def organisation_post(**overrides):
    data = {
        "name": "Verein Begegnung",
        "kind": "association",
        "description": "",
        "street": "",
        "postcode": "",
        "municipality": "",
        "website": "",
        "email": "",
        "phone": "",
        "is_public": "on",
        "confirmation_email": "",
        "notes": "",
        "is_active": "on",
        "tags": "",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Role × view matrix --------------------------------------------------------------------------------

ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")
PAGES = ("home", "organisation_list", "organisation_create", "relation_list", "network_map")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, world, page, role):
    login_verified(client, getattr(world, role))
    response = client.get(url(world, page))
    expected = 200 if role in ("admin", "editor", "counsellor") else 403
    assert response.status_code == expected


def test_detail_and_edit_role_matrix(client, world):
    organisation = OrganisationFactory(office=world.office)
    for role in ROLES:
        login_verified(client, getattr(world, role))
        for page in ("organisation_detail", "organisation_edit"):
            response = client.get(url(world, page, organisation_id=organisation.pk))
            expected = 200 if role in ("admin", "editor", "counsellor") else 403
            assert response.status_code == expected, (role, page)


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url(world, "organisation_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_offices_organisation_is_404(client, world):
    foreign = OrganisationFactory(office=world.other_office)
    login_verified(client, world.editor)
    for page in ("organisation_detail", "organisation_edit"):
        assert client.get(url(world, page, organisation_id=foreign.pk)).status_code == 404
    response = client.post(url(world, "organisation_edit", organisation_id=foreign.pk), organisation_post())
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Verein Begegnung"


def test_another_offices_relation_cannot_be_deleted(client, world):
    relation = RelationFactory(office=world.other_office)
    login_verified(client, world.editor)
    assert client.post(url(world, "relation_delete", relation_id=relation.pk)).status_code == 404
    assert Relation.objects.filter(pk=relation.pk).exists()


# --- Start page ----------------------------------------------------------------------------------------


def test_home_shows_counts_and_links_in_constant_queries(client, world, django_assert_num_queries):
    OrganisationFactory.create_batch(3, office=world.office)
    OrganisationFactory(office=world.office, is_active=False)
    OrganisationFactory(office=world.other_office)
    login_verified(client, world.editor)
    # session, user, OTP device, office, membership, the counts (one query of subqueries);
    # savepoint, session renewal, release.
    with django_assert_num_queries(9):
        response = client.get(url(world, "home"))
    content = response.content.decode()
    assert '<p class="big-number">3</p>' in content
    for name in ("organisation_list", "key_person_list", "inquiry_inbox", "meeting_list", "mailing_list"):
        assert url(world, name) in content
    assert url(world, "import_start") in content


# --- List ----------------------------------------------------------------------------------------------


def test_list_filters_and_query_pin(client, world, vocab, django_assert_num_queries):
    for n in range(6):
        organisation = OrganisationFactory(office=world.office, name=f"Verein {n}", tags=["Arbeitskreis"])
        organisation.fields_of_action.set([vocab["areas"]["sprache"], vocab["areas"]["bildung"]])
        ContactFactory.create_batch(2, organisation=organisation)
        make_offer(office=world.office, provider=organisation)
    school = OrganisationFactory(office=world.office, name="Schule Rothrist", kind="mainstream_service")
    school.municipalities_served.set([world.rothrist])
    OrganisationFactory(office=world.other_office, name="Fremder Verein")
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership, fields of action and municipalities (filter choices),
    # the count, the page (contact and offer counts as subqueries), its fields of action;
    # savepoint, session renewal, release.
    with django_assert_num_queries(13):
        response = client.get(url(world, "organisation_list"))
    content = response.content.decode()
    assert "Verein 5" in content and "Schule Rothrist" in content
    assert "Fremder Verein" not in content
    assert "7 organisations" in content
    # The same number of queries for a filtered page.
    with django_assert_num_queries(13):
        response = client.get(
            url(world, "organisation_list"), {"municipality": world.rothrist.pk, "q": "schule"}
        )
    content = response.content.decode()
    assert "Schule Rothrist" in content and "Verein 5" not in content
    response = client.get(url(world, "organisation_list"), {"tag": "arbeitskreis", "kind": "association"})
    assert "6 organisations" in response.content.decode()


def test_list_bad_filters_are_ignored_with_a_message(client, world):
    OrganisationFactory(office=world.office, name="Verein A")
    login_verified(client, world.editor)
    response = client.get(
        url(world, "organisation_list"),
        {"kind": "nonsense", "municipality": "99999", "field_of_action": "abc", "page": "x"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filters were not understood" in content
    assert "Verein A" in content


def test_list_paginates(client, world):
    for n in range(55):
        OrganisationFactory(office=world.office, name=f"Verein {n:02d}")
    login_verified(client, world.editor)
    first = client.get(url(world, "organisation_list")).content.decode()
    assert "Verein 49" in first and "Verein 50" not in first
    assert "Page 1 of 2" in first
    second = client.get(url(world, "organisation_list"), {"page": "2"}).content.decode()
    assert "Verein 54" in second and "Verein 00" not in second


# --- Detail --------------------------------------------------------------------------------------------


def test_detail_shows_everything_in_constant_queries(client, world, vocab, django_assert_num_queries):
    organisation = OrganisationFactory(
        office=world.office, name="Eritreischer Verein", tags=["Arbeitskreis"], notes="Trifft sich freitags."
    )
    organisation.fields_of_action.set([vocab["areas"]["sprache"]])
    organisation.municipalities_served.set([world.rothrist])
    ContactFactory(organisation=organisation, name="Senait T.", is_primary=True)
    published = make_offer(office=world.office, provider=organisation, title="Tigrinya-Elternkurs")
    make_offer(office=world.office, provider=organisation, title="Entwurf Kurs", status=Offer.Status.DRAFT)
    partner = OrganisationFactory(office=world.office, name="Primarschule Rothrist")
    RelationFactory(office=world.office, source=partner, target=organisation, topic="Elternabende")
    login_verified(client, world.editor)
    # session, user, OTP device, office, membership, organisation (municipality joined), fields of
    # action, municipalities served, contacts, offers, relations; savepoint, session renewal, release.
    with django_assert_num_queries(14):
        response = client.get(url(world, "organisation_detail", organisation_id=organisation.pk))
    content = response.content.decode()
    for text in (
        "Senait T.",
        "Trifft sich freitags.",
        "Arbeitskreis",
        "Rothrist",
        "Elternabende",
        "Entwurf Kurs",
    ):
        assert text in content
    assert published.get_absolute_url() in content  # the public offer
    assert url(world, "organisation_detail", organisation_id=partner.pk) in content


# --- Create and edit -----------------------------------------------------------------------------------


def test_create_with_contacts(client, world, vocab):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "organisation_create"),
        organisation_post(
            name="Deutsch-Café Strengelbach",
            kind="volunteer_group",
            municipality=str(world.rothrist.pk),
            fields_of_action=[str(vocab["areas"]["sprache"].pk)],
            municipalities_served=[str(world.rothrist.pk), str(world.oftringen.pk)],
            tags="Sprachcafé, Freiwillige, sprachcafé",
            **{
                "contacts-0-name": "Anna Muster",
                "contacts-0-email": "anna@example.org",
                "contacts-0-is_primary": "on",
                "contacts-1-name": "",
            },
        ),
    )
    organisation = Organisation.objects.get(office=world.office)
    assert response.status_code == 302
    assert response["Location"] == url(world, "organisation_detail", organisation_id=organisation.pk)
    assert organisation.slug == "deutsch-cafe-strengelbach"
    assert organisation.tags == ["Sprachcafé", "Freiwillige"]
    assert organisation.municipalities_served.count() == 2
    assert list(organisation.contacts.values_list("name", "is_primary")) == [("Anna Muster", True)]


def test_create_bad_input_keeps_what_was_typed_and_saves_nothing(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "organisation_create"),
        organisation_post(
            name="Mein Verein",
            email="kaputt",
            website="ftp//nope",
            municipalities_served=[str(world.elsewhere.pk)],
            **{"contacts-0-name": "", "contacts-0-email": "anna@example.org"},
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nothing has been saved yet." in content
    assert "Enter a valid email address." in content
    assert "Enter the name of the contact person." in content  # an e-mail without a name
    assert 'value="Mein Verein"' in content and 'value="anna@example.org"' in content
    assert not Organisation.objects.exists()


def test_two_main_contacts_are_refused_with_a_message(client, world):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "organisation_create"),
        organisation_post(
            **{
                "contacts-0-name": "A",
                "contacts-0-is_primary": "on",
                "contacts-1-name": "B",
                "contacts-1-is_primary": "on",
            }
        ),
    )
    assert response.status_code == 400
    assert "Only one contact person can be the main contact." in response.content.decode()
    assert not Organisation.objects.exists()


def test_broken_management_form_is_a_form_error_not_a_500(client, world):
    login_verified(client, world.editor)
    data = organisation_post()
    del data["contacts-TOTAL_FORMS"]
    response = client.post(url(world, "organisation_create"), data)
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_edit_updates_and_removes_contacts(client, world):
    organisation = OrganisationFactory(office=world.office, name="Alter Name")
    keep = ContactFactory(organisation=organisation, name="Bleibt")
    drop = ContactFactory(organisation=organisation, name="Geht")
    login_verified(client, world.counsellor)
    page = client.get(url(world, "organisation_edit", organisation_id=organisation.pk)).content.decode()
    assert 'value="Bleibt"' in page and 'value="Alter Name"' in page
    response = client.post(
        url(world, "organisation_edit", organisation_id=organisation.pk),
        organisation_post(
            name="Neuer Name",
            **{
                "contacts-TOTAL_FORMS": "3",
                "contacts-INITIAL_FORMS": "2",
                "contacts-0-contact_id": str(keep.pk),
                "contacts-0-name": "Bleibt",
                "contacts-0-role": "Kasse",
                "contacts-1-contact_id": str(drop.pk),
                "contacts-1-name": "Geht",
                "contacts-1-DELETE": "on",
                "contacts-2-name": "Neu",
            },
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"
    assert sorted(organisation.contacts.values_list("name", "role")) == [("Bleibt", "Kasse"), ("Neu", "")]
    assert not Contact.objects.filter(pk=drop.pk).exists()


def test_edit_cannot_touch_another_organisations_contact(client, world):
    organisation = OrganisationFactory(office=world.office)
    stranger = ContactFactory(organisation=OrganisationFactory(office=world.other_office), name="Fremd")
    login_verified(client, world.editor)
    response = client.post(
        url(world, "organisation_edit", organisation_id=organisation.pk),
        organisation_post(
            **{"contacts-0-contact_id": str(stranger.pk), "contacts-0-name": "Gekapert"},
        ),
    )
    assert response.status_code == 400
    assert "A contact person was not found" in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.name == "Fremd"


# --- Relations and the map -----------------------------------------------------------------------------


def test_relation_create_and_errors(client, world, vocab):
    a = OrganisationFactory(office=world.office, name="Schule")
    b = OrganisationFactory(office=world.office, name="Verein")
    foreign = OrganisationFactory(office=world.other_office, name="Fremd")
    login_verified(client, world.editor)
    data = {
        "source": a.pk,
        "target": b.pk,
        "topic": "Elternabende",
        "field_of_action": vocab["areas"]["bildung"].pk,
    }
    response = client.post(url(world, "relation_list"), data)
    assert response.status_code == 302
    assert Relation.objects.filter(source=a, target=b, topic="Elternabende", created_by=world.editor).exists()
    # The same again, the other way round: a clear message, the input kept.
    response = client.post(url(world, "relation_list"), {**data, "source": b.pk, "target": a.pk})
    assert response.status_code == 400
    assert "already work together" in response.content.decode()
    response = client.post(url(world, "relation_list"), {**data, "target": a.pk, "topic": "x"})
    assert "An organisation cannot work with itself" in response.content.decode()
    response = client.post(url(world, "relation_list"), {**data, "target": foreign.pk, "topic": "y"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    response = client.post(url(world, "relation_list"), {**data, "topic": "", "since": "31.02.2024"})
    assert response.status_code == 400
    assert Relation.objects.count() == 1


def test_relation_delete(client, world):
    relation = RelationFactory(office=world.office)
    login_verified(client, world.editor)
    assert client.get(url(world, "relation_delete", relation_id=relation.pk)).status_code == 405
    assert client.post(url(world, "relation_delete", relation_id=relation.pk)).status_code == 302
    assert not Relation.objects.exists()


def test_relation_list_and_map_query_pins(client, world, django_assert_num_queries):
    organisations = [OrganisationFactory(office=world.office, name=f"Org {n}") for n in range(6)]
    for n in range(5):
        RelationFactory(
            office=world.office, source=organisations[n], target=organisations[n + 1], topic=f"Thema {n}"
        )
    RelationFactory(office=world.other_office, topic="Fremdes Thema")
    login_verified(client, world.editor)
    # session, user, OTP device, office, membership, organisations and fields of action (form choices),
    # relations (both organisations joined); savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "relation_list"))
    content = response.content.decode()
    assert "Thema 4" in content and "Fremdes Thema" not in content
    # session, user, OTP device, office, membership, relations; savepoint, session renewal, release.
    with django_assert_num_queries(9):
        response = client.get(url(world, "network_map"))
    content = response.content.decode()
    assert content.count("<circle") == 6
    assert content.count("<line") == 5
    assert "<title>Org 0 – Org 1: Thema 0</title>" in content
    assert "Fremdes Thema" not in content
    assert "<script" not in content.split("<main")[1]  # a picture without JavaScript


def test_map_coordinates_are_not_localised(client, world):
    """German number format would write 123,4 into the SVG and break it."""
    a, b, c = (OrganisationFactory(office=world.office, name=n) for n in "ABC")
    RelationFactory(office=world.office, source=a, target=b)
    RelationFactory(office=world.office, source=b, target=c)
    login_verified(client, world.editor)
    with translation.override("de"):
        map_url = reverse("network:network_map", kwargs={"office_slug": world.office.slug})
    assert map_url.startswith("/de/")
    response = client.get(map_url)
    svg = response.content.decode().split("<svg")[1].split("</svg>")[0]
    assert 'cx="' in svg
    for value in re.findall(r'(?:cx|cy|x1|y1|x2|y2|x)="([^"]*)"', svg):
        assert "," not in value, value
