"""Reads of the interpreter pool and of bookings: lists with filters, what a user may see, monthly totals.

Visibility of bookings follows the cases: office admins see every booking of the office; counsellors the
bookings they asked for and those of the cases they may see (`access.cases_visible_to`); nobody else any.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from fachstelle.core.models import Language, Membership, Office

from ..access import cases_visible_to, membership_role
from ..models import Interpreter, InterpreterBooking, InterpreterLanguage

Status = InterpreterBooking.Status
CENT = Decimal("0.01")


# --- The pool ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterpreterFilters:
    language: Language | None = None
    dialect: str = ""
    qualification: str = ""
    # True: active only, False: inactive only, None: both.
    active: bool | None = True


def interpreter_list(*, office: Office, filters: InterpreterFilters | None = None) -> QuerySet[Interpreter]:
    """The office's interpreters with their languages (one prefetch), filtered."""
    filters = filters or InterpreterFilters()
    interpreters = Interpreter.objects.filter(office=office)
    if filters.active is not None:
        interpreters = interpreters.filter(is_active=filters.active)
    if filters.qualification:
        interpreters = interpreters.filter(qualification=filters.qualification)
    if filters.language is not None or filters.dialect:
        # One language row must match both language and dialect; a subquery keeps rows distinct.
        rows = InterpreterLanguage.objects.all()
        if filters.language is not None:
            rows = rows.filter(language=filters.language)
        if filters.dialect:
            rows = rows.filter(dialect__icontains=filters.dialect)
        interpreters = interpreters.filter(pk__in=rows.values("interpreter_id"))
    return interpreters.prefetch_related(
        Prefetch(
            "languages",
            queryset=InterpreterLanguage.objects.select_related("language").order_by(
                "language__order", "language__name", "dialect"
            ),
        )
    ).order_by("-is_active", "name")


def interpreter_get(*, office: Office, interpreter_id: int) -> Interpreter:
    return get_object_or_404(Interpreter.objects.filter(office=office), pk=interpreter_id)


def interpreter_choices(*, office: Office) -> QuerySet[Interpreter]:
    """Every interpreter of the office (for filters over past bookings, inactive ones included)."""
    return Interpreter.objects.filter(office=office).order_by("name")


def interpreters_for_booking(*, office: Office, language: Language | None) -> QuerySet[Interpreter]:
    """Active interpreters of the office who speak `language` (all active ones when no language)."""
    interpreters = Interpreter.objects.filter(office=office, is_active=True)
    if language is not None:
        interpreters = interpreters.filter(
            pk__in=InterpreterLanguage.objects.filter(language=language).values("interpreter_id")
        )
    return interpreters.order_by("name")


# --- Bookings ------------------------------------------------------------------------------------------


def bookings_visible_to(*, user, office: Office) -> QuerySet[InterpreterBooking]:
    role = membership_role(user=user, office=office)
    bookings = InterpreterBooking.objects.filter(office=office)
    if role == Membership.Role.ADMIN:
        return bookings
    if role == Membership.Role.COUNSELLOR:
        cases = cases_visible_to(user=user, office=office).values("pk")
        return bookings.filter(Q(requested_by=user) | Q(case__in=cases))
    return bookings.none()


@dataclass(frozen=True)
class BookingFilters:
    status: str = ""
    month: datetime.date | None = None  # the first day of the month
    language: Language | None = None
    interpreter: Interpreter | None = None
    mine: bool = False  # only the bookings the user asked for


def booking_list(
    *, user, office: Office, filters: BookingFilters | None = None
) -> QuerySet[InterpreterBooking]:
    """The bookings `user` may see, filtered, with what a row shows in one query."""
    filters = filters or BookingFilters()
    bookings = bookings_visible_to(user=user, office=office)
    if filters.mine:
        bookings = bookings.filter(requested_by=user)
    if filters.status:
        bookings = bookings.filter(status=filters.status)
    if filters.month is not None:
        start = filters.month.replace(day=1)
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        bookings = bookings.filter(date__gte=start, date__lt=end)
    if filters.language is not None:
        bookings = bookings.filter(language=filters.language)
    if filters.interpreter is not None:
        bookings = bookings.filter(interpreter=filters.interpreter)
    return bookings.select_related("interpreter", "language", "case", "requested_by").order_by(
        "-date", "-start_time", "-pk"
    )


