"""Funding programmes and their assessment criteria: creating and changing them (staff only).

A programme's budget may never fall below what is already committed to grants: the check runs under the
programme's row lock, the same lock approvals take, so an approval and a budget cut cannot pass each other.
Changes of the money figures (budget, maximum per project) are written to the audit log.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Office, PromotionArea
from fachstelle.core.validation import FieldErrors

from ..models import ZERO, Assessment, AssessmentCriterion, AssessmentScore, FundingProgramme

# The fields a programme form may set (promotion areas and criteria are passed separately).
PROGRAMME_FIELDS = (
    "name",
    "slug",
    "year",
    "description",
    "eligibility",
    "currency",
    "budget",
    "max_amount",
    "min_own_share_percent",
    "opens_on",
    "closes_on",
    "required_documents",
    "report_due_days",
    "status",
    "publish_funded_projects",
)
MONEY_FIELDS = ("budget", "max_amount")
MAX_CRITERIA = 20
MAX_REQUIRED_DOCUMENTS = 30
MAX_WEIGHT = 100


@dataclass(frozen=True)
class CriterionEntry:
    """One criterion as the form sends it; `pk` None: a new one. Criteria of the programme that are not in
    the list are removed (refused when reviewers already scored them)."""

    name: str
    description: str = ""
    weight: int = 1
    order: int = 0
    pk: int | None = None


def required_documents_parse(text: str) -> list[str]:
    """The textarea "one document per line" as a list: stripped, empty lines and repeats dropped."""
    documents: list[str] = []
    for line in (text or "").splitlines():
        label = " ".join(line.split())
        if label and label.casefold() not in {d.casefold() for d in documents}:
            documents.append(label)
    return documents


def committed_amount(programme: FundingProgramme) -> Decimal:
    """What the programme's grants commit (helper D's budget selector owns the definition)."""
    from ..selectors.budget import programme_budget

    return programme_budget(programme).committed


def _check_fields(errors: FieldErrors, *, office: Office, fields: dict, programme: FundingProgramme | None):
    opens_on, closes_on = fields.get("opens_on"), fields.get("closes_on")
    if opens_on and closes_on and closes_on < opens_on:
        errors.add("closes_on", _("The application window must end on or after its first day."))
    budget, max_amount = fields.get("budget"), fields.get("max_amount")
    if budget is not None and budget < ZERO:
        errors.add("budget", _("The budget cannot be negative."))
    if max_amount is not None:
        if max_amount <= ZERO:
            errors.add(
                "max_amount", _("The maximum per project must be more than 0 (leave it empty for none).")
            )
        elif budget is not None and max_amount > budget:
            errors.add("max_amount", _("The maximum per project cannot exceed the programme's budget."))
    share = fields.get("min_own_share_percent")
    if share is not None and share > 100:
        errors.add("min_own_share_percent", _("The minimum own contribution is a percentage from 0 to 100."))
    year = fields.get("year")
    if year is not None and not 2000 <= year <= 2100:
        errors.add("year", _("Enter a year between 2000 and 2100."))
    documents = fields.get("required_documents") or []
    if len(documents) > MAX_REQUIRED_DOCUMENTS:
        errors.add(
            "required_documents",
            _("At most %(count)s required documents.") % {"count": MAX_REQUIRED_DOCUMENTS},
        )
    if any(len(label) > 200 for label in documents):
        errors.add("required_documents", _("Each document name may have at most 200 characters."))
    slug = fields.get("slug")
    if slug:
        taken = FundingProgramme.objects.filter(office=office, slug=slug)
        if programme is not None:
            taken = taken.exclude(pk=programme.pk)
        if taken.exists():
            errors.add("slug", _("Another programme of the office already uses this web address."))


def _check_criteria(
    errors: FieldErrors, criteria: list[CriterionEntry], existing: dict[int, AssessmentCriterion]
):
    if len(criteria) > MAX_CRITERIA:
        errors.add("criteria", _("At most %(count)s criteria.") % {"count": MAX_CRITERIA})
    names = set()
    for entry in criteria:
        if not entry.name.strip():
            errors.add("criteria", _("Every criterion needs a name."))
        elif entry.name.strip().casefold() in names:
            errors.add(
                "criteria", _("The criterion “%(name)s” appears twice.") % {"name": entry.name.strip()}
            )
        names.add(entry.name.strip().casefold())
        if entry.weight is None or not 1 <= entry.weight <= MAX_WEIGHT:
            errors.add(
                "criteria",
                _("The weight of “%(name)s” must be a whole number from 1 to %(max)s.")
                % {"name": entry.name.strip() or "?", "max": MAX_WEIGHT},
            )
        if entry.pk is not None and entry.pk not in existing:
            errors.add("criteria", _("A criterion was changed by someone else meanwhile; reload the page."))


def _save_criteria(programme: FundingProgramme, criteria: list[CriterionEntry], errors: FieldErrors) -> bool:
    """Apply the criteria list; True when weights or the set of criteria changed (scores to recompute)."""
    existing = {c.pk: c for c in programme.criteria.all()} if programme.pk else {}
    kept = {entry.pk for entry in criteria if entry.pk is not None}
    removed = [pk for pk in existing if pk not in kept]
    used = set(
        AssessmentScore.objects.filter(criterion_id__in=removed).values_list("criterion_id", flat=True)
    )
    for pk in removed:
        if pk in used:
            errors.add(
                "criteria",
                _("“%(name)s” cannot be removed: reviewers have already scored it.")
                % {"name": existing[pk].name},
            )
    errors.raise_if_any()
    changed = bool(removed)
    AssessmentCriterion.objects.filter(pk__in=removed).delete()
    for position, entry in enumerate(criteria):
        criterion = existing.get(entry.pk) if entry.pk is not None else None
        if criterion is None:
            criterion = AssessmentCriterion(programme=programme)
            changed = True
        elif criterion.weight != entry.weight:
            changed = True
        criterion.name = entry.name.strip()
        criterion.description = (entry.description or "").strip()
        criterion.weight = entry.weight
        criterion.order = entry.order if entry.order is not None else position
        criterion.full_clean()
        criterion.save()
    return changed


def _recompute_scores(programme: FundingProgramme) -> None:
    """Weights changed: every assessment's stored weighted score follows (over the criteria it scored)."""
    from .review import weighted_score

    assessments = Assessment.objects.filter(application__programme=programme).prefetch_related(
        "scores__criterion"
    )
    for assessment in assessments:
        pairs = [(s.score, s.criterion.weight) for s in assessment.scores.all()]
        assessment.weighted_score = weighted_score(pairs)
        assessment.save(update_fields=["weighted_score"])


