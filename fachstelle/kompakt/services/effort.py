"""The municipality's effort for KOMPAKT, from the first planning meeting to the finished programme, in
person-days by phase and role (seed 002: "Bei einer Arbeitsgruppe von 10 Personen muss die Gemeinde … mit
etwa 22 Personenarbeitstagen rechnen").

The model is a sum of visible assumptions; an office can override each of them per process
(`Process.effort_assumptions`). With the defaults, 10 members and the seed's sessions (1.5 h + 2 × 4 h):
planning 6 h + preparation 12 h + workshops 132.5 h + organisation 6 h + programme 28.5 h = 185 h
= 22.0 person-days of 8.4 h.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fachstelle.core.audit import Action, audit_record

from ..models import Phase, Process, WorkingGroupMember

# Used when the working group is still empty (the seed's example).
DEFAULT_MEMBERS = 10
MAX_MEMBERS = 500
SESSIONS = 3  # the start session and two workshops
TWO = Decimal("0.01")


@dataclass(frozen=True)
class AssumptionSpec:
    key: str
    default: Decimal
    label: object
    unit: object
    explanation: object
    positive: bool = False  # must be > 0 (a divisor)


HOURS = gettext_lazy("hours")
PERSONS = gettext_lazy("persons")

SPECS = (
    AssumptionSpec(
        "hours_per_day",
        Decimal("8.4"),
        gettext_lazy("Hours per person-day"),
        HOURS,
        gettext_lazy("A 42-hour week of five days."),
        positive=True,
    ),
    AssumptionSpec(
        "planning_persons",
        Decimal("3"),
        gettext_lazy("Planning meeting: persons of the municipality"),
        PERSONS,
        gettext_lazy("Usually a member of the executive, the head of administration and the coordinator."),
    ),
    AssumptionSpec(
        "planning_hours",
        Decimal("2"),
        gettext_lazy("Planning meeting: length"),
        HOURS,
        gettext_lazy("The first meeting with the office, including the way there."),
    ),
    AssumptionSpec(
        "coordinator_preparation_hours",
        Decimal("12"),
        gettext_lazy("Coordinator: preparation"),
        HOURS,
        gettext_lazy("Assembling the working group and providing data for the municipality portrait."),
    ),
    AssumptionSpec(
        "member_preparation_hours",
        Decimal("1"),
        gettext_lazy("Members: preparation per session"),
        HOURS,
        gettext_lazy("Reading the portrait and the documents before each of the three sessions."),
    ),
    AssumptionSpec(
        "travel_hours",
        Decimal("0.25"),
        gettext_lazy("Members: travel per session"),
        HOURS,
        gettext_lazy("The sessions take place in the municipality, so the ways are short."),
    ),
    AssumptionSpec(
        "coordinator_session_hours",
        Decimal("2"),
        gettext_lazy("Coordinator: organisation per session"),
        HOURS,
        gettext_lazy("Room, invitations, documents and follow-up of each session."),
    ),
    AssumptionSpec(
        "member_review_hours",
        Decimal("1.5"),
        gettext_lazy("Members: review of the draft programme"),
        HOURS,
        gettext_lazy("Each member reads the draft and sends comments."),
    ),
    AssumptionSpec(
        "coordinator_programme_hours",
        Decimal("6"),
        gettext_lazy("Coordinator: finishing the programme"),
        HOURS,
        gettext_lazy("Collecting the comments and agreeing the final version with the office."),
    ),
    AssumptionSpec(
        "council_persons",
        Decimal("5"),
        gettext_lazy("Council: persons"),
        PERSONS,
        gettext_lazy("The members of the municipal council who approve the programme."),
    ),
    AssumptionSpec(
        "council_hours",
        Decimal("1.5"),
        gettext_lazy("Council: approval per person"),
        HOURS,
        gettext_lazy("Reading the programme and deciding on it in a council meeting."),
    ),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}
DEFAULTS = {spec.key: spec.default for spec in SPECS}


@dataclass
class Assumption:
    key: str
    label: str
    value: Decimal
    unit: str
    explanation: str
    is_default: bool
    editable: bool = True


@dataclass
class EffortRow:
    phase: str
    phase_label: str
    role: str
    hours: Decimal
    days: Decimal
    basis: str


@dataclass
class Estimate:
    rows: list[EffortRow]
    members: int
    members_source: str  # "group", "default" (empty group) or "what_if"
    hours_per_day: Decimal
    assumptions: list[Assumption]
    total_hours: Decimal = Decimal(0)
    total_days: Decimal = Decimal(0)
    by_phase: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    number = Decimal(str(value).strip().replace(",", "."))
    if not number.is_finite():
        raise InvalidOperation
    return number


def effort_assumptions_validate(values: dict) -> dict[str, Decimal]:
    """Check overrides: known keys only, numbers ≥ 0 (hours per day > 0). Raises ValidationError keyed by
    assumption with every problem at once."""
    if not isinstance(values, dict):
        raise ValidationError(_("The assumptions must be a mapping of names to numbers."))
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal] = {}
    for key, raw in values.items():
        spec = SPEC_BY_KEY.get(key)
        if spec is None:
            errors.setdefault("__all__", []).append(_("Unknown assumption: %(key)s.") % {"key": key})
            continue
        try:
            number = _number(raw)
        except (InvalidOperation, ValueError, TypeError):
            errors[key] = [_("Enter a number.")]
            continue
        if number < 0:
            errors[key] = [_("Enter a number of 0 or more.")]
        elif spec.positive and number == 0:
            errors[key] = [_("Enter a number greater than 0.")]
        elif number > 10000:
            errors[key] = [_("Enter a number of at most 10,000.")]
        else:
            clean[key] = number
    if errors:
        raise ValidationError(errors)
    return clean


def _stored(process: Process | None) -> dict[str, Decimal]:
    """The process's overrides; a value that no longer validates (edited by hand) is ignored."""
    stored = (process.effort_assumptions if process else None) or {}
    clean = {}
    for key, raw in stored.items() if isinstance(stored, dict) else ():
        try:
            clean.update(effort_assumptions_validate({key: raw}))
        except ValidationError:
            continue
    return clean


