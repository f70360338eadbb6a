"""Report section "grants": the office's funding programmes and the applications decided in the period.

Definitions (the budget figures are those of `grants.selectors.budget`, so the report and the budget page
always agree: budget, committed, paid, returned, available = budget − committed + returned)
- *programmes of the period*: the office's programmes whose application window overlaps the period or
  whose year lies in it. Their budget figures are today's (money is committed and paid over several
  years), and they are the whole programme's, also when a municipality is chosen.
- *received*: applications submitted in the period; *rejected*: rejected in the period; *approved*: grants
  decided in the period (not cancelled since), with their approved amount; *paid*: instalments paid in
  the period (`paid_on`).
- The municipality filter and the per-municipality figures use the municipalities where the project takes
  place (`Application.municipalities`); a project in several municipalities counts in each of them.
- Amounts are summed per currency (a programme is in CHF or EUR) and never mixed.

No suppression: applications come from associations, groups and institutions, not from persons, so the
numbers of applications and the amounts are shown as they are (no figure of this section counts people).

Queries: five (programmes with their figures, applications by promotion area, grants by promotion area,
payouts by promotion area, the promotion areas), whatever the data volume.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import PromotionArea
from fachstelle.grants.models import ZERO, Application, FundingProgramme, Grant, Payout
from fachstelle.grants.selectors.budget import figures_of, programmes_with_figures

from . import Figure, MunicipalityRow, Section
from ._plain import municipality_ids, period_bounds, plain_table, whole

NONE = "none"


def programmes_of_period(*, office, filters):
    """The office's programmes with a window in the period or of a year in it."""
    return FundingProgramme.objects.filter(office=office).filter(
        Q(opens_on__lte=filters.end, closes_on__gte=filters.start)
        | Q(year__gte=filters.start.year, year__lte=filters.end.year)
    )


def _budget_table(office, filters):
    programmes = list(
        programmes_with_figures(
            programmes_of_period(office=office, filters=filters).order_by("year", "name", "pk")
        )
    )
    rows, totals = [], {}
    for programme in programmes:
        f = figures_of(programme)
        values = [f.budget, f.committed, f.paid, f.available]
        rows.append(
            (str(programme.pk), f"{programme.name} ({f.currency})", [whole(value) for value in values])
        )
        current = totals.setdefault(f.currency, [ZERO] * 4)
        totals[f.currency] = [a + b for a, b in zip(current, values, strict=True)]
    table = plain_table(
        key="grants_budget",
        title=_("Funding programmes"),
        row_header=_("Programme"),
        columns=[_("Budget"), _("Committed"), _("Paid"), _("Available")],
        rows=rows,
        # One total row only when every programme has the same currency: amounts are never mixed.
        total=[whole(value) for value in next(iter(totals.values()))] if len(totals) == 1 else None,
        total_label=_("Total"),
        note=_(
            "Today's figures of the programmes of the period, in whole currency units. Committed: approved "
            "amounts of running grants and the amounts paid of settled ones; available: budget − committed + "
            "returned."
        ),
    )
    return table, totals


