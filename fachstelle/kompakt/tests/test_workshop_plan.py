"""The workshop plan generator and accepting its proposal: rhythm, holidays, blocked dates, public holidays,
reasons, due date, the one-year limit, atomic replacement and the protection of held sessions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from fachstelle.core.models import AuditEvent
from fachstelle.kompakt.models import Phase, Workshop
from fachstelle.kompakt.services.workshop_plan import (
    WorkshopPlanError,
    easter_sunday,
    public_holidays,
    workshop_plan_accept,
    workshop_plan_propose,
)
from fachstelle.kompakt.tests.workshop_world import EARLIEST, TODAY, blocked, school_holiday, workshop_world

pytestmark = pytest.mark.django_db

D = datetime.date
EVENING = datetime.time(18, 0)
AFTERNOON = datetime.time(13, 30)


@pytest.fixture
def world(english):
    return workshop_world()


def propose(world, **kwargs):
    params = {
        "process": world.process,
        "earliest": EARLIEST,
        "start_time": EVENING,
        "start_time_long": AFTERNOON,
        "today": TODAY,
    }
    params.update(kwargs)
    return workshop_plan_propose(**params)


# --- Public holidays ----------------------------------------------------------------------------------------


def test_easter_and_the_holidays_that_depend_on_it():
    assert [easter_sunday(year) for year in (2024, 2025, 2026, 2027)] == [
        D(2024, 3, 31),
        D(2025, 4, 20),
        D(2026, 4, 5),
        D(2027, 3, 28),
    ]
    ch = public_holidays(2027, "CH")
    assert {D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 6), D(2027, 5, 17)} <= set(
        ch
    )  # Good Friday … Whit Monday
    assert D(2027, 1, 2) in ch and D(2027, 8, 1) in ch and D(2027, 5, 1) not in ch
    de = public_holidays(2027, "DE")
    assert D(2027, 5, 1) in de and D(2027, 10, 3) in de and D(2027, 8, 1) not in de
    assert D(2027, 12, 25) in de and D(2027, 12, 26) in ch


# --- Proposals ----------------------------------------------------------------------------------------------


def test_plain_proposal_two_weeks_apart_and_due_six_weeks_after(world):
    proposal = propose(world)
    assert [s.kind for s in proposal.sessions] == ["start", "first", "second"]
    assert proposal.days == [D(2027, 1, 12), D(2027, 1, 26), D(2027, 2, 9)]
    assert [s.duration_minutes for s in proposal.sessions] == [90, 240, 240]
    assert proposal.sessions[0].starts_at.hour == 18 and proposal.sessions[1].starts_at.hour == 13
    assert str(proposal.sessions[0].starts_at.tzinfo) == "Europe/Zurich"
    assert proposal.programme_due_on == D(2027, 3, 23)
    assert proposal.warnings == []
    assert all(not s.reasons for s in proposal.sessions)


def test_process_rhythm_is_used(world):
    world.process.weeks_between_sessions = 3
    world.process.programme_weeks_after_workshops = 4
    world.process.session_hours = 3
    proposal = propose(world)
    assert proposal.days == [D(2027, 1, 12), D(2027, 2, 2), D(2027, 2, 23)]
    assert proposal.programme_due_on == D(2027, 3, 23)
    assert proposal.sessions[1].duration_minutes == 180


def test_blocked_day_moves_a_session_and_says_why(world):
    blocked(world.process, D(2027, 1, 26), reason="Gemeindeversammlung")
    proposal = propose(world)
    assert proposal.days == [D(2027, 1, 12), D(2027, 1, 27), D(2027, 2, 10)]
    assert any("blocked: Gemeindeversammlung" in reason for reason in proposal.sessions[1].reasons)


def test_school_holidays_of_the_canton_are_skipped_with_reason(world):
    school_holiday("Skiferien", D(2027, 1, 11), D(2027, 1, 15))
    school_holiday("Sportferien", D(2027, 1, 18), D(2027, 1, 22), canton="ZH")  # another canton: ignored
    proposal = propose(world)
    assert proposal.days[0] == D(2027, 1, 19)
    reasons = proposal.sessions[0].reasons
    assert len(reasons) == 1 and "Skiferien AG" in reasons[0]
    assert "01/12/2027" in reasons[0] and "01/14/2027" in reasons[0]  # grouped as one span


def test_public_holiday_is_skipped(world):
    proposal = propose(world, earliest=D(2027, 5, 6), weekdays={3})  # Ascension Day is a Thursday
    assert proposal.days == [D(2027, 5, 13), D(2027, 5, 27), D(2027, 6, 10)]
    assert any("public holiday: Ascension Day" in reason for reason in proposal.sessions[0].reasons)


def test_a_blocked_window_restarts_the_series(world):
    """No free day within ±3 days of the first workshop's ideal date: the whole series starts later."""
    school_holiday("Skiferien", D(2027, 1, 25), D(2027, 1, 29))
    proposal = propose(world)
    assert proposal.days == [D(2027, 1, 19), D(2027, 2, 2), D(2027, 2, 16)]
    notes = proposal.sessions[0].reasons
    assert any("01/12/2027 not chosen" in note and "Skiferien AG" in note for note in notes)


