"""The arithmetic of an application's budget, in one place for the form, the submission check, the review
and the final report: requested = costs − own contribution − third-party funding."""

from dataclasses import dataclass
from decimal import Decimal

from .models import ZERO, BudgetLine


@dataclass(frozen=True)
class BudgetTotals:
    costs: Decimal
    own: Decimal
    third_party: Decimal
    requested: Decimal  # what the applicant asks for

    @property
    def other_income(self) -> Decimal:
        return self.own + self.third_party

    @property
    def gap(self) -> Decimal:
        """Costs not covered by other income: what the requested amount must equal."""
        return self.costs - self.other_income

    @property
    def difference(self) -> Decimal:
        """requested − gap: 0 when the budget adds up; > 0 asks for more than the gap."""
        return self.requested - self.gap

    @property
    def balanced(self) -> bool:
        return self.difference == ZERO

    @property
    def own_share_percent(self) -> Decimal:
        if self.costs == ZERO:
            return ZERO
        return (self.own * 100 / self.costs).quantize(Decimal("0.1"))


def budget_totals(lines, requested: Decimal, *, actual: bool = False) -> BudgetTotals:
    """Totals of `lines` (BudgetLine objects or dicts with kind/amount[/actual_amount]). With `actual` the
    final report's actual amounts are summed (a line without one counts as 0)."""
    sums = dict.fromkeys(BudgetLine.Kind.values, ZERO)
    for line in lines:
        get = line.get if isinstance(line, dict) else lambda name, _line=line: getattr(_line, name)
        amount = get("actual_amount") if actual else get("amount")
        sums[get("kind")] += Decimal(amount or 0)
    return BudgetTotals(
        costs=sums[BudgetLine.Kind.COST],
        own=sums[BudgetLine.Kind.OWN],
        third_party=sums[BudgetLine.Kind.THIRD_PARTY],
        requested=Decimal(requested or 0),
    )
