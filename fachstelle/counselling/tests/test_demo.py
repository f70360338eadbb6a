"""The counselling demo of `make run`: idempotent, right roles, every record inside its own office."""

import datetime

import pytest
from django.db.models import F, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.crypto import search_term_tokens
from fachstelle.core.models import Membership, Office, User
from fachstelle.counselling.access import cases_visible_to, clients_visible_to
from fachstelle.counselling.demo import DEMO_TOTP_KEY, load_counselling_demo
from fachstelle.counselling.models import (
    Case,
    Client,
    ClientLanguage,
    Consent,
    CounsellingSession,
    CounsellingSettings,
    FollowUp,
    Intake,
    Interpreter,
    InterpreterBooking,
    Qualification,
    Referral,
    ShortConsultation,
)
from fachstelle.offers.demo.loader import demo_data_load

pytestmark = pytest.mark.django_db

COUNTED = [
    Client,
    Intake,
    ClientLanguage,
    Qualification,
    Consent,
    Case,
    CounsellingSession,
    Referral,
    FollowUp,
    ShortConsultation,
    Interpreter,
    InterpreterBooking,
    CounsellingSettings,
    Membership,
    TOTPDevice,
]


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo():
    demo_data_load()
    return load_counselling_demo()


def test_a_second_load_creates_nothing_and_changes_no_count(demo):
    before = _counts()
    again = load_counselling_demo()
    assert _counts() == before
    assert sum(again.created.values()) == 0
    assert again.existing["offices_with_cases"] == 3
    assert before["Client"] >= 90 and before["Case"] >= 100 and before["CounsellingSession"] >= 200
    assert before["ShortConsultation"] == 150 + 150 + 60


def test_demo_staff_have_their_roles_and_a_documented_second_factor(demo):
    roles = dict(
        Membership.objects.filter(user__username__in=[
            "zofingen-beratung", "zofingen-beratung2", "allschwil-beratung", "loerrach-beratung",
            "zofingen-statistik", "zofingen-admin", "allschwil-admin", "loerrach-admin",
        ]).values_list("user__username", "role")
    )  # fmt: skip
    assert roles == {
        "zofingen-beratung": "counsellor",
        "zofingen-beratung2": "counsellor",
        "allschwil-beratung": "counsellor",
        "loerrach-beratung": "counsellor",
        "zofingen-statistik": "statistics",
        "zofingen-admin": "admin",
        "allschwil-admin": "admin",
        "loerrach-admin": "admin",
    }
    # Only one membership each: a demo counsellor is nobody's admin elsewhere.
    assert Membership.objects.filter(user__username="zofingen-beratung").count() == 1
    for username in ("zofingen-beratung", "allschwil-admin", "admin"):
        device = TOTPDevice.objects.get(user__username=username)
        assert device.confirmed and device.key == DEMO_TOTP_KEY
    # Editors and statistics users see no personal data: no second factor forced on them.
    assert not TOTPDevice.objects.filter(
        user__username__in=["zofingen-statistik", "zofingen-editor"]
    ).exists()
    settings = {s.office.slug: s for s in CounsellingSettings.objects.select_related("office")}
    assert "IDAG" in settings["region-zofingen"].intake_notice
    assert "IDG" in settings["allschwil"].intake_notice
    assert "DSGVO" in settings["loerrach"].intake_notice
    assert ["P24", "Vorübergehender Schutz (§ 24 AufenthG)"] in settings["loerrach"].permit_categories


def test_no_demo_record_reaches_into_another_office(demo):
    zofingen = Office.objects.get(slug="region-zofingen")
    allschwil_counsellor = User.objects.get(username="allschwil-beratung")
    allschwil_admin = User.objects.get(username="allschwil-admin")
    for user in (allschwil_counsellor, allschwil_admin):
        assert not cases_visible_to(user=user, office=zofingen).exists()
        assert not clients_visible_to(user=user, office=zofingen).exists()
    # Zofingen's counsellor sees her cases and those shared with her, not her colleague's others.
    counsellor = User.objects.get(username="zofingen-beratung")
    visible = cases_visible_to(user=counsellor, office=zofingen)
    assert visible.exists()
    assert visible.count() < Case.objects.filter(office=zofingen).count()
    # Every link stays inside the office.
    assert not Case.objects.exclude(client__isnull=True).exclude(client__office=F("office")).exists()
    assert not Case.objects.exclude(counsellor__memberships__office=F("office")).exists()
    assert not Referral.objects.exclude(offer__office=F("case__office")).exists()
    assert (
        not InterpreterBooking.objects.exclude(interpreter__isnull=True)
        .exclude(interpreter__office=F("office"))
        .exists()
    )
    assert not InterpreterBooking.objects.exclude(case__office=F("office")).exists()
    assert not Client.objects.exclude(municipality__offices=F("office")).exists()


def test_demo_data_is_consistent_and_gives_every_feature_something_to_show(demo):
    today = timezone.localdate()
    assert not CounsellingSession.objects.filter(held_on__lt=F("case__opened_on")).exists()
    assert not CounsellingSession.objects.filter(held_on__gt=today).exists()
    assert not CounsellingSession.objects.filter(held_on__gt=F("case__closed_on")).exists()
    assert not Case.objects.filter(Q(status="closed") & Q(closed_on__isnull=True)).exists()
    # The retention command has old closed cases to anonymise in every office.
    two_years_ago = today - datetime.timedelta(days=731)
    for slug in ("region-zofingen", "allschwil", "loerrach"):
        assert Case.objects.filter(office__slug=slug, status="closed", closed_on__lt=two_years_ago).exists()
    # Follow-ups due this week, interpreter bookings ahead and done, sessions with an interpreter.
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    assert FollowUp.objects.filter(done_on__isnull=True, due_on__gte=today, due_on__lte=sunday).count() >= 5
    assert InterpreterBooking.objects.filter(date__gt=today, status="confirmed").exists()
    assert InterpreterBooking.objects.filter(date__lte=today, status="done").exists()
    assert CounsellingSession.objects.filter(interpreter_used=True).exists()
    assert Referral.objects.filter(shares_data=True, consent__scope="sharing").exists()
    # The showcase: a nurse from Eritrea whose diploma is being recognised, found by the quick search.
    [token] = search_term_tokens("Semhar")
    client = Client.objects.get(office__slug="region-zofingen", name_tokens__contains=token)
    assert client.name == "Semhar Tesfay" and client.country_of_origin == "ER"
    nurse = client.qualifications.get()
    assert "Pflegefachfrau" in nurse.title and nurse.recognition == "in_progress"
