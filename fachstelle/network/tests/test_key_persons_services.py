"""Services and selectors of key persons and assignments: the search, rules, bad input, totals per year."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fachstelle.network.models import Assignment, KeyPerson, KeyPersonLanguage
from fachstelle.network.selectors import key_persons as selectors
from fachstelle.network.services import key_persons as services
from fachstelle.network.services.key_persons import LanguageEntry
from fachstelle.network.tests.factories_people import AssignmentFactory, KeyPersonFactory, people_world

pytestmark = pytest.mark.django_db
Level = KeyPersonLanguage.Level
TODAY = timezone.localdate()


@pytest.fixture
def world(english, vocab):
    return people_world()


@pytest.fixture
def lang(vocab):
    return vocab["languages"]


def create(world, **kwargs):
    kwargs.setdefault("name", "Senait Tesfay")
    return services.key_person_create(office=world.office, by=world.editor, **kwargs)


# --- Create and update ---------------------------------------------------------------------------------


def test_create_with_languages_and_more(world, lang, vocab):
    person = create(
        world,
        name="  Senait   Tesfay ",
        languages=[LanguageEntry(lang["ti"], Level.NATIVE), LanguageEntry(lang["de"], Level.GOOD)],
        municipalities=[world.rothrist],
        topics=[vocab["areas"]["bildung"]],
        countries=["er", " ET", "ER"],
        consent_contact=True,
        consent_listed=True,
        public_profile=True,
        public_bio="Vermittelt zwischen Schule und Eltern.",
    )
    person.refresh_from_db()
    assert person.name == "Senait Tesfay"
    assert person.countries == ["ER", "ET"]
    assert {(row.language.code, row.level) for row in person.languages.all()} == {
        ("ti", "native"),
        ("de", "good"),
    }
    assert list(person.municipalities.all()) == [world.rothrist]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": " "}, "name"),
        ({"email": "nope"}, "email"),
        ({"public_profile": True, "consent_listed": False}, "public_profile"),
        ({"public_profile": True, "consent_listed": True, "is_active": False}, "public_profile"),
        ({"countries": ["XX"]}, "countries"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_create_refuses_bad_input(world, kwargs, field):
    with pytest.raises(ValidationError) as error:
        create(world, **kwargs)
    assert field in error.value.message_dict
    assert not KeyPerson.objects.exists()


def test_public_profile_message_is_clear(world):
    with pytest.raises(ValidationError) as error:
        create(world, public_profile=True)
    assert error.value.message_dict["public_profile"] == [
        "A public profile needs the person's consent to be listed; tick that first."
    ]


def test_database_refuses_a_public_profile_without_consent(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyPerson.objects.create(office=world.office, name="X", public_profile=True, consent_listed=False)


def test_languages_listed_twice_or_without_level_are_refused(world, lang):
    with pytest.raises(ValidationError) as error:
        create(world, languages=[LanguageEntry(lang["ti"]), LanguageEntry(lang["ti"], Level.BASIC)])
    assert error.value.message_dict["languages"] == ["Tigrinya is listed twice; keep one row per language."]
    with pytest.raises(ValidationError) as error:
        create(world, languages=[LanguageEntry(lang["ti"], "perfect")])
    assert "languages" in error.value.message_dict


def test_municipalities_must_be_the_offices(world):
    with pytest.raises(ValidationError) as error:
        create(world, municipalities=[world.elsewhere])
    assert error.value.message_dict["municipalities"] == [
        "Choose only municipalities that the office serves."
    ]


def test_update_replaces_languages_and_keeps_what_is_left_out(world, lang):
    person = create(
        world,
        languages=[LanguageEntry(lang["ti"], Level.NATIVE), LanguageEntry(lang["ar"], Level.BASIC)],
        municipalities=[world.rothrist],
        availability="abends",
    )
    kept_row = person.languages.get(language=lang["ti"])
    services.key_person_update(
        key_person=person,
        by=world.editor,
        languages=[LanguageEntry(lang["ti"], Level.FLUENT), LanguageEntry(lang["de"], Level.GOOD)],
        phone="079 000 00 00",
    )
    person.refresh_from_db()
    assert {(row.language.code, row.level) for row in person.languages.all()} == {
        ("ti", "fluent"),
        ("de", "good"),
    }
    assert person.languages.get(language=lang["ti"]).pk == kept_row.pk  # updated, not replaced
    assert list(person.municipalities.all()) == [world.rothrist]  # not passed: unchanged
    assert (person.availability, person.phone) == ("abends", "079 000 00 00")


def test_refused_update_changes_nothing(world):
    person = create(world, consent_listed=True, public_profile=True)
    with pytest.raises(ValidationError):
        services.key_person_update(key_person=person, by=world.editor, consent_listed=False, name="Neu")
    assert (person.consent_listed, person.name) == (True, "Senait Tesfay")
    person.refresh_from_db()
    assert (person.consent_listed, person.public_profile) == (True, True)


# --- The search ----------------------------------------------------------------------------------------


def test_search_tigrinya_in_rothrist(world, lang, vocab):
    wanted = KeyPersonFactory(
        office=world.office, name="Senait", speaks=[lang["ti"]], municipalities=[world.rothrist]
    )
    KeyPersonFactory(
        office=world.office, name="Other town", speaks=[lang["ti"]], municipalities=[world.oftringen]
    )
    KeyPersonFactory(
        office=world.office, name="Other language", speaks=[lang["ar"]], municipalities=[world.rothrist]
    )
    no_consent = KeyPersonFactory(
        office=world.office,
        name="No consent",
        speaks=[lang["ti"]],
        municipalities=[world.rothrist],
        consent_contact=False,
    )
    KeyPersonFactory(
        office=world.office,
        name="Inactive",
        speaks=[lang["ti"]],
        municipalities=[world.rothrist],
        is_active=False,
    )
    KeyPersonFactory(
        office=world.other_office, name="Foreign", speaks=[lang["ti"]], municipalities=[world.rothrist]
    )

    def names(**kwargs):
        return [p.name for p in selectors.key_person_search(office=world.office, **kwargs)]

    assert names(language=lang["ti"], municipality=world.rothrist) == ["Senait"]
    assert names(language=lang["ti"], municipality=world.rothrist, consent_only=False) == [
        no_consent.name,
        wanted.name,
    ]
    assert len(names()) == 3  # active, consenting, this office
    wanted.topics.set([vocab["areas"]["bildung"]])
    assert names(topic=vocab["areas"]["bildung"]) == ["Senait"]
    assert names(q="sen") == ["Senait"]


def test_search_of_a_person_with_many_languages_lists_them_once(world, lang):
    KeyPersonFactory(
        office=world.office,
        speaks=[lang["ti"], lang["ar"], lang["de"]],
        municipalities=[world.rothrist, world.oftringen],
    )
    assert selectors.key_person_search(office=world.office, language=lang["ti"]).count() == 1
    page = selectors.key_person_list(office=world.office, filters=selectors.KeyPersonFilters())
    assert page.count == 1 and len(page.rows[0].languages.all()) == 3


# --- Assignments ---------------------------------------------------------------------------------------


def log(world, person, **kwargs):
    data = {"date": TODAY, "purpose": "Elternabend Primarschule", "hours": "2.5", "compensation": "75"}
    data.update(kwargs)
    return services.assignment_log(key_person=person, by=world.editor, **data)


def test_assignment_log(world, lang):
    person = KeyPersonFactory(office=world.office, speaks=[lang["ti"]])
    assignment = log(world, person, language=lang["ti"], municipality=world.rothrist)
    assert (assignment.hours, assignment.compensation, assignment.created_by) == (
        Decimal("2.5"),
        Decimal("75"),
        world.editor,
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"hours": "0"}, "hours", "The hours must be more than 0."),
        ({"hours": "-1"}, "hours", "The hours must be more than 0."),
        ({"hours": "24.25"}, "hours", "An assignment lasts at most 24 hours; log longer ones per day."),
        ({"hours": "abc"}, "hours", "Enter the hours as a number, e.g. 1.5."),
        ({"hours": "NaN"}, "hours", "Enter the hours as a number, e.g. 1.5."),
        ({"hours": None}, "hours", "Enter the hours as a number, e.g. 1.5."),
        ({"hours": "1.333"}, "hours", "Enter the hours with at most two decimals, e.g. 1.25."),
        ({"hours": "0.1"}, "hours", "Log at least a quarter of an hour (0.25)."),
        ({"compensation": "-5"}, "compensation", "The compensation cannot be negative."),
        ({"compensation": "100000"}, "compensation", "The compensation is too high for one assignment."),
        ({"compensation": "x"}, "compensation", "Enter the compensation as an amount, e.g. 50.00."),
        ({"date": None}, "date", "Enter the date of the assignment."),
        (
            {"date": TODAY + datetime.timedelta(days=1)},
            "date",
            "Log an assignment once it has taken place: the date cannot be in the future.",
        ),
        ({"date": datetime.date(1999, 12, 31)}, "date", "Check the year: the date is before 2000."),
        ({"purpose": "  "}, "purpose", "Say what the assignment was for."),
        ({"purpose": "x" * 301}, "purpose", "The purpose can have at most 300 characters."),
    ],
)
def test_assignment_log_refuses_bad_input(world, kwargs, field, message):
    person = KeyPersonFactory(office=world.office)
    with pytest.raises(ValidationError) as error:
        log(world, person, **kwargs)
    assert error.value.message_dict[field] == [message]
    assert not Assignment.objects.exists()


def test_assignment_edges_are_allowed(world):
    person = KeyPersonFactory(office=world.office)
    log(world, person, hours="24", compensation="0", date=datetime.date(2000, 1, 1))
    log(world, person, hours="0.25", compensation=None)
    assert Assignment.objects.count() == 2


def test_assignment_municipality_must_be_the_offices(world):
    person = KeyPersonFactory(office=world.office)
    with pytest.raises(ValidationError) as error:
        log(world, person, municipality=world.elsewhere)
    assert "municipality" in error.value.message_dict


def test_database_refuses_zero_hours(world):
    person = KeyPersonFactory(office=world.office)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(key_person=person, date=TODAY, purpose="x", hours=0)


def test_totals_per_year(world):
    person = KeyPersonFactory(office=world.office)
    other = KeyPersonFactory(office=world.office)
    for date, hours, money in [
        (datetime.date(2023, 3, 1), "2.5", "75"),
        (datetime.date(2023, 11, 30), "1.25", "37.50"),
        (datetime.date(2024, 1, 2), "3", "0"),
    ]:
        AssignmentFactory(key_person=person, date=date, hours=Decimal(hours), compensation=Decimal(money))
    AssignmentFactory(key_person=other, date=datetime.date(2023, 5, 5), hours=Decimal(8))
    totals = selectors.assignment_totals(key_person=person)
    assert [(t.year, t.count, t.hours, t.compensation) for t in totals] == [
        (2024, 1, Decimal("3"), Decimal("0")),
        (2023, 2, Decimal("3.75"), Decimal("112.50")),
    ]
    assert selectors.assignment_totals(key_person=KeyPersonFactory(office=world.office)) == []


def test_assignment_delete(world):
    assignment = AssignmentFactory(key_person=KeyPersonFactory(office=world.office))
    services.assignment_delete(assignment=assignment, by=world.editor)
    assert not Assignment.objects.exists()
