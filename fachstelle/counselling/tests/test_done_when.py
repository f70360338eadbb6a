"""Issue 4's "Done when", end to end through real HTTP requests (the views, forms, middleware and services as
a browser would use them; services only build the set-up data):

a counsellor with 2FA records an intake with an interpreter booking, a session and a referral to an offer;
another counsellor of the same office cannot open that case; the audit log shows both attempts; the needs
analysis shows the case in its (suppressed-if-small) cells; the retention command anonymises an old case.
(The role matrix is test_role_matrix.py.)
"""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fachstelle.core.crypto import decrypt
from fachstelle.core.models import AuditEvent
from fachstelle.core.security import TOTP_DEVICE_NAME
from fachstelle.core.statistics import is_suppressed
from fachstelle.core.tests.factories import OrganisationFactory, make_offer
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import (
    Case,
    Client,
    Consent,
    CounsellingSession,
    InterpreterBooking,
    Referral,
    Topic,
)
from fachstelle.counselling.services import cases as case_services
from fachstelle.counselling.services import clients as client_services
from fachstelle.counselling.services.clients import ConsentData, IntakeData, LanguageLevel
from fachstelle.counselling.services.protection import ANONYMISED_NAME
from fachstelle.counselling.tests.factories import counselling_world

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
TODAY = timezone.localdate()
NAME = "Selam Tesfay"
OLD_NAME = "Yonas Habte"


def url(world, name: str, **kwargs) -> str:
    with translation.override("de"):
        return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


@pytest.fixture
def world(vocab):
    w = counselling_world()
    w.languages = vocab["languages"]
    w.rothrist = w.office.municipalities.get()
    w.partner = OrganisationFactory(office=w.office, name="Caritas Aargau")
    w.other_partner = OrganisationFactory(office=w.office, name="HEKS Regionalstelle")
    # A published offer of the office whose provider is the partner the person consents to share data with.
    w.offer = make_offer(office=w.office, provider=w.partner, title="Anerkennung ausländischer Diplome")
    w.device = TOTPDevice.objects.create(user=w.counsellor, name=TOTP_DEVICE_NAME, confirmed=True)
    return w


def current_code(device: TOTPDevice) -> str:
    """What the counsellor's authenticator app shows now (RFC 6238 from the device's key)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def intake_post(world) -> dict:
    """The intake page's form as a browser posts it (formset prefixes and management forms included)."""
    ti = str(world.languages["ti"].pk)
    return {
        "name": NAME,
        "year_of_birth": "1994",
        "gender": "female",
        "municipality": str(world.rothrist.pk),
        "country_of_origin": "ER",
        "permit_category": "F",
        "arrival_date": "2016-05-03",
        "household_adults": "1",
        "household_children": "2",
        "phone": "079 123 45 67",
        "email": "",
        "address": "",
        "german_level": "A2",
        "languages-TOTAL_FORMS": "3",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "30",
        "languages-0-language": ti,
        "languages-0-level": "native",
        "languages-1-language": str(world.languages["en"].pk),
        "languages-1-level": "B1",
        "languages-2-language": "",
        "languages-2-level": "",
        "qualifications-TOTAL_FORMS": "2",
        "qualifications-INITIAL_FORMS": "0",
        "qualifications-MIN_NUM_FORMS": "0",
        "qualifications-MAX_NUM_FORMS": "30",
        "qualifications-0-kind": "vocational",
        "qualifications-0-title": "Nursing diploma",
        "qualifications-0-country": "ER",
        "qualifications-0-year": "2014",
        "qualifications-0-recognition": "in_progress",
        "qualifications-1-kind": "",
        "qualifications-1-title": "",
        "qualifications-1-country": "",
        "qualifications-1-year": "",
        "qualifications-1-recognition": "",
        "held_on": TODAY.isoformat(),
        "education": "upper_secondary",
        "school_years": "12",
        "work_experience": "Nurse in Asmara for six years",
        "goals": ["language", "work"],
        "goals_text": "Work as a nurse again",
        "needs_interpreter": "on",
        "interpreter_language": ti,
        "notes": "Confidential remark about the family",
        "informed_about_data_protection": "on",
        "storage": "given",
        "contact": "on",
        "sharing_partners": [str(world.partner.pk)],
        "given_on": TODAY.isoformat(),
        "method": "oral_interpreter",
        "note": "",
        # The intake's first-case option: the person came with a concern.
        "open_case": "on",
        "topics": [str(Topic.objects.get(slug="arbeit").pk), str(Topic.objects.get(slug="deutsch").pk)],
    }


