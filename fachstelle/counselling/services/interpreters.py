"""Writes of the interpreter pool and of interpreter bookings.

Every function validates its whole input first and raises one `ValidationError` whose keys name the form
fields (`NON_FIELD_ERRORS` for rules about the record as a whole), then writes in one transaction together
with its audit entry. Bookings move requested → confirmed → done, or to cancelled from requested/confirmed;
the cost is fixed when the booking is confirmed and recomputed from the actual duration when it is done.

Interpreters are not clients: their data is the office's own (staff-only) and only office admins edit the
pool. Bookings may be linked to a case; those are visible to whoever sees the case (`bookings_visible_to`).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Language, Membership, Office
from fachstelle.core.validation import FieldErrors

from ..access import cases_visible_to, membership_role
from ..models import Case, CounsellingSession, Interpreter, InterpreterBooking, InterpreterLanguage
from ..selectors.interpreters import bookings_visible_to
from .common import STAFF_ROLES, local_today, refuse

Status = InterpreterBooking.Status
INTERPRETER_FIELDS = ("name", "email", "phone", "qualification", "hourly_rate", "availability", "is_active")

# Status changes and the service that makes them; done and cancelled are final.
TRANSITIONS = {
    Status.REQUESTED: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.DONE, Status.CANCELLED},
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class LanguageEntry:
    """One language an interpreter works in, with an optional dialect ("Tigrinya, Eritrea")."""

    language: Language
    dialect: str = ""


def booking_cost(*, hourly_rate: Decimal, duration_minutes: int) -> Decimal:
    """Hourly rate × duration, rounded to the cent."""
    return (Decimal(hourly_rate) * Decimal(duration_minutes) / Decimal(60)).quantize(CENT, ROUND_HALF_UP)


def _audit_booking(*, by, booking: InterpreterBooking, action: str, detail: str = "", request=None) -> None:
    """Bookings linked to a case are part of the case's record and logged; others hold no case data."""
    if booking.case_id is None:
        return
    audit_record(
        actor=by, action=action, office=booking.office, target=booking, detail=detail, request=request
    )


# --- The pool ------------------------------------------------------------------------------------------


def _ensure_office_admin(*, by, office: Office) -> None:
    if membership_role(user=by, office=office) != Membership.Role.ADMIN:
        refuse(_("Only office administrators can edit the interpreter pool."))


def _check_languages(errors: FieldErrors, languages: list[LanguageEntry]) -> list[LanguageEntry]:
    """At least one language; each language-and-dialect once (dialects compared without case)."""
    cleaned: list[LanguageEntry] = []
    seen: set[tuple[int, str]] = set()
    for entry in languages:
        dialect = (entry.dialect or "").strip()
        if len(dialect) > 80:
            errors.add("languages", _("A dialect can have at most 80 characters."))
            continue
        key = (entry.language.pk, dialect.casefold())
        if key in seen:
            errors.add(
                "languages",
                _("%(language)s %(dialect)s is listed twice.")
                % {"language": entry.language, "dialect": dialect},
            )
            continue
        seen.add(key)
        cleaned.append(LanguageEntry(language=entry.language, dialect=dialect))
    if not cleaned and "languages" not in errors.by_field:
        errors.add("languages", _("Enter at least one language the interpreter works in."))
    return cleaned


def _set_languages(interpreter: Interpreter, languages: list[LanguageEntry]) -> None:
    interpreter.languages.all().delete()
    InterpreterLanguage.objects.bulk_create(
        InterpreterLanguage(interpreter=interpreter, language=entry.language, dialect=entry.dialect)
        for entry in languages
    )


def interpreter_create(
    *,
    office: Office,
    by,
    name: str,
    languages: Iterable[LanguageEntry],
    email: str = "",
    phone: str = "",
    qualification: str = Interpreter.Qualification.NONE,
    hourly_rate: Decimal = Decimal("0"),
    availability: str = "",
    is_active: bool = True,
    request=None,
) -> Interpreter:
    _ensure_office_admin(by=by, office=office)
    errors = FieldErrors()
    interpreter = Interpreter(
        office=office,
        name=(name or "").strip(),
        email=email or "",
        phone=phone or "",
        qualification=qualification,
        hourly_rate=hourly_rate,
        availability=availability or "",
        is_active=is_active,
    )
    errors.add_model_errors(interpreter, exclude=["office"])
    languages = _check_languages(errors, list(languages))
    errors.raise_if_any()
    with transaction.atomic():
        interpreter.save()
        _set_languages(interpreter, languages)
        audit_record(actor=by, action=Action.CREATE, office=office, target=interpreter, request=request)
    return interpreter


