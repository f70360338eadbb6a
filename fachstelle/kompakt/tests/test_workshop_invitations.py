"""Invitations to the sessions: the ICS (REQUEST/PUBLISH, UID, SEQUENCE, Europe/Zurich), the e-mails with
their attachment, members without e-mail, updates after a change, refusals; editing and cancelling."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from fachstelle.kompakt.models import Workshop
from fachstelle.kompakt.services.workshop_plan import ZURICH, workshop_plan_accept, workshop_plan_propose
from fachstelle.kompakt.services.workshops import (
    WorkshopDateConflict,
    workshop_cancel,
    workshop_invite,
    workshop_update,
)
from fachstelle.kompakt.tests.workshop_world import EARLIEST, TODAY, blocked, school_holiday, workshop_world
from fachstelle.kompakt.workshop_ics import workshop_calendar, workshop_uid

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english):
    world = workshop_world()
    proposal = workshop_plan_propose(
        process=world.process,
        earliest=EARLIEST,
        start_time=datetime.time(18, 0),
        start_time_long=datetime.time(13, 30),
        today=TODAY,
    )
    world.workshops = workshop_plan_accept(
        process=world.process, proposal=proposal, location="Gemeindehaus Oftringen", by=world.editor
    )
    world.start = world.workshops[0]
    return world


def events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, [c for c in calendar.walk() if c.name == "VEVENT"]


def update(workshop, by, **changes):
    fields = {
        "starts_at": workshop.starts_at,
        "duration_minutes": workshop.duration_minutes,
        "location": workshop.location,
        "agenda": workshop.agenda,
        "status": workshop.status,
    }
    fields.update(changes)
    return workshop_update(workshop=workshop, by=by, **fields)


# --- ICS ----------------------------------------------------------------------------------------------------


def test_ics_request_parses_with_uid_sequence_and_zurich_time(world):
    ics = workshop_calendar(workshops=[world.start], method="REQUEST", attendees=[("a@example.org", "A")])
    calendar, (vevent,) = events(ics)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/Zurich" for c in calendar.walk())
    assert str(vevent["UID"]) == workshop_uid(world.start)
    assert vevent["SEQUENCE"] == 0
    start = vevent.decoded("DTSTART")
    assert start == datetime.datetime(2027, 1, 12, 18, 0, tzinfo=ZURICH)
    assert vevent.decoded("DTEND") - start == datetime.timedelta(minutes=90)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert str(vevent["LOCATION"]) == "Gemeindehaus Oftringen"
    assert "Oftringen" in str(vevent["SUMMARY"])
    assert str(vevent["ATTENDEE"]) == "mailto:a@example.org"
    assert str(vevent["ORGANIZER"]) == f"mailto:{world.office.email}"


def test_sequence_bumps_on_date_or_place_change(world):
    moved = update(world.start, world.editor, starts_at=datetime.datetime(2027, 1, 13, 18, 0, tzinfo=ZURICH))
    assert moved.sequence == 1
    moved = update(moved, world.editor, location="Schulhaus Oberdorf")
    assert moved.sequence == 2
    moved = update(moved, world.editor, agenda="Nur die Traktanden geändert")
    assert moved.sequence == 2
    _calendar, (vevent,) = events(workshop_calendar(workshops=[moved]))
    assert vevent["SEQUENCE"] == 2 and str(vevent["UID"]) == workshop_uid(world.start)


def test_plan_ics_has_all_sessions_and_marks_cancelled(world):
    workshop_cancel(workshop=world.workshops[2], by=world.editor)
    world.workshops[2].refresh_from_db()
    calendar, vevents = events(workshop_calendar(workshops=world.workshops))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert len(vevents) == 3 and len({str(v["UID"]) for v in vevents}) == 3
    assert str(vevents[2]["STATUS"]) == "CANCELLED" and vevents[2]["SEQUENCE"] == 1


# --- E-mails ----------------------------------------------------------------------------------------------


def test_invitation_goes_to_members_with_email_with_ics(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = workshop_invite(process=world.process, workshops=[world.start], by=world.editor)
    assert [m.name for m in result.invited] == ["Anna Muster", "Beat Beispiel"]
    assert [m.name for m in result.without_email] == ["Carla Ohnemail"]
    assert sorted(message.to[0] for message in mail.outbox) == ["anna.muster@example.org", "beat@example.org"]
    message = mail.outbox[0]
    assert world.office.name in message.from_email
    assert message.reply_to == [world.office.email]
    assert "Gemeindehaus Oftringen" in message.body and "Oftringen" in message.subject
    assert "12.01.2027" in message.body  # the office's working language formats the date
    (part,) = message.attachments
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    calendar, (vevent,) = events(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST" and vevent["SEQUENCE"] == 0
    world.start.refresh_from_db()
    assert world.start.invitations_sent_at is not None
    assert world.workshops[1].invitations_sent_at is None


def test_resending_after_a_change_sends_the_update(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_invite(process=world.process, workshops=[world.start], by=world.editor)
    moved = update(world.start, world.editor, location="Schulhaus Oberdorf")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workshop_invite(process=world.process, workshops=[moved], by=world.editor)
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert "Schulhaus Oberdorf" in message.body
    _calendar, (vevent,) = events(message.attachments[0].get_payload(decode=True))
    assert vevent["SEQUENCE"] == 1 and str(vevent["LOCATION"]) == "Schulhaus Oberdorf"


def test_all_three_sessions_at_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_invite(process=world.process, workshops=world.workshops, by=world.editor)
    assert len(mail.outbox) == 6
    assert Workshop.objects.filter(process=world.process, invitations_sent_at__isnull=False).count() == 3


def test_nobody_with_email_is_refused(world, django_capture_on_commit_callbacks):
    world.process.members.update(email="")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as info:
        workshop_invite(process=world.process, workshops=[world.start], by=world.editor)
    assert "e-mail address" in info.value.messages[0]
    assert mail.outbox == []


def test_cancelled_session_cannot_be_invited_to(world, django_capture_on_commit_callbacks):
    workshop_cancel(workshop=world.start, by=world.editor)
    world.start.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        workshop_invite(process=world.process, workshops=[world.start], by=world.editor)
    assert mail.outbox == []


# --- Editing and cancelling -------------------------------------------------------------------------------


def test_conflicting_date_needs_confirmation(world):
    school_holiday("Sportferien", datetime.date(2027, 2, 1), datetime.date(2027, 2, 12))
    new = datetime.datetime(2027, 2, 2, 13, 30, tzinfo=ZURICH)
    with pytest.raises(WorkshopDateConflict) as info:
        update(world.workshops[1], world.editor, starts_at=new)
    assert info.value.reasons == ["Sportferien AG"]
    world.workshops[1].refresh_from_db()
    assert world.workshops[1].starts_at != new
    saved = update(world.workshops[1], world.editor, starts_at=new, confirm=True)
    assert saved.starts_at == new


def test_moving_the_last_session_moves_the_derived_due_date(world):
    update(world.workshops[2], world.editor, starts_at=datetime.datetime(2027, 2, 16, 13, 30, tzinfo=ZURICH))
    world.process.refresh_from_db()
    assert world.process.programme_due_on == datetime.date(2027, 3, 30)
    phase = world.process.phases.get(kind="workshops")
    assert phase.ends_on == datetime.date(2027, 2, 16)


def test_blocked_date_conflict_and_held_cannot_be_cancelled(world):
    blocked(world.process, datetime.date(2027, 1, 14), reason="Jugendfest")
    with pytest.raises(WorkshopDateConflict) as info:
        update(world.start, world.editor, starts_at=datetime.datetime(2027, 1, 14, 18, 0, tzinfo=ZURICH))
    assert info.value.reasons == ["blocked: Jugendfest"]
    held = update(world.start, world.editor, status=Workshop.Status.HELD)
    with pytest.raises(ValidationError):
        workshop_cancel(workshop=held, by=world.editor)
    held.refresh_from_db()
    assert held.status == Workshop.Status.HELD
