"""Writing the municipal integration programme: the prefilled draft, texts, goals, measures with their
indicators, measures taken from the catalogue, saved versions and the status (draft → submitted → adopted).

Every write runs in one transaction with its audit entry; the programme row is locked where a number or
an order is handed out (positions, version numbers, one measure per catalogue entry).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.numbers import format_money
from fachstelle.core.validation import FieldErrors

from ..models import (
    CatalogueEntry,
    Goal,
    Indicator,
    Measure,
    NeedForAction,
    Process,
    Programme,
    ProgrammeVersion,
)
from ..selectors.portrait import statistics_years
from ..selectors.programme import (
    FUNDING_FIELDS,
    PRIORITY_ORDER,
    measure_total_cost,
    measure_years,
    needs_for_process,
    programme_snapshot,
)
from .portraits import PLACEHOLDER, PLACEHOLDER_HELP

# The programme is the municipality's own document, written in German whatever language the staff
# interface shows; these prefilled texts are its German content, not interface strings.
PROGRAMME_TITLE = "Kommunales Integrationsprogramm {municipality} {start}–{end}"
RESPONSIBLE_PLACEHOLDER = "Gemeinde {municipality}"
PRIORITY_DE = {"high": "hohe Priorität", "medium": "mittlere Priorität", "low": "tiefe Priorität"}
STARTING_POINT_WITH_FIGURES = (
    "Ende {year} lebten in {municipality} {population} Personen, davon {foreign} mit ausländischer "
    "Staatsangehörigkeit ({foreign_share}). Die Bevölkerung wuchs in den letzten fünf Jahren um "
    "{growth_5y}. Die häufigsten ausländischen Staatsangehörigkeiten sind {top_nationalities}.\n\n"
    "Der Ausländeranteil im Bezirk beträgt {district_foreign_share}, im Kanton {canton_foreign_share}.\n\n"
    "In der Gemeinde laufen {offers_count} Integrationsangebote. Ohne Angebot sind die Förderbereiche: "
    "{areas_without_offers}."
)
STARTING_POINT_WITHOUT_FIGURES = (
    "Das Gemeindeportrait von {municipality} beschreibt die Bevölkerung und die laufenden "
    "Integrationsangebote. (Für die Gemeinde sind noch keine Bevölkerungszahlen importiert.)"
)
PROGRAMME_YEARS = 4  # the default period: next year and three more
MAX_PROGRAMME_YEARS = 10
TEXT_FIELDS = ("title", "summary", "starting_point", "challenges", "period_start", "period_end")
MEASURE_FIELDS = (
    "goal",
    "need",
    "promotion_area",
    "title",
    "description",
    "responsible",
    "partners",
    "starts_on",
    "ends_on",
    "cost_once",
    "cost_yearly",
    "funding_municipality",
    "funding_canton",
    "funding_third_party",
    "funding_note",
    "priority",
)
ALLOWED_STATUS_CHANGES = {
    Programme.Status.DRAFT: (Programme.Status.SUBMITTED,),
    Programme.Status.SUBMITTED: (Programme.Status.ADOPTED, Programme.Status.DRAFT),
    Programme.Status.ADOPTED: (),
}


def _locked(programme: Programme) -> Programme:
    return (
        Programme.objects.select_for_update()
        .select_related("process__office", "process__municipality")
        .get(pk=programme.pk)
    )


def _audit(*, by, action, programme: Programme, detail: str, target=None) -> None:
    audit_record(
        actor=by,
        action=action,
        office=programme.process.office,
        target=target or programme,
        detail=detail,
    )


# --- Draft ----------------------------------------------------------------------------------------------


def challenges_text(needs: list[NeedForAction]) -> str:
    """The needs for action as Markdown, by KIP area (in code order) and priority (high first)."""
    blocks = []
    current = None
    for need in sorted(needs, key=lambda n: (n.promotion_area.code, PRIORITY_ORDER.get(n.priority, 9), n.pk)):
        if need.promotion_area_id != current:
            current = need.promotion_area_id
            blocks.append(f"\n### {need.promotion_area}\n")
        line = f"- **{need.title}** ({PRIORITY_DE.get(need.priority, need.priority)})"
        if need.rationale.strip():
            line += ": " + " ".join(need.rationale.split())
        blocks.append(line)
    return "\n".join(blocks).strip()


def _goals_from_needs(programme: Programme, needs: list[NeedForAction]) -> list[Goal]:
    """One goal per KIP area with a need, addressing that area's needs."""
    by_area: dict[int, list[NeedForAction]] = {}
    for need in needs:
        by_area.setdefault(need.promotion_area_id, []).append(need)
    goals = []
    for position, area_needs in enumerate(
        sorted(by_area.values(), key=lambda group: group[0].promotion_area.code)
    ):
        area = area_needs[0].promotion_area
        goal = Goal.objects.create(
            programme=programme,
            promotion_area=area,
            title=f"{area.name}: den erkannten Handlungsbedarf angehen",
            description="Die Gemeinde setzt Massnahmen zu folgendem Handlungsbedarf um:\n\n"
            + "\n".join(f"- {need.title}" for need in area_needs),
            position=position,
        )
        goal.needs.set(area_needs)
        goals.append(goal)
    return goals


