"""Services of the KOMPAKT process: start with six phases, one open process per municipality, status
changes, phase dates in order, working group without duplicates, blocked dates, school holidays, the loader
command and the demo."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt import demo_data
from fachstelle.kompakt.demo_process import load_process_demo
from fachstelle.kompakt.models import BlockedDate, Phase, Process, SchoolHoliday, WorkingGroupMember
from fachstelle.kompakt.school_holidays import CANTONS, SCHOOL_HOLIDAYS
from fachstelle.kompakt.selectors.processes import process_list_for_office
from fachstelle.kompakt.services.processes import (
    PhaseData,
    blocked_date_add,
    member_add,
    member_add_from_network,
    member_update,
    phases_update,
    process_create,
    process_update,
    school_holiday_save,
    school_holidays_load,
)
from fachstelle.kompakt.tests.process_world import process_world

pytestmark = pytest.mark.django_db
d = datetime.date.fromisoformat


@pytest.fixture
def world(english):
    return process_world()


def update_fields(process, **overrides):
    values = {
        "status": process.status,
        "lead": process.lead,
        "start_session_hours": process.start_session_hours,
        "session_hours": process.session_hours,
        "weeks_between_sessions": process.weeks_between_sessions,
        "programme_weeks_after_workshops": process.programme_weeks_after_workshops,
    }
    values.update(overrides)
    return values


# --- Processes -----------------------------------------------------------------------------------------


def test_create_makes_the_six_phases_in_order_and_audits(world):
    process = process_create(
        office=world.office, municipality=world.zofingen, lead=world.editor, by=world.editor
    )
    phases = list(process.phases.order_by("position"))
    assert [phase.kind for phase in phases] == Phase.ORDER
    assert len(Phase.ORDER) == 6
    assert all(phase.status == Phase.Status.OPEN and phase.starts_on is None for phase in phases)
    assert process.status == Process.Status.PLANNED
    event = AuditEvent.objects.get(target_type="kompakt.process", target_id=process.pk)
    assert event.action == "create" and event.actor == world.editor and event.office == world.office


def test_second_open_process_for_a_municipality_is_refused(world):
    with pytest.raises(ValidationError) as error:
        process_create(office=world.office, municipality=world.oftringen, by=world.editor)
    assert "already has an open KOMPAKT process" in str(error.value.message_dict["municipality"])
    assert Process.objects.filter(office=world.office, municipality=world.oftringen).count() == 1


def test_after_cancelling_a_new_process_can_start(world):
    process_update(process=world.process, by=world.editor, **update_fields(world.process, status="cancelled"))
    again = process_create(office=world.office, municipality=world.oftringen, by=world.editor)
    assert again.pk != world.process.pk and again.phases.count() == 6


def test_municipality_not_served_and_foreign_lead_are_refused(world):
    with pytest.raises(ValidationError) as error:
        process_create(office=world.office, municipality=world.allschwil, by=world.editor)
    assert "municipality" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        process_create(office=world.office, municipality=world.zofingen, lead=world.foreign_editor, by=None)
    assert "lead" in error.value.message_dict
    assert not Process.objects.filter(municipality=world.zofingen).exists()


def test_reopening_a_cancelled_process_while_another_is_open_is_refused(world):
    process_update(process=world.process, by=world.editor, **update_fields(world.process, status="cancelled"))
    newer = process_create(office=world.office, municipality=world.oftringen, by=world.editor)
    old = Process.objects.get(pk=world.process.pk)
    with pytest.raises(ValidationError) as error:
        process_update(process=old, by=world.editor, **update_fields(old, status="active"))
    assert "Another KOMPAKT process of this municipality is open" in str(error.value.message_dict["status"])
    assert Process.objects.get(pk=old.pk).status == "cancelled"
    # Once the newer one is completed, the old one may be re-opened.
    process_update(process=newer, by=world.editor, **update_fields(newer, status="completed"))
    process_update(process=old, by=world.editor, **update_fields(old, status="active"))
    assert Process.objects.get(pk=old.pk).status == "active"


def test_update_saves_rhythm_and_audits_changed_fields(world):
    process_update(
        process=world.process,
        by=world.admin,
        **update_fields(world.process, status="active", session_hours=Decimal("3.5"), notes="Fokus Arbeit"),
    )
    process = Process.objects.get(pk=world.process.pk)
    assert (
        process.status == "active"
        and process.session_hours == Decimal("3.5")
        and process.notes == "Fokus Arbeit"
    )
    event = AuditEvent.objects.filter(target_type="kompakt.process", action="update").get()
    assert "status" in event.detail and "session_hours" in event.detail


# --- Phases --------------------------------------------------------------------------------------------


def phase_rows(**dates):
    rows = []
    for kind in Phase.ORDER:
        starts_on, ends_on = dates.get(kind, (None, None))
        rows.append(PhaseData(kind=kind, starts_on=starts_on, ends_on=ends_on, status="open"))
    return rows


def test_phases_are_saved(world):
    rows = phase_rows(
        planning=(d("2026-10-20"), d("2026-10-20")), preparation=(d("2026-11-02"), d("2027-02-26"))
    )
    rows[0].status = "done"
    phases_update(process=world.process, rows=rows, by=world.editor)
    planning = world.process.phases.get(kind="planning")
    assert planning.status == "done" and planning.starts_on == d("2026-10-20")
    assert world.process.phases.get(kind="preparation").ends_on == d("2027-02-26")


def test_phase_ending_before_it_starts_is_refused(world):
    rows = phase_rows(planning=(d("2026-10-20"), d("2026-10-19")))
    with pytest.raises(ValidationError) as error:
        phases_update(process=world.process, rows=rows, by=world.editor)
    assert error.value.message_dict == {"planning-ends_on": ["The phase cannot end before it starts."]}
    assert world.process.phases.get(kind="planning").starts_on is None  # nothing saved


def test_phase_starting_before_the_previous_one_is_refused(world):
    rows = phase_rows(planning=(d("2026-10-20"), None), workshops=(d("2026-10-01"), None))
    with pytest.raises(ValidationError) as error:
        phases_update(process=world.process, rows=rows, by=world.editor)
    message = error.value.message_dict["workshops-starts_on"][0]
    assert "cannot start before the previous phase (Planning meeting, 20.10.2026)" in message
    # Equal start dates are fine.
    phases_update(
        process=world.process,
        rows=phase_rows(planning=(d("2026-10-20"), None), workshops=(d("2026-10-20"), None)),
        by=None,
    )


# --- Working group -------------------------------------------------------------------------------------


def test_member_from_the_network_copies_the_contact(world):
    member = member_add_from_network(process=world.process, by=world.editor, contact=world.teacher)
    assert (member.name, member.organisation_name, member.email) == (
        "Daniela Bühler",
        "Schule Oftringen",
        "d.buehler@schule.example.ch",
    )
    assert member.department == "Schulleitung" and member.contact == world.teacher
    assert AuditEvent.objects.filter(target_type="kompakt.workinggroupmember", action="create").count() == 1


def test_the_same_contact_twice_is_refused(world):
    member_add_from_network(process=world.process, by=world.editor, contact=world.teacher)
    with pytest.raises(ValidationError) as error:
        member_add_from_network(process=world.process, by=world.editor, contact=world.teacher)
    assert "already a member" in str(error.value.message_dict["person"])
    member_add_from_network(process=world.process, by=world.editor, key_person=world.key_person)
    with pytest.raises(ValidationError):
        member_add_from_network(process=world.process, by=world.editor, key_person=world.key_person)
    assert world.process.members.count() == 2


def test_other_offices_network_is_refused(world):
    for kwargs in ({"contact": world.foreign_contact}, {"key_person": world.foreign_key_person}, {}):
        with pytest.raises(ValidationError):
            member_add_from_network(process=world.process, by=world.editor, **kwargs)
    assert not world.process.members.exists()


def test_member_by_hand_and_duplicate_email(world):
    member_add(process=world.process, by=world.editor, name="Barbara Lüscher", email="b@oftringen.example.ch")
    with pytest.raises(ValidationError) as error:
        member_add(process=world.process, by=world.editor, name="B. Lüscher", email="B@Oftringen.example.ch")
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        member_add(process=world.process, by=world.editor, name="  ")
    assert "name" in error.value.message_dict
    assert world.process.members.count() == 1


def test_member_update_keeps_own_email(world):
    member = member_add(process=world.process, by=None, name="Marco Hunziker", email="m@example.ch")
    member_update(
        member=member,
        by=world.editor,
        name="Marco Hunziker",
        department="Einwohnerkontrolle",
        email="m@example.ch",
    )
    assert WorkingGroupMember.objects.get(pk=member.pk).department == "Einwohnerkontrolle"


# --- Blocked dates and school holidays -----------------------------------------------------------------


def test_blocked_date_single_day_and_bad_period(world):
    blocked = blocked_date_add(
        process=world.process, starts_on=d("2027-03-11"), reason="Klausur", by=world.editor
    )
    assert blocked.ends_on == d("2027-03-11")
    with pytest.raises(ValidationError) as error:
        blocked_date_add(process=world.process, starts_on=d("2027-03-11"), ends_on=d("2027-03-10"), by=None)
    assert "ends_on" in error.value.message_dict
    assert BlockedDate.objects.count() == 1


def test_school_holiday_clash_and_bad_period(world):
    school_holiday_save(
        canton="AG", name="Herbstferien", starts_on=d("2026-09-28"), ends_on=d("2026-10-09"), by=None
    )
    with pytest.raises(ValidationError) as error:
        school_holiday_save(
            canton="AG", name="Doppelt", starts_on=d("2026-09-28"), ends_on=d("2026-10-02"), by=None
        )
    assert "starts_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        school_holiday_save(
            canton="AG", name="Falsch", starts_on=d("2026-10-28"), ends_on=d("2026-10-02"), by=None
        )
    assert "ends_on" in error.value.message_dict
    # Same day in another canton is fine.
    school_holiday_save(
        canton="ZH", name="Herbstferien", starts_on=d("2026-09-28"), ends_on=d("2026-10-09"), by=None
    )
    assert SchoolHoliday.objects.count() == 2


def test_seed_holidays_are_plausible():
    for canton, name, starts_on, ends_on in SCHOOL_HOLIDAYS:
        assert canton in CANTONS and name
        assert starts_on <= ends_on and (ends_on - starts_on).days <= 50
        assert starts_on.year in (2026, 2027, 2028)
    summer_ag = [s for c, n, s, _e in SCHOOL_HOLIDAYS if c == "AG" and n == "Sommerferien"]
    assert all(s.month == 7 and s.day <= 10 for s in summer_ag)
    keys = [(c, s) for c, _n, s, _e in SCHOOL_HOLIDAYS]
    assert len(keys) == len(set(keys)) == 4 * 3 * 5


def test_loader_command_is_idempotent_and_updates():
    call_command("load_school_holidays", stdout=None)
    assert SchoolHoliday.objects.count() == 60
    holiday = SchoolHoliday.objects.get(canton="AG", starts_on=d("2026-07-06"))
    holiday.ends_on = d("2026-07-31")
    holiday.save()
    result = school_holidays_load()
    assert (result.created, result.updated, result.unchanged) == (0, 1, 59)
    assert SchoolHoliday.objects.get(pk=holiday.pk).ends_on == d("2026-08-07")
    call_command("load_school_holidays")
    assert SchoolHoliday.objects.count() == 60


def test_list_selector_shows_current_phase_and_members(world):
    phases_update(
        process=world.process,
        rows=[
            PhaseData(kind="planning", starts_on=d("2026-10-20"), ends_on=None, status="done"),
            PhaseData(kind="preparation", starts_on=d("2026-11-02"), ends_on=None, status="in_progress"),
        ],
        by=None,
    )
    member_add(process=world.process, by=None, name="Eine Person")
    (row,) = process_list_for_office(office=world.office)
    assert row.current_phase.kind == "preparation" and row.member_count == 1 and row.next_workshop_at is None
    assert process_list_for_office(office=world.office, status="completed") == []


# --- Demo ----------------------------------------------------------------------------------------------


def test_demo_loads_once():
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(slug=demo_data.OFFICE_SLUG, canton="AG", municipalities=[oftringen])
    counsellor = MembershipFactory(office=office, role="counsellor").user
    MembershipFactory(office=office, role="statistics")
    result = load_process_demo()
    process = Process.objects.get(office=office, municipality=oftringen)
    assert process.status == "active" and process.lead == counsellor
    assert process.phases.get(kind="planning").status == "done"
    assert process.phases.get(kind="workshops").status == "done"
    assert process.phases.get(kind="programme").status == "in_progress"
    assert process.members.count() == 10 and process.blocked_dates.count() == 2
    assert result.created["working_group_members"] == 10 and result.created["school_holidays"] == 60
    again = load_process_demo()
    assert not again.created
    assert again.existing["kompakt_processes"] == 1 and again.existing["working_group_members"] == 10
    assert Process.objects.count() == 1 and WorkingGroupMember.objects.count() == 10


def test_demo_dates_a_process_created_by_another_demo():
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    office = OfficeFactory(slug=demo_data.OFFICE_SLUG, municipalities=[oftringen])
    Process.objects.create(office=office, municipality=oftringen, status="active")
    load_process_demo()
    process = Process.objects.get()
    assert process.phases.count() == 6 and process.phases.get(kind="workshops").starts_on == d("2026-08-18")


def test_demo_without_the_office_loads_only_holidays():
    result = load_process_demo()
    assert not Process.objects.exists() and result.created["school_holidays"] == 60
