"""Views of clients: intake page, client page, edits with locking, consents, plan, search, access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import Client, Consent, IntegrationPlan, PlanGoal, PlanStep
from fachstelle.counselling.services import clients as services
from fachstelle.counselling.services.clients import ConsentData, IntakeData, LanguageLevel
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


def url(world, name, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def intake_post(world, **overrides):
    data = {
        "name": "Selam Tesfay",
        "year_of_birth": "1994",
        "gender": "female",
        "municipality": str(world.rothrist.pk),
        "country_of_origin": "ER",
        "permit_category": "F",
        "arrival_date": "2016-05-03",
        "household_adults": "1",
        "household_children": "2",
        "phone": "",
        "email": "",
        "address": "",
        "german_level": "A2",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": str(world.languages["ti"].pk),
        "languages-0-level": "native",
        "languages-1-language": "",
        "languages-1-level": "",
        "qualifications-TOTAL_FORMS": "1",
        "qualifications-INITIAL_FORMS": "0",
        "qualifications-0-kind": "vocational",
        "qualifications-0-title": "Nursing diploma",
        "qualifications-0-country": "ER",
        "qualifications-0-year": "2014",
        "qualifications-0-recognition": "in_progress",
        "held_on": TODAY.isoformat(),
        "education": "upper_secondary",
        "school_years": "12",
        "work_experience": "Nurse in Asmara",
        "goals": ["language", "work"],
        "goals_text": "Work as a nurse again",
        "needs_interpreter": "on",
        "interpreter_language": str(world.languages["ti"].pk),
        "notes": "Confidential remark",
        "informed_about_data_protection": "on",
        "storage": "given",
        "contact": "on",
        "sharing_partners": [str(world.partner.pk)],
        "given_on": TODAY.isoformat(),
        "method": "oral_interpreter",
        "note": "",
    }
    return data | overrides


def make_client(world, *, counsellor=None, name="Selam Tesfay", year=1994):
    return services.client_create(
        office=world.office,
        by=counsellor or world.counsellor,
        person={"name": name, "year_of_birth": year, "municipality": world.rothrist, "permit_category": "F"},
        languages=[
            LanguageLevel(world.languages["de"], "A2"),
            LanguageLevel(world.languages["ti"], "native"),
        ],
        qualifications=[],
        intake=IntakeData(held_on=TODAY, goals=["work"], notes="Secret note"),
        consents=[ConsentData(scope="storage", given_on=TODAY, method="signed_paper")],
        storage_consent_given=True,
        confirm_duplicate=True,
    )


# --- Intake page -------------------------------------------------------------------------------------------


def test_intake_page_shows_sections_and_the_default_notice(client, world):
    login_verified(client, world.counsellor)
    response = client.get(url(world, "client_create"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Person",
        "Languages",
        "Education and qualifications",
        "Goals",
        "Interpreting",
        "Data protection and consent",
        "Region Zofingen",
        "Caritas Aargau",
    ):
        assert text in html
    assert 'name="german_level"' in html


def test_intake_page_shows_the_office_notice(client, world):
    from fachstelle.counselling.models import CounsellingSettings

    CounsellingSettings.objects.create(
        office=world.office, intake_notice="Nach IDAG § 12 informieren wir Sie."
    )
    login_verified(client, world.counsellor)
    assert "Nach IDAG § 12" in client.get(url(world, "client_create")).content.decode()


def test_intake_happy_path_saves_and_redirects_to_the_client(client, world):
    login_verified(client, world.counsellor)
    response = client.post(url(world, "client_create"), intake_post(world))
    created = Client.objects.get()
    assert response.status_code == 302
    assert response.url == url(world, "client_detail", client_id=created.pk)
    assert created.counsellor == world.counsellor and created.name == "Selam Tesfay"
    assert set(created.languages.values_list("language__code", "level")) == {("de", "A2"), ("ti", "native")}
    assert set(created.consents.values_list("scope", flat=True)) == {"storage", "contact", "sharing"}
    assert created.consents.get(scope="sharing").partner == world.partner
    assert created.intake.needs_interpreter and created.intake.interpreter_language.code == "ti"
    assert AuditEvent.objects.filter(action="create", target_id=created.pk).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"arrival_date": (TODAY + datetime.timedelta(days=3)).isoformat()},
            "The arrival date cannot be in the future.",
        ),
        ({"year_of_birth": "1850"}, "Enter a year of birth between 1900"),
        (
            {"year_of_birth": "2010", "arrival_date": "2005-01-01"},
            "The arrival date lies before the year of birth.",
        ),
        ({"permit_category": "XY"}, "Unknown permit category"),
        ({"languages-1-language": None, "languages-1-level": "B1"}, "Each language can be listed only once"),
        ({"storage": ""}, "Say whether the person consented to storing the data."),
        ({"notes": "x" * 8001}, "at most 8000 characters"),
        (
            {"held_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "The intake date cannot be in the future.",
        ),
        ({"method": ""}, "Say how the consent was given."),
    ],
)
def test_intake_bad_input_keeps_everything_and_saves_nothing(client, world, overrides, message):
    if overrides.get("languages-1-language", "") is None:
        overrides["languages-1-language"] = str(world.languages["ti"].pk)  # the same language twice
    login_verified(client, world.counsellor)
    response = client.post(url(world, "client_create"), intake_post(world, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Selam Tesfay"' in html and "Nurse in Asmara" in html and "Work as a nurse again" in html
    assert not Client.objects.exists()


def test_municipality_of_another_office_is_refused(client, world):
    from fachstelle.core.tests.factories import MunicipalityFactory

    basel = MunicipalityFactory(name="Basel")
    login_verified(client, world.counsellor)
    response = client.post(url(world, "client_create"), intake_post(world, municipality=str(basel.pk)))
    assert "Choose one of the municipalities the office serves." in response.content.decode()
    assert not Client.objects.exists()


def test_duplicate_warning_then_confirm(client, world):
    existing = make_client(world, counsellor=world.colleague)
    login_verified(client, world.counsellor)

    response = client.post(url(world, "client_create"), intake_post(world, name="selam  tesfay"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This person may already be registered." in html
    assert existing.reference in html and "berater2" in html
    # The colleague's client is not the counsellor's: no link to it.
    assert url(world, "client_detail", client_id=existing.pk) not in html
    assert 'name="confirm_duplicate"' in html and 'value="selam  tesfay"' in html
    assert Client.objects.count() == 1

    response = client.post(
        url(world, "client_create"), intake_post(world, name="selam  tesfay", confirm_duplicate="on")
    )
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_duplicate_warning_links_for_who_may_see_it(client, world):
    existing = make_client(world, counsellor=world.colleague)
    login_verified(client, world.admin)
    html = client.post(url(world, "client_create"), intake_post(world)).content.decode()
    assert url(world, "client_detail", client_id=existing.pk) in html


def test_admin_may_assign_another_counsellor(client, world):
    login_verified(client, world.admin)
    client.post(url(world, "client_create"), intake_post(world, counsellor=str(world.colleague.pk)))
    assert Client.objects.get().counsellor == world.colleague


# --- Client page and access ---------------------------------------------------------------------------


def test_client_page_shows_everything_and_audits_the_view(client, world, django_assert_num_queries):
    record = make_client(world)
    plan = services.plan_create(client=record, by=world.counsellor, agreed_on=TODAY)
    goal = services.plan_goal_add(plan=plan, by=world.counsellor, category="language", title="Reach B1")
    services.plan_step_add(
        goal=goal, by=world.counsellor, description="Enrol in course", responsible="Person"
    )
    CaseFactory(office=world.office, counsellor=world.counsellor, client=record)
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership role, client (+ counsellor, municipality); audit insert;
    # languages (+ language), qualifications, consents (+ partner); intake, intake goals; plan, plan goals,
    # plan steps; cases (+ counsellor); access log (+ actor); the session's activity stamp (savepoint,
    # update, release)
    with django_assert_num_queries(20):
        response = client.get(url(world, "client_detail", client_id=record.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Selam Tesfay",
        "Secret note",
        "Reach B1",
        "Enrol in course",
        "Storing the data",
        "Access log",
        "Tigrinya",
    ):
        assert text in html
    assert AuditEvent.objects.filter(action="view", target_id=record.pk, actor=world.counsellor).count() == 1
    # "Open a case now" leads to the cases area's form for this person.
    assert url(world, "case_create") + f"?client={record.pk}" in html


def test_colleague_gets_403_and_a_denied_entry(client, world):
    record = make_client(world)
    login_verified(client, world.colleague)
    for name in ("client_detail", "client_edit", "intake_edit", "plan_edit", "consent_create"):
        assert client.get(url(world, name, client_id=record.pk)).status_code == 403
    assert client.post(url(world, "client_edit", client_id=record.pk), {"name": "x"}).status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor=world.colleague, target_id=record.pk).count() == 6
    assert not AuditEvent.objects.filter(action="view", actor=world.colleague).exists()


def test_colleague_sees_the_client_of_a_shared_case_but_not_its_access_log(client, world):
    record = make_client(world)
    case = CaseFactory(office=world.office, counsellor=world.counsellor, client=record)
    case.shared_with.add(world.colleague)
    login_verified(client, world.colleague)
    response = client.get(url(world, "client_detail", client_id=record.pk))
    assert response.status_code == 200 and "Access log" not in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "statistics"])
def test_editor_and_statistics_get_403(client, world, role):
    record = make_client(world)
    login_verified(client, getattr(world, role))
    for target in (
        url(world, "client_create"),
        url(world, "client_search") + "?q=selam",
        url(world, "client_detail", client_id=record.pk),
    ):
        assert client.get(target).status_code == 403
    assert not AuditEvent.objects.filter(action="view").exists()


def test_foreign_office_gets_404(client, world):
    foreign = ClientFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    login_verified(client, world.counsellor)
    assert client.get(url(world, "client_detail", client_id=foreign.pk)).status_code == 404
    # and the foreign counsellor cannot reach this office at all
    record = make_client(world)
    login_verified(client, world.foreign_counsellor)
    assert client.get(url(world, "client_detail", client_id=record.pk)).status_code == 403
    assert not AuditEvent.objects.filter(action="view", target_id=record.pk).exists()


def test_admin_sees_the_access_log_with_who_looked(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    client.get(url(world, "client_detail", client_id=record.pk))
    login_verified(client, world.admin)
    html = client.get(url(world, "client_detail", client_id=record.pk)).content.decode()
    assert "Access log" in html and "beraterin" in html and "leitung" in html


# --- Edit with optimistic locking ---------------------------------------------------------------------------


def edit_post(world, record, **overrides):
    data = {
        "version": str(record.version),
        "name": record.name,
        "year_of_birth": str(record.year_of_birth),
        "gender": "",
        "municipality": str(world.rothrist.pk),
        "country_of_origin": "",
        "permit_category": "F",
        "arrival_date": "",
        "household_adults": "1",
        "household_children": "0",
        "phone": "",
        "email": "",
        "address": "",
        "german_level": "A2",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "1",
        "languages-0-language": str(world.languages["ti"].pk),
        "languages-0-level": "native",
    }
    return data | overrides


def test_edit_form_loads_and_saves(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    response = client.get(url(world, "client_edit", client_id=record.pk))
    assert response.status_code == 200 and 'name="version"' in response.content.decode()
    response = client.post(
        url(world, "client_edit", client_id=record.pk), edit_post(world, record, phone="044 1")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.phone == "044 1" and record.version == 2


def test_concurrent_edit_gets_409_and_keeps_input(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    # Two forms loaded with version 1; the first save wins.
    first = edit_post(world, record, household_children="3")
    second = edit_post(world, record, household_children="5", address="Bahnhofstrasse 1")
    assert client.post(url(world, "client_edit", client_id=record.pk), first).status_code == 302
    response = client.post(url(world, "client_edit", client_id=record.pk), second)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this record while you were editing it." in html
    assert "Bahnhofstrasse 1" in html
    record.refresh_from_db()
    assert record.household_children == 3 and record.address == "" and record.version == 2


def test_edit_bad_input_is_shown(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "client_edit", client_id=record.pk), edit_post(world, record, year_of_birth="1800")
    )
    assert response.status_code == 200 and "Enter a year of birth between 1900" in response.content.decode()
    record.refresh_from_db()
    assert record.year_of_birth == 1994


def test_intake_edit_conflict(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    data = {
        "version": "1",
        "held_on": TODAY.isoformat(),
        "education": "tertiary",
        "school_years": "",
        "work_experience": "",
        "goals": ["housing"],
        "goals_text": "",
        "interpreter_language": "",
        "notes": "Edited",
        "qualifications-TOTAL_FORMS": "0",
        "qualifications-INITIAL_FORMS": "0",
    }
    assert client.post(url(world, "intake_edit", client_id=record.pk), data).status_code == 302
    response = client.post(url(world, "intake_edit", client_id=record.pk), data | {"notes": "Stale"})
    assert response.status_code == 409 and "Stale" in response.content.decode()
    record.intake.refresh_from_db()
    assert record.intake.notes == "Edited" and record.intake.education == "tertiary"


# --- Consents -----------------------------------------------------------------------------------------------


def test_consent_add_and_withdraw(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "consent_create", client_id=record.pk),
        {"scope": "sharing", "partner": "", "given_on": TODAY.isoformat(), "method": "oral"},
    )
    assert "Choose the partner organisation" in response.content.decode()
    response = client.post(
        url(world, "consent_create", client_id=record.pk),
        {
            "scope": "sharing",
            "partner": str(world.partner.pk),
            "given_on": TODAY.isoformat(),
            "method": "oral",
        },
    )
    assert response.status_code == 302
    sharing = Consent.objects.get(client=record, scope="sharing")

    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    withdraw = url(world, "consent_withdraw", client_id=record.pk, consent_id=sharing.pk)
    response = client.post(withdraw, {"withdrawn_on": future})
    assert "The withdrawal cannot be dated in the future." in response.content.decode()
    assert client.post(withdraw, {"withdrawn_on": TODAY.isoformat()}).status_code == 302
    sharing.refresh_from_db()
    assert sharing.withdrawn_on == TODAY
    assert "withdrawn on" in client.get(url(world, "client_detail", client_id=record.pk)).content.decode()


def test_consent_of_another_client_is_404(client, world):
    record = make_client(world)
    other = make_client(world, name="Other Person")
    login_verified(client, world.counsellor)
    consent = other.consents.get()
    assert (
        client.get(url(world, "consent_withdraw", client_id=record.pk, consent_id=consent.pk)).status_code
        == 404
    )


# --- Integration plan ---------------------------------------------------------------------------------------


def test_plan_pages(client, world):
    record = make_client(world)
    login_verified(client, world.counsellor)
    plan_url = url(world, "plan_edit", client_id=record.pk)
    assert client.get(plan_url).status_code == 200
    response = client.post(plan_url, {"agreed_on": (TODAY + datetime.timedelta(days=2)).isoformat()})
    assert "The plan cannot be agreed in the future." in response.content.decode()
    assert client.post(plan_url, {"agreed_on": TODAY.isoformat(), "note": "Plan note"}).status_code == 302
    plan = IntegrationPlan.objects.get(client=record)

    goal_add = url(world, "plan_goal_add", client_id=record.pk)
    response = client.post(
        goal_add,
        {"goal-category": "work", "goal-title": "Job", "goal-status": "open", "goal-progress": "150"},
    )
    assert "less than or equal to 100" in response.content.decode()
    assert (
        client.post(
            goal_add,
            {
                "goal-category": "work",
                "goal-title": "Find a job",
                "goal-status": "open",
                "goal-progress": "10",
            },
        ).status_code
        == 302
    )
    goal = PlanGoal.objects.get(plan=plan)

    step_add = url(world, "plan_step_add", client_id=record.pk, goal_id=goal.pk)
    prefix = f"step-{goal.pk}"
    response = client.post(
        step_add,
        {
            f"{prefix}-description": "Write CV",
            f"{prefix}-responsible": "Counsellor",
            f"{prefix}-due_on": "2001-01-01",
        },
    )
    html = response.content.decode()
    assert "The due date cannot be before the day the plan was agreed." in html and "Write CV" in html
    assert (
        client.post(
            step_add,
            {
                f"{prefix}-description": "Write CV",
                f"{prefix}-responsible": "Counsellor",
                f"{prefix}-due_on": TODAY.isoformat(),
            },
        ).status_code
        == 302
    )
    step = PlanStep.objects.get(goal=goal)
    response = client.post(url(world, "plan_step_complete", client_id=record.pk, step_id=step.pk), {})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "done"

    response = client.post(
        url(world, "plan_goal_edit", client_id=record.pk, goal_id=goal.pk),
        {"category": "work", "title": "Find a job", "status": "in_progress", "progress": "70"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.progress == 70
    html = client.get(url(world, "client_detail", client_id=record.pk)).content.decode()
    assert "Find a job" in html and "Write CV" in html


def test_plan_conflict_gets_409(client, world):
    record = make_client(world)
    plan = services.plan_create(client=record, by=world.counsellor, agreed_on=TODAY)
    login_verified(client, world.counsellor)
    plan_url = url(world, "plan_edit", client_id=record.pk)
    form = {"agreed_on": TODAY.isoformat(), "version": str(plan.version)}
    assert client.post(plan_url, form | {"note": "First"}).status_code == 302
    response = client.post(plan_url, form | {"note": "Second"})
    assert response.status_code == 409 and "Second" in response.content.decode()
    plan.refresh_from_db()
    assert plan.note == "First"


def test_goal_of_another_client_is_404(client, world):
    mine = make_client(world)
    other = make_client(world, name="Other Person")
    plan = services.plan_create(client=other, by=world.counsellor, agreed_on=TODAY)
    goal = services.plan_goal_add(plan=plan, by=world.counsellor, category="work", title="x")
    login_verified(client, world.counsellor)
    assert client.get(url(world, "plan_goal_edit", client_id=mine.pk, goal_id=goal.pk)).status_code == 404


# --- Search -------------------------------------------------------------------------------------------------


def test_search_page_and_htmx_partial(client, world, django_assert_num_queries):
    for index in range(5):
        make_client(world, name=f"Selam Person{index}", year=1990 + index)
    hidden = make_client(world, counsellor=world.colleague, name="Selam Hidden")
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership role, the search (clients + counsellor + municipality),
    # the session's activity stamp (savepoint, update, release); nothing per row
    with django_assert_num_queries(9):
        response = client.get(url(world, "client_search"), {"q": "selam"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Selam Person") == 5 and "Selam Hidden" not in html and hidden.reference not in html
    assert "<html" in html

    response = client.get(url(world, "client_search"), {"q": "person3"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Selam Person3" in html and "Selam Person1" not in html


def test_search_without_term_explains(client, world):
    login_verified(client, world.counsellor)
    assert "Type at least two letters" in client.get(url(world, "client_search")).content.decode()


# --- Opening the first case with the intake -----------------------------------------------------------------


def test_intake_can_open_the_first_case(client, world):
    from fachstelle.counselling.models import Case, Topic

    work = Topic.objects.get(slug="arbeit")
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "client_create"), intake_post(world, open_case="on", topics=[str(work.pk)])
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == url(world, "case_detail", case_id=case.pk)
    assert case.client == Client.objects.get() and case.counsellor == world.counsellor
    assert list(case.topics.all()) == [work] and case.opened_on == TODAY


def test_open_case_without_topic_saves_nothing(client, world):
    from fachstelle.counselling.models import Case

    login_verified(client, world.counsellor)
    response = client.post(url(world, "client_create"), intake_post(world, open_case="on"))
    html = response.content.decode()
    assert "Choose at least one topic for the case." in html and 'value="Selam Tesfay"' in html
    assert not Client.objects.exists() and not Case.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"year_of_birth": "99999", "school_years": "99999", "household_adults": "-1"},
        {"qualifications-0-year": "1800", "qualifications-0-kind": "nonsense"},
        {"languages-TOTAL_FORMS": "x"},
        {"sharing_partners": ["999999"], "interpreter_language": "abc", "goals": ["flying"]},
        {"held_on": "31.02.2024", "arrival_date": "yesterday"},
        {"name": "x" * 300, "email": "not-an-email"},
    ],
)
def test_garbage_input_never_breaks_the_intake(client, world, overrides):
    login_verified(client, world.counsellor)
    response = client.post(url(world, "client_create"), intake_post(world, **overrides))
    assert response.status_code == 200
    assert "Please correct the marked fields" in response.content.decode()
    assert not Client.objects.exists()


def test_admin_edit_keeps_or_reassigns_the_counsellor(client, world):
    record = make_client(world)
    login_verified(client, world.admin)
    edit = url(world, "client_edit", client_id=record.pk)
    assert client.post(edit, edit_post(world, record, counsellor="", phone="1")).status_code == 302
    record.refresh_from_db()
    assert record.counsellor == world.counsellor
    data = edit_post(world, record, counsellor=str(world.colleague.pk))
    assert client.post(edit, data).status_code == 302
    record.refresh_from_db()
    assert record.counsellor == world.colleague