def programme_create(*, process: Process, by, today: datetime.date | None = None) -> Programme:
    """The prefilled draft: title with the period (next year + 3), the starting point from the portrait's
    figures (as placeholders, filled when shown), the needs for action as challenges and one goal per KIP
    area that has a need. A second draft for the same process is refused."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # Lock the process: two clicks on "create draft" must not both pass the check below.
        process = (
            Process.objects.select_for_update().select_related("municipality", "office").get(pk=process.pk)
        )
        if Programme.objects.filter(process=process).exists():
            raise ValidationError(_("This process already has a programme. Open it to continue writing."))
        municipality = process.municipality
        start = today.year + 1
        end = start + PROGRAMME_YEARS - 1
        needs = needs_for_process(process=process)
        starting_point = (
            STARTING_POINT_WITH_FIGURES
            if statistics_years(municipality=municipality)
            else STARTING_POINT_WITHOUT_FIGURES.replace("{municipality}", municipality.name)
        )
        programme = Programme.objects.create(
            process=process,
            title=PROGRAMME_TITLE.format(municipality=municipality.name, start=start, end=end),
            starting_point=starting_point,
            challenges=challenges_text(needs),
            period_start=start,
            period_end=end,
            updated_by=by,
        )
        goals = _goals_from_needs(programme, needs)
        _audit(
            by=by,
            action=Action.CREATE,
            programme=programme,
            detail=f"programme {start}-{end}, {len(goals)} goals from {len(needs)} needs",
        )
    return programme


# --- Texts ----------------------------------------------------------------------------------------------


def _check_placeholders(errors: FieldErrors, name: str, text: str) -> None:
    unknown = sorted({key for key in PLACEHOLDER.findall(text or "") if key not in PLACEHOLDER_HELP})
    if unknown:
        errors.add(
            name,
            _("Unknown placeholder: %(names)s. Use one of the placeholders of the portrait.")
            % {"names": ", ".join("{%s}" % key for key in unknown)},
        )


@transaction.atomic
def programme_update(*, programme: Programme, by, fields: dict) -> Programme:
    """Title, texts and period. The period must be ordered and at most ten years long."""
    programme = _locked(programme)
    errors = FieldErrors()
    fields = {key: value for key, value in fields.items() if key in TEXT_FIELDS}
    start, end = (
        fields.get("period_start", programme.period_start),
        fields.get("period_end", programme.period_end),
    )
    if start is not None and end is not None:
        if end < start:
            errors.add("period_end", _("The programme cannot end before it starts."))
        elif end - start + 1 > MAX_PROGRAMME_YEARS:
            errors.add(
                "period_end",
                _("A programme runs for at most %(years)s years.") % {"years": MAX_PROGRAMME_YEARS},
            )
    _check_placeholders(errors, "starting_point", fields.get("starting_point", ""))
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.updated_by = by
    errors.add_model_errors(programme, exclude=["process", "updated_by"])
    errors.raise_if_any()
    programme.save()
    _audit(by=by, action=Action.UPDATE, programme=programme, detail="programme texts")
    return programme


# --- Goals ----------------------------------------------------------------------------------------------


@transaction.atomic
def goal_save(
    *,
    programme: Programme,
    by,
    fields: dict,
    needs: list[NeedForAction] | None = None,
    goal: Goal | None = None,
) -> Goal:
    """Create or change a goal; the needs it addresses must be the process's own."""
    programme = _locked(programme)
    errors = FieldErrors()
    needs = list(needs or [])
    if any(need.process_id != programme.process_id for need in needs):
        errors.add("needs", _("Choose needs for action of this process."))
    if goal is None:
        position = (programme.goals.aggregate(top=Max("position"))["top"] or 0) + 1
        goal = Goal(programme=programme, position=position)
    elif goal.programme_id != programme.pk:
        raise ValidationError(_("The goal belongs to another programme."))
    goal.title = (fields.get("title") or "").strip()
    goal.description = fields.get("description") or ""
    goal.promotion_area = fields.get("promotion_area")
    errors.add_model_errors(goal, exclude=["programme"])
    errors.raise_if_any()
    created = goal.pk is None
    goal.save()
    goal.needs.set(needs)
    _touch(programme, by)
    _audit(
        by=by,
        action=Action.CREATE if created else Action.UPDATE,
        programme=programme,
        target=goal,
        detail=f"goal: {goal.title}"[:300],
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, by) -> None:
    """Delete a goal; its measures stay in the programme without a goal."""
    programme = _locked(goal.programme)
    title = goal.title
    audit_target = {"target_type": "kompakt.goal", "target_id": goal.pk}
    goal.delete()
    _touch(programme, by)
    audit_record(
        actor=by,
        action=Action.DELETE,
        office=programme.process.office,
        detail=f"goal: {title}"[:300],
        **audit_target,
    )


