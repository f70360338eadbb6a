"""Interpreter pages: role × view matrix, forms with bad input, booking flow, totals and CSV, query pins,
and the back office (Django admin) for the pool and the counselling settings."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fachstelle.core.models import AuditEvent, Language
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import (
    CounsellingSettings,
    Interpreter,
    InterpreterBooking,
    InterpreterLanguage,
)
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    InterpreterBookingFactory,
    InterpreterFactory,
    counselling_world,
)

pytestmark = pytest.mark.django_db
Status = InterpreterBooking.Status
NEXT_WEEK = datetime.date.today() + datetime.timedelta(days=7)


@pytest.fixture
def world(english):
    return counselling_world()


@pytest.fixture
def lang():
    return {language.code: language for language in Language.objects.all()}


def url(world, name, **kwargs):
    return reverse(f"counselling:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def make_interpreter(office, languages, **kwargs):
    interpreter = InterpreterFactory(office=office, **kwargs)
    for language in languages:
        InterpreterLanguage.objects.create(interpreter=interpreter, language=language)
    return interpreter


# --- Role × view matrix --------------------------------------------------------------------------------

ROLES = ("admin", "counsellor", "editor", "statistics", "foreign_counsellor")
PAGES = {
    #                    admin counsellor editor statistics foreign
    "interpreter_list": (200, 200, 403, 403, 403),
    "interpreter_create": (200, 403, 403, 403, 403),
    "booking_list": (200, 200, 403, 403, 403),
    "booking_create": (200, 200, 403, 403, 403),
    "booking_totals": (200, 200, 403, 403, 403),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_role_matrix(client, world, page, role_index):
    login_verified(client, getattr(world, ROLES[role_index]))
    response = client.get(url(world, page))
    assert response.status_code == PAGES[page][role_index]


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url(world, "booking_list"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_interpreter_edit_and_deactivate_are_admin_only(client, world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    login_verified(client, world.counsellor)
    assert client.get(url(world, "interpreter_edit", interpreter_id=interpreter.pk)).status_code == 403
    response = client.post(
        url(world, "interpreter_set_active", interpreter_id=interpreter.pk), {"active": "0"}
    )
    assert response.status_code == 403
    assert Interpreter.objects.get(pk=interpreter.pk).is_active


def test_other_offices_records_are_404(client, world, lang):
    foreign_interpreter = make_interpreter(world.other_office, [lang["ti"]])
    foreign_booking = InterpreterBookingFactory(office=world.other_office, language=lang["ti"])
    login_verified(client, world.admin)
    assert (
        client.get(url(world, "interpreter_edit", interpreter_id=foreign_interpreter.pk)).status_code == 404
    )
    assert client.get(url(world, "booking_detail", booking_id=foreign_booking.pk)).status_code == 404
    response = client.post(url(world, "booking_cancel", booking_id=foreign_booking.pk))
    assert response.status_code == 404
    assert InterpreterBooking.objects.get(pk=foreign_booking.pk).status == Status.REQUESTED


def test_colleagues_case_booking_is_404_for_a_counsellor(client, world, lang):
    case = CaseFactory(office=world.office, counsellor=world.colleague)
    booking = InterpreterBookingFactory(
        office=world.office, case=case, language=lang["ti"], requested_by=world.colleague
    )
    login_verified(client, world.counsellor)
    assert client.get(url(world, "booking_detail", booking_id=booking.pk)).status_code == 404
    login_verified(client, world.colleague)
    assert client.get(url(world, "booking_detail", booking_id=booking.pk)).status_code == 200


# --- The pool ------------------------------------------------------------------------------------------


def test_admin_adds_an_interpreter_with_languages(client, world, lang):
    login_verified(client, world.admin)
    response = client.post(
        url(world, "interpreter_create"),
        {
            "name": "Senait Tesfay",
            "qualification": Interpreter.Qualification.INTERPRET_CERTIFICATE,
            "hourly_rate": "75.00",
            "email": "senait@example.org",
            "phone": "",
            "availability": "Mo–Mi",
            "is_active": "on",
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": str(lang["ti"].pk),
            "languages-0-dialect": "Eritrea",
            "languages-1-language": "",
            "languages-1-dialect": "",
        },
    )
    assert response.status_code == 302
    interpreter = Interpreter.objects.get(office=world.office)
    assert [(r.language.code, r.dialect) for r in interpreter.languages.all()] == [("ti", "Eritrea")]


def test_interpreter_form_bad_input_keeps_what_was_typed(client, world, lang):
    login_verified(client, world.admin)
    response = client.post(
        url(world, "interpreter_create"),
        {
            "name": "Senait Tesfay",
            "qualification": Interpreter.Qualification.NONE,
            "hourly_rate": "-3",
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": "",
            "languages-0-dialect": "Eritrea",
            "languages-1-language": "999999",
            "languages-1-dialect": "",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Senait Tesfay"' in content
    assert "Choose the language of this dialect." in content
    assert "Select a valid choice" in content
    assert not Interpreter.objects.exists()


def test_interpreter_without_language_is_refused_in_the_form(client, world):
    login_verified(client, world.admin)
    response = client.post(
        url(world, "interpreter_create"),
        {
            "name": "Ohne",
            "qualification": Interpreter.Qualification.NONE,
            "hourly_rate": "10",
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Enter at least one language" in response.content.decode()


def test_admin_edits_and_deactivates(client, world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait", hourly_rate=Decimal("70"))
    login_verified(client, world.admin)
    page = client.get(url(world, "interpreter_edit", interpreter_id=interpreter.pk))
    assert 'value="Senait"' in page.content.decode()
    response = client.post(
        url(world, "interpreter_edit", interpreter_id=interpreter.pk),
        {
            "name": "Senait T.",
            "qualification": interpreter.qualification,
            "hourly_rate": "80",
            "is_active": "on",
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "1",
            "languages-0-language": str(lang["ti"].pk),
            "languages-0-dialect": "",
            "languages-1-language": str(lang["ar"].pk),
            "languages-1-dialect": "",
        },
    )
    assert response.status_code == 302
    interpreter.refresh_from_db()
    assert (interpreter.name, interpreter.hourly_rate, interpreter.languages.count()) == (
        "Senait T.",
        Decimal("80.00"),
        2,
    )
    client.post(url(world, "interpreter_set_active", interpreter_id=interpreter.pk), {"active": "0"})
    assert Interpreter.objects.get(pk=interpreter.pk).is_active is False


def test_interpreter_list_shows_and_filters_with_constant_queries(
    client, world, lang, django_assert_num_queries
):
    for n in range(5):
        make_interpreter(world.office, [lang["ti"], lang["ar"]], name=f"Dolmetscherin {n}")
    make_interpreter(world.office, [lang["fa"]], name="Farsi Person", availability="Freitags")
    make_interpreter(world.other_office, [lang["ti"]], name="Fremde Person")
    login_verified(client, world.counsellor)
    # session, user, OTP device (middleware), office, membership (role), languages of the filter,
    # interpreters, their languages (one prefetch); savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "interpreter_list"))
    content = response.content.decode()
    assert "Dolmetscherin 4" in content
    assert "Freitags" in content
    assert "Fremde Person" not in content
    assert "Add interpreter" not in content  # counsellors look up only
    response = client.get(url(world, "interpreter_list"), {"language": lang["fa"].pk})
    assert "Farsi Person" in response.content.decode()
    assert "Dolmetscherin 1" not in response.content.decode()


# --- Bookings ------------------------------------------------------------------------------------------


def booking_post(lang, **overrides):
    data = {
        "case": "",
        "language": str(lang["ti"].pk),
        "dialect": "",
        "date": NEXT_WEEK.isoformat(),
        "start_time": "09:00",
        "duration_minutes": "60",
        "mode": "on_site",
        "interpreter": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_booking_create_preselects_the_case(client, world, lang):
    case = CaseFactory(office=world.office, counsellor=world.counsellor, language=lang["ti"])
    login_verified(client, world.counsellor)
    response = client.get(url(world, "booking_create") + f"?case={case.pk}")
    assert response.status_code == 200
    assert f'value="{case.reference}"' in response.content.decode()
    response = client.post(url(world, "booking_create"), booking_post(lang, case=case.reference))
    booking = InterpreterBooking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "booking_detail", booking_id=booking.pk)
    assert (booking.case, booking.requested_by) == (case, world.counsellor)


def test_booking_for_a_case_the_user_cannot_see_is_refused(client, world, lang):
    case = CaseFactory(office=world.office, counsellor=world.colleague)
    login_verified(client, world.counsellor)
    # Preselecting it: 403, and the attempt is in the audit log.
    assert client.get(url(world, "booking_create") + f"?case={case.pk}").status_code == 403
    assert AuditEvent.objects.filter(action="denied", target_id=case.pk, actor=world.counsellor).exists()
    # Typing its reference: a form error, nothing saved.
    response = client.post(url(world, "booking_create"), booking_post(lang, case=case.reference))
    assert response.status_code == 400
    assert "There is no case" in response.content.decode()
    assert not InterpreterBooking.objects.exists()
    # Another office's case id: 404.
    foreign = CaseFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    assert client.get(url(world, "booking_create") + f"?case={foreign.pk}").status_code == 404
    assert client.get(url(world, "booking_create") + "?case=abc").status_code == 404
    assert client.get(url(world, "booking_create") + "?case=99999999999999999999999").status_code == 404


def test_booking_form_bad_input(client, world, lang):
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "booking_create"),
        booking_post(
            lang,
            case="Fall 12",
            date=(datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
            start_time="25:00",
            duration_minutes="5",
            mode="fax",
            note="x" * 501,
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter a case reference like F-000123." in content
    assert "Enter a valid time." in content
    assert "Ensure this value is greater than or equal to 15." in content
    assert "Select a valid choice. fax is not one of the available choices." in content
    assert "at most 500 characters" in content
    assert not InterpreterBooking.objects.exists()
    # Only the date in the past: the service's message on the date field.
    response = client.post(
        url(world, "booking_create"),
        booking_post(lang, date=(datetime.date.today() - datetime.timedelta(days=2)).isoformat()),
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()


def test_booking_flow_confirm_complete(client, world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait", hourly_rate=Decimal("75"))
    case = CaseFactory(office=world.office, counsellor=world.counsellor)
    login_verified(client, world.counsellor)
    client.post(url(world, "booking_create"), booking_post(lang, case=case.reference, note="Raum 2"))
    booking = InterpreterBooking.objects.get()
    page = client.get(url(world, "booking_detail", booking_id=booking.pk))
    assert "Raum 2" in page.content.decode()
    assert AuditEvent.objects.filter(action="view", target_type="counselling.interpreterbooking").exists()
    response = client.post(
        url(world, "booking_confirm", booking_id=booking.pk), {"interpreter": interpreter.pk, "cost": ""}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.cost) == (Status.CONFIRMED, Decimal("75.00"))
    response = client.post(
        url(world, "booking_complete", booking_id=booking.pk), {"duration_minutes": "90", "cost": ""}
    )
    booking.refresh_from_db()
    assert (booking.status, booking.duration_minutes, booking.cost) == (Status.DONE, 90, Decimal("112.50"))
    # Done is final: cancelling now is refused with a message, nothing changes.
    response = client.post(url(world, "booking_cancel", booking_id=booking.pk), {"cancellation_fee": ""})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    assert InterpreterBooking.objects.get(pk=booking.pk).status == Status.DONE


def test_confirm_overlap_shows_the_conflicting_time(client, world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait")
    InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        date=NEXT_WEEK,
        start_time=datetime.time(8, 30),
        duration_minutes=60,
        status=Status.CONFIRMED,
    )
    booking = InterpreterBookingFactory(
        office=world.office,
        interpreter=None,
        language=lang["ti"],
        date=NEXT_WEEK,
        start_time=datetime.time(9, 0),
        requested_by=world.counsellor,
    )
    login_verified(client, world.counsellor)
    response = client.post(
        url(world, "booking_confirm", booking_id=booking.pk), {"interpreter": interpreter.pk}
    )
    assert response.status_code == 400
    assert "from 08:30 to 09:30" in response.content.decode()
    assert InterpreterBooking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_cancel_with_fee_and_bad_fee(client, world, lang):
    booking = InterpreterBookingFactory(
        office=world.office, language=lang["ti"], requested_by=world.counsellor
    )
    login_verified(client, world.counsellor)
    response = client.post(url(world, "booking_cancel", booking_id=booking.pk), {"cancellation_fee": "abc"})
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    client.post(url(world, "booking_cancel", booking_id=booking.pk), {"cancellation_fee": "40"})
    booking.refresh_from_db()
    assert (booking.status, booking.cost) == (Status.CANCELLED, Decimal("40.00"))


def test_booking_list_mine_vs_all_and_query_pin(client, world, lang, django_assert_num_queries):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait")
    for n in range(4):
        case = CaseFactory(office=world.office, counsellor=world.counsellor)
        InterpreterBookingFactory(
            office=world.office,
            case=case,
            interpreter=interpreter,
            language=lang["ti"],
            requested_by=world.counsellor,
            date=NEXT_WEEK + datetime.timedelta(days=n),
        )
    colleague_case = CaseFactory(office=world.office, counsellor=world.colleague)
    hidden = InterpreterBookingFactory(
        office=world.office,
        case=colleague_case,
        interpreter=interpreter,
        language=lang["ar"],
        requested_by=world.colleague,
    )
    login_verified(client, world.counsellor)
    # session, user, OTP device, office, membership, languages and interpreters (filter choices),
    # bookings with interpreter, language, case and requester (one query, visibility as a subquery);
    # savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "booking_list"))
    content = response.content.decode()
    assert content.count(f"/bookings/{hidden.pk}/") == 0
    assert content.count("Senait") >= 4
    login_verified(client, world.admin)
    response = client.get(url(world, "booking_list"))
    assert f"/bookings/{hidden.pk}/" in response.content.decode()
    response = client.get(url(world, "booking_list"), {"scope": "mine"})
    assert "/bookings/" not in response.content.decode().split("<tbody>")[1]
    response = client.get(url(world, "booking_list"), {"month": "2024-13"})
    assert "Enter a month like 2025-03." in response.content.decode()


def test_monthly_totals_page_and_csv(client, world, lang, django_assert_num_queries):
    senait = make_interpreter(world.office, [lang["ti"]], name="Senait")
    for day, minutes, cost in [(4, 90, "112.50"), (20, 60, "75.00"), (25, 30, "37.50")]:
        InterpreterBookingFactory(
            office=world.office,
            interpreter=senait,
            language=lang["ti"],
            date=datetime.date(2024, 3, day),
            duration_minutes=minutes,
            cost=Decimal(cost),
            status=Status.DONE,
        )
    login_verified(client, world.admin)
    # session, user, OTP device, office, membership, totals per month, per interpreter, per language;
    # savepoint, session renewal, release.
    with django_assert_num_queries(11):
        response = client.get(url(world, "booking_totals"), {"year": "2024"})
    content = response.content.decode()
    assert "225.00" in content  # 112.50 + 75 + 37.50
    assert "3.00" in content  # hours
    response = client.get(url(world, "booking_totals"), {"year": "2024", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Group;")
    assert "Month;2024-03;3;3.00;225.00;0.00;225.00" in lines
    assert "Year;2024;3;3.00;225.00;0.00;225.00" in lines
    assert "Interpreter;Senait;3;3.00;225.00;0.00;225.00" in lines
    response = client.get(url(world, "booking_totals"), {"year": "zwei"})
    assert response.status_code == 200
    assert "Enter a year between 2000 and 2100." in response.content.decode()


# --- Back office ---------------------------------------------------------------------------------------


def test_admin_pages_for_office_admins_only(client, world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    foreign = make_interpreter(world.other_office, [lang["ti"]])
    settings_row = CounsellingSettings.objects.create(office=world.office)
    changelist = reverse("admin:counselling_interpreter_changelist")
    login_verified(client, world.admin)
    response = client.get(changelist)
    assert response.status_code == 200
    assert interpreter.name in response.content.decode()
    assert foreign.name not in response.content.decode()
    assert client.get(reverse("admin:counselling_interpreter_change", args=[foreign.pk])).status_code == 302
    change_settings = reverse("admin:counselling_counsellingsettings_change", args=[settings_row.pk])
    assert client.get(change_settings).status_code == 200
    for user in (world.counsellor, world.editor, world.statistics):
        login_verified(client, user)
        assert client.get(changelist).status_code == 403
        assert client.get(change_settings).status_code == 403
    login_verified(client, world.editor)
    assert "counselling" not in client.get(reverse("admin:index")).content.decode().lower()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{"B": "B"}', "Expected a list of pairs"),
        ('[["B"]]', "Entry 1 is not a pair of code and name"),
        ('[["B", "B – Aufenthalt"], ["B", "doppelt"]]', "is listed twice"),
        ('[["VERYLONGCODE", "x"]]', "too long"),
        ('[["", "leer"]]', "Entry 1 is not a pair"),
    ],
)
def test_permit_categories_shape_is_validated(client, world, value, message):
    settings_row = CounsellingSettings.objects.create(office=world.office)
    login_verified(client, world.admin)
    response = client.post(
        reverse("admin:counselling_counsellingsettings_change", args=[settings_row.pk]),
        {
            "office": world.office.pk,
            "retention_months": "24",
            "intake_notice": "",
            "permit_categories": value,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CounsellingSettings.objects.get(pk=settings_row.pk).permit_categories == []


def test_valid_permit_categories_are_saved(client, world):
    settings_row = CounsellingSettings.objects.create(office=world.office)
    login_verified(client, world.admin)
    response = client.post(
        reverse("admin:counselling_counsellingsettings_change", args=[settings_row.pk]),
        {
            "office": world.office.pk,
            "retention_months": "36",
            "intake_notice": "IDAG",
            "permit_categories": '[["AE", "Aufenthaltserlaubnis"], [" DU ", "Duldung"]]',
        },
    )
    assert response.status_code == 302
    settings_row.refresh_from_db()
    assert settings_row.permit_categories == [["AE", "Aufenthaltserlaubnis"], ["DU", "Duldung"]]
    assert settings_row.retention_months == 36