def interpreter_update(
    *,
    interpreter: Interpreter,
    by,
    languages: Iterable[LanguageEntry] | None = None,
    request=None,
    **fields,
) -> Interpreter:
    """Change the interpreter's data; `languages` (if given) replaces the list of languages."""
    unknown = set(fields) - set(INTERPRETER_FIELDS)
    if unknown:
        raise TypeError(f"interpreter_update() cannot change {', '.join(sorted(unknown))}")
    _ensure_office_admin(by=by, office=interpreter.office)
    errors = FieldErrors()
    changed = []
    for name, value in fields.items():
        if name == "name":
            value = (value or "").strip()
        if getattr(interpreter, name) != value:
            setattr(interpreter, name, value)
            changed.append(name)
    errors.add_model_errors(interpreter, exclude=["office"])
    new_languages = None
    if languages is not None:
        new_languages = _check_languages(errors, list(languages))
        current = {(row.language_id, row.dialect) for row in interpreter.languages.all()}
        if current != {(entry.language.pk, entry.dialect) for entry in new_languages}:
            changed.append("languages")
    errors.raise_if_any()
    if not changed:
        return interpreter
    with transaction.atomic():
        interpreter.save()
        if new_languages is not None and "languages" in changed:
            _set_languages(interpreter, new_languages)
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=interpreter.office,
            target=interpreter,
            detail=", ".join(changed),
            request=request,
        )
    return interpreter


def interpreter_set_active(*, interpreter: Interpreter, by, is_active: bool, request=None) -> Interpreter:
    """Deactivate (or reactivate) an interpreter: inactive ones keep their bookings but get no new ones."""
    return interpreter_update(interpreter=interpreter, by=by, is_active=is_active, request=request)


# --- Bookings ------------------------------------------------------------------------------------------


def _booking_interval(date: datetime.date, start: datetime.time, minutes: int):
    begin = datetime.datetime.combine(date, start)
    return begin, begin + datetime.timedelta(minutes=minutes)


def booking_conflicts(
    *,
    interpreter: Interpreter,
    date: datetime.date,
    start_time: datetime.time,
    duration_minutes: int,
    exclude: InterpreterBooking | None = None,
) -> list[InterpreterBooking]:
    """The interpreter's confirmed bookings overlapping the given time (a booking may run past midnight,
    so the neighbouring days are looked at too)."""
    begin, end = _booking_interval(date, start_time, duration_minutes)
    candidates = InterpreterBooking.objects.filter(
        interpreter=interpreter,
        status=Status.CONFIRMED,
        date__range=(date - datetime.timedelta(days=1), date + datetime.timedelta(days=1)),
    ).order_by("date", "start_time")
    if exclude is not None and exclude.pk:
        candidates = candidates.exclude(pk=exclude.pk)
    conflicts = []
    for other in candidates:
        other_begin, other_end = _booking_interval(other.date, other.start_time, other.duration_minutes)
        if begin < other_end and other_begin < end:
            conflicts.append(other)
    return conflicts