@transaction.atomic
def goal_move(*, goal: Goal, by, direction: str) -> None:
    """Move a goal one place up or down (positions are renumbered 0…n on the way)."""
    programme = _locked(goal.programme)
    goals = list(programme.goals.order_by("position", "pk"))
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(goals):
        goals[index], goals[other] = goals[other], goals[index]
    for position, item in enumerate(goals):
        if item.position != position:
            Goal.objects.filter(pk=item.pk).update(position=position)
    _touch(programme, by)


def _touch(programme: Programme, by) -> None:
    Programme.objects.filter(pk=programme.pk).update(updated_by=by, updated_at=timezone.now())


# --- Measures -------------------------------------------------------------------------------------------


@dataclass
class IndicatorEntry:
    """One row of the indicators table of the measure form (id None: new; delete: remove it)."""

    name: str = ""
    unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    target_year: int | None = None
    id: int | None = None
    delete: bool = False

    @property
    def is_empty(self) -> bool:
        return (
            not (self.name or self.unit)
            and self.baseline is None
            and self.target is None
            and not self.target_year
        )


@dataclass
class MeasureResult:
    measure: Measure
    warnings: list[str] = field(default_factory=list)


def measure_check(*, programme: Programme, values: dict, errors: FieldErrors) -> list[str]:
    """The rules of a measure beyond the model's own: end not before start, funding not above the total
    cost. Returns warnings (a timeline outside the programme period is allowed, but said)."""
    warnings = []
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors.add("ends_on", _("The end must not be before the start."))
        return warnings
    probe = Measure(
        starts_on=starts_on,
        ends_on=ends_on,
        cost_once=values.get("cost_once") or 0,
        cost_yearly=values.get("cost_yearly") or 0,
    )
    money = [values.get(name) for name in ("cost_once", "cost_yearly", *FUNDING_FIELDS)]
    if any(value is not None and value < 0 for value in money):
        errors.add(NON_FIELD_ERRORS, _("Amounts of money cannot be negative."))
        return warnings
    start, end = programme.period_start, programme.period_end
    years = measure_years(probe, start, end)
    total = measure_total_cost(probe, start, end)
    funding = sum((values.get(name) or Decimal("0") for name in FUNDING_FIELDS), Decimal("0"))
    country = programme.process.office.country
    if funding > total:
        errors.add(
            NON_FIELD_ERRORS,
            _(
                "The funding (%(funding)s) exceeds the measure's total cost (%(total)s: one-off cost plus "
                "the yearly cost for %(years)s year(s)). Lower the funding or raise the cost."
            )
            % {
                "funding": format_money(funding, country=country, with_currency=True),
                "total": format_money(total, country=country, with_currency=True),
                "years": len(years) or 1,
            },
        )
    outside = (starts_on and (starts_on.year < start or starts_on.year > end)) or (
        ends_on and (ends_on.year > end or ends_on.year < start)
    )
    if outside:
        warnings.append(
            _(
                "The measure runs partly or wholly outside the programme period %(start)s–%(end)s; only the "
                "years within the period are budgeted."
            )
            % {"start": start, "end": end}
        )
    return warnings


