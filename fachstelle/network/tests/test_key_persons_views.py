"""Staff pages of key persons: role × view matrix, office scoping, the search in two choices, the person's
page with totals, forms with bad input, logging an assignment, query pins (also with 2,000 key persons)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import Language
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Assignment, KeyPerson, KeyPersonLanguage
from fachstelle.network.tests.factories_people import AssignmentFactory, KeyPersonFactory, people_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world(english, vocab):
    return people_world()


@pytest.fixture
def lang(vocab):
    return vocab["languages"]


def url(world, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def key_person_post(**overrides):
    data = {
        "name": "Senait Tesfay",
        "email": "",
        "phone": "",
        "communities": "",
        "availability": "",
        "trainings": "",
        "public_bio": "",
        "is_active": "on",
        "consent_contact": "on",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
        "languages-0-level": "fluent",
        "languages-1-level": "fluent",
    }
    data.update(overrides)
    return data


# --- Role × view matrix --------------------------------------------------------------------------------

ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, world, role):
    person = KeyPersonFactory(office=world.office)
    login_verified(client, getattr(world, role))
    allowed = role in ("admin", "editor", "counsellor")
    for name, kwargs in [
        ("key_person_list", {}),
        ("key_person_create", {}),
        ("key_person_detail", {"key_person_id": person.pk}),
        ("key_person_edit", {"key_person_id": person.pk}),
    ]:
        assert client.get(url(world, name, **kwargs)).status_code == (200 if allowed else 403), name
    response = client.post(
        url(world, "assignment_create", key_person_id=person.pk),
        {"date": TODAY.isoformat(), "purpose": "x", "hours": "1"},
    )
    assert response.status_code == (302 if allowed else 403)
    assert Assignment.objects.count() == (1 if allowed else 0)


def test_another_offices_key_person_is_404(client, world):
    foreign = KeyPersonFactory(office=world.other_office)
    assignment = AssignmentFactory(key_person=foreign)
    login_verified(client, world.editor)
    for name in ("key_person_detail", "key_person_edit"):
        assert client.get(url(world, name, key_person_id=foreign.pk)).status_code == 404
    response = client.post(
        url(world, "assignment_create", key_person_id=foreign.pk),
        {"date": TODAY.isoformat(), "purpose": "x", "hours": "1"},
    )
    assert response.status_code == 404
    response = client.post(
        url(world, "assignment_delete", key_person_id=foreign.pk, assignment_id=assignment.pk)
    )
    assert response.status_code == 404
    assert Assignment.objects.filter(key_person=foreign).count() == 1


def test_an_assignment_is_deleted_only_through_its_key_person(client, world):
    mine = KeyPersonFactory(office=world.office)
    other = AssignmentFactory(key_person=KeyPersonFactory(office=world.office))
    login_verified(client, world.editor)
    response = client.post(url(world, "assignment_delete", key_person_id=mine.pk, assignment_id=other.pk))
    assert response.status_code == 404
    assert Assignment.objects.filter(pk=other.pk).exists()


# --- The search ----------------------------------------------------------------------------------------


def make_people(world, lang, count):
    """`count` key persons speaking Tigrinya or Arabic in Rothrist or Oftringen, created in bulk."""
    people = KeyPerson.objects.bulk_create(
        KeyPerson(office=world.office, name=f"Person {n:04d}", consent_contact=n % 5 != 0)
        for n in range(count)
    )
    KeyPersonLanguage.objects.bulk_create(
        KeyPersonLanguage(key_person=p, language=lang["ti"] if n % 2 else lang["ar"])
        for n, p in enumerate(people)
    )
    Through = KeyPerson.municipalities.through
    Through.objects.bulk_create(
        Through(keyperson_id=p.pk, municipality_id=(world.rothrist if n % 3 else world.oftringen).pk)
        for n, p in enumerate(people)
    )
    return people


def test_tigrinya_in_rothrist_in_two_choices(client, world, lang):
    KeyPersonFactory(office=world.office, name="Senait", speaks=[lang["ti"]], municipalities=[world.rothrist])
    KeyPersonFactory(office=world.office, name="Yonas", speaks=[lang["ti"]], municipalities=[world.oftringen])
    KeyPersonFactory(office=world.office, name="Amira", speaks=[lang["ar"]], municipalities=[world.rothrist])
    KeyPersonFactory(
        office=world.office,
        name="Ohne Einwilligung",
        speaks=[lang["ti"]],
        municipalities=[world.rothrist],
        consent_contact=False,
    )
    login_verified(client, world.counsellor)
    page = client.get(url(world, "key_person_list")).content.decode()
    # Both choices are selects on the list page, and consent is ticked by default.
    assert 'name="language"' in page and 'name="municipality"' in page
    assert 'name="consent_only" id="id_consent_only" checked' in page
    # A link or an htmx request without the form's marker: consent still applies.
    response = client.get(
        url(world, "key_person_list"),
        {"language": lang["ti"].pk, "municipality": world.rothrist.pk},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert "Senait" in content
    for other in ("Yonas", "Amira", "Ohne Einwilligung"):
        assert other not in content
    assert "<html" not in content  # the results only
    # The box unticked in the submitted form: everyone.
    response = client.get(
        url(world, "key_person_list"),
        {"search": "1", "language": lang["ti"].pk, "municipality": world.rothrist.pk},
    )
    content = response.content.decode()
    assert "Senait" in content and "Ohne Einwilligung" in content and "no consent to be contacted" in content


def test_search_with_bad_input_is_not_a_500(client, world):
    KeyPersonFactory(office=world.office, name="Senait")
    login_verified(client, world.editor)
    response = client.get(
        url(world, "key_person_list"), {"language": "abc", "municipality": "-1", "page": "9" * 30}
    )
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_search_query_pin_with_2000_key_persons(client, world, lang, django_assert_num_queries):
    make_people(world, lang, 2000)
    login_verified(client, world.editor)
    params = {"language": lang["ti"].pk, "municipality": world.rothrist.pk}
    # session, user, OTP device, office, membership, languages, municipalities and topics (choices),
    # the count, the page, its languages, municipalities and topics (one prefetch each);
    # savepoint, session renewal, release.
    with django_assert_num_queries(16):
        response = client.get(url(world, "key_person_list"), params)
    content = response.content.decode()
    # Odd numbers speak Tigrinya, numbers not divisible by 3 live in Rothrist, multiples of 5 did not consent.
    expected = sum(1 for n in range(2000) if n % 2 and n % 3 and n % 5)
    assert f"{expected} key persons" in content
    assert "Person 0001" in content and "Person 0005" not in content
    assert "Page 1 of" in content


# --- Detail --------------------------------------------------------------------------------------------


def test_detail_with_totals_in_constant_queries(client, world, lang, vocab, django_assert_num_queries):
    person = KeyPersonFactory(
        office=world.office,
        name="Senait",
        speaks=[(lang["ti"], "native"), (lang["de"], "good")],
        municipalities=[world.rothrist],
        topics=[vocab["areas"]["bildung"]],
        countries=["ER"],
        consent_listed=True,
        public_profile=True,
        public_bio="Brücke zwischen Schule und Eltern.",
        trainings="Grundkurs Schlüsselpersonen 2024",
    )
    for date, hours, money in [
        (datetime.date(2023, 5, 1), "2", "60"),
        (datetime.date(2024, 3, 1), "1.5", "45"),
    ]:
        AssignmentFactory(
            key_person=person,
            date=date,
            hours=Decimal(hours),
            compensation=Decimal(money),
            language=lang["ti"],
        )
    AssignmentFactory(key_person=person, date=datetime.date(2024, 4, 1), hours=Decimal("3"), compensation=0)
    login_verified(client, world.editor)
    # session, user, OTP device, office, membership, the person, languages, municipalities, topics,
    # assignments (language and municipality joined), totals per year, municipalities (form choices);
    # savepoint, session renewal, release.
    with django_assert_num_queries(15):
        response = client.get(url(world, "key_person_detail", key_person_id=person.pk))
    content = response.content.decode()
    for text in (
        "Tigrinya",
        "mother tongue",
        "Eritrea",
        "Rothrist",
        "Brücke zwischen Schule und Eltern.",
        "Grundkurs",
    ):
        assert text in content, text
    assert "4.50" in content and "45.00" in content  # 2024: 1.5 + 3 hours, 45 + 0
    assert "2.00" in content and "60.00" in content  # 2023


def test_public_profile_is_shown_only_with_consent(client, world):
    person = KeyPersonFactory(office=world.office, public_bio="Geheimer Text", consent_listed=False)
    login_verified(client, world.editor)
    content = client.get(url(world, "key_person_detail", key_person_id=person.pk)).content.decode()
    assert "No public profile." in content and "Geheimer Text" not in content


# --- Create and edit -----------------------------------------------------------------------------------


def test_create_with_languages(client, world, lang, vocab):
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "key_person_create"),
        key_person_post(
            **{
                "languages-0-language": lang["ti"].pk,
                "languages-0-level": "native",
                "municipalities": [world.rothrist.pk],
                "topics": [vocab["areas"]["bildung"].pk],
                "countries": ["ER"],
            }
        ),
    )
    person = KeyPerson.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "key_person_detail", key_person_id=person.pk)
    assert [(row.language.code, row.level) for row in person.languages.all()] == [("ti", "native")]
    assert person.countries == ["ER"] and person.consent_contact


def test_create_bad_input_keeps_the_input(client, world, lang):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "key_person_create"),
        key_person_post(
            name="Senait",
            email="kaputt",
            public_profile="on",
            **{
                "languages-0-language": lang["ti"].pk,
                "languages-1-language": lang["ti"].pk,
                "languages-1-level": "basic",
                "municipalities": [world.elsewhere.pk],
                "countries": ["ZZ"],
            },
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nothing has been saved yet." in content
    assert "Enter a valid email address." in content
    assert 'value="Senait"' in content and 'value="kaputt"' in content
    assert not KeyPerson.objects.exists()


def test_service_errors_reach_the_form(client, world, lang):
    """Rules only the service knows (public profile, a language twice) are shown on the page."""
    login_verified(client, world.editor)
    response = client.post(
        url(world, "key_person_create"),
        key_person_post(
            public_profile="on",
            **{
                "languages-0-language": lang["ti"].pk,
                "languages-1-language": lang["ti"].pk,
            },
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "A public profile needs the person&#x27;s consent to be listed" in content
    assert "Tigrinya is listed twice" in content
    assert not KeyPerson.objects.exists()


def test_edit(client, world, lang):
    person = KeyPersonFactory(office=world.office, name="Alt", speaks=[lang["ar"]])
    login_verified(client, world.editor)
    page = client.get(url(world, "key_person_edit", key_person_id=person.pk)).content.decode()
    assert 'value="Alt"' in page
    response = client.post(
        url(world, "key_person_edit", key_person_id=person.pk),
        key_person_post(name="Neu", **{"languages-0-language": lang["ti"].pk}),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Neu"
    assert [row.language.code for row in person.languages.all()] == ["ti"]


# --- Assignments ---------------------------------------------------------------------------------------


def test_log_an_assignment(client, world, lang):
    person = KeyPersonFactory(office=world.office, speaks=[lang["ti"]])
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "assignment_create", key_person_id=person.pk),
        {
            "date": TODAY.isoformat(),
            "purpose": "Elternabend",
            "hours": "2.5",
            "compensation": "75",
            "language": lang["ti"].pk,
            "municipality": world.rothrist.pk,
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.hours, assignment.language, assignment.created_by) == (
        Decimal("2.5"),
        lang["ti"],
        world.counsellor,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours": "25"}, "An assignment lasts at most 24 hours"),
        ({"hours": "0"}, "The hours must be more than 0."),
        ({"hours": "zwei"}, "Enter a number."),
        ({"compensation": "-1"}, "The compensation cannot be negative."),
        ({"date": "2999-01-01"}, "the date cannot be in the future"),
        ({"date": "31.02.2024"}, "Enter a valid date."),
        ({"purpose": ""}, "This field is required."),
        ({"municipality": "99999"}, "Select a valid choice."),
    ],
)
def test_log_an_assignment_bad_input(client, world, data, message):
    person = KeyPersonFactory(office=world.office, name="Senait")
    login_verified(client, world.editor)
    post = {"date": TODAY.isoformat(), "purpose": "Elternabend", "hours": "2", "compensation": "10", **data}
    response = client.post(url(world, "assignment_create", key_person_id=person.pk), post)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Senait" in content  # the person's page again, with the input kept
    assert not Assignment.objects.exists()


def test_assignment_language_choices_are_the_persons(client, world, lang):
    person = KeyPersonFactory(office=world.office, speaks=[lang["ti"]])
    login_verified(client, world.editor)
    content = client.get(url(world, "key_person_detail", key_person_id=person.pk)).content.decode()
    form = content.split('id="log-assignment"')[1]
    assert lang["ti"].label("en") in form and Language.objects.get(code="ar").label("en") not in form


def test_delete_an_assignment(client, world):
    assignment = AssignmentFactory(key_person=KeyPersonFactory(office=world.office))
    login_verified(client, world.editor)
    response = client.post(
        url(world, "assignment_delete", key_person_id=assignment.key_person_id, assignment_id=assignment.pk)
    )
    assert response.status_code == 302
    assert not Assignment.objects.exists()