def _money(value) -> str:
    return "–" if value is None else f"{value:.2f}"


@transaction.atomic
def programme_create(
    *,
    office: Office,
    by,
    fields: dict,
    criteria: list[CriterionEntry],
    promotion_areas: list[PromotionArea] | None = None,
) -> FundingProgramme:
    fields = {key: value for key, value in fields.items() if key in PROGRAMME_FIELDS}
    errors = FieldErrors()
    _check_fields(errors, office=office, fields=fields, programme=None)
    _check_criteria(errors, criteria, existing={})
    programme = FundingProgramme(office=office, **fields)
    errors.add_model_errors(programme, exclude=["office"])
    errors.raise_if_any()
    programme.save()
    if promotion_areas is not None:
        programme.promotion_areas.set(promotion_areas)
    _save_criteria(programme, criteria, errors)
    audit_record(
        actor=by,
        action=Action.CREATE,
        office=office,
        target=programme,
        detail=f"programme {programme.slug}: budget {programme.currency} {_money(programme.budget)}, "
        f"max {_money(programme.max_amount)}",
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: FundingProgramme,
    by,
    fields: dict,
    criteria: list[CriterionEntry],
    promotion_areas: list[PromotionArea] | None = None,
) -> FundingProgramme:
    # The same lock approvals take: the committed sum cannot grow while we compare the budget with it.
    programme = FundingProgramme.objects.select_for_update().select_related("office").get(pk=programme.pk)
    before = {name: getattr(programme, name) for name in MONEY_FIELDS}
    fields = {key: value for key, value in fields.items() if key in PROGRAMME_FIELDS}
    errors = FieldErrors()
    _check_fields(errors, office=programme.office, fields=fields, programme=programme)
    existing = {c.pk: c for c in programme.criteria.all()}
    _check_criteria(errors, criteria, existing=existing)
    budget = fields.get("budget")
    if budget is not None and budget != programme.budget and "budget" not in errors.by_field:
        committed = committed_amount(programme)
        if budget < committed:
            errors.add(
                "budget",
                _("Grants of %(currency)s %(committed)s are already approved: the budget cannot be lower.")
                % {"currency": programme.currency, "committed": _money(committed)},
            )
    for name, value in fields.items():
        setattr(programme, name, value)
    errors.add_model_errors(programme, exclude=["office"])
    errors.raise_if_any()
    programme.save()
    if promotion_areas is not None:
        programme.promotion_areas.set(promotion_areas)
    if _save_criteria(programme, criteria, errors):
        _recompute_scores(programme)
    changes = [
        f"{name}: {_money(before[name])} → {_money(getattr(programme, name))}"
        for name in MONEY_FIELDS
        if before[name] != getattr(programme, name)
    ]
    if changes:
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=programme.office,
            target=programme,
            detail=f"programme {programme.slug}: " + "; ".join(changes),
        )
    return programme