def _check_indicators(errors: FieldErrors, indicators: list[IndicatorEntry]) -> None:
    for number, entry in enumerate(indicators, start=1):
        if entry.delete or entry.is_empty:
            continue
        if not entry.name.strip():
            errors.add(
                "indicators",
                _("Indicator %(number)s: enter a name (e.g. participants per year).") % {"number": number},
            )
        if entry.target_year is not None and not 2000 <= entry.target_year <= 2100:
            errors.add(
                "indicators",
                _("Indicator %(number)s: the target year must lie between 2000 and 2100.")
                % {"number": number},
            )


def _save_indicators(measure: Measure, indicators: list[IndicatorEntry], errors: FieldErrors) -> None:
    existing = {indicator.pk: indicator for indicator in measure.indicators.all()}
    for entry in indicators:
        indicator = existing.get(entry.id) if entry.id else None
        if entry.id and indicator is None:
            errors.add("indicators", _("An indicator was removed meanwhile. Please reload the page."))
            errors.raise_if_any()
        if entry.delete or entry.is_empty:
            if indicator is not None:
                indicator.delete()
            continue
        indicator = indicator or Indicator(measure=measure)
        indicator.name = entry.name.strip()
        indicator.unit = entry.unit.strip()
        indicator.baseline, indicator.target, indicator.target_year = (
            entry.baseline,
            entry.target,
            entry.target_year,
        )
        indicator.full_clean(exclude=["measure"])
        indicator.save()


@transaction.atomic
def measure_save(
    *,
    programme: Programme,
    by,
    fields: dict,
    target_groups=None,
    indicators: list[IndicatorEntry] | None = None,
    measure: Measure | None = None,
) -> MeasureResult:
    """Create or change a measure with its target groups and indicators. Refused as a whole (nothing
    saved) when any rule fails; warnings (outside the period) do not stop it."""
    programme = _locked(programme)
    values = {key: fields.get(key) for key in MEASURE_FIELDS if key in fields}
    errors = FieldErrors()
    goal, need = values.get("goal"), values.get("need")
    if goal is not None and goal.programme_id != programme.pk:
        errors.add("goal", _("Choose a goal of this programme."))
    if need is not None and need.process_id != programme.process_id:
        errors.add("need", _("Choose a need for action of this process."))
    warnings = measure_check(programme=programme, values=values, errors=errors)
    indicators = list(indicators or [])
    _check_indicators(errors, indicators)
    if measure is None:
        position = (programme.measures.aggregate(top=Max("position"))["top"] or 0) + 1
        measure = Measure(programme=programme, position=position)
    elif measure.programme_id != programme.pk:
        raise ValidationError(_("The measure belongs to another programme."))
    for name, value in values.items():
        if name in ("cost_once", "cost_yearly", *FUNDING_FIELDS):
            value = value if value is not None else Decimal("0")
        elif name in ("title", "responsible", "partners", "funding_note", "description"):
            value = (value or "").strip()
        setattr(measure, name, value)
    errors.add_model_errors(measure, exclude=["programme", "catalogue_entry"])
    errors.raise_if_any()
    created = measure.pk is None
    measure.save()
    if target_groups is not None:
        measure.target_groups.set(target_groups)
    _save_indicators(measure, indicators, errors)
    _touch(programme, by)
    _audit(
        by=by,
        action=Action.CREATE if created else Action.UPDATE,
        programme=programme,
        target=measure,
        detail=f"measure: {measure.title}; cost {measure.cost_once}+{measure.cost_yearly}/year"[:300],
    )
    return MeasureResult(measure=measure, warnings=warnings)


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    programme = _locked(measure.programme)
    title, pk = measure.title, measure.pk
    measure.delete()
    _touch(programme, by)
    audit_record(
        actor=by,
        action=Action.DELETE,
        office=programme.process.office,
        target_type="kompakt.measure",
        target_id=pk,
        detail=f"measure: {title}"[:300],
    )