def _fmt(number: Decimal) -> str:
    return f"{number.normalize():f}"


def effort_estimate(
    *, process: Process | None = None, members: int | None = None, assumptions: dict | None = None
) -> Estimate:
    """The estimate for `process` (its session lengths, its overrides, its working group's size) or, without
    a process, for the seed's defaults. `members` is a what-if member count; `assumptions` further
    overrides (validated)."""
    values = {**DEFAULTS, **_stored(process)}
    if assumptions:
        values.update(effort_assumptions_validate(assumptions))
    if members is not None:
        if members < 1 or members > MAX_MEMBERS:
            raise ValidationError(
                {"members": _("Enter a number of members between 1 and %(max)s.") % {"max": MAX_MEMBERS}}
            )
        source = "what_if"
    else:
        count = WorkingGroupMember.objects.filter(process=process).count() if process else 0
        members, source = (count, "group") if count else (DEFAULT_MEMBERS, "default")
    start_hours = Decimal(process.start_session_hours if process else Decimal("1.5"))
    session_hours = Decimal(process.session_hours if process else Decimal("4"))
    n = Decimal(members)
    v = values
    session_total = start_hours + 2 * session_hours
    per_day = v["hours_per_day"]

    def row(phase, role, hours, basis):
        hours = Decimal(hours)
        return EffortRow(
            phase=phase,
            phase_label=Phase.Kind(phase).label,
            role=role,
            hours=hours.quantize(TWO, ROUND_HALF_UP),
            days=(hours / per_day).quantize(TWO, ROUND_HALF_UP),
            basis=basis,
        )

    rows = [
        row(
            Phase.Kind.PLANNING,
            _("Executive and administration"),
            v["planning_persons"] * v["planning_hours"],
            _("%(persons)s persons × %(hours)s h")
            % {"persons": _fmt(v["planning_persons"]), "hours": _fmt(v["planning_hours"])},
        ),
        row(
            Phase.Kind.PREPARATION,
            _("Municipal coordinator"),
            v["coordinator_preparation_hours"],
            _("assembling the working group, data for the portrait: %(hours)s h")
            % {"hours": _fmt(v["coordinator_preparation_hours"])},
        ),
        row(
            Phase.Kind.WORKSHOPS,
            _("Working group members"),
            n * (session_total + SESSIONS * (v["member_preparation_hours"] + v["travel_hours"])),
            _(
                "%(members)s members × (sessions %(start)s + %(long)s + %(long)s h, "
                "%(sessions)s × %(prep)s h preparation, %(sessions)s × %(travel)s h travel)"
            )
            % {
                "members": members,
                "start": _fmt(start_hours),
                "long": _fmt(session_hours),
                "sessions": SESSIONS,
                "prep": _fmt(v["member_preparation_hours"]),
                "travel": _fmt(v["travel_hours"]),
            },
        ),
        row(
            Phase.Kind.WORKSHOPS,
            _("Municipal coordinator"),
            SESSIONS * v["coordinator_session_hours"],
            _("%(sessions)s sessions × %(hours)s h organisation")
            % {"sessions": SESSIONS, "hours": _fmt(v["coordinator_session_hours"])},
        ),
        row(
            Phase.Kind.PROGRAMME,
            _("Working group members"),
            n * v["member_review_hours"],
            _("%(members)s members × %(hours)s h review of the draft")
            % {"members": members, "hours": _fmt(v["member_review_hours"])},
        ),
        row(
            Phase.Kind.PROGRAMME,
            _("Municipal coordinator"),
            v["coordinator_programme_hours"],
            _("comments and final version: %(hours)s h") % {"hours": _fmt(v["coordinator_programme_hours"])},
        ),
        row(
            Phase.Kind.PROGRAMME,
            _("Executive / council"),
            v["council_persons"] * v["council_hours"],
            _("%(persons)s persons × %(hours)s h approval")
            % {"persons": _fmt(v["council_persons"]), "hours": _fmt(v["council_hours"])},
        ),
    ]
    total_hours = sum((r.hours for r in rows), Decimal(0))
    by_phase: dict[str, Decimal] = {}
    for r in rows:
        by_phase[r.phase_label] = by_phase.get(r.phase_label, Decimal(0)) + r.hours
    overrides = _stored(process) | (effort_assumptions_validate(assumptions) if assumptions else {})
    listed = [
        Assumption(
            key=spec.key,
            label=str(spec.label),
            value=v[spec.key],
            unit=str(spec.unit),
            explanation=str(spec.explanation),
            is_default=spec.key not in overrides or overrides[spec.key] == spec.default,
        )
        for spec in SPECS
    ]
    listed += [
        Assumption(
            key="start_session_hours",
            label=_("Length of the start session"),
            value=start_hours,
            unit=str(HOURS),
            explanation=_("From the process (seed: 1.5 hours)."),
            is_default=start_hours == Decimal("1.5"),
            editable=False,
        ),
        Assumption(
            key="session_hours",
            label=_("Length of each of the two workshops"),
            value=session_hours,
            unit=str(HOURS),
            explanation=_("From the process (seed: 4 hours)."),
            is_default=session_hours == Decimal("4"),
            editable=False,
        ),
    ]
    return Estimate(
        rows=rows,
        members=members,
        members_source=source,
        hours_per_day=per_day,
        assumptions=listed,
        total_hours=total_hours,
        total_days=(total_hours / per_day).quantize(Decimal("0.1"), ROUND_HALF_UP),
        by_phase=[
            (label, hours, (hours / per_day).quantize(TWO, ROUND_HALF_UP))
            for label, hours in by_phase.items()
        ],
    )


def effort_assumptions_save(*, process: Process, values: dict, by) -> dict[str, str]:
    """Store the overrides that differ from the defaults (as strings: JSON has no decimals)."""
    clean = effort_assumptions_validate(values)
    stored = {key: _fmt(number) for key, number in clean.items() if number != DEFAULTS[key]}
    with transaction.atomic():
        process = Process.objects.select_for_update().get(pk=process.pk)
        process.effort_assumptions = stored
        process.save(update_fields=["effort_assumptions", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=process.office,
            target=process,
            detail="effort assumptions changed: "
            + (", ".join(f"{k}={v}" for k, v in stored.items()) or "defaults"),
        )
    return stored


def effort_assumptions_reset(*, process: Process, by) -> None:
    with transaction.atomic():
        process = Process.objects.select_for_update().get(pk=process.pk)
        process.effort_assumptions = {}
        process.save(update_fields=["effort_assumptions", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=process.office,
            target=process,
            detail="effort assumptions reset to the defaults",
        )
