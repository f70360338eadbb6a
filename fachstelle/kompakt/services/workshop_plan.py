"""The workshop plan generator (seed 002): a start session and two workshops about two weeks apart, never in
the canton's school holidays, on a date the municipality blocked, or on a public holiday, communicated
months in advance; the programme is due six weeks after the last workshop.

`workshop_plan_propose` only reads; `workshop_plan_accept` writes the three sessions, the programme due date
and the dates of the phases "workshops" and "programme" in one transaction.
"""

import datetime
import itertools
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core.audit import Action, audit_record

from ..models import BlockedDate, Phase, Process, SchoolHoliday, Workshop

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
# Tuesday to Thursday: the days municipal staff are most likely free for a half-day session.
DEFAULT_WEEKDAYS = frozenset({1, 2, 3})
# "Communicated several months in advance" (seed 002): an earlier start gets a warning.
LEAD_WEEKS = 8
# How far a session may move from its ideal day (weeks after the previous one) to find a free day.
SHIFT_DAYS = 3
# The search gives up after a year instead of looping.
SEARCH_DAYS = 366
PLAN_KINDS = (Workshop.Kind.START, Workshop.Kind.FIRST, Workshop.Kind.SECOND)

# Agendas given to new sessions (the office edits them per session).
DEFAULT_AGENDAS = {
    Workshop.Kind.START: gettext_lazy(
        "Welcome and introductions\nKOMPAKT: aims, procedure and timetable\n"
        "First look at the municipality portrait\nNext steps"
    ),
    Workshop.Kind.FIRST: gettext_lazy(
        "Discussion of the municipality portrait by KIP promotion area\n"
        "Gaps and strengths of the local integration offers\nFirst needs for action"
    ),
    Workshop.Kind.SECOND: gettext_lazy(
        "Needs for action: priorities and rationale\nChoice of measures from the catalogue of proven offers\n"
        "Responsibilities and next steps towards the programme"
    ),
}


class WorkshopPlanError(ValidationError):
    """No plan can be made (or accepted) with the given input."""


# --- Public holidays ------------------------------------------------------------------------------------


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def public_holidays(year: int, country: str = "CH") -> dict[datetime.date, str]:
    """The public holidays the planner avoids: those common to Switzerland and Germany, plus 2 January and
    1 August in Switzerland, 1 May and 3 October in Germany. Cantonal/state extras are left to blocked
    dates."""
    easter = easter_sunday(year)
    days = {
        datetime.date(year, 1, 1): _("New Year's Day"),
        easter - datetime.timedelta(days=2): _("Good Friday"),
        easter + datetime.timedelta(days=1): _("Easter Monday"),
        easter + datetime.timedelta(days=39): _("Ascension Day"),
        easter + datetime.timedelta(days=50): _("Whit Monday"),
        datetime.date(year, 12, 25): _("Christmas Day"),
        datetime.date(year, 12, 26): _("St Stephen's Day"),
    }
    if country == "DE":
        days[datetime.date(year, 5, 1)] = _("Labour Day")
        days[datetime.date(year, 10, 3)] = _("German Unity Day")
    else:
        days[datetime.date(year, 1, 2)] = _("Berchtold's Day")
        days[datetime.date(year, 8, 1)] = _("Swiss National Day")
    return days


# --- The calendar of one process --------------------------------------------------------------------------


class PlanCalendar:
    """Why a day is not available for a session of `process` (public holiday, blocked, school holidays),
    loaded once for a range of days (two queries)."""

    def __init__(self, *, process: Process, first: datetime.date, last: datetime.date):
        municipality = process.municipality
        self.country = municipality.country
        self.first, self.last = first, last
        self._holidays: dict[datetime.date, str] = {}
        for year in range(first.year, last.year + 1):
            self._holidays.update(public_holidays(year, self.country))
        self._blocked = list(
            BlockedDate.objects.filter(process=process, starts_on__lte=last, ends_on__gte=first)
            .order_by("starts_on")
            .values_list("starts_on", "ends_on", "reason")
        )
        canton = municipality.canton
        self._school = (
            list(
                SchoolHoliday.objects.filter(canton=canton, starts_on__lte=last, ends_on__gte=first)
                .order_by("starts_on")
                .values_list("starts_on", "ends_on", "name")
            )
            if canton
            else []
        )
        self._canton = canton

    def reasons(self, day: datetime.date) -> list[str]:
        """Empty when a session can take place on `day`."""
        found = []
        if day in self._holidays:
            found.append(_("public holiday: %(name)s") % {"name": self._holidays[day]})
        for starts, ends, reason in self._blocked:
            if starts <= day <= ends:
                found.append(_("blocked: %(reason)s") % {"reason": reason or _("no reason given")})
        for starts, ends, name in self._school:
            if starts <= day <= ends:
                found.append(f"{name} {self._canton}")
        return found


# --- The proposal ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skip:
    day: datetime.date
    reason: str