def test_weekdays_are_respected(world):
    proposal = propose(world, weekdays={0, 4})
    assert all(day.weekday() in (0, 4) for day in proposal.days)


def test_short_notice_warns(world):
    proposal = propose(world, earliest=TODAY + datetime.timedelta(weeks=3))
    assert len(proposal.warnings) == 1 and "several months in advance" in proposal.warnings[0]


def test_no_date_within_a_year_is_an_error_not_a_loop(world):
    blocked(world.process, D(2027, 1, 1), D(2028, 6, 30), reason="Umbau")
    with pytest.raises(WorkshopPlanError) as info:
        propose(world)
    assert "within a year" in info.value.messages[0]


def test_no_weekday_is_an_error(world):
    with pytest.raises(WorkshopPlanError):
        propose(world, weekdays=set())


# --- Accepting ------------------------------------------------------------------------------------------


def test_accept_creates_sessions_due_date_and_phases(world):
    proposal = propose(world)
    saved = workshop_plan_accept(
        process=world.process, proposal=proposal, location="Gemeindehaus", by=world.editor
    )
    assert [w.kind for w in saved] == ["start", "first", "second"]
    workshops = list(world.process.workshops.order_by("starts_at"))
    assert [w.location for w in workshops] == ["Gemeindehaus"] * 3
    assert all(w.status == Workshop.Status.PROPOSED and w.agenda for w in workshops)
    world.process.refresh_from_db()
    assert world.process.programme_due_on == D(2027, 3, 23)
    phases = {p.kind: p for p in Phase.objects.filter(process=world.process)}
    assert (phases["workshops"].starts_on, phases["workshops"].ends_on) == (D(2027, 1, 12), D(2027, 2, 9))
    assert (phases["programme"].starts_on, phases["programme"].ends_on) == (D(2027, 2, 10), D(2027, 3, 23))
    assert AuditEvent.objects.filter(office=world.office, target_id=world.process.pk).exists()


def test_accept_again_moves_the_same_rows_and_bumps_sequence(world):
    first = workshop_plan_accept(
        process=world.process, proposal=propose(world), location="A", by=world.editor
    )
    later = propose(world, earliest=D(2027, 3, 2))
    second = workshop_plan_accept(process=world.process, proposal=later, location="A", by=world.editor)
    assert [w.pk for w in first] == [w.pk for w in second]
    assert world.process.workshops.count() == 3
    assert all(w.sequence == 1 for w in world.process.workshops.all())
    # Same plan again: nothing moved, the sequence stays.
    workshop_plan_accept(process=world.process, proposal=later, location="A", by=world.editor)
    assert all(w.sequence == 1 for w in world.process.workshops.all())


def test_held_sessions_are_never_replaced(world):
    workshop_plan_accept(process=world.process, proposal=propose(world), location="A", by=world.editor)
    world.process.workshops.filter(kind="start").update(status=Workshop.Status.HELD)
    before = list(world.process.workshops.order_by("pk").values_list("starts_at", "location", "sequence"))
    with pytest.raises(ValidationError) as info:
        workshop_plan_accept(
            process=world.process,
            proposal=propose(world, earliest=D(2027, 4, 6)),
            location="B",
            by=world.editor,
        )
    assert "already been held" in info.value.messages[0]
    assert (
        list(world.process.workshops.order_by("pk").values_list("starts_at", "location", "sequence"))
        == before
    )
    world.process.refresh_from_db()
    assert world.process.programme_due_on == D(2027, 3, 23)


def test_accept_rechecks_the_dates(world):
    proposal = propose(world)
    blocked(world.process, D(2027, 1, 26), reason="Gemeindeversammlung")  # added after the proposal
    with pytest.raises(ValidationError) as info:
        workshop_plan_accept(process=world.process, proposal=proposal, location="A", by=world.editor)
    assert "no longer possible" in info.value.messages[0]
    assert not world.process.workshops.exists()


def test_accept_refuses_a_too_long_place(world):
    with pytest.raises(ValidationError):
        workshop_plan_accept(
            process=world.process, proposal=propose(world), location="x" * 201, by=world.editor
        )
    assert not world.process.workshops.exists()
