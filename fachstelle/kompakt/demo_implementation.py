"""Implementation demo for `make run`: the first years of the Oftringen programme (written by the programme
demo) — a few measure statuses, two years of indicator values, one quality-assurance meeting of the working
group and two canton contributions; until the programme's first year has begun, only the request for the
canton's contribution. All figures are invented demo figures.

Nothing is created when the Oftringen programme does not exist. Idempotent: a second call creates nothing
(values and contributions are looked up by indicator/measure and year, the meeting by its date, and a
status is only set on a measure that is still "planned" without a note)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from fachstelle.core.models import Municipality, Office

from . import demo_data as D
from .demo import KompaktDemoResult
from .models import CantonContribution, Indicator, IndicatorValue, Measure, Process, Programme, QualityMeeting

OFTRINGEN_BFS = 4280

# Applied to the programme's measures in their order (the first three).
STATUSES = [
    (Measure.Status.IN_PROGRESS, "Erster Kurs läuft seit dem Sommer, zweiter Kurs in Planung."),
    (Measure.Status.DONE, "Umgesetzt; wird jährlich wiederholt."),
    (
        Measure.Status.POSTPONED,
        "Verschoben um ein Jahr: Trägerschaft noch nicht gefunden, Gespräche mit dem Kulturverein laufen.",
    ),
]
# Share of the way from the baseline to the target reached in the first and the second year.
PROGRESS = (Decimal("0.4"), Decimal("0.8"))
VALUE_NOTES = ("Erhebung durch die Gemeindeverwaltung (Demozahl).", "Demozahl, Stand Jahresende.")

MINUTES = """**Rückblick auf das erste Umsetzungsjahr**

- Der Deutschkurs mit Kinderbetreuung ist gut gestartet; die Warteliste zeigt, dass ein zweiter Kurs
  nötig ist.
- Der Begrüssungsanlass für Neuzuziehende fand im Gemeindesaal statt (rund 60 Personen, Dolmetschende für
  Albanisch, Tigrinya und Ukrainisch).
