"""Services of clients: the intake in one transaction, validations, duplicates, locking, consents, plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MunicipalityFactory, OrganisationFactory
from fachstelle.counselling.models import (
    Client,
    ClientLanguage,
    Consent,
    Intake,
    IntakeGoal,
    PlanStep,
    Qualification,
)
from fachstelle.counselling.selectors.clients import client_find_duplicates, clients_search
from fachstelle.counselling.services import clients as services
from fachstelle.counselling.services.clients import (
    ConsentData,
    IntakeData,
    LanguageLevel,
    QualificationData,
)
from fachstelle.counselling.services.locking import StaleEditError
from fachstelle.counselling.tests.factories import CaseFactory, ClientFactory, counselling_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world(vocab, english):
    w = counselling_world()
    w.languages = vocab["languages"]
    w.rothrist = w.office.municipalities.get()
    w.partner = OrganisationFactory(office=w.office, name="Caritas Aargau")
    return w


def person(world, **overrides):
    data = {
        "name": "Selam Tesfay",
        "year_of_birth": 1994,
        "municipality": world.rothrist,
        "country_of_origin": "ER",
        "permit_category": "F",
        "arrival_date": datetime.date(2016, 5, 3),
        "household_adults": 1,
        "household_children": 2,
        "phone": "+41 79 123 45 67",
    }
    return data | overrides


def intake(**overrides):
    data = {
        "held_on": TODAY,
        "education": "upper_secondary",
        "school_years": 12,
        "work_experience": "Nurse in Asmara hospital",
        "goals": ["language", "work"],
        "notes": "Fled via Libya; trauma",
    }
    return IntakeData(**(data | overrides))


def create(world, *, by=None, **kwargs):
    args = {
        "office": world.office,
        "by": by or world.counsellor,
        "person": person(world),
        "languages": [
            LanguageLevel(world.languages["de"], "A2"),
            LanguageLevel(world.languages["ti"], "native"),
        ],
        "qualifications": [
            QualificationData(kind="vocational", title="Nursing diploma", country="ER", year=2014)
        ],
        "intake": intake(),
        "consents": [ConsentData(scope="storage", given_on=TODAY, method="signed_paper")],
        "storage_consent_given": True,
    }
    return services.client_create(**(args | kwargs))


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Intake ---------------------------------------------------------------------------------------------


def test_intake_creates_everything_in_one_go_with_blind_indexes_and_audit(world):
    client = create(world)

    assert client.counsellor == world.counsellor and client.office == world.office
    assert client.name_fingerprint and client.name_tokens
    assert set(client.languages.values_list("language__code", "level")) == {("de", "A2"), ("ti", "native")}
    assert Intake.objects.get(client=client).work_experience == "Nurse in Asmara hospital"
    assert set(IntakeGoal.objects.filter(intake__client=client).values_list("category", flat=True)) == {
        "language",
        "work",
    }
    assert Qualification.objects.get(client=client).title == "Nursing diploma"
    assert client.consents.get().scope == "storage"
    event = AuditEvent.objects.get(target_type="counselling.client", target_id=client.pk)
    assert event.action == "create" and event.actor == world.counsellor
    assert "Selam" not in event.detail and "Nurse" not in event.detail


def test_intake_stores_names_and_notes_encrypted_at_rest(world):
    client = create(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, name_tokens FROM counselling_client WHERE id = %s", [client.pk])
        name, phone, tokens = cursor.fetchone()
        cursor.execute(
            "SELECT notes, work_experience FROM counselling_intake WHERE client_id = %s", [client.pk]
        )
        notes, work = cursor.fetchone()
        cursor.execute("SELECT title FROM counselling_qualification WHERE client_id = %s", [client.pk])
        (title,) = cursor.fetchone()
    for raw in (name, phone, tokens, notes, work, title):
        for secret in ("Selam", "Tesfay", "selam", "79 123", "Libya", "Asmara", "Nursing"):
            assert secret not in raw
    assert Client.objects.get(pk=client.pk).name == "Selam Tesfay"


def test_storage_consent_can_be_explicitly_not_given(world):
    client = create(world, consents=[], storage_consent_given=False)
    assert not client.consents.exists()
    assert "consent:storage not given" in AuditEvent.objects.get(target_id=client.pk).detail


def test_storage_consent_given_needs_a_record(world):
    with pytest.raises(ValidationError) as excinfo:
        create(world, consents=[], storage_consent_given=True)
    assert "consents" in errors_of(excinfo)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"arrival_date": TODAY + datetime.timedelta(days=1)}, "arrival_date", "cannot be in the future"),
        ({"year_of_birth": 1899}, "year_of_birth", "between 1900"),
        ({"year_of_birth": TODAY.year + 1}, "year_of_birth", "between 1900"),
        (
            {"year_of_birth": 2000, "arrival_date": datetime.date(1999, 1, 1)},
            "arrival_date",
            "before the year",
        ),
        ({"permit_category": "XY"}, "permit_category", "Unknown permit category"),
        ({"name": "   "}, "name", "Enter a name"),
        ({"phone": "1" * 41}, "phone", "at most 40"),
    ],
)
def test_bad_person_data_is_refused_with_a_message_and_nothing_saved(world, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        create(world, person=person(world, **overrides))
    assert any(message in str(m) for m in errors_of(excinfo)[field])
    assert not Client.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_municipality_must_be_served_by_the_office(world):
    elsewhere = MunicipalityFactory(name="Basel")
    with pytest.raises(ValidationError) as excinfo:
        create(world, person=person(world, municipality=elsewhere))
    assert "municipality" in errors_of(excinfo)


def test_german_permit_list_for_german_offices(world):
    world.office.country = "DE"
    world.office.save()
    with pytest.raises(ValidationError) as excinfo:
        create(world, person=person(world, permit_category="F"))
    assert "permit_category" in errors_of(excinfo)
    assert create(world, person=person(world, permit_category="DU")).permit_category == "DU"


def test_languages_must_be_unique(world):
    ti = world.languages["ti"]
    with pytest.raises(ValidationError) as excinfo:
        create(world, languages=[LanguageLevel(ti, "native"), LanguageLevel(ti, "B1")])
    assert "appears twice" in str(errors_of(excinfo)["languages"])
    assert not ClientLanguage.objects.exists()


def test_intake_dates_and_interpreter_rules(world):
    with pytest.raises(ValidationError) as excinfo:
        create(
            world,
            intake=intake(held_on=TODAY + datetime.timedelta(days=2), needs_interpreter=True),
            qualifications=[QualificationData(kind="university", year=TODAY.year + 1)],
            consents=[ConsentData(scope="sharing", given_on=TODAY, method="oral")],
            storage_consent_given=False,
        )
    errors = errors_of(excinfo)
    assert set(errors) >= {"held_on", "interpreter_language", "qualifications", "consents"}


def test_sharing_consent_needs_a_partner_of_the_office(world):
    foreign_partner = OrganisationFactory(office=world.other_office)
    with pytest.raises(ValidationError) as excinfo:
        services.consent_record(
            client=create(world),
            by=world.counsellor,
            data=ConsentData(scope="sharing", given_on=TODAY, method="oral", partner=foreign_partner),
        )
    assert "partner" in errors_of(excinfo)


def test_the_counsellor_must_belong_to_the_office(world):
    with pytest.raises(ValidationError) as excinfo:
        create(world, counsellor=world.foreign_counsellor)
    assert "counsellor" in errors_of(excinfo)


# --- Duplicates ---------------------------------------------------------------------------------------


def test_likely_duplicate_blocks_until_confirmed(world):
    first = create(world)
    with pytest.raises(services.DuplicateClientError) as excinfo:
        create(world, person=person(world, name="  selam   TESFAY "))
    assert excinfo.value.matches == [first]
    assert Client.objects.count() == 1

    second = create(world, confirm_duplicate=True)
    assert Client.objects.count() == 2 and second.name_fingerprint == first.name_fingerprint


def test_duplicates_differ_by_year_and_office(world):
    create(world)
    assert client_find_duplicates(office=world.office, name="Selam Tesfay", year_of_birth=1980) == []
    assert client_find_duplicates(office=world.other_office, name="Selam Tesfay", year_of_birth=1994) == []
    assert len(client_find_duplicates(office=world.office, name="Selám Tesfay", year_of_birth=1994)) == 1


# --- Search -----------------------------------------------------------------------------------------------


def test_search_finds_by_word_prefixes_only_among_visible_clients(world):
    mine = create(world)
    colleagues = ClientFactory(office=world.office, counsellor=world.colleague, name="Selam Kidane")
    ClientFactory(office=world.other_office, counsellor=world.foreign_counsellor, name="Selam Tesfay")

    assert list(clients_search(user=world.counsellor, office=world.office, term="sel tes")) == [mine]
    assert list(clients_search(user=world.counsellor, office=world.office, term="Kidane")) == []
    assert set(clients_search(user=world.admin, office=world.office, term="selam")) == {mine, colleagues}
    assert list(clients_search(user=world.counsellor, office=world.office, term=mine.reference)) == [mine]
    assert list(clients_search(user=world.editor, office=world.office, term="selam")) == []
    assert list(clients_search(user=world.counsellor, office=world.office, term="s")) == []


def test_search_sees_clients_of_cases_shared_with_the_user(world):
    case = CaseFactory(office=world.office, counsellor=world.colleague, client__name="Hamid Rahimi")
    assert list(clients_search(user=world.counsellor, office=world.office, term="hamid")) == []
    case.shared_with.add(world.counsellor)
    assert list(clients_search(user=world.counsellor, office=world.office, term="hamid")) == [case.client]


# --- Updates and locking -----------------------------------------------------------------------------------


def test_update_changes_fields_indexes_and_audits_field_names(world):
    client = create(world)
    services.client_update(
        client=client, by=world.counsellor, data={"name": "Selam Haile", "phone": ""}, expected_version=1
    )
    client.refresh_from_db()
    assert client.version == 2 and client.name == "Selam Haile"
    assert list(clients_search(user=world.counsellor, office=world.office, term="haile")) == [client]
    event = AuditEvent.objects.filter(action="update", target_id=client.pk).get()
    assert event.detail == "changed: name, phone"


def test_stale_update_is_refused_and_nothing_overwritten(world):
    client = create(world)
    first_copy = Client.objects.get(pk=client.pk)
    second_copy = Client.objects.get(pk=client.pk)
    services.client_update(
        client=first_copy, by=world.counsellor, data={"household_children": 3}, expected_version=1
    )
    with pytest.raises(StaleEditError):
        services.client_update(
            client=second_copy, by=world.admin, data={"household_children": 5}, expected_version=1
        )
    client.refresh_from_db()
    assert client.household_children == 3 and client.version == 2
    assert AuditEvent.objects.filter(action="update", target_id=client.pk).count() == 1


def test_update_validates_like_the_intake(world):
    client = create(world)
    with pytest.raises(ValidationError) as excinfo:
        services.client_update(
            client=client, by=world.counsellor, data={"permit_category": "Q"}, expected_version=1
        )
    assert "permit_category" in errors_of(excinfo)
    client.refresh_from_db()
    assert client.permit_category == "F" and client.version == 1


def test_languages_are_replaced_on_update(world):
    client = create(world)
    services.client_update(
        client=client,
        by=world.counsellor,
        data={},
        languages=[LanguageLevel(world.languages["de"], "B1")],
        expected_version=1,
    )
    assert list(client.languages.values_list("language__code", "level")) == [("de", "B1")]
    assert AuditEvent.objects.get(action="update").detail == "changed: languages"


def test_intake_update_uses_the_client_version(world):
    client = create(world)
    services.intake_update(
        client=client,
        by=world.counsellor,
        intake=intake(goals=["housing"], notes="Updated"),
        qualifications=[],
        expected_version=1,
    )
    record = Intake.objects.get(client=client)
    assert record.notes == "Updated"
    assert list(record.goals.values_list("category", flat=True)) == ["housing"]
    assert not client.qualifications.exists()
    with pytest.raises(StaleEditError):
        services.intake_update(
            client=client,
            by=world.counsellor,
            intake=intake(notes="Stale"),
            qualifications=None,
            expected_version=1,
        )
    assert Intake.objects.get(client=client).notes == "Updated"


# --- Consents ---------------------------------------------------------------------------------------------


def test_consent_withdraw_marks_and_audits(world):
    client = create(world)
    consent = client.consents.get()
    services.consent_withdraw(consent=consent, by=world.counsellor, on=TODAY)
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY and consent.withdrawn_by == world.counsellor
    assert AuditEvent.objects.filter(target_id=client.pk, detail="consent withdrawn: storage").exists()
    with pytest.raises(ValidationError):
        services.consent_withdraw(consent=consent, by=world.counsellor, on=TODAY)


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "future"), (-10, "earlier than the day")],
)
def test_consent_withdraw_dates(world, days, message):
    client = create(
        world,
        consents=[ConsentData(scope="storage", given_on=TODAY - datetime.timedelta(days=5), method="oral")],
    )
    consent = client.consents.get()
    with pytest.raises(ValidationError) as excinfo:
        services.consent_withdraw(
            consent=consent, by=world.counsellor, on=TODAY + datetime.timedelta(days=days)
        )
    assert message in str(errors_of(excinfo)["withdrawn_on"])
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_consent_record_sharing_with_partner(world):
    client = create(world)
    consent = services.consent_record(
        client=client,
        by=world.counsellor,
        data=ConsentData(scope="sharing", given_on=TODAY, method="oral_interpreter", partner=world.partner),
    )
    assert consent.partner == world.partner and consent.is_active
    assert Consent.objects.filter(client=client).count() == 2


# --- Integration plan -----------------------------------------------------------------------------------


def test_plan_goals_and_steps(world):
    client = create(world)
    plan = services.plan_create(client=client, by=world.counsellor, agreed_on=TODAY)
    goal = services.plan_goal_add(plan=plan, by=world.counsellor, category="language", title="Reach B1")
    step = services.plan_step_add(
        goal=goal,
        by=world.counsellor,
        description="Enrol in a course",
        responsible="Person",
        due_on=TODAY + datetime.timedelta(days=30),
    )
    services.plan_step_complete(step=step, by=world.counsellor)
    step.refresh_from_db()
    assert step.status == PlanStep.Status.DONE and step.done_on == TODAY
    services.plan_goal_update(goal=goal, by=world.counsellor, data={"progress": 60, "status": "in_progress"})
    goal.refresh_from_db()
    assert goal.progress == 60
    services.plan_goal_update(goal=goal, by=world.counsellor, data={"status": "achieved"})
    goal.refresh_from_db()
    assert goal.progress == 100
    details = list(
        AuditEvent.objects.filter(target_id=client.pk, action="update").values_list("detail", flat=True)
    )
    assert "integration plan created" in details and "integration plan: step done" in details
    with pytest.raises(ValidationError):
        services.plan_create(client=client, by=world.counsellor, agreed_on=TODAY)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda w, plan, goal: services.plan_goal_add(
                plan=plan, by=w.counsellor, category="work", title="x", progress=101
            ),
            "progress",
        ),
        (
            lambda w, plan, goal: services.plan_goal_add(
                plan=plan, by=w.counsellor, category="work", title=""
            ),
            "title",
        ),
        (
            lambda w, plan, goal: services.plan_step_add(
                goal=goal,
                by=w.counsellor,
                description="x",
                responsible="me",
                due_on=TODAY - datetime.timedelta(days=400),
            ),
            "due_on",
        ),
        (
            lambda w, plan, goal: services.plan_update(
                plan=plan,
                by=w.counsellor,
                data={"review_on": TODAY - datetime.timedelta(days=1)},
                expected_version=1,
            ),
            "review_on",
        ),
        (
            lambda w, plan, goal: services.plan_update(
                plan=plan,
                by=w.counsellor,
                data={"agreed_on": TODAY + datetime.timedelta(days=1)},
                expected_version=1,
            ),
            "agreed_on",
        ),
    ],
)
def test_plan_bad_input(world, call, field):
    client = create(world)
    plan = services.plan_create(client=client, by=world.counsellor, agreed_on=TODAY)
    goal = services.plan_goal_add(plan=plan, by=world.counsellor, category="language", title="Reach B1")
    with pytest.raises(ValidationError) as excinfo:
        call(world, plan, goal)
    assert field in errors_of(excinfo)


def test_step_complete_cannot_be_in_the_future(world):
    client = create(world)
    plan = services.plan_create(client=client, by=world.counsellor, agreed_on=TODAY)
    goal = services.plan_goal_add(plan=plan, by=world.counsellor, category="work", title="Job")
    step = services.plan_step_add(goal=goal, by=world.counsellor, description="CV", responsible="Counsellor")
    with pytest.raises(ValidationError) as excinfo:
        services.plan_step_complete(step=step, by=world.counsellor, on=TODAY + datetime.timedelta(days=1))
    assert "done_on" in errors_of(excinfo)
    step.refresh_from_db()
    assert step.status == "open"


def test_plan_update_is_locked(world):
    client = create(world)
    plan = services.plan_create(client=client, by=world.counsellor, agreed_on=TODAY)
    services.plan_update(plan=plan, by=world.counsellor, data={"note": "First"}, expected_version=1)
    with pytest.raises(StaleEditError):
        services.plan_update(plan=plan, by=world.admin, data={"note": "Second"}, expected_version=1)
    plan.refresh_from_db()
    assert plan.note == "First"
