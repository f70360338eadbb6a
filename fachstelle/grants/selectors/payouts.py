"""Reading payouts and grants of an office (lists, export, the settlement page)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from fachstelle.core.models import Office

from ..budget_math import BudgetTotals, budget_totals
from ..models import ZERO, Application, BudgetLine, FinalReport, FundingProgramme, Grant, Payout

OPEN_STATUSES = (Payout.Status.PLANNED, Payout.Status.RELEASED)


@dataclass(frozen=True)
class PayoutFilters:
    status: str = ""  # "" open ones, "all", or a Payout.Status
    due_until: datetime.date | None = None
    programme_id: int | None = None


def payout_queryset(*, office: Office, filters: PayoutFilters) -> QuerySet:
    payouts = Payout.objects.filter(grant__programme__office=office).select_related(
        "grant__application", "grant__programme"
    )
    if filters.status == "":
        payouts = payouts.filter(status__in=OPEN_STATUSES)
    elif filters.status != "all":
        payouts = payouts.filter(status=filters.status)
    if filters.due_until:
        payouts = payouts.filter(planned_on__lte=filters.due_until)
    if filters.programme_id:
        payouts = payouts.filter(grant__programme_id=filters.programme_id)
    return payouts.order_by("planned_on", "grant_id", "number")


def programmes_of_office(*, office: Office) -> list[FundingProgramme]:
    return list(
        FundingProgramme.objects.filter(office=office).only("pk", "name", "year").order_by("-year", "name")
    )


def grant_get(*, office: Office, grant_id: int) -> Grant:
    return get_object_or_404(
        Grant.objects.select_related("application__office", "programme__office"),
        programme__office=office,
        pk=grant_id,
    )


def payout_get(*, office: Office, payout_id: int) -> Payout:
    return get_object_or_404(
        Payout.objects.select_related("grant__application", "grant__programme__office"),
        grant__programme__office=office,
        pk=payout_id,
    )


def grant_of_application(*, application: Application) -> Grant | None:
    return Grant.objects.filter(application=application).select_related("programme").first()


@dataclass
class SettlementView:
    grant: Grant
    report: FinalReport | None
    lines: list[BudgetLine]
    planned: BudgetTotals
    actual: BudgetTotals
    payouts: list[Payout]
    paid: object
    suggestion: object


def settlement_view(*, grant: Grant) -> SettlementView:
    from ..services.settlement import settlement_suggestion

    application = grant.application
    lines = list(application.budget_lines.all())
    payouts = list(grant.payouts.all())
    paid = sum((p.amount for p in payouts if p.status == Payout.Status.PAID), ZERO)
    return SettlementView(
        grant=grant,
        report=FinalReport.objects.filter(grant=grant).first(),
        lines=lines,
        planned=budget_totals(lines, application.requested_amount),
        actual=budget_totals(lines, paid, actual=True),
        payouts=payouts,
        paid=paid,
        suggestion=settlement_suggestion(grant),
    )
