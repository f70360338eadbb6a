"""Interpreter pool and bookings: the services' rules, every bad input, overlap detection, monthly totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from fachstelle.core.models import AuditEvent, Language
from fachstelle.counselling.models import Interpreter, InterpreterBooking, InterpreterLanguage
from fachstelle.counselling.selectors.interpreters import (
    BookingFilters,
    InterpreterFilters,
    booking_list,
    booking_totals,
    bookings_visible_to,
    interpreter_list,
)
from fachstelle.counselling.services.interpreters import (
    LanguageEntry,
    booking_cancel,
    booking_complete,
    booking_confirm,
    booking_cost,
    booking_request,
    interpreter_create,
    interpreter_set_active,
    interpreter_update,
)
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    CounsellingSessionFactory,
    InterpreterBookingFactory,
    InterpreterFactory,
    counselling_world,
)

pytestmark = pytest.mark.django_db
Status = InterpreterBooking.Status
TODAY = datetime.date.today()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def world(english):
    return counselling_world()


@pytest.fixture
def lang():
    return {language.code: language for language in Language.objects.all()}


def make_interpreter(office, languages, **kwargs):
    interpreter = InterpreterFactory(office=office, **kwargs)
    for language in languages:
        InterpreterLanguage.objects.create(interpreter=interpreter, language=language)
    return interpreter


def request_kwargs(world, lang, **overrides):
    values = {
        "office": world.office,
        "by": world.counsellor,
        "language": lang["ti"],
        "dialect": "",
        "date": NEXT_WEEK,
        "start_time": datetime.time(9, 0),
        "duration_minutes": 60,
        "mode": InterpreterBooking.Mode.ON_SITE,
    }
    values.update(overrides)
    return values


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- The pool ------------------------------------------------------------------------------------------


def test_admin_creates_interpreter_with_languages_and_an_audit_entry(world, lang):
    interpreter = interpreter_create(
        office=world.office,
        by=world.admin,
        name="  Senait Tesfay ",
        languages=[LanguageEntry(lang["ti"], "Eritrea"), LanguageEntry(lang["ar"])],
        qualification=Interpreter.Qualification.INTERPRET_CERTIFICATE,
        hourly_rate=Decimal("75.00"),
        availability="Mo–Mi vormittags",
    )
    assert interpreter.name == "Senait Tesfay"
    assert {(row.language.code, row.dialect) for row in interpreter.languages.all()} == {
        ("ti", "Eritrea"),
        ("ar", ""),
    }
    event = AuditEvent.objects.get(target_type="counselling.interpreter", target_id=interpreter.pk)
    assert event.action == AuditEvent.Action.CREATE


@pytest.mark.parametrize("role", ["counsellor", "editor", "statistics", "foreign_counsellor"])
def test_only_office_admins_edit_the_pool(world, lang, role):
    with pytest.raises(ValidationError) as excinfo:
        interpreter_create(
            office=world.office, by=getattr(world, role), name="X", languages=[LanguageEntry(lang["ti"])]
        )
    assert "Only office administrators" in str(errors_of(excinfo)[NON_FIELD_ERRORS])
    assert not Interpreter.objects.exists()


def test_interpreter_bad_input_is_refused_field_by_field(world, lang):
    with pytest.raises(ValidationError) as excinfo:
        interpreter_create(
            office=world.office,
            by=world.admin,
            name="",
            email="not-an-address",
            hourly_rate=Decimal("-5"),
            qualification="astrologer",
            languages=[LanguageEntry(lang["ti"], "Eritrea"), LanguageEntry(lang["ti"], "eritrea")],
        )
    errors = errors_of(excinfo)
    assert set(errors) >= {"name", "email", "hourly_rate", "qualification", "languages"}
    assert "listed twice" in errors["languages"][0]
    assert not Interpreter.objects.exists()


def test_interpreter_needs_a_language(world):
    with pytest.raises(ValidationError) as excinfo:
        interpreter_create(office=world.office, by=world.admin, name="Ohne Sprache", languages=[])
    assert "at least one language" in errors_of(excinfo)["languages"][0]


def test_update_replaces_languages_and_logs_changed_fields_only(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait")
    interpreter_update(
        interpreter=interpreter,
        by=world.admin,
        hourly_rate=Decimal("80"),
        name="Senait",
        languages=[LanguageEntry(lang["ar"], "Levante")],
    )
    interpreter.refresh_from_db()
    assert interpreter.hourly_rate == Decimal("80")
    assert [(row.language.code, row.dialect) for row in interpreter.languages.all()] == [("ar", "Levante")]
    event = AuditEvent.objects.get(target_type="counselling.interpreter", action=AuditEvent.Action.UPDATE)
    assert event.detail == "hourly_rate, languages"


def test_deactivate_and_reactivate(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    interpreter_set_active(interpreter=interpreter, by=world.admin, is_active=False)
    assert Interpreter.objects.get(pk=interpreter.pk).is_active is False
    interpreter_set_active(interpreter=interpreter, by=world.admin, is_active=True)
    assert Interpreter.objects.get(pk=interpreter.pk).is_active is True


def test_pool_filters_by_language_dialect_qualification_and_status(world, lang):
    senait = make_interpreter(world.office, [], name="Senait")
    InterpreterLanguage.objects.create(interpreter=senait, language=lang["ti"], dialect="Eritrea")
    InterpreterLanguage.objects.create(interpreter=senait, language=lang["ar"], dialect="")
    karim = make_interpreter(
        world.office, [lang["ar"]], name="Karim", qualification=Interpreter.Qualification.IN_TRAINING
    )
    retired = make_interpreter(world.office, [lang["ti"]], name="Alt", is_active=False)
    make_interpreter(world.other_office, [lang["ti"]], name="Fremd")

    def names(**filters):
        return [i.name for i in interpreter_list(office=world.office, filters=InterpreterFilters(**filters))]

    assert names() == ["Karim", "Senait"]
    assert names(language=lang["ar"]) == ["Karim", "Senait"]  # each once, although Senait has 2 rows
    assert names(language=lang["ti"], dialect="eri") == ["Senait"]
    assert names(language=lang["ar"], dialect="eri") == []  # dialect and language on the same row
    assert names(qualification=Interpreter.Qualification.IN_TRAINING) == ["Karim"]
    assert names(active=False) == [retired.name]
    assert names(active=None) == ["Karim", "Senait", "Alt"]
    assert karim.pk  # the foreign office's interpreter never appears


# --- Booking requests ----------------------------------------------------------------------------------


def test_request_for_own_case_is_saved_and_audited(world, lang):
    case = CaseFactory(office=world.office, counsellor=world.counsellor)
    session = CounsellingSessionFactory(case=case)
    booking = booking_request(**request_kwargs(world, lang, case=case, session=session, note="Zimmer 3"))
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED
    assert booking.requested_by == world.counsellor
    assert booking.note == "Zimmer 3"
    event = AuditEvent.objects.get(target_type="counselling.interpreterbooking", target_id=booking.pk)
    assert (event.action, event.office, event.actor) == (
        AuditEvent.Action.CREATE,
        world.office,
        world.counsellor,
    )


def test_request_without_case_is_not_audited(world, lang):
    booking_request(**request_kwargs(world, lang))
    assert not AuditEvent.objects.filter(target_type="counselling.interpreterbooking").exists()


def test_session_alone_links_its_case(world, lang):
    case = CaseFactory(office=world.office, counsellor=world.counsellor)
    session = CounsellingSessionFactory(case=case)
    booking = booking_request(**request_kwargs(world, lang, session=session))
    assert booking.case == case


def test_request_for_a_colleagues_case_is_refused(world, lang):
    case = CaseFactory(office=world.office, counsellor=world.colleague)
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, case=case))
    assert errors_of(excinfo)["case"] == ["You do not have access to this case."]
    assert not InterpreterBooking.objects.exists()


def test_request_with_a_session_of_a_colleagues_case_is_refused(world, lang):
    session = CounsellingSessionFactory(case=CaseFactory(office=world.office, counsellor=world.colleague))
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, session=session))
    assert "case" in errors_of(excinfo)


def test_request_with_session_of_another_case_is_refused(world, lang):
    case = CaseFactory(office=world.office, counsellor=world.counsellor)
    other = CounsellingSessionFactory(case=CaseFactory(office=world.office, counsellor=world.counsellor))
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, case=case, session=other))
    assert errors_of(excinfo)["session"] == ["This session does not belong to the chosen case."]


def test_request_for_a_case_of_another_office_is_refused(world, lang):
    case = CaseFactory(office=world.other_office, counsellor=world.foreign_counsellor)
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, case=case))
    assert "case" in errors_of(excinfo)


def test_admin_may_book_for_any_case_of_the_office(world, lang):
    case = CaseFactory(office=world.office, counsellor=world.colleague)
    booking = booking_request(**request_kwargs(world, lang, by=world.admin, case=case))
    assert booking.case == case


def test_request_for_a_closed_case_is_refused(world, lang):
    case = CaseFactory(
        office=world.office,
        counsellor=world.counsellor,
        status="closed",
        closed_on=TODAY,
        close_reason="resolved",
    )
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, case=case))
    assert "closed" in errors_of(excinfo)["case"][0]


@pytest.mark.parametrize("role", ["editor", "statistics", "foreign_counsellor"])
def test_only_counsellors_and_admins_book(world, lang, role):
    with pytest.raises(ValidationError) as excinfo:
        booking_request(**request_kwargs(world, lang, by=getattr(world, role)))
    assert NON_FIELD_ERRORS in errors_of(excinfo)
    assert not InterpreterBooking.objects.exists()


def test_request_bad_input(world, lang):
    with pytest.raises(ValidationError) as excinfo:
        booking_request(
            **request_kwargs(
                world,
                lang,
                date=TODAY - datetime.timedelta(days=1),
                duration_minutes=10,
                mode="telepathy",
                dialect="x" * 81,
                note="n" * 501,
            )
        )
    errors = errors_of(excinfo)
    assert errors["date"] == ["The date of a new booking cannot be in the past."]
    assert set(errors) >= {"duration_minutes", "mode", "dialect", "note"}


def test_request_today_is_allowed(world, lang):
    assert booking_request(**request_kwargs(world, lang, date=TODAY)).pk


def test_wished_interpreter_must_be_active_of_the_office_and_speak_the_language(world, lang):
    arabic_only = make_interpreter(world.office, [lang["ar"]], name="Karim")
    inactive = make_interpreter(world.office, [lang["ti"]], name="Alt", is_active=False)
    foreign = make_interpreter(world.other_office, [lang["ti"]], name="Fremd")
    for interpreter, message in [
        (arabic_only, "Karim does not interpret Tigrinya."),
        (inactive, "This interpreter is no longer active."),
        (foreign, "This interpreter is not in your office's pool."),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            booking_request(**request_kwargs(world, lang, interpreter=interpreter))
        assert errors_of(excinfo)["interpreter"] == [message]
    assert not InterpreterBooking.objects.exists()


# --- Status changes and cost ---------------------------------------------------------------------------


def test_confirm_sets_interpreter_and_cost_from_rate(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("75"))
    booking = booking_request(**request_kwargs(world, lang, duration_minutes=90))
    booking = booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert booking.interpreter == interpreter
    assert booking.cost == Decimal("112.50")


def test_confirm_keeps_an_entered_cost(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("75"))
    booking = booking_request(**request_kwargs(world, lang))
    booking_confirm(booking=booking, by=world.admin, interpreter=interpreter, cost=Decimal("50"))
    assert InterpreterBooking.objects.get(pk=booking.pk).cost == Decimal("50.00")


def test_confirm_refuses_an_interpreter_without_the_language(world, lang):
    interpreter = make_interpreter(world.office, [lang["ar"]])
    booking = booking_request(**request_kwargs(world, lang))
    with pytest.raises(ValidationError) as excinfo:
        booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    assert "does not interpret" in errors_of(excinfo)["interpreter"][0]
    assert InterpreterBooking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_complete_recomputes_cost_from_actual_duration(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("60"))
    booking = booking_request(**request_kwargs(world, lang, duration_minutes=60))
    booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    booking = booking_complete(booking=booking, by=world.counsellor, duration_minutes=45)
    booking.refresh_from_db()
    assert (booking.status, booking.duration_minutes, booking.cost) == (Status.DONE, 45, Decimal("45.00"))


def test_complete_with_entered_cost_and_bad_duration(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("60"))
    booking = booking_request(**request_kwargs(world, lang))
    booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    with pytest.raises(ValidationError) as excinfo:
        booking_complete(booking=booking, by=world.counsellor, duration_minutes=600, cost=Decimal("-1"))
    assert set(errors_of(excinfo)) == {"duration_minutes", "cost"}
    assert InterpreterBooking.objects.get(pk=booking.pk).status == Status.CONFIRMED
    booking_complete(booking=booking, by=world.counsellor, cost=Decimal("99.90"))
    assert InterpreterBooking.objects.get(pk=booking.pk).cost == Decimal("99.90")


def test_cancel_costs_nothing_unless_a_fee_is_entered(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("60"))
    first = booking_request(**request_kwargs(world, lang))
    booking_confirm(booking=first, by=world.counsellor, interpreter=interpreter)
    booking_cancel(booking=first, by=world.counsellor)
    assert InterpreterBooking.objects.get(pk=first.pk).cost == Decimal("0")
    second = booking_request(**request_kwargs(world, lang))
    booking_cancel(booking=second, by=world.counsellor, cancellation_fee=Decimal("30"))
    second.refresh_from_db()
    assert (second.status, second.cost) == (Status.CANCELLED, Decimal("30.00"))
    with pytest.raises(ValidationError) as excinfo:
        booking_cancel(
            booking=booking_request(**request_kwargs(world, lang)), by=world.admin, cancellation_fee=-1
        )
    assert "cancellation_fee" in errors_of(excinfo)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.REQUESTED, "complete"),
        (Status.DONE, "confirm"),
        (Status.DONE, "cancel"),
        (Status.CANCELLED, "confirm"),
        (Status.CANCELLED, "complete"),
        (Status.CONFIRMED, "confirm"),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_message(world, lang, status, action):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    booking = InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        status=status,
        requested_by=world.admin,
    )
    call = {
        "confirm": lambda: booking_confirm(booking=booking, by=world.admin, interpreter=interpreter),
        "complete": lambda: booking_complete(booking=booking, by=world.admin),
        "cancel": lambda: booking_cancel(booking=booking, by=world.admin),
    }[action]
    with pytest.raises(ValidationError) as excinfo:
        call()
    assert "cannot become" in errors_of(excinfo)[NON_FIELD_ERRORS][0]
    assert InterpreterBooking.objects.get(pk=booking.pk).status == status


def test_counsellor_cannot_change_a_colleagues_booking(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    booking = booking_request(**request_kwargs(world, lang, by=world.colleague))
    with pytest.raises(ValidationError) as excinfo:
        booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    assert errors_of(excinfo)[NON_FIELD_ERRORS] == ["You do not have access to this booking."]
    # The office admin may.
    booking_confirm(booking=booking, by=world.admin, interpreter=interpreter)


def test_status_changes_of_case_bookings_are_audited(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    case = CaseFactory(office=world.office, counsellor=world.counsellor)
    booking = booking_request(**request_kwargs(world, lang, case=case))
    booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    booking_complete(booking=booking, by=world.counsellor)
    actions = list(
        AuditEvent.objects.filter(target_type="counselling.interpreterbooking", target_id=booking.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update"]


# --- Double booking ------------------------------------------------------------------------------------


def test_overlapping_confirmed_booking_is_refused_with_its_time(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], name="Senait")
    InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        date=NEXT_WEEK,
        start_time=datetime.time(9, 0),
        duration_minutes=90,
        status=Status.CONFIRMED,
    )
    booking = booking_request(**request_kwargs(world, lang, start_time=datetime.time(10, 0)))
    with pytest.raises(ValidationError) as excinfo:
        booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)
    message = errors_of(excinfo)["interpreter"][0]
    assert "Senait already has a confirmed booking" in message
    assert "from 09:00 to 10:30" in message
    assert InterpreterBooking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_back_to_back_and_unconfirmed_bookings_do_not_conflict(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    for start, status in [(datetime.time(9, 0), Status.CONFIRMED), (datetime.time(10, 0), Status.REQUESTED)]:
        InterpreterBookingFactory(
            office=world.office,
            interpreter=interpreter,
            language=lang["ti"],
            date=NEXT_WEEK,
            start_time=start,
            duration_minutes=60,
            status=status,
        )
    booking = booking_request(**request_kwargs(world, lang, start_time=datetime.time(10, 0)))
    booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)  # 9–10 ends as 10 begins


def test_overlap_across_midnight(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        date=NEXT_WEEK,
        start_time=datetime.time(23, 0),
        duration_minutes=120,
        status=Status.CONFIRMED,
    )
    booking = booking_request(
        **request_kwargs(
            world, lang, date=NEXT_WEEK + datetime.timedelta(days=1), start_time=datetime.time(0, 30)
        )
    )
    with pytest.raises(ValidationError):
        booking_confirm(booking=booking, by=world.counsellor, interpreter=interpreter)


def test_request_with_a_busy_wished_interpreter_is_refused(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]])
    InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        date=NEXT_WEEK,
        status=Status.CONFIRMED,
    )
    with pytest.raises(ValidationError) as excinfo:
        booking_request(
            **request_kwargs(world, lang, interpreter=interpreter, start_time=datetime.time(9, 30))
        )
    assert "already has a confirmed booking" in errors_of(excinfo)["interpreter"][0]


# --- Visibility and lists ------------------------------------------------------------------------------


def test_booking_visibility_follows_cases(world, lang):
    own_case = CaseFactory(office=world.office, counsellor=world.counsellor)
    shared_case = CaseFactory(office=world.office, counsellor=world.colleague)
    shared_case.shared_with.add(world.counsellor)
    colleague_case = CaseFactory(office=world.office, counsellor=world.colleague)
    own = booking_request(**request_kwargs(world, lang, case=own_case))
    shared = booking_request(**request_kwargs(world, lang, by=world.colleague, case=shared_case))
    hidden = booking_request(**request_kwargs(world, lang, by=world.colleague, case=colleague_case))
    no_case = booking_request(**request_kwargs(world, lang, by=world.colleague))
    InterpreterBookingFactory(office=world.other_office, language=lang["ti"])

    def ids(user):
        return set(bookings_visible_to(user=user, office=world.office).values_list("pk", flat=True))

    assert ids(world.counsellor) == {own.pk, shared.pk}
    assert ids(world.admin) == {own.pk, shared.pk, hidden.pk, no_case.pk}
    assert ids(world.editor) == ids(world.statistics) == ids(world.foreign_counsellor) == set()
    mine = booking_list(user=world.admin, office=world.office, filters=BookingFilters(mine=True))
    assert list(mine) == []


def test_booking_list_filters(world, lang):
    senait = make_interpreter(world.office, [lang["ti"]])
    march = InterpreterBookingFactory(
        office=world.office,
        interpreter=senait,
        language=lang["ti"],
        date=datetime.date(2024, 3, 31),
        status=Status.DONE,
    )
    april = InterpreterBookingFactory(
        office=world.office, interpreter=None, language=lang["ar"], date=datetime.date(2024, 4, 1)
    )

    def ids(**filters):
        return [
            b.pk
            for b in booking_list(user=world.admin, office=world.office, filters=BookingFilters(**filters))
        ]

    assert ids(month=datetime.date(2024, 3, 1)) == [march.pk]
    assert ids(month=datetime.date(2024, 4, 1)) == [april.pk]
    assert ids(status=Status.DONE) == [march.pk]
    assert ids(language=lang["ar"]) == [april.pk]
    assert ids(interpreter=senait) == [march.pk]


# --- Monthly totals ------------------------------------------------------------------------------------


def test_monthly_totals_sum_done_bookings_and_fees(world, lang):
    senait = make_interpreter(world.office, [lang["ti"]], name="Senait", hourly_rate=Decimal("75"))
    karim = make_interpreter(world.office, [lang["ar"]], name="Karim", hourly_rate=Decimal("60"))
    done = Status.DONE

    def book(interpreter, language, date, minutes, cost, status=done):
        return InterpreterBookingFactory(
            office=world.office,
            interpreter=interpreter,
            language=language,
            date=date,
            duration_minutes=minutes,
            cost=cost,
            status=status,
        )

    book(senait, lang["ti"], datetime.date(2024, 3, 4), 90, Decimal("112.50"))
    book(senait, lang["ti"], datetime.date(2024, 3, 20), 60, Decimal("75.00"))
    book(karim, lang["ar"], datetime.date(2024, 5, 2), 45, Decimal("45.00"))
    book(karim, lang["ar"], datetime.date(2024, 5, 9), 60, Decimal("25.00"), status=Status.CANCELLED)  # fee
    book(karim, lang["ar"], datetime.date(2024, 5, 10), 60, Decimal("0"), status=Status.CANCELLED)
    book(karim, lang["ar"], datetime.date(2024, 5, 11), 60, None, status=Status.CONFIRMED)  # not yet done
    book(senait, lang["ti"], datetime.date(2023, 12, 31), 60, Decimal("75"))  # other year
    InterpreterBookingFactory(
        office=world.other_office, language=lang["ti"], date=datetime.date(2024, 3, 5), status=done, cost=999
    )

    totals = booking_totals(office=world.office, year=2024)
    march, may = totals.months[2], totals.months[4]
    assert (march.done, march.minutes, march.hours, march.cost, march.fees) == (
        2,
        150,
        Decimal("2.50"),
        Decimal("187.50"),
        Decimal("0.00"),
    )
    assert (may.done, may.minutes, may.cost, may.fees, may.total) == (
        1,
        45,
        Decimal("45.00"),
        Decimal("25.00"),
        Decimal("70.00"),
    )
    assert sum(row.done for row in totals.months) == 3
    assert (totals.total.done, totals.total.minutes, totals.total.cost, totals.total.fees) == (
        3,
        195,
        Decimal("232.50"),
        Decimal("25.00"),
    )
    assert [(r.label, r.done, r.cost, r.fees) for r in totals.interpreters] == [
        ("Karim", 1, Decimal("45.00"), Decimal("25.00")),
        ("Senait", 2, Decimal("187.50"), Decimal("0.00")),
    ]
    assert {r.key: (r.done, r.minutes) for r in totals.languages} == {
        lang["ar"].pk: (1, 45),
        lang["ti"].pk: (2, 150),
    }


def test_done_booking_without_stored_cost_counts_rate_times_duration(world, lang):
    interpreter = make_interpreter(world.office, [lang["ti"]], hourly_rate=Decimal("80"))
    InterpreterBookingFactory(
        office=world.office,
        interpreter=interpreter,
        language=lang["ti"],
        date=datetime.date(2024, 6, 1),
        duration_minutes=45,
        cost=None,
        status=Status.DONE,
    )
    assert booking_totals(office=world.office, year=2024).total.cost == Decimal("60.00")


def test_booking_cost_rounds_to_the_cent():
    assert booking_cost(hourly_rate=Decimal("77.77"), duration_minutes=25) == Decimal("32.40")
