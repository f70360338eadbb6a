"""`manage.py generate_bench_counselling` with tiny numbers: the requested counts, consistent rows."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from fachstelle.core.models import Membership
from fachstelle.counselling.bench import bench_counselling_offices
from fachstelle.counselling.models import (
    Case,
    Client,
    ClientLanguage,
    CounsellingSession,
    FollowUp,
    Intake,
    InterpreterBooking,
    Referral,
    ShortConsultation,
)

pytestmark = pytest.mark.django_db

SMALL = ["--cases", "60", "--sessions", "400", "--counsellors", "6", "--referrals", "25"]
SMALL += ["--short-consultations", "30", "--bookings", "12"]


def _generate(*extra):
    out = io.StringIO()
    call_command("generate_bench_counselling", *SMALL, *extra, stdout=out)
    return out.getvalue()


def test_creates_exactly_the_requested_counts_in_three_bench_offices():
    _generate()
    offices = bench_counselling_offices()
    assert offices.count() == 3
    assert Case.objects.count() == 60
    assert CounsellingSession.objects.count() == 400
    assert Referral.objects.count() == 25
    assert ShortConsultation.objects.count() == 30
    assert InterpreterBooking.objects.count() == 12
    # 100 counsellors per office in the real run; here 6 → 2 per office, plus one admin each.
    roles = Membership.objects.filter(office__in=offices).values("office", "role").annotate(n=Count("id"))
    assert sorted((row["role"], row["n"]) for row in roles) == [("admin", 1)] * 3 + [("counsellor", 2)] * 3
    # About 70 % of the cases have a client, each with an intake and German among its languages.
    with_client = Case.objects.filter(client__isnull=False).count()
    assert 25 <= with_client <= 55
    assert Client.objects.count() == Intake.objects.count() == with_client
    assert ClientLanguage.objects.filter(language__code="de").count() == with_client


def test_rows_are_consistent():
    _generate()
    today = timezone.localdate()
    sessions = CounsellingSession.objects
    assert not sessions.filter(held_on__lt=F("case__opened_on")).exists()
    assert not sessions.filter(held_on__gt=F("case__closed_on")).exists()
    assert not sessions.filter(held_on__gt=today).exists()
    assert not Case.objects.annotate(n=Count("sessions")).filter(n=0).exists()
    assert not Case.objects.filter(status="closed", closed_on__isnull=True).exists()
    assert not Case.objects.exclude(status="closed").filter(closed_on__isnull=False).exists()
    assert not Case.objects.filter(closed_on__lt=F("opened_on")).exists()
    assert not Case.objects.annotate(n=Count("topics")).filter(n=0).exists()
    assert not Case.objects.exclude(client__isnull=True).exclude(client__office=F("office")).exists()
    assert not Case.objects.exclude(counsellor__memberships__office=F("office")).exists()
    assert not FollowUp.objects.filter(case__status="closed").exists()
    assert not InterpreterBooking.objects.exclude(case__office=F("office")).exists()
    # Encrypted columns read back through the ORM (encrypted with the configured keys).
    client = Client.objects.first()
    assert client.name and " " in client.name
    assert CounsellingSession.objects.exclude(notes="").count() < 400
    # The sequences continue after the generated ids: an ORM insert does not collide.
    case = Case.objects.first()
    CounsellingSession.objects.create(case=case, held_on=case.opened_on, duration_minutes=30)


def test_refuses_a_second_run_and_replaces_the_data_with_reset():
    _generate()
    with pytest.raises(CommandError, match="exists already"):
        _generate()
    output = _generate("--reset")
    assert "Deleted 60 bench cases" in output
    assert Case.objects.count() == 60 and CounsellingSession.objects.count() == 400
    call_command("generate_bench_counselling", "--delete", stdout=io.StringIO())
    assert (
        not Case.objects.exists() and not Client.objects.exists() and not ShortConsultation.objects.exists()
    )


def test_rejects_fewer_sessions_than_cases():
    with pytest.raises(CommandError, match="--sessions"):
        call_command("generate_bench_counselling", "--cases", "10", "--sessions", "5", stdout=io.StringIO())


def test_bench_session_refuses_without_the_flag_and_gives_a_verified_session():
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    _generate()
    with pytest.raises(CommandError, match="i-know-this-is-a-benchmark"):
        call_command("bench_session", "bench-1-counsellor-001", stdout=io.StringIO())
    out = io.StringIO()
    call_command("bench_session", "bench-1-counsellor-001", "--i-know-this-is-a-benchmark", stdout=out)
    session = SessionStore(session_key=out.getvalue().strip())
    user = Membership.objects.get(user__username="bench-1-counsellor-001").user
    assert session["_auth_user_id"] == str(user.pk)
    assert session[DEVICE_ID_SESSION_KEY].endswith(f"/{user.totpdevice_set.get(confirmed=True).pk}")