def _conflict_message(conflicts: list[InterpreterBooking]):
    other = conflicts[0]
    begin, end = _booking_interval(other.date, other.start_time, other.duration_minutes)
    return _(
        "%(name)s already has a confirmed booking on %(date)s from %(start)s to %(end)s. Choose another "
        "time or another interpreter."
    ) % {
        "name": other.interpreter.name if other.interpreter_id else "",
        "date": formats.date_format(other.date, "SHORT_DATE_FORMAT"),
        "start": begin.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def _check_interpreter(
    errors: FieldErrors, *, interpreter: Interpreter, office: Office, language: Language | None
) -> None:
    if interpreter.office_id != office.pk:
        errors.add("interpreter", _("This interpreter is not in your office's pool."))
        return
    if not interpreter.is_active:
        errors.add("interpreter", _("This interpreter is no longer active."))
    if language is not None and not interpreter.languages.filter(language=language).exists():
        errors.add(
            "interpreter",
            _("%(name)s does not interpret %(language)s.") % {"name": interpreter.name, "language": language},
        )


def _ensure_can_book(*, by, office: Office) -> None:
    if membership_role(user=by, office=office) not in STAFF_ROLES:
        refuse(_("Only counsellors and office administrators can book interpreters."))


def booking_request(
    *,
    office: Office,
    by,
    language: Language,
    dialect: str,
    date: datetime.date,
    start_time: datetime.time,
    duration_minutes: int,
    mode: str,
    case: Case | None = None,
    session: CounsellingSession | None = None,
    interpreter: Interpreter | None = None,
    note: str = "",
    request=None,
) -> InterpreterBooking:
    """Ask for an interpreter, optionally for a case (and one of its sessions) and a wished interpreter.
    The case must be one `by` may see; a booking for the past cannot be requested."""
    _ensure_can_book(by=by, office=office)
    errors = FieldErrors()
    visible_cases = cases_visible_to(user=by, office=office)
    if session is not None:
        if case is None:
            case = session.case
        if session.case_id != case.pk:
            errors.add("session", _("This session does not belong to the chosen case."))
    if case is not None:
        if case.office_id != office.pk or not visible_cases.filter(pk=case.pk).exists():
            errors.add("case", _("You do not have access to this case."))
        elif case.anonymised_at is not None:
            errors.add("case", _("This case has been anonymised."))
        elif case.status == Case.Status.CLOSED:
            errors.add("case", _("This case is closed; reopen it before booking an interpreter."))
    if language is None:
        errors.add("language", _("Choose the language."))
    if date is not None and date < local_today():
        errors.add("date", _("The date of a new booking cannot be in the past."))
    if interpreter is not None:
        _check_interpreter(errors, interpreter=interpreter, office=office, language=language)
    booking = InterpreterBooking(
        office=office,
        case=case,
        session=session,
        interpreter=interpreter,
        language=language,
        dialect=(dialect or "").strip(),
        date=date,
        start_time=start_time,
        duration_minutes=duration_minutes,
        mode=mode,
        status=Status.REQUESTED,
        note=note or "",
        requested_by=by,
    )
    errors.add_model_errors(
        booking, exclude=["office", "case", "session", "interpreter", "language", "requested_by"]
    )
    errors.raise_if_any()
    with transaction.atomic():
        if interpreter is not None:
            # A wished interpreter who is already confirmed elsewhere at that time: say so now.
            Interpreter.objects.select_for_update().filter(pk=interpreter.pk).first()
            conflicts = booking_conflicts(
                interpreter=interpreter, date=date, start_time=start_time, duration_minutes=duration_minutes
            )
            if conflicts:
                raise ValidationError({"interpreter": [_conflict_message(conflicts)]})
        booking.save()
        _audit_booking(by=by, booking=booking, action=Action.CREATE, request=request)
    return booking


def _ensure_can_manage(*, booking: InterpreterBooking, by) -> None:
    _ensure_can_book(by=by, office=booking.office)
    if not bookings_visible_to(user=by, office=booking.office).filter(pk=booking.pk).exists():
        refuse(_("You do not have access to this booking."))


def _ensure_transition(booking: InterpreterBooking, target: str) -> None:
    if target not in TRANSITIONS.get(booking.status, set()):
        refuse(
            _("A booking that is “%(current)s” cannot become “%(target)s”.")
            % {"current": booking.get_status_display(), "target": Status(target).label}
        )


def _locked(booking: InterpreterBooking) -> InterpreterBooking:
    """The booking re-read under a row lock, so two clicks on "confirm" cannot both pass the checks."""
    return InterpreterBooking.objects.select_for_update().select_related("office").get(pk=booking.pk)


MAX_COST = Decimal("999999.99")  # the cost column holds 8 digits


def _check_cost(errors: FieldErrors, key: str, cost: Decimal | None) -> None:
    if cost is None:
        return
    if cost < 0:
        errors.add(key, _("The amount cannot be negative."))
    elif cost > MAX_COST:
        errors.add(key, _("The amount can be at most %(max)s.") % {"max": MAX_COST})


def booking_confirm(
    *,
    booking: InterpreterBooking,
    by,
    interpreter: Interpreter,
    cost: Decimal | None = None,
    request=None,
) -> InterpreterBooking:
    """The interpreter agreed: requested → confirmed. The cost is the given amount, else the one already
    on the booking, else hourly rate × duration. An overlapping confirmed booking of the interpreter is
    refused with its time."""
    _ensure_can_manage(booking=booking, by=by)
    with transaction.atomic():
        booking = _locked(booking)
        _ensure_transition(booking, Status.CONFIRMED)
        errors = FieldErrors()
        if interpreter is None:
            errors.add("interpreter", _("Choose the interpreter."))
        else:
            _check_interpreter(
                errors, interpreter=interpreter, office=booking.office, language=booking.language
            )
        _check_cost(errors, "cost", cost)
        errors.raise_if_any()
        # Confirmations of the same interpreter are serialised on the interpreter's row.
        interpreter = Interpreter.objects.select_for_update().get(pk=interpreter.pk)
        conflicts = booking_conflicts(
            interpreter=interpreter,
            date=booking.date,
            start_time=booking.start_time,
            duration_minutes=booking.duration_minutes,
            exclude=booking,
        )
        if conflicts:
            raise ValidationError({"interpreter": [_conflict_message(conflicts)]})
        changed = ["status", "interpreter", "cost"]
        booking.interpreter = interpreter
        booking.status = Status.CONFIRMED
        if cost is not None:
            booking.cost = cost
        elif booking.cost is None:
            booking.cost = booking_cost(
                hourly_rate=interpreter.hourly_rate, duration_minutes=booking.duration_minutes
            )
        booking.save(update_fields=[*changed, "updated_at"])
        _audit_booking(
            by=by, booking=booking, action=Action.UPDATE, detail=", ".join(changed), request=request
        )
    return booking


def booking_complete(
    *,
    booking: InterpreterBooking,
    by,
    duration_minutes: int | None = None,
    cost: Decimal | None = None,
    request=None,
) -> InterpreterBooking:
    """The appointment took place: confirmed → done. `duration_minutes` is the actual duration (default:
    the booked one); the cost is recomputed from it unless an amount is given."""
    _ensure_can_manage(booking=booking, by=by)
    with transaction.atomic():
        booking = _locked(booking)
        _ensure_transition(booking, Status.DONE)
        errors = FieldErrors()
        if duration_minutes is not None:
            booking.duration_minutes = duration_minutes
        _check_cost(errors, "cost", cost)
        errors.add_model_errors(
            booking, exclude=["office", "case", "session", "interpreter", "language", "requested_by", "note"]
        )
        errors.raise_if_any()
        booking.status = Status.DONE
        if cost is not None:
            booking.cost = cost
        else:
            rate = booking.interpreter.hourly_rate if booking.interpreter_id else Decimal("0")
            booking.cost = booking_cost(hourly_rate=rate, duration_minutes=booking.duration_minutes)
        booking.save(update_fields=["status", "duration_minutes", "cost", "updated_at"])
        _audit_booking(
            by=by,
            booking=booking,
            action=Action.UPDATE,
            detail="status, duration_minutes, cost",
            request=request,
        )
    return booking


def booking_cancel(
    *,
    booking: InterpreterBooking,
    by,
    cancellation_fee: Decimal | None = None,
    request=None,
) -> InterpreterBooking:
    """requested/confirmed → cancelled. A cancelled booking costs nothing unless a cancellation fee (the
    interpreter's fee for a late cancellation) is entered."""
    _ensure_can_manage(booking=booking, by=by)
    with transaction.atomic():
        booking = _locked(booking)
        _ensure_transition(booking, Status.CANCELLED)
        errors = FieldErrors()
        _check_cost(errors, "cancellation_fee", cancellation_fee)
        errors.raise_if_any()
        booking.status = Status.CANCELLED
        booking.cost = cancellation_fee if cancellation_fee is not None else Decimal("0")
        booking.save(update_fields=["status", "cost", "updated_at"])
        _audit_booking(by=by, booking=booking, action=Action.UPDATE, detail="status, cost", request=request)
    return booking