def section(*, office, filters) -> Section:
    start, end = period_bounds(filters)
    municipality = filters.municipality
    # 1: the programmes and their budget figures.
    budget_table, budget_totals = _budget_table(office, filters)
    # 2: applications received and rejected in the period, by promotion area.
    applications = Application.objects.filter(office=office).filter(
        Q(submitted_at__gte=start, submitted_at__lt=end) | Q(decided_at__gte=start, decided_at__lt=end)
    )
    if municipality:
        applications = applications.filter(municipalities=municipality)
    by_area = {
        row["promotion_area"]: row
        for row in applications.values("promotion_area")
        .annotate(
            received=Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end)),
            rejected=Count(
                "pk", filter=Q(status=Application.Status.REJECTED, decided_at__gte=start, decided_at__lt=end)
            ),
        )
        .order_by()
    }
    # 3: grants decided in the period (amount approved), by promotion area and currency.
    grants = Grant.objects.filter(
        programme__office=office, decided_at__gte=start, decided_at__lt=end
    ).exclude(status=Grant.Status.CANCELLED)
    if municipality:
        grants = grants.filter(application__municipalities=municipality)
    approved = list(
        grants.values("application__promotion_area", "programme__currency")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    # 4: instalments paid in the period, by promotion area and currency.
    payouts = Payout.objects.filter(
        grant__programme__office=office,
        status=Payout.Status.PAID,
        paid_on__gte=filters.start,
        paid_on__lte=filters.end,
    )
    if municipality:
        payouts = payouts.filter(grant__application__municipalities=municipality)
    paid = list(
        payouts.values("grant__application__promotion_area", "grant__programme__currency")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    # 5: the promotion areas.
    language = active_language()
    areas = [
        (area.code, f"{area.code} {area.label(language)}", area.pk)
        for area in PromotionArea.objects.order_by("code")
    ]
    areas.append((NONE, _("No promotion area recorded"), None))

    currencies = sorted(
        {row["programme__currency"] for row in approved} | {row["grant__programme__currency"] for row in paid}
    )
    approved_count = {}
    approved_amount, paid_amount = {}, {}
    for row in approved:
        area = row["application__promotion_area"]
        approved_count[area] = approved_count.get(area, 0) + row["n"]
        approved_amount[(area, row["programme__currency"])] = row["amount"]
    for row in paid:
        paid_amount[(row["grant__application__promotion_area"], row["grant__programme__currency"])] = row[
            "amount"
        ]

    count_rows = [
        (
            key,
            label,
            [
                by_area.get(pk, {}).get("received", 0),
                approved_count.get(pk, 0),
                by_area.get(pk, {}).get("rejected", 0),
            ],
        )
        for key, label, pk in areas
    ]
    count_totals = [sum(row[2][j] for row in count_rows) for j in range(3)]
    count_table = plain_table(
        key="grants_areas",
        title=_("Applications by KIP promotion area"),
        row_header=_("KIP promotion area"),
        columns=[_("Received"), _("Approved"), _("Rejected")],
        rows=count_rows,
        total=count_totals,
        total_label=_("Total"),
        note=_(
            "Received and rejected: applications; approved: grants decided in the period, not cancelled "
            "since."
        ),
    )
    # Money by area: one table, two columns per currency (amounts of two currencies are never added up).
    money_columns, money_rows = [], []
    for currency in currencies:
        money_columns += [
            _("Approved (%(currency)s)") % {"currency": currency},
            _("Paid (%(currency)s)") % {"currency": currency},
        ]
    for key, label, pk in areas:
        values = []
        for currency in currencies:
            values += [approved_amount.get((pk, currency), ZERO), paid_amount.get((pk, currency), ZERO)]
        money_rows.append((key, label, values))
    money_totals = [sum((row[2][j] for row in money_rows), start=ZERO) for j in range(len(money_columns))]
    money_table = plain_table(
        key="grants_money",
        title=_("Amounts approved and paid by KIP promotion area"),
        row_header=_("KIP promotion area"),
        columns=money_columns,
        rows=[(key, label, [whole(value) for value in values]) for key, label, values in money_rows],
        total=[whole(value) for value in money_totals],
        total_label=_("Total"),
        note=_("In whole currency units. Grants approved in the period and instalments paid in the period."),
    )

    figures = [
        Figure("received", _("Applications received"), count_totals[0]),
        Figure("approved", _("Applications approved"), count_totals[1]),
        Figure("rejected", _("Applications rejected"), count_totals[2]),
    ]
    for i, currency in enumerate(currencies):
        figures += [
            Figure(f"approved_amount_{currency}", _("Amount approved"), money_totals[2 * i], currency),
            Figure(f"paid_amount_{currency}", _("Amount paid"), money_totals[2 * i + 1], currency),
        ]
    for currency, (budget, _committed, _paid, available) in sorted(budget_totals.items()):
        figures += [
            Figure(f"budget_{currency}", _("Budget of the programmes"), budget, currency),
            Figure(f"available_{currency}", _("Still available"), available, currency),
        ]
    note = _("Applications come from associations and institutions, not persons: shown without suppression.")
    if municipality:
        note += " " + _("The programmes' budget figures are those of the whole programme.")
    return Section(
        key="grants",
        title=_("Grants"),
        figures=figures,
        tables=[budget_table, count_table, *([money_table] if currencies else [])],
        note=note,
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Grants approved (number and amount) and amounts paid in the period per municipality of the project,
    one row per currency (two queries)."""
    ids = municipality_ids(municipalities)
    start, end = period_bounds(filters)
    approved = (
        Grant.objects.filter(
            programme__office=office,
            decided_at__gte=start,
            decided_at__lt=end,
            application__municipalities__in=ids,
        )
        .exclude(status=Grant.Status.CANCELLED)
        .values("application__municipalities", "programme__currency")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    paid = (
        Payout.objects.filter(
            grant__programme__office=office,
            status=Payout.Status.PAID,
            paid_on__gte=filters.start,
            paid_on__lte=filters.end,
            grant__application__municipalities__in=ids,
        )
        .values("grant__application__municipalities", "grant__programme__currency")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    counts: dict[int, int] = {}
    amounts: dict[tuple[str, str], dict[int, Decimal]] = {}
    for row in approved:
        pk, currency = row["application__municipalities"], row["programme__currency"]
        counts[pk] = counts.get(pk, 0) + row["n"]
        amounts.setdefault(("approved", currency), {})[pk] = row["amount"]
    for row in paid:
        pk, currency = row["grant__application__municipalities"], row["grant__programme__currency"]
        amounts.setdefault(("paid", currency), {})[pk] = row["amount"]
    currencies = sorted({currency for _kind, currency in amounts}) or [
        "CHF" if office.country == "CH" else "EUR"
    ]
    rows = [
        MunicipalityRow(
            key="grants_approved",
            label=_("Grants approved"),
            values={pk: counts.get(pk, 0) for pk in ids},
        )
    ]
    for currency in currencies:
        for kind, label in (("approved", _("Amount approved")), ("paid", _("Amount paid"))):
            found = amounts.get((kind, currency), {})
            rows.append(
                MunicipalityRow(
                    key=f"grants_{kind}_amount_{currency}",
                    label=label,
                    values={pk: found.get(pk, ZERO) for pk in ids},
                    unit=currency,
                )
            )
    return rows
