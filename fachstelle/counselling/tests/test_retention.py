"""Retention: `anonymise_closed_cases` anonymises closed cases past the office's retention period (and then
their persons), keeps the statistics, reports what it did, and changes nothing in a dry run."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from fachstelle.core.models import AuditEvent
from fachstelle.counselling.models import (
    Case,
    Client,
    ClientLanguage,
    CounsellingSession,
    CounsellingSettings,
    Intake,
    IntakeGoal,
    PlanGoal,
    Qualification,
    Referral,
)

from .factories import CaseFactory, counselling_world
from .protection_fixtures import MARK, NAME, full_client, raw_plaintext_dump

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    return counselling_world()


def run(*args) -> str:
    out = StringIO()
    call_command("anonymise_closed_cases", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_the_case_and_changes_nothing(world):
    client, old = full_client(world, closed_days_ago=800)
    events_before = AuditEvent.objects.count()

    output = run("--dry-run")

    assert old.reference in output
    assert client.reference in output
    assert "would anonymise 1 case(s), 1 person(s)" in output
    assert "Dry run" in output
    old.refresh_from_db()
    client.refresh_from_db()
    assert old.anonymised_at is None and old.summary == f"{MARK} Fallzusammenfassung"
    assert client.anonymised_at is None and client.name == NAME
    assert AuditEvent.objects.count() == events_before


def test_run_anonymises_old_closed_case_and_keeps_statistics(world):
    client, old = full_client(world, closed_days_ago=800)
    _, recent = full_client(world, name="Recent Person", closed_days_ago=30)
    _, open_case = full_client(world, name="Open Person", closed_days_ago=None)
    closed_on, opened_on = old.closed_on, old.opened_on
    assert raw_plaintext_dump().count(MARK) == 3 * 15  # fifteen marked texts per person

    output = run()

    assert f"cases: {old.reference}" in output
    assert "anonymised 1 case(s), 1 person(s)" in output
    old.refresh_from_db()
    client.refresh_from_db()
    assert old.anonymised_at is not None and old.summary == ""
    assert client.anonymised_at is not None
    assert client.name == "anonymisiert"
    assert (client.phone, client.email, client.address) == ("", "", "")
    assert (client.name_fingerprint, client.name_tokens) == ("", "")
    # Statistics survive: dates, topics, municipality, languages, goals, education, permit, origin…
    assert (old.opened_on, old.closed_on, old.status) == (opened_on, closed_on, Case.Status.CLOSED)
    assert set(old.topics.values_list("slug", flat=True)) == {"arbeit", "gesundheit"}
    assert old.municipality.name == "Rothrist"
    assert client.year_of_birth == 1990  # coarsened to the five-year band
    assert client.arrival_date == datetime.date(2019, 1, 1)
    assert (client.gender, client.country_of_origin, client.permit_category) == ("female", "ER", "F")
    assert client.municipality.name == "Rothrist"
    assert (client.household_adults, client.household_children) == (2, 3)
    assert set(ClientLanguage.objects.filter(client=client).values_list("level", flat=True)) == {
        "native",
        "A2",
    }
    intake = Intake.objects.get(client=client)
    assert (intake.education, intake.school_years, intake.needs_interpreter) == ("vocational", 9, True)
    assert set(IntakeGoal.objects.filter(intake=intake).values_list("category", flat=True)) == {
        "work",
        "language",
    }
    assert Qualification.objects.get(client=client).country == "ER"
    assert PlanGoal.objects.get(plan__client=client).progress == 40
    session = CounsellingSession.objects.get(case=old)
    assert (session.duration_minutes, session.notes) == (50, "")
    referral = Referral.objects.get(case=old)
    assert (referral.status, referral.outcome, referral.note) == ("done", "success", "")
    # Raw SQL, decrypted: not a trace of the old case's or person's text; the others untouched.
    dump = raw_plaintext_dump()
    assert NAME not in dump
    assert "selam@example.org" not in dump and "+41 79 025" not in dump
    assert dump.count(MARK) == 2 * 15  # the two other persons' texts, nothing of the first
    recent.refresh_from_db()
    open_case.refresh_from_db()
    assert recent.anonymised_at is None and recent.summary.startswith(MARK)
    assert open_case.anonymised_at is None and open_case.client.name == "Open Person"
    # The audit entry names the reference and the reason only.
    entry = AuditEvent.objects.get(action="anonymise", target_type="counselling.case", target_id=old.pk)
    assert entry.target_ref == old.reference
    assert entry.detail == "retention period expired"
    assert entry.actor is None


def test_office_retention_setting_is_used_and_run_is_idempotent(world):
    CounsellingSettings.objects.create(office=world.office, retention_months=6)
    _client, case = full_client(world, closed_days_ago=250)  # past 6 months, within 24

    first = run()
    second = run()

    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert "retention 6 months" in first
    assert "anonymised 0 case(s), 0 person(s)" in second
    assert AuditEvent.objects.filter(action="anonymise", target_type="counselling.case").count() == 1


def test_person_with_another_open_case_is_kept(world):
    client, old = full_client(world, closed_days_ago=800)
    CaseFactory(office=world.office, client=client, counsellor=world.counsellor)

    run()

    old.refresh_from_db()
    client.refresh_from_db()
    assert old.anonymised_at is not None
    assert client.anonymised_at is None and client.name == NAME


def test_other_office_untouched_and_office_option(world):
    _, ours = full_client(world, closed_days_ago=800)
    foreign = CaseFactory(
        office=world.other_office,
        counsellor=world.foreign_counsellor,
        opened_on=datetime.date(2020, 1, 1),
        status=Case.Status.CLOSED,
        closed_on=datetime.date(2020, 6, 1),
    )

    output = run("--office", world.office.slug)

    ours.refresh_from_db()
    foreign.refresh_from_db()
    assert ours.anonymised_at is not None
    assert foreign.anonymised_at is None
    assert "Allschwil" not in output


def test_anonymous_case_without_person(world):
    case = CaseFactory(
        office=world.office,
        client=None,
        counsellor=world.counsellor,
        opened_on=datetime.date(2020, 1, 1),
        status=Case.Status.CLOSED,
        closed_on=datetime.date(2020, 6, 1),
        summary="notiz",
    )

    run()

    case.refresh_from_db()
    assert case.anonymised_at is not None and case.summary == ""
    assert Client.objects.filter(anonymised_at__isnull=False).count() == 0
