"""The budget figures of funding programmes, always computed from the rows (never stored).

Definitions (also shown on the budget page):
- budget: the programme's budget as set by the office.
- requested: Σ requested amount of applications submitted or in review (not yet decided).
- committed: Σ approved amount of the programme's running grants, plus Σ paid of settled or closed grants
  (at the settlement, an instalment that was never paid goes back to the budget).
- paid: Σ amount of the instalments marked paid.
- returned: Σ amount the sponsors have paid back after the settlement.
- available: budget − committed + returned (what may still be approved).

`programme_budget` costs one query; `office_budget_overview` one query for all programmes of a year: every
sum is a correlated subquery on an indexed column (application (programme, status), grant (programme,
status), payout grant_id), so 100,000 applications stay fast.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ..models import ZERO, Application, FundingProgramme, Grant, Payout

PENDING_SHOWN = 100
MONEY = DecimalField(max_digits=14, decimal_places=2)
# Applications whose requested amount is pending a decision.
PENDING_STATUSES = (Application.Status.SUBMITTED, Application.Status.IN_REVIEW)
# Grants whose money is final: what was paid is what stays committed.
FINISHED = (Grant.Status.SETTLED, Grant.Status.CLOSED)
FINISHED_OR_CANCELLED = (*FINISHED, Grant.Status.CANCELLED)


@dataclass(frozen=True)
class BudgetFigures:
    budget: Decimal
    requested: Decimal
    committed: Decimal
    paid: Decimal
    returned: Decimal
    currency: str

    @property
    def available(self) -> Decimal:
        return self.budget - self.committed + self.returned

    @property
    def open_to_pay(self) -> Decimal:
        """Committed but not yet paid out."""
        return self.committed - self.paid

    @property
    def committed_percent(self) -> int:
        if not self.budget:
            return 0
        return min(100, int(self.committed * 100 / self.budget))


def _sum(queryset: QuerySet, field: str, *, group: str = "programme"):
    """A correlated Σ `field` of `queryset` per programme (0 when there are no rows)."""
    total = queryset.order_by().values(group).annotate(total=Sum(field)).values("total")[:1]
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def programmes_with_figures(queryset: QuerySet) -> QuerySet:
    """`queryset` of FundingProgramme annotated with fig_requested/fig_committed/fig_paid/fig_returned."""
    applications = Application.objects.filter(programme=OuterRef("pk"), status__in=PENDING_STATUSES)
    running = Grant.objects.filter(programme=OuterRef("pk")).exclude(status__in=FINISHED_OR_CANCELLED)
    all_grants = Grant.objects.filter(programme=OuterRef("pk"))
    payouts = Payout.objects.filter(grant__programme=OuterRef("pk"), status=Payout.Status.PAID)
    settled_payouts = payouts.filter(grant__status__in=FINISHED)
    return queryset.annotate(
        fig_requested=_sum(applications, "requested_amount"),
        fig_committed=ExpressionWrapper(
            _sum(running, "amount") + _sum(settled_payouts, "amount", group="grant__programme"),
            output_field=MONEY,
        ),
        fig_paid=_sum(payouts, "amount", group="grant__programme"),
        fig_returned=_sum(all_grants, "repaid_amount"),
    )


def figures_of(programme: FundingProgramme) -> BudgetFigures:
    """The figures of a programme annotated by `programmes_with_figures`."""
    return BudgetFigures(
        budget=programme.budget,
        requested=programme.fig_requested,
        committed=programme.fig_committed,
        paid=programme.fig_paid,
        returned=programme.fig_returned,
        currency=programme.currency,
    )


def programme_budget(programme: FundingProgramme) -> BudgetFigures:
    """The current figures of one programme (one query)."""
    annotated = programmes_with_figures(FundingProgramme.objects.filter(pk=programme.pk)).get()
    return figures_of(annotated)


def programme_available(*, programme_id: int) -> tuple[Decimal, Decimal]:
    """(budget, available) read fresh from the database: used by approvals under the programme's row lock."""
    annotated = programmes_with_figures(FundingProgramme.objects.filter(pk=programme_id)).get()
    figures = figures_of(annotated)
    return figures.budget, figures.available


@dataclass(frozen=True)
class ProgrammeBudgetRow:
    programme: FundingProgramme
    figures: BudgetFigures


@dataclass(frozen=True)
class BudgetOverview:
    year: int
    rows: list[ProgrammeBudgetRow]
    totals_by_currency: dict[str, BudgetFigures]


def office_budget_overview(office, year: int) -> BudgetOverview:
    """Every programme of `office` in `year` with its figures, and the totals per currency (one query)."""
    programmes = programmes_with_figures(
        FundingProgramme.objects.filter(office=office, year=year).order_by("name", "pk")
    )
    rows = [ProgrammeBudgetRow(programme=p, figures=figures_of(p)) for p in programmes]
    totals: dict[str, BudgetFigures] = {}
    for row in rows:
        f = row.figures
        prev = totals.get(f.currency)
        if prev is None:
            totals[f.currency] = f
        else:
            totals[f.currency] = BudgetFigures(
                budget=prev.budget + f.budget,
                requested=prev.requested + f.requested,
                committed=prev.committed + f.committed,
                paid=prev.paid + f.paid,
                returned=prev.returned + f.returned,
                currency=f.currency,
            )
    return BudgetOverview(year=year, rows=rows, totals_by_currency=totals)


def budget_years(office) -> list[int]:
    """The years that have programmes, newest first (one query)."""
    return list(
        FundingProgramme.objects.filter(office=office)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class GrantMoneyRow:
    grant: Grant
    paid: Decimal

    @property
    def open(self) -> Decimal:
        # Cancelled, or settled/closed: nothing more will be paid (the rest went back to the budget).
        if self.grant.status in FINISHED_OR_CANCELLED:
            return ZERO
        return self.grant.amount - self.paid


def programme_grant_rows(programme: FundingProgramme, *, page: int | str | None = 1, per_page: int = 50):
    """One page of the programme's grants with approved/paid/open/returned (a count and one query): a
    programme of a busy year has a thousand grants, more than a page should render."""
    from django.core.paginator import Paginator

    grants = _grant_queryset(programme)
    result = Paginator(grants, per_page).get_page(page)
    result.object_list = [GrantMoneyRow(grant=grant, paid=grant.paid_sum) for grant in result.object_list]
    return result


def _grant_queryset(programme: FundingProgramme) -> QuerySet:
    paid = (
        Payout.objects.filter(grant=OuterRef("pk"), status=Payout.Status.PAID)
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    grants = (
        Grant.objects.filter(programme=programme)
        .select_related("application")
        .annotate(paid_sum=Coalesce(Subquery(paid, output_field=MONEY), Value(ZERO), output_field=MONEY))
        .order_by("-decided_at", "-pk")
    )
    return grants


def programme_pending_applications(programme: FundingProgramme) -> QuerySet:
    """Applications in the pipeline (submitted / in review) with their requested amounts (the page shows
    the first PENDING_SHOWN; the total is in the figures)."""
    return (
        Application.objects.filter(programme=programme, status__in=PENDING_STATUSES)
        .only(
            "pk",
            "reference",
            "project_title",
            "organisation_name",
            "requested_amount",
            "status",
            "submitted_at",
            "programme_id",
        )
        .order_by("submitted_at", "pk")
    )