def measure_add_from_catalogue(
    *, process: Process, entry: CatalogueEntry, by, need: NeedForAction | None = None
) -> Measure:
    """A measure copied from a catalogue entry (creating the draft programme first if there is none):
    title, summary, area, target groups, the upper cost estimate as yearly cost, the municipality as
    responsible body (to be refined), linked to the entry and the need. One measure per entry."""
    if not entry.is_published:
        raise ValidationError(_("This catalogue entry is not published."))
    if need is not None and need.process_id != process.pk:
        raise ValidationError(_("Choose a need for action of this process."))
    with transaction.atomic():
        programme = Programme.objects.filter(process=process).first()
        if programme is None:
            programme = programme_create(process=process, by=by)
        programme = _locked(programme)
        existing = programme.measures.filter(catalogue_entry=entry).first()
        if existing is not None:
            raise ValidationError(
                _('"%(title)s" is already a measure of the programme (as "%(measure)s").')
                % {"title": entry.title, "measure": existing.title}
            )
        goal = None
        if need is not None:
            goal = programme.goals.filter(needs=need).first()
        if goal is None:
            goal = (
                programme.goals.filter(promotion_area_id=entry.promotion_area_id).order_by("position").first()
            )
        measure = Measure(
            programme=programme,
            goal=goal,
            need=need,
            catalogue_entry=entry,
            promotion_area_id=entry.promotion_area_id,
            title=entry.title[:200],
            description=entry.summary,
            responsible=RESPONSIBLE_PLACEHOLDER.format(municipality=process.municipality.name)[:200],
            cost_yearly=entry.cost_max or Decimal("0"),
            funding_note=entry.cost_note[:300],
            priority=need.priority if need is not None else NeedForAction.Priority.MEDIUM,
            position=(programme.measures.aggregate(top=Max("position"))["top"] or 0) + 1,
        )
        measure.full_clean(exclude=["programme", "goal", "need", "catalogue_entry", "promotion_area"])
        measure.save()
        measure.target_groups.set(entry.target_groups.all())
        _touch(programme, by)
        _audit(
            by=by,
            action=Action.CREATE,
            programme=programme,
            target=measure,
            detail=f"measure from catalogue entry {entry.pk}: {entry.title}"[:300],
        )
    return measure


# --- Versions and status --------------------------------------------------------------------------------


def _version_create(programme: Programme, *, by, comment: str) -> ProgrammeVersion:
    number = (programme.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ProgrammeVersion(
        programme=programme,
        number=number,
        comment=(comment or "").strip()[:300],
        snapshot=programme_snapshot(programme),
        created_by=by,
    )
    version.full_clean(exclude=["programme", "created_by"])
    version.save()
    return version


@transaction.atomic
def programme_version_save(*, programme: Programme, by, comment: str) -> ProgrammeVersion:
    """Save the programme's current state as the next version (numbers 1, 2, … per programme)."""
    programme = _locked(programme)
    if len((comment or "").strip()) > 300:
        raise ValidationError({"comment": _("Describe the change in at most 300 characters.")})
    version = _version_create(programme, by=by, comment=comment)
    _audit(
        by=by, action=Action.UPDATE, programme=programme, detail=f"programme version {version.number} saved"
    )
    return version


@transaction.atomic
def programme_status_change(
    *, programme: Programme, by, status: str, adopted_on: datetime.date | None = None, adopted_by: str = ""
) -> ProgrammeVersion:
    """Draft → submitted → adopted (submitted may go back to draft). Adoption needs the date and the body
    that adopted it. Every change saves a version. Returns that version."""
    programme = _locked(programme)
    if status not in ALLOWED_STATUS_CHANGES.get(programme.status, ()):
        raise ValidationError(
            {
                "status": _("A programme that is “%(current)s” cannot become “%(new)s”.")
                % {
                    "current": programme.get_status_display(),
                    "new": dict(Programme.Status.choices).get(status, status),
                }
            }
        )
    errors = FieldErrors()
    if status == Programme.Status.ADOPTED:
        if adopted_on is None:
            errors.add("adopted_on", _("Enter the date of the adoption."))
        elif adopted_on > timezone.localdate():
            errors.add("adopted_on", _("The adoption cannot lie in the future."))
        if not (adopted_by or "").strip():
            errors.add("adopted_by", _("Enter who adopted the programme (e.g. Gemeinderat)."))
    errors.raise_if_any()
    before = programme.get_status_display()
    programme.status = status
    if status == Programme.Status.ADOPTED:
        programme.adopted_on, programme.adopted_by = adopted_on, adopted_by.strip()[:200]
    elif status == Programme.Status.DRAFT:
        programme.adopted_on, programme.adopted_by = None, ""
    programme.updated_by = by
    programme.save()
    comment = _("Status: %(before)s → %(after)s") % {
        "before": before,
        "after": programme.get_status_display(),
    }
    version = _version_create(programme, by=by, comment=comment)
    _audit(
        by=by,
        action=Action.UPDATE,
        programme=programme,
        detail=f"programme status {status}, version {version.number}",
    )
    return version