- Für das interkulturelle Café fehlt noch eine Trägerschaft.
"""
DECISIONS = """1. Zweiten Deutschkurs ab Herbst beim Kanton als KIP-Beitrag beantragen (Gemeindekanzlei).
2. Gespräch mit dem Albanischen Kulturverein über die Trägerschaft des Cafés (Präsidium).
3. Nächste Sitzung in einem Jahr; Indikatoren bis Ende Januar melden.
"""


def _oftringen_programme() -> Programme | None:
    office = Office.objects.filter(slug=D.OFFICE_SLUG).first()
    if office is None:
        return None
    municipality = Municipality.objects.filter(bfs_number=OFTRINGEN_BFS, country="CH").first()
    if municipality is None:
        return None
    process = Process.objects.filter(office=office, municipality=municipality).order_by("-created_at").first()
    if process is None:
        return None
    return Programme.objects.filter(process=process).select_related("process").first()


def _demo_value(indicator: Indicator, progress: Decimal) -> Decimal:
    """A value on the way from the baseline to the target (within 0–100 for percentages)."""
    baseline = indicator.baseline if indicator.baseline is not None else Decimal("0")
    target = indicator.target if indicator.target is not None else baseline + Decimal("10")
    value = baseline + (target - baseline) * progress
    if indicator.unit.strip() == "%":
        value = min(max(value, Decimal("0")), Decimal("100"))
    value = max(value, Decimal("0"))
    # Counts are whole numbers, percentages and amounts keep one decimal.
    step = Decimal("1") if indicator.unit.strip() != "%" else Decimal("0.1")
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _statuses(measures: list[Measure], result: KompaktDemoResult) -> list[Measure]:
    changed = []
    for measure, (status, note) in zip(measures, STATUSES, strict=False):
        if measure.status == status and measure.status_note == note:
            result.existing["measure_statuses"] += 1
            changed.append(measure)
        elif measure.status == Measure.Status.PLANNED and not measure.status_note:
            measure.status, measure.status_note = status, note
            measure.save(update_fields=["status", "status_note"])
            result.created["measure_statuses"] += 1
            changed.append(measure)
    return changed


def _values(programme: Programme, result: KompaktDemoResult) -> None:
    indicators = Indicator.objects.filter(measure__programme=programme).order_by("measure__position", "pk")
    years = (programme.period_start, programme.period_start + 1)
    for indicator in indicators:
        for year, progress, note in zip(years, PROGRESS, VALUE_NOTES, strict=True):
            _value, created = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                year=year,
                defaults={"value": _demo_value(indicator, progress), "note": note},
            )
            (result.created if created else result.existing)["indicator_values"] += 1


def _meeting_date(programme: Programme) -> datetime.date:
    """About eleven months after the adoption (the first yearly meeting), else November of the first year."""
    if programme.adopted_on:
        return programme.adopted_on + datetime.timedelta(days=330)
    return datetime.date(programme.period_start, 11, 17)


def _meeting(programme: Programme, reviewed: list[Measure], result: KompaktDemoResult) -> None:
    process = programme.process
    held_on = _meeting_date(programme)
    meeting, created = QualityMeeting.objects.get_or_create(
        process=process, held_on=held_on, defaults={"minutes": MINUTES, "decisions": DECISIONS}
    )
    if not created:
        result.existing["quality_meetings"] += 1
        return
    meeting.attendees.set(list(process.members.order_by("role", "name")[:6]))
    meeting.measures_reviewed.set(reviewed)
    result.created["quality_meetings"] += 1


def _contributions(programme: Programme, measures: list[Measure], result: KompaktDemoResult) -> None:
    """Two years of the first measure with a planned canton share: one paid, one requested (each 40 % of
    the share, so together within the plan)."""
    measure = next((m for m in measures if m.funding_canton > 0), None)
    if measure is None:
        return
    amount = (measure.funding_canton * Decimal("0.4")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    first = programme.period_start
    plans = [
        (
            first,
            {
                "amount": amount,
                "status": CantonContribution.Status.PAID,
                "decided_on": datetime.date(first, 3, 16),
                "paid_on": datetime.date(first, 6, 30),
                "note": "Verfügung des Kantons (Demo).",
            },
        ),
        (
            first + 1,
            {
                "amount": amount,
                "status": CantonContribution.Status.REQUESTED,
                "note": "Gesuch für den zweiten Kurs.",
            },
        ),
    ]
    for year, defaults in plans:
        _contribution, created = CantonContribution.objects.get_or_create(
            measure=measure, year=year, defaults=defaults
        )
        (result.created if created else result.existing)["canton_contributions"] += 1


def load_implementation_demo(*, today: datetime.date | None = None) -> KompaktDemoResult:
    """Implementation data of the Oftringen programme; an empty result when there is no such programme.
    Before the programme's first year only what can exist then: the request for the canton's contribution
    to the first year (no statuses, indicator values or meetings in the future)."""
    result = KompaktDemoResult()
    programme = _oftringen_programme()
    if programme is None:
        return result
    today = today or timezone.localdate()
    with transaction.atomic():
        measures = list(programme.measures.order_by("position", "pk"))
        if programme.period_start > today.year:
            _first_request(programme, measures, result)
            return result
        reviewed = _statuses(measures, result)
        _values(programme, result)
        _meeting(programme, reviewed, result)
        _contributions(programme, measures, result)
    return result


def _first_request(programme: Programme, measures: list[Measure], result: KompaktDemoResult) -> None:
    measure = next((m for m in measures if m.funding_canton > 0), None)
    if measure is None:
        return
    amount = (measure.funding_canton * Decimal("0.4")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    _contribution, created = CantonContribution.objects.get_or_create(
        measure=measure,
        year=programme.period_start,
        defaults={
            "amount": amount,
            "status": CantonContribution.Status.REQUESTED,
            "note": "Gesuch für das erste Programmjahr eingereicht (Demo).",
        },
    )
    (result.created if created else result.existing)["canton_contributions"] += 1
