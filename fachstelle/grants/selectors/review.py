"""Reads of the staff's grants pages: programmes, the review list and the application page.

The review list is built for 100,000 applications: filters on indexed columns (office, status, programme,
submitted_at), many-to-many filters as `pk IN (subquery)`, the assessment count and average score as
correlated subqueries (evaluated for the 50 rows of the page only), a separate COUNT for the pagination.

Staff see every application that was submitted, and drafts whose applicant asked for advice (read-only,
for the messages); other drafts are the applicant's own business and are not shown (404).
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from fachstelle.core.models import Membership, Office, User
from fachstelle.core.pagination import Page
from fachstelle.core.staff import GRANT_ROLES
from fachstelle.network.models import Organisation

from ..budget_math import BudgetTotals, budget_totals
from ..models import (
    Application,
    ApplicationMessage,
    Assessment,
    AssessmentCriterion,
    Attachment,
    BudgetLine,
    FundingProgramme,
)
from ..services.review import REVIEW_STATUSES, ChecklistItem, checklist_items
from .budget import figures_of, programmes_with_figures

PER_PAGE = 50
Status = Application.Status

# How the review list can be sorted: key → ORDER BY (always ending in pk for a stable order).
SORTS = {
    "submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "oldest": (F("submitted_at").asc(nulls_last=True), "pk"),
    "reference": ("reference", "pk"),
    "requested": ("-requested_amount", "-pk"),
    "title": ("project_title", "pk"),
    "sponsor": ("organisation_name", "pk"),
    # Unassessed applications last on every database (PostgreSQL puts NULLs first when descending).
    "score": (F("avg_score").desc(nulls_last=True), "-pk"),
}


def visible_to_staff() -> Q:
    """Submitted (and later) applications, and drafts whose applicant asked for advice."""
    return ~Q(status=Status.DRAFT) | Q(advice_requested_at__isnull=False)


# --- Programmes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeRow:
    programme: FundingProgramme
    figures: object  # selectors.budget.BudgetFigures
    application_count: int
    criteria_count: int


def programme_years(*, office: Office) -> list[int]:
    return list(
        FundingProgramme.objects.filter(office=office)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def programme_list(*, office: Office, year: int | None = None, status: str = "") -> list[ProgrammeRow]:
    """The office's programmes (newest year first) with budget figures and counts. One query: the budget
    sums (helper D's `programmes_with_figures`) and the counts are subqueries of the same statement."""
    programmes = FundingProgramme.objects.filter(office=office)
    if year is not None:
        programmes = programmes.filter(year=year)
    if status:
        programmes = programmes.filter(status=status)
    applications = (
        Application.objects.filter(programme=OuterRef("pk"))
        .filter(visible_to_staff())
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    criteria = (
        AssessmentCriterion.objects.filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    programmes = programmes_with_figures(programmes).annotate(
        application_count=Coalesce(Subquery(applications, output_field=IntegerField()), Value(0)),
        criteria_count=Coalesce(Subquery(criteria, output_field=IntegerField()), Value(0)),
    )
    return [
        ProgrammeRow(
            programme=programme,
            figures=figures_of(programme),
            application_count=programme.application_count,
            criteria_count=programme.criteria_count,
        )
        for programme in programmes.order_by("-year", "name", "pk")
    ]


def programme_get(*, office: Office, programme_id: int) -> FundingProgramme:
    """A programme of `office` with its areas and criteria (404 for another office's)."""
    return get_object_or_404(
        FundingProgramme.objects.prefetch_related("promotion_areas", "criteria"),
        office=office,
        pk=programme_id,
    )


def programme_choices(*, office: Office) -> list[FundingProgramme]:
    return list(
        FundingProgramme.objects.filter(office=office).only("pk", "name", "year").order_by("-year", "name")
    )


# --- The review list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFilters:
    programme: FundingProgramme | None = None
    status: str = ""  # "", "open" (submitted or in review), or an Application.Status value
    promotion_area: object | None = None
    municipality: object | None = None
    assigned: str = ""  # "", "me", "none", or a user id
    needs_my_assessment: bool = False
    advice_requested: bool = False
    q: str = ""
    sort: str = "submitted"
    page: int = 1


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.filter(application=OuterRef("pk")).order_by().values("application")
    return Coalesce(
        Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
    )


def application_queryset(*, office: Office, user, filters: ReviewFilters) -> QuerySet:
    applications = Application.objects.filter(office=office).filter(visible_to_staff())
    if filters.programme is not None:
        applications = applications.filter(programme=filters.programme)
    if filters.status == "open":
        applications = applications.filter(status__in=REVIEW_STATUSES)
    elif filters.status:
        applications = applications.filter(status=filters.status)
    if filters.promotion_area is not None:
        applications = applications.filter(promotion_area=filters.promotion_area)
    if filters.municipality is not None:
        applications = applications.filter(
            pk__in=Application.municipalities.through.objects.filter(
                municipality_id=filters.municipality.pk
            ).values("application_id")
        )
    if filters.assigned == "me":
        applications = applications.filter(assigned_to=user)
    elif filters.assigned == "none":
        applications = applications.filter(assigned_to__isnull=True)
    elif filters.assigned.isdigit():
        applications = applications.filter(assigned_to_id=int(filters.assigned))
    if filters.needs_my_assessment:
        mine = Assessment.objects.filter(application=OuterRef("pk"), reviewer=user)
        applications = applications.filter(status__in=REVIEW_STATUSES).exclude(Exists(mine))
    if filters.advice_requested:
        applications = applications.filter(advice_requested_at__isnull=False)
    if filters.q:
        applications = applications.filter(
            Q(reference__icontains=filters.q)
            | Q(project_title__icontains=filters.q)
            | Q(organisation_name__icontains=filters.q)
        )
    return applications


def _avg_score():
    scores = Assessment.objects.filter(application=OuterRef("pk")).order_by().values("application")
    return Subquery(
        scores.annotate(avg=Avg("weighted_score")).values("avg"),
        output_field=DecimalField(max_digits=5, decimal_places=1),
    )


def application_list(*, office: Office, user, filters: ReviewFilters, per_page: int = PER_PAGE) -> Page:
    """One page of the review list. Queries: the COUNT, the ids of the page, the page's rows (programme and
    responsible person joined, assessment count and average score as subqueries).

    The ids come first, without the per-row subqueries: PostgreSQL would otherwise compute them for every
    row skipped by OFFSET as well (page 1,000 of 100,000 took ~0.8 s instead of ~0.1 s)."""
    applications = application_queryset(office=office, user=user, filters=filters)
    total = applications.count()
    num_pages = max(1, math.ceil(total / per_page))
    page = min(max(filters.page, 1), num_pages)
    if total == 0:
        return Page(rows=[], count=0, page=1, num_pages=1)
    ordered = applications
    if filters.sort == "score":
        ordered = ordered.annotate(avg_score=_avg_score())
    start = (page - 1) * per_page
    ids = list(
        ordered.order_by(*SORTS.get(filters.sort, SORTS["submitted"])).values_list("pk", flat=True)[
            start : start + per_page
        ]
    )
    rows = (
        Application.objects.filter(pk__in=ids)
        .select_related("programme", "assigned_to")
        .defer(
            "description", "goals", "schedule", "partners", "checklist", "recommendation", "rejection_reason"
        )
        .annotate(assessment_count=_count(Assessment.objects.all()), avg_score=_avg_score())
    )
    by_id = {row.pk: row for row in rows}
    return Page(rows=[by_id[pk] for pk in ids if pk in by_id], count=total, page=page, num_pages=num_pages)


def grant_staff(*, office: Office) -> list[User]:
    """Members of the office who work on grants (for "assign to" and the responsible filter)."""
    return list(
        User.objects.filter(
            pk__in=Membership.objects.filter(office=office, role__in=GRANT_ROLES).values("user_id"),
            is_active=True,
        ).order_by("first_name", "last_name", "username")
    )


def organisation_choices(*, office: Office) -> list[Organisation]:
    return list(
        Organisation.objects.filter(office=office, is_active=True).only("pk", "name").order_by("name", "pk")
    )


# --- The application page ------------------------------------------------------------------------------


def application_get(*, office: Office, application_id: int) -> Application:
    """An application of `office` that staff may see (404 otherwise: another office's, a private draft)."""
    return get_object_or_404(
        Application.objects.select_related("office", "programme").filter(visible_to_staff()),
        office=office,
        pk=application_id,
    )


@dataclass(frozen=True)
class CriterionSummary:
    criterion: AssessmentCriterion
    average: Decimal | None  # average score 0–5 of all assessments


@dataclass
class ApplicationDetail:
    application: Application
    lines: list[BudgetLine]
    totals: BudgetTotals
    attachments: list[Attachment]
    messages: list[ApplicationMessage]
    criteria: list[AssessmentCriterion]
    assessments: list[Assessment]
    my_assessment: Assessment | None
    checklist: list[ChecklistItem]
    criterion_summaries: list[CriterionSummary] = field(default_factory=list)
    average_score: Decimal | None = None
    average_proposed: Decimal | None = None
    recommendation_counts: dict = field(default_factory=dict)

    @property
    def cost_lines(self):
        return [line for line in self.lines if line.kind == BudgetLine.Kind.COST]

    @property
    def income_lines(self):
        return [line for line in self.lines if line.kind != BudgetLine.Kind.COST]

    @property
    def in_review(self) -> bool:
        return self.application.status in REVIEW_STATUSES

    @property
    def checklist_done(self) -> int:
        return sum(1 for item in self.checklist if item.checked)


def _average(values, places: str = "0.1") -> Decimal | None:
    values = [Decimal(v) for v in values if v is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def application_detail(*, office: Office, application_id: int, user) -> ApplicationDetail:
    """Everything the application page shows. Queries: the application (programme, organisation, area,
    responsible person joined), target groups, municipalities, the programme's areas, budget lines,
    attachments, messages (authors joined), criteria, assessments (reviewers joined), their scores."""
    application = get_object_or_404(
        Application.objects.select_related(
            "office", "programme", "organisation", "promotion_area", "assigned_to", "decided_by"
        )
        .prefetch_related("target_groups", "municipalities", "programme__promotion_areas")
        .filter(visible_to_staff()),
        office=office,
        pk=application_id,
    )
    lines = list(application.budget_lines.all())
    attachments = list(application.attachments.all())
    messages = list(application.messages.select_related("author"))
    criteria = list(application.programme.criteria.all())
    assessments = list(application.assessments.select_related("reviewer").prefetch_related("scores"))
    area_ids = {area.pk for area in application.programme.promotion_areas.all()}
    checklist = checklist_items(
        application,
        lines=lines,
        attachment_labels=[a.label for a in attachments if a.stage == Attachment.Stage.APPLICATION],
        programme_area_ids=area_ids,
    )
    by_criterion: dict[int, list[int]] = {}
    for assessment in assessments:
        assessment.score_by_criterion = {score.criterion_id: score for score in assessment.scores.all()}
        for score in assessment.scores.all():
            by_criterion.setdefault(score.criterion_id, []).append(score.score)
    recommendation_counts = {}
    for assessment in assessments:
        label = assessment.get_recommendation_display()
        recommendation_counts[label] = recommendation_counts.get(label, 0) + 1
    return ApplicationDetail(
        application=application,
        lines=lines,
        totals=budget_totals(lines, application.requested_amount),
        attachments=attachments,
        messages=messages,
        criteria=criteria,
        assessments=assessments,
        my_assessment=next((a for a in assessments if a.reviewer_id == user.pk), None),
        checklist=checklist,
        criterion_summaries=[
            CriterionSummary(criterion=c, average=_average(by_criterion.get(c.pk, []))) for c in criteria
        ],
        average_score=_average(a.weighted_score for a in assessments),
        average_proposed=_average((a.proposed_amount for a in assessments), "0.01"),
        recommendation_counts=recommendation_counts,
    )
