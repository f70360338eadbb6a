"""Staff pages of the workshops: role × view matrix, office scoping, the generator → proposal → accept flow
with re-validation of the hidden dates, bad input, editing with the conflict confirmation, invitations,
ICS downloads, query pins."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.models import Workshop
from fachstelle.kompakt.services.workshop_plan import ZURICH, workshop_plan_accept, workshop_plan_propose
from fachstelle.kompakt.tests.workshop_world import EARLIEST, TODAY, blocked, school_holiday, workshop_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english):
    return workshop_world()


@pytest.fixture
def planned(world):
    proposal = workshop_plan_propose(
        process=world.process,
        earliest=EARLIEST,
        start_time=datetime.time(18, 0),
        start_time_long=datetime.time(13, 30),
        today=TODAY,
    )
    world.workshops = workshop_plan_accept(
        process=world.process, proposal=proposal, location="Gemeindehaus", by=None
    )
    world.start = world.workshops[0]
    world.other_workshop = Workshop.objects.create(
        process=world.other_process,
        kind="start",
        starts_at=datetime.datetime(2027, 1, 12, 18, tzinfo=ZURICH),
        duration_minutes=90,
    )
    return world


def url(world, name, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def generator_query(**overrides):
    data = {
        "earliest": "2027-01-12",
        "weekdays": ["1", "2", "3"],
        "start_time": "18:00",
        "start_time_long": "13:30",
    }
    data.update(overrides)
    return data


def accept_post(**overrides):
    data = generator_query(location="Gemeindehaus Oftringen, Sitzungszimmer 1")
    data.update({"day_start": "2027-01-12", "day_first": "2027-01-26", "day_second": "2027-02-09"})
    data.update(overrides)
    return data


ROLES = ("admin", "editor", "counsellor", "statistics", "foreign_editor")


# --- Role × view matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ("workshop_plan", "workshop_plan_ics", "workshop_ics"))
def test_read_matrix(client, planned, role, page):
    login_verified(client, getattr(planned, role))
    kwargs = {"workshop_pk": planned.start.pk} if page == "workshop_ics" else {"pk": planned.process.pk}
    response = client.get(url(planned, page, **kwargs))
    assert response.status_code == (403 if role == "foreign_editor" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_edit_matrix(client, planned, role):
    login_verified(client, getattr(planned, role))
    response = client.get(url(planned, "workshop_edit", workshop_pk=planned.start.pk))
    assert response.status_code == (200 if role in ("admin", "editor", "counsellor") else 403)


@pytest.mark.parametrize(
    ("page", "by"),
    (
        ("workshop_plan", "process"),
        ("workshop_invite_all", "process"),
        ("workshop_invite", "workshop"),
        ("workshop_cancel", "workshop"),
        ("workshop_edit", "workshop"),
    ),
)
def test_statistics_role_cannot_write(client, planned, page, by, django_capture_on_commit_callbacks):
    login_verified(client, planned.statistics)
    kwargs = {"pk": planned.process.pk} if by == "process" else {"workshop_pk": planned.start.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(planned, page, **kwargs), accept_post())
    assert response.status_code == 403
    assert mail.outbox == []
    planned.start.refresh_from_db()
    assert planned.start.status == Workshop.Status.PROPOSED and planned.start.sequence == 0


def test_statistics_role_sees_no_generator_or_buttons(client, planned):
    login_verified(client, planned.statistics)
    html = client.get(
        url(planned, "workshop_plan", pk=planned.process.pk) + "?earliest=2027-01-12"
    ).content.decode()
    assert "generator-heading" not in html and 'data-state="proposal"' not in html
    assert url(planned, "workshop_edit", workshop_pk=planned.start.pk) not in html


@pytest.mark.parametrize(
    "page", ("workshop_plan", "workshop_plan_ics", "workshop_invite_all", "effort_estimate")
)
def test_other_offices_process_is_404(client, planned, page):
    login_verified(client, planned.editor)
    target = url(planned, page, pk=planned.other_process.pk)
    response = client.post(target) if page == "workshop_invite_all" else client.get(target)
    assert response.status_code == 404


@pytest.mark.parametrize("page", ("workshop_edit", "workshop_ics", "workshop_invite", "workshop_cancel"))
def test_other_offices_workshop_is_404(client, planned, page):
    login_verified(client, planned.editor)
    target = url(planned, page, workshop_pk=planned.other_workshop.pk)
    response = client.post(target) if page in ("workshop_invite", "workshop_cancel") else client.get(target)
    assert response.status_code == 404
    planned.other_workshop.refresh_from_db()
    assert planned.other_workshop.status == Workshop.Status.PROPOSED


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(url(world, "workshop_plan", pk=world.process.pk)).status_code == 302


# --- The plan page ------------------------------------------------------------------------------------------


def test_plan_page_lists_sessions(client, planned, django_assert_num_queries):
    login_verified(client, planned.editor)
    page = url(planned, "workshop_plan", pk=planned.process.pk)
    client.get(page)
    # session, user, OTP device, office, membership, process, sessions, member counts;
    # savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(page)
    html = response.content.decode()
    assert html.count("data-workshop=") == 3
    assert 'data-due="2027-03-23"' in html
    assert "Gemeindehaus" in html and "90 min" in html and "240 min" in html
    assert "1 of them has no e-mail address" in html


def test_generator_shows_the_proposal_with_reasons(client, world, django_assert_num_queries):
    blocked(world.process, datetime.date(2027, 1, 27), reason="Gemeindeversammlung")
    school_holiday("Skiferien", datetime.date(2027, 1, 11), datetime.date(2027, 1, 12))
    login_verified(client, world.editor)
    page = url(world, "workshop_plan", pk=world.process.pk)
    client.get(page, generator_query())
    # session, user, OTP device, office, membership, process, blocked dates, school holidays, sessions,
    # member counts; savepoint, session renewal, release.
    with django_assert_num_queries(13):
        response = client.get(page, generator_query())
    html = response.content.decode()
    assert 'data-proposed="start" data-day="2027-01-13"' in html
    assert 'data-proposed="first" data-day="2027-01-28"' in html
    assert "Skiferien AG" in html and "blocked: Gemeindeversammlung" in html
    assert 'data-proposed-due="2027-03-25"' in html
    assert 'name="day_second" value="2027-02-11"' in html
    assert not world.process.workshops.exists()  # proposing writes nothing


def test_generator_bad_input_keeps_what_was_typed(client, world):
    login_verified(client, world.editor)
    page = url(world, "workshop_plan", pk=world.process.pk)
    response = client.get(page, generator_query(earliest="2027-13-45", weekdays=[], location="Saal 3"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date." in html and "Choose at least one weekday." in html
    assert 'value="Saal 3"' in html and 'data-state="proposal"' not in html
    response = client.get(page, generator_query(earliest="2020-01-01"))
    assert "cannot be in the past" in response.content.decode()
    response = client.get(page, generator_query(start_time="25:99"))
    assert "Enter a valid time." in response.content.decode()


def test_generator_without_any_date_explains(client, world):
    blocked(world.process, datetime.date(2027, 1, 1), datetime.date(2028, 12, 31), reason="Umbau")
    login_verified(client, world.editor)
    response = client.get(url(world, "workshop_plan", pk=world.process.pk), generator_query())
    assert "No dates could be found within a year" in response.content.decode()


def test_accept_saves_the_plan(client, world):
    login_verified(client, world.counsellor)
    response = client.post(url(world, "workshop_plan", pk=world.process.pk), accept_post())
    assert response.status_code == 302
    workshops = list(world.process.workshops.order_by("starts_at"))
    assert [w.kind for w in workshops] == ["start", "first", "second"]
    assert workshops[0].location == "Gemeindehaus Oftringen, Sitzungszimmer 1"
    assert workshops[1].starts_at == datetime.datetime(2027, 1, 26, 13, 30, tzinfo=ZURICH)
    world.process.refresh_from_db()
    assert world.process.programme_due_on == datetime.date(2027, 3, 23)
    html = client.get(response["Location"]).content.decode()
    assert "The workshop plan has been saved." in html


def test_accept_with_tampered_or_outdated_dates_saves_nothing(client, world):
    login_verified(client, world.editor)
    page = url(world, "workshop_plan", pk=world.process.pk)
    response = client.post(page, accept_post(day_first="2027-01-25"))
    html = response.content.decode()
    assert response.status_code == 200 and "The dates have changed" in html
    assert 'data-proposed="first" data-day="2027-01-26"' in html  # the valid proposal is shown again
    blocked(world.process, datetime.date(2027, 1, 26), reason="Gemeindeversammlung")
    response = client.post(page, accept_post())
    assert "The dates have changed" in response.content.decode()
    response = client.post(page, accept_post(day_start="kaputt"))
    assert response.status_code == 200 and "The proposal could not be read." in response.content.decode()
    assert not world.process.workshops.exists()


def test_accept_refused_when_a_session_was_held(client, planned):
    planned.workshops[0].status = Workshop.Status.HELD
    planned.workshops[0].save()
    login_verified(client, planned.editor)
    response = client.post(
        url(planned, "workshop_plan", pk=planned.process.pk),
        accept_post(
            earliest="2027-03-02", day_start="2027-03-02", day_first="2027-03-16", day_second="2027-03-30"
        ),
    )
    assert response.status_code == 200 and "already been held" in response.content.decode()
    assert planned.process.workshops.filter(starts_at__date="2027-03-02").count() == 0


# --- Editing and cancelling ---------------------------------------------------------------------------------


def edit_post(**overrides):
    data = {
        "day": "2027-01-13",
        "time": "18:30",
        "duration_minutes": "90",
        "location": "Gemeindehaus",
        "agenda": "Begrüssung",
        "status": "confirmed",
    }
    data.update(overrides)
    return data


def test_edit_saves_and_bumps_sequence(client, planned):
    login_verified(client, planned.editor)
    response = client.post(url(planned, "workshop_edit", workshop_pk=planned.start.pk), edit_post())
    assert response.status_code == 302
    planned.start.refresh_from_db()
    assert planned.start.starts_at == datetime.datetime(2027, 1, 13, 18, 30, tzinfo=ZURICH)
    assert planned.start.status == "confirmed" and planned.start.sequence == 1


def test_edit_warns_about_holidays_then_saves_after_confirming(client, planned):
    school_holiday("Sportferien", datetime.date(2027, 1, 13), datetime.date(2027, 1, 15))
    login_verified(client, planned.editor)
    page = url(planned, "workshop_edit", workshop_pk=planned.start.pk)
    response = client.post(page, edit_post(location="Neuer Ort"))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-state="conflict"' in html and "Sportferien AG" in html
    assert 'value="Neuer Ort"' in html and 'name="confirm"' in html
    planned.start.refresh_from_db()
    assert planned.start.location == "Gemeindehaus"
    response = client.post(page, edit_post(location="Neuer Ort", confirm="on"))
    assert response.status_code == 302
    planned.start.refresh_from_db()
    assert planned.start.location == "Neuer Ort"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    (
        ("day", "", "This field is required."),
        ("time", "abc", "Enter a valid time."),
        ("duration_minutes", "5", "greater than or equal to 15"),
        ("duration_minutes", "1000", "less than or equal to 720"),
        ("status", "done", "Select a valid choice."),
        ("location", "x" * 201, "at most 200 characters"),
    ),
)
def test_edit_bad_input(client, planned, field, value, message):
    login_verified(client, planned.editor)
    response = client.post(
        url(planned, "workshop_edit", workshop_pk=planned.start.pk), edit_post(**{field: value})
    )
    assert response.status_code == 200 and message in response.content.decode()
    planned.start.refresh_from_db()
    assert planned.start.sequence == 0


def test_cancel(client, planned):
    login_verified(client, planned.editor)
    response = client.post(url(planned, "workshop_cancel", workshop_pk=planned.start.pk))
    assert response.status_code == 302
    planned.start.refresh_from_db()
    assert planned.start.status == Workshop.Status.CANCELLED
    response = client.post(url(planned, "workshop_cancel", workshop_pk=planned.start.pk), follow=True)
    assert "already cancelled" in response.content.decode()
    assert client.get(url(planned, "workshop_cancel", workshop_pk=planned.start.pk)).status_code == 405


# --- Invitations and downloads --------------------------------------------------------------------------


def test_invite_one_session(client, planned, django_capture_on_commit_callbacks):
    login_verified(client, planned.editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(planned, "workshop_invite", workshop_pk=planned.start.pk), follow=True)
    html = response.content.decode()
    assert len(mail.outbox) == 2
    assert "Not invited (no e-mail): Carla Ohnemail" in html
    planned.start.refresh_from_db()
    assert planned.start.invitations_sent_at is not None


def test_invite_all_sessions(client, planned, django_capture_on_commit_callbacks):
    Workshop.objects.filter(pk=planned.workshops[2].pk).update(status=Workshop.Status.CANCELLED)
    login_verified(client, planned.editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(planned, "workshop_invite_all", pk=planned.process.pk))
    assert len(mail.outbox) == 4  # two members × two sessions (the cancelled one is left out)


def test_invite_without_addresses_shows_message(client, planned, django_capture_on_commit_callbacks):
    planned.process.members.update(email="")
    login_verified(client, planned.editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(planned, "workshop_invite_all", pk=planned.process.pk), follow=True)
    assert "Nobody in the working group has an e-mail address" in response.content.decode()
    assert mail.outbox == []


def test_ics_downloads(client, planned):
    login_verified(client, planned.statistics)
    response = client.get(url(planned, "workshop_ics", workshop_pk=planned.start.pk))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    response = client.get(url(planned, "workshop_plan_ics", pk=planned.process.pk))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 3
    assert "kompakt-oftringen-workshops.ics" in response["Content-Disposition"]