@dataclass
class ProposedSession:
    kind: str
    day: datetime.date
    starts_at: datetime.datetime
    duration_minutes: int
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return Workshop.Kind(self.kind).label

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def reasons(self) -> list[str]:
        """The skipped days grouped by reason: "Herbstferien AG (29.09.2026–15.10.2026)"."""
        spans: dict[str, list[datetime.date]] = {}
        for skip in self.skipped:
            spans.setdefault(skip.reason, []).append(skip.day)
        lines = []
        for reason, days in spans.items():
            first, last = min(days), max(days)
            when = _date(first) if first == last else f"{_date(first)}–{_date(last)}"
            lines.append(_("%(when)s skipped: %(reason)s") % {"when": when, "reason": reason})
        return lines + self.notes


@dataclass
class Proposal:
    sessions: list[ProposedSession]
    programme_due_on: datetime.date
    earliest: datetime.date
    weekdays: frozenset[int]
    start_time: datetime.time
    start_time_long: datetime.time
    warnings: list[str] = field(default_factory=list)

    @property
    def days(self) -> list[datetime.date]:
        return [session.day for session in self.sessions]


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _minutes(hours: Decimal) -> int:
    return int((Decimal(hours) * 60).to_integral_value())


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=ZURICH)


def _free_on_or_after(calendar, day, weekdays, limit, skipped) -> datetime.date | None:
    while day <= limit:
        if day.weekday() in weekdays:
            reasons = calendar.reasons(day)
            if not reasons:
                return day
            skipped.extend(Skip(day, reason) for reason in reasons)
        day += datetime.timedelta(days=1)
    return None


def _free_near(calendar, target, previous, weekdays, skipped) -> datetime.date | None:
    """The free day closest to `target` (later first on a tie) within ±SHIFT_DAYS, after `previous`."""
    offsets = [0] + [sign * step for step in range(1, SHIFT_DAYS + 1) for sign in (1, -1)]
    for offset in offsets:
        day = target + datetime.timedelta(days=offset)
        if day <= previous or day.weekday() not in weekdays:
            continue
        reasons = calendar.reasons(day)
        if not reasons:
            return day
        skipped.extend(Skip(day, reason) for reason in reasons)
    return None


def workshop_plan_propose(
    *,
    process: Process,
    earliest: datetime.date,
    weekdays: set[int] | frozenset[int] = DEFAULT_WEEKDAYS,
    start_time: datetime.time,
    start_time_long: datetime.time | None = None,
    today: datetime.date | None = None,
) -> Proposal:
    """Propose the start session and the two workshops. The start session is the first free day on one of
    `weekdays` from `earliest`; each workshop follows `process.weeks_between_sessions` weeks after the
    previous session, moved by up to three days to a free day. When a workshop finds no free day in its
    window, the whole series starts later, so the rhythm stays. Raises WorkshopPlanError when no plan
    fits within a year."""
    weekdays = frozenset(int(day) for day in weekdays)
    if not weekdays or not weekdays <= set(range(7)):
        raise WorkshopPlanError({"weekdays": _("Choose at least one weekday.")})
    today = today or timezone.localdate()
    start_time_long = start_time_long or start_time
    gap = datetime.timedelta(weeks=process.weeks_between_sessions)
    limit = earliest + datetime.timedelta(days=SEARCH_DAYS)
    calendar = PlanCalendar(
        process=process, first=earliest, last=limit + 2 * gap + datetime.timedelta(days=SHIFT_DAYS)
    )
    lengths = {
        Workshop.Kind.START: _minutes(process.start_session_hours),
        Workshop.Kind.FIRST: _minutes(process.session_hours),
        Workshop.Kind.SECOND: _minutes(process.session_hours),
    }
    start_skipped: list[Skip] = []
    start_notes: list[str] = []
    day = earliest
    while True:
        start = _free_on_or_after(calendar, day, weekdays, limit, start_skipped)
        if start is None:
            raise WorkshopPlanError(
                _(
                    "No dates could be found within a year after %(date)s. Check the weekdays, the "
                    "municipality's blocked dates and the school holidays."
                )
                % {"date": _date(earliest)}
            )
        sessions = [
            ProposedSession(
                kind=Workshop.Kind.START,
                day=start,
                starts_at=_at(start, start_time),
                duration_minutes=lengths[Workshop.Kind.START],
                skipped=start_skipped,
                notes=start_notes,
            )
        ]
        previous = start
        for kind in (Workshop.Kind.FIRST, Workshop.Kind.SECOND):
            skipped: list[Skip] = []
            found = _free_near(calendar, previous + gap, previous, weekdays, skipped)
            if found is None:
                break
            sessions.append(
                ProposedSession(
                    kind=kind,
                    day=found,
                    starts_at=_at(found, start_time_long),
                    duration_minutes=lengths[kind],
                    skipped=skipped,
                )
            )
            previous = found
        if len(sessions) == len(PLAN_KINDS):
            break
        # The next session found no free day near its ideal date: start the series later.
        blocked = sorted({skip.reason for skip in skipped})
        start_notes.append(
            _("%(date)s not chosen: the following session would fall on %(reasons)s")
            % {"date": _date(start), "reasons": ", ".join(blocked) or _("no allowed weekday")}
        )
        day = start + datetime.timedelta(days=1)
    warnings = []
    if earliest < today + datetime.timedelta(weeks=LEAD_WEEKS):
        warnings.append(
            _(
                "The first date is less than %(weeks)s weeks away: the working group should know the dates "
                "several months in advance."
            )
            % {"weeks": LEAD_WEEKS}
        )
    due = sessions[-1].day + datetime.timedelta(weeks=process.programme_weeks_after_workshops)
    return Proposal(
        sessions=sessions,
        programme_due_on=due,
        earliest=earliest,
        weekdays=weekdays,
        start_time=start_time,
        start_time_long=start_time_long,
        warnings=warnings,
    )