def similar_client(world, *, name: str, held_on=TODAY, opened_on=TODAY) -> Case:
    """Another person with German A2 and a case about work, through the services (set-up data)."""
    client = client_services.client_create(
        office=world.office,
        by=world.counsellor,
        person={"name": name, "year_of_birth": 1988, "municipality": world.rothrist, "permit_category": "B"},
        languages=[LanguageLevel(world.languages["de"], "A2")],
        qualifications=[],
        intake=IntakeData(held_on=held_on, goals=["work"]),
        consents=[ConsentData(scope="storage", given_on=held_on, method="signed_paper")],
        storage_consent_given=True,
        confirm_duplicate=True,
    )
    return case_services.case_open(
        office=world.office,
        by=world.counsellor,
        client=client,
        counsellor=world.counsellor,
        topics=Topic.objects.filter(slug="arbeit"),
        opened_on=opened_on,
    )


def audit_rows(html: str) -> list[tuple[str, str, str]]:
    """(user, action as shown, reference) of each row of the audit log page's table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        rows.append((cells[1], cells[2], cells[4]))
    return rows


def test_done_when(world):
    desk = url(world, "dashboard")

    # --- A counsellor with a confirmed authenticator logs in: password, then the code from the app. -------
    browser = HttpClient()
    login_url = "/de/staff/login/"
    assert browser.get(f"{login_url}?next={desk}").status_code == 200
    response = browser.post(login_url, {"username": "beraterin", "password": PASSWORD, "next": desk})
    assert response.status_code == 302
    verify_url = response["Location"]
    with translation.override("de"):
        assert verify_url.startswith(reverse("accounts:two_factor_verify"))
    # The password alone opens nothing of counselling.
    assert browser.get(desk).status_code == 302
    assert browser.get(verify_url).status_code == 200
    response = browser.post(verify_url, {"token": current_code(world.device), "next": desk})
    assert response.status_code == 302 and response["Location"] == desk
    assert browser.get(desk).status_code == 200
    assert AuditEvent.objects.filter(actor=world.counsellor, action=AuditEvent.Action.LOGIN).count() == 2

    # --- The intake, with the first case opened from it. ------------------------------------------------
    assert browser.get(url(world, "client_create")).status_code == 200
    response = browser.post(url(world, "client_create"), intake_post(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Client.objects.get(office=world.office)
    case = Case.objects.get(client=person)
    assert response["Location"] == url(world, "case_detail", case_id=case.pk)
    assert person.name == NAME and person.counsellor == world.counsellor
    levels = {(entry.language.code, entry.level) for entry in person.languages.select_related("language")}
    assert levels == {("de", "A2"), ("ti", "native"), ("en", "B1")}
    qualification = person.qualifications.get()
    assert (qualification.kind, qualification.title, qualification.recognition) == (
        "vocational",
        "Nursing diploma",
        "in_progress",
    )
    assert sorted(goal.category for goal in person.intake.goals.all()) == ["language", "work"]
    assert person.intake.needs_interpreter and person.intake.interpreter_language.code == "ti"
    consents = {(c.scope, c.partner_id) for c in person.consents.all()}
    assert consents == {("storage", None), ("contact", None), ("sharing", world.partner.pk)}
    assert case.counsellor == world.counsellor and case.language.code == "ti"
    assert set(case.topics.values_list("slug", flat=True)) == {"arbeit", "deutsch"}

    # --- An interpreter for the case (the booking form opened from the case page). ------------------
    booking_url = url(world, "booking_create")
    page = browser.get(f"{booking_url}?case={case.pk}")
    assert page.status_code == 200
    assert page.context["form"].initial["case"] == case.reference
    in_three_days = TODAY + datetime.timedelta(days=3)
    response = browser.post(
        booking_url,
        {
            "case": case.reference,
            "session": "",
            "language": str(world.languages["ti"].pk),
            "dialect": "",
            "date": in_three_days.isoformat(),
            "start_time": "09:30",
            "duration_minutes": "90",
            "mode": "on_site",
            "interpreter": "",
            "note": "Room 2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    booking = InterpreterBooking.objects.get(case=case)
    assert response["Location"] == url(world, "booking_detail", booking_id=booking.pk)
    assert (booking.language.code, booking.date, booking.duration_minutes) == ("ti", in_three_days, 90)
    assert booking.status == InterpreterBooking.Status.REQUESTED and booking.requested_by == world.counsellor

    # --- A session. ---------------------------------------------------------------------------------------
    response = browser.post(
        url(world, "session_add", case_id=case.pk),
        {
            "held_on": TODAY.isoformat(),
            "duration_minutes": "60",
            "channel": "in_person",
            "interpreter_used": "on",
            "language": str(world.languages["ti"].pk),
            "notes": "Talked about the recognition of the nursing diploma",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = CounsellingSession.objects.get(case=case)
    assert session.interpreter_used and session.duration_minutes == 60
    assert session.notes == "Talked about the recognition of the nursing diploma"

    # --- A referral to the partner's offer, sharing data under the person's consent. -------------------
    response = browser.post(
        url(world, "referral_create", case_id=case.pk),
        {
            "offer": str(world.offer.pk),
            "organisation": "",
            "shares_data": "on",
            "consent": "",  # the matching consent is found
            "note": "Diploma documents sent along",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    referral = Referral.objects.get(case=case)
    assert referral.offer == world.offer and referral.shares_data
    assert referral.consent == Consent.objects.get(client=person, scope="sharing", partner=world.partner)
    page = browser.get(url(world, "case_detail", case_id=case.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Anerkennung ausländischer Diplome" in html
    assert "Talked about the recognition of the nursing diploma" in html

    # --- A colleague of the same office cannot open the case nor the person. ---------------------------
    colleague = HttpClient()
    login_verified(colleague, world.colleague)
    assert colleague.get(url(world, "case_detail", case_id=case.pk)).status_code == 403
    assert colleague.get(url(world, "client_detail", client_id=person.pk)).status_code == 403
    assert colleague.get(f"{booking_url}?case={case.pk}").status_code == 403
    assert case.reference not in colleague.get(url(world, "case_list")).content.decode()

    # --- The office admin's audit log shows both: the counsellor's work and the colleague's attempts. ---
    admin = HttpClient()
    login_verified(admin, world.admin)
    page = admin.get(url(world, "audit_log"), {"reference": case.reference})
    assert page.status_code == 200
    events = {(e.actor_name, e.action) for e in page.context["events"]}
    assert {("beraterin", "view"), ("beraterin", "create"), ("berater2", "denied")} <= events
    assert all(e.target_ref == case.reference for e in page.context["events"])
    with translation.override("de"):
        labels = {action: str(label) for action, label in AuditEvent.Action.choices}
    rows = audit_rows(page.content.decode())
    assert ("beraterin", labels["view"], case.reference) in rows
    assert ("beraterin", labels["create"], case.reference) in rows
    assert ("berater2", labels["denied"], case.reference) in rows
    assert 'class="badge badge-danger"' in page.content.decode()
    page = admin.get(url(world, "audit_log"), {"reference": person.reference})
    rows = audit_rows(page.content.decode())
    assert ("beraterin", labels["create"], person.reference) in rows
    assert ("berater2", labels["denied"], person.reference) in rows
    # Nothing of the person is in the log: references and field names only.
    assert NAME not in page.content.decode()
    assert not AuditEvent.objects.filter(detail__icontains="Selam").exists()

    # --- The needs analysis counts the case; small cells are hidden. ------------------------------------
    for n in range(4):
        similar_client(world, name=f"Person Vergleich{n}")
    statistics = HttpClient()
    login_verified(statistics, world.statistics)
    page = statistics.get(url(world, "needs_analysis"))
    assert page.status_code == 200
    analysis = page.context["analysis"]
    # Five persons with German A2: the intake's and the four others; nothing else, so nothing to hide.
    assert analysis.table("german").row("A2").cells == [5]
    assert analysis.persons == 5 and analysis.cases == 5
    topics = analysis.table("topics")
    assert topics.row("arbeit").cells[0] == 5  # the case and the four others
    assert is_suppressed(topics.row("deutsch").cells[0])  # only this case: fewer than 5
    interpreting = analysis.table("interpreting")
    tigrinya = interpreting.row(str(world.languages["ti"].pk))
    assert is_suppressed(tigrinya.cells[0]) and is_suppressed(tigrinya.cells[1])
    html = page.content.decode()
    german_row = re.search(r"<tr><th scope=\"row\">A2[^<]*</th>(.*?)</tr>", html, re.S)
    assert german_row and '<td class="num">5</td>' in german_row.group(1)
    tigrinya_row = re.search(
        r"<tr><th scope=\"row\">" + re.escape(tigrinya.label) + r"</th>(.*?)</tr>", html, re.S
    )
    assert tigrinya_row and "&lt; 5" in tigrinya_row.group(1) and ">1<" not in tigrinya_row.group(1)
    assert NAME not in html and case.reference not in html

    # --- Retention: an old closed case is anonymised, the recent one stays as it is. -------------------
    four_years_ago = TODAY - datetime.timedelta(days=4 * 365)
    three_years_ago = TODAY - datetime.timedelta(days=3 * 365)
    old_case = similar_client(world, name=OLD_NAME, held_on=four_years_ago, opened_on=four_years_ago)
    old_case = case_services.case_close(
        case=old_case,
        by=world.counsellor,
        reason=Case.CloseReason.values[0],
        closed_on=three_years_ago,
        expected_version=old_case.version,
    )
    out = io.StringIO()
    call_command("anonymise_closed_cases", stdout=out)
    report = out.getvalue()
    assert old_case.reference in report and old_case.client.reference in report
    assert case.reference not in report and person.reference not in report

    def raw_name(client_id: int) -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT name FROM {Client._meta.db_table} WHERE id = %s", [client_id])  # noqa: S608
            return cursor.fetchone()[0]

    old_raw = raw_name(old_case.client_id)
    assert OLD_NAME not in old_raw and "Yonas" not in old_raw
    assert decrypt(old_raw) == ANONYMISED_NAME
    old_case.refresh_from_db()
    old_client = Client.objects.get(pk=old_case.client_id)
    assert old_case.anonymised_at is not None and old_client.anonymised_at is not None
    assert old_client.name == ANONYMISED_NAME and old_client.name_fingerprint == ""
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ANONYMISE, target_ref=old_case.reference
    ).exists()
    # The recent case and its person are untouched (and still encrypted at rest).
    recent_raw = raw_name(person.pk)
    assert NAME not in recent_raw and decrypt(recent_raw) == NAME
    person.refresh_from_db()
    case.refresh_from_db()
    assert person.anonymised_at is None and case.anonymised_at is None
    assert (
        CounsellingSession.objects.get(case=case).notes
        == "Talked about the recognition of the nursing diploma"
    )
    assert Referral.objects.get(case=case).note == "Diploma documents sent along"
    # The old case still counts in its year's statistics (categories survive anonymisation).
    page = statistics.get(url(world, "needs_analysis"), {"year": four_years_ago.year})
    assert page.status_code == 200
    assert is_suppressed(page.context["analysis"].table("german").row("A2").cells[0])