def booking_get_for_user(*, user, office: Office, booking_id: int) -> InterpreterBooking:
    """A booking `user` may see (404 otherwise: bookings of colleagues' cases are not confirmed to exist)."""
    bookings = bookings_visible_to(user=user, office=office).select_related(
        "interpreter", "language", "case", "session", "requested_by", "office"
    )
    return get_object_or_404(bookings, pk=booking_id)


def upcoming_bookings_for_user(*, user, office: Office, limit: int = 10) -> list[InterpreterBooking]:
    """Requested and confirmed bookings from today on that the user asked for or whose case they see
    (the counsellor's desk)."""
    today = timezone.localdate()
    return list(
        bookings_visible_to(user=user, office=office)
        .filter(date__gte=today, status__in=(Status.REQUESTED, Status.CONFIRMED))
        .select_related("interpreter", "language", "case")
        .order_by("date", "start_time", "pk")[:limit]
    )


# --- Monthly totals ------------------------------------------------------------------------------------


@dataclass
class TotalsRow:
    key: object  # month number, interpreter id or language id
    label: str
    done: int = 0
    minutes: int = 0
    cost: Decimal = Decimal("0")  # of the bookings done
    fees: Decimal = Decimal("0")  # cancellation fees

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / Decimal(60)).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.cost + self.fees


@dataclass
class BookingTotals:
    year: int
    months: list[TotalsRow] = field(default_factory=list)
    interpreters: list[TotalsRow] = field(default_factory=list)
    languages: list[TotalsRow] = field(default_factory=list)
    total: TotalsRow | None = None


def _money(value) -> Decimal:
    # SQLite sums decimals as floats: round to the cent for display and comparison.
    return Decimal(str(value or 0)).quantize(CENT, ROUND_HALF_UP)


def booking_totals(*, office: Office, year: int) -> BookingTotals:
    """Done bookings, hours and cost per month, per interpreter and per language of `year` (three
    aggregate queries). Cancelled bookings count only with their cancellation fee."""
    bookings = InterpreterBooking.objects.filter(
        office=office, date__year=year, status__in=(Status.DONE, Status.CANCELLED)
    )
    done, cancelled = Q(status=Status.DONE), Q(status=Status.CANCELLED)
    money = DecimalField(max_digits=12, decimal_places=2)
    # A done booking without a stored cost (edited outside the services) costs rate × duration.
    cost = Coalesce(
        F("cost"),
        F("interpreter__hourly_rate") * F("duration_minutes") / Value(Decimal(60)),
        Value(Decimal(0)),
        output_field=money,
    )
    aggregates = {
        "n_done": Count("pk", filter=done),
        "n_minutes": Sum("duration_minutes", filter=done),
        "n_cost": Sum(cost, filter=done, output_field=money),
        "n_fees": Sum(Coalesce(F("cost"), Value(Decimal(0)), output_field=money), filter=cancelled),
    }

    def rows(values, key, label) -> list[TotalsRow]:
        return [
            TotalsRow(
                key=row[key],
                label=label(row),
                done=row["n_done"],
                minutes=row["n_minutes"] or 0,
                cost=_money(row["n_cost"]),
                fees=_money(row["n_fees"]),
            )
            for row in values
        ]

    by_month = {
        row.key: row
        for row in rows(
            bookings.annotate(month=ExtractMonth("date")).values("month").annotate(**aggregates).order_by(),
            "month",
            lambda row: "",
        )
    }
    months = [by_month.get(month) or TotalsRow(key=month, label="") for month in range(1, 13)]
    for row in months:
        row.label = datetime.date(year, row.key, 1)
    by_interpreter = rows(
        bookings.filter(interpreter__isnull=False)
        .values("interpreter_id", "interpreter__name")
        .annotate(**aggregates)
        .order_by("interpreter__name", "interpreter_id"),
        "interpreter_id",
        lambda row: row["interpreter__name"],
    )
    ui_language = translation.get_language() or "de"
    by_language = rows(
        bookings.values("language_id", "language__name", "language__native_name", "language__names")
        .annotate(**aggregates)
        .order_by("language__name", "language_id"),
        "language_id",
        lambda row: Language(
            name=row["language__name"], native_name=row["language__native_name"], names=row["language__names"]
        ).label(ui_language),
    )
    total = TotalsRow(key=None, label="")
    for row in months:
        total.done += row.done
        total.minutes += row.minutes
        total.cost += row.cost
        total.fees += row.fees
    return BookingTotals(
        year=year, months=months, interpreters=by_interpreter, languages=by_language, total=total
    )