# --- Accepting a proposal ----------------------------------------------------------------------------------


def phases_sync(*, process: Process) -> None:
    """Set the phases "workshops" (first to last session) and "programme" (day after the last session to
    the due date) from the sessions that are not cancelled."""
    days = sorted(
        timezone.localtime(starts_at, ZURICH).date()
        for starts_at in process.workshops.exclude(status=Workshop.Status.CANCELLED).values_list(
            "starts_at", flat=True
        )
    )
    if not days:
        return
    workshops_phase, _created = Phase.objects.get_or_create(process=process, kind=Phase.Kind.WORKSHOPS)
    workshops_phase.starts_on, workshops_phase.ends_on = days[0], days[-1]
    workshops_phase.save()
    if process.programme_due_on:
        programme_phase, _created = Phase.objects.get_or_create(process=process, kind=Phase.Kind.PROGRAMME)
        programme_phase.starts_on = days[-1] + datetime.timedelta(days=1)
        programme_phase.ends_on = max(process.programme_due_on, programme_phase.starts_on)
        programme_phase.save()


def _check_proposal(process: Process, proposal: Proposal) -> None:
    kinds = [session.kind for session in proposal.sessions]
    if kinds != list(PLAN_KINDS):
        raise WorkshopPlanError(_("The proposal must contain the start session and the two workshops."))
    days = proposal.days
    if any(later <= earlier for earlier, later in itertools.pairwise(days)):
        raise WorkshopPlanError(_("The sessions must follow each other on different days."))
    calendar = PlanCalendar(process=process, first=days[0], last=days[-1])
    for session in proposal.sessions:
        reasons = calendar.reasons(session.day)
        if reasons:
            raise WorkshopPlanError(
                _("%(session)s on %(date)s is no longer possible (%(reasons)s). Make a new proposal.")
                % {"session": session.kind_label, "date": _date(session.day), "reasons": ", ".join(reasons)}
            )


def workshop_plan_accept(*, process: Process, proposal: Proposal, location: str, by) -> list[Workshop]:
    """Create the start session and the two workshops of `proposal`, or move the existing ones (same rows,
    so calendar entries update); sessions already held are never touched: then nothing is saved."""
    location = (location or "").strip()
    if len(location) > 200:
        raise WorkshopPlanError({"location": _("The place may have at most 200 characters.")})
    with transaction.atomic():
        process = (
            Process.objects.select_for_update().select_related("municipality", "office").get(pk=process.pk)
        )
        _check_proposal(process, proposal)
        existing: dict[str, Workshop] = {}
        for workshop in process.workshops.filter(kind__in=PLAN_KINDS).order_by("pk"):
            if workshop.status == Workshop.Status.HELD:
                raise WorkshopPlanError(
                    _("%(session)s of %(date)s has already been held; the plan cannot be replaced.")
                    % {
                        "session": workshop.get_kind_display(),
                        "date": _date(timezone.localtime(workshop.starts_at, ZURICH).date()),
                    }
                )
            existing.setdefault(workshop.kind, workshop)
        saved = []
        for session in proposal.sessions:
            workshop = existing.get(session.kind)
            if workshop is None:
                workshop = Workshop(
                    process=process,
                    kind=session.kind,
                    agenda=str(DEFAULT_AGENDAS[session.kind]),
                )
            else:
                moved = workshop.starts_at != session.starts_at or workshop.location != location
                if moved or workshop.status == Workshop.Status.CANCELLED:
                    workshop.sequence += 1
                    workshop.status = Workshop.Status.PROPOSED
            workshop.starts_at = session.starts_at
            workshop.duration_minutes = session.duration_minutes
            workshop.location = location
            workshop.full_clean()
            workshop.save()
            saved.append(workshop)
        process.programme_due_on = proposal.programme_due_on
        process.save(update_fields=["programme_due_on", "updated_at"])
        phases_sync(process=process)
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=process.office,
            target=process,
            detail="workshop plan accepted: "
            + ", ".join(day.isoformat() for day in proposal.days)
            + f"; programme due {proposal.programme_due_on.isoformat()}",
        )
    return saved
