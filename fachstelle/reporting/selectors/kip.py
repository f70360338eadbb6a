"""KIP reporting: the office's activity and money by promotion area of the cantonal integration programme
(KIP), in the structure the canton asks for — one row per promotion area, one column per kind of work.

`kip_table(offices=…, filters=…)` works for one office (the office's KIP report) and for many (the canton's
combined report); its query count does not depend on the number of offices or areas (ten queries, each an
aggregate in the database).

Where the figures come from (all for the period of `filters`, optionally one municipality):
- offers: published offers of the directory tagged with the area whose running dates overlap the period
  (an offer without dates runs all the time); municipality: the offer's municipalities;
- events: events held in the period (published or archived, not drafts, not cancelled). Events carry fields
  of action, not KIP areas, and there is no mapping between the two; an event counts for an area only
  through a project it is linked to (projects carry KIP areas). Participants: the people of confirmed
  registrations; municipality: the event's municipality;
- counselling (area 1.2 only): cases opened in the period and the persons behind them (distinct clients,
  an anonymous case counting as one person); municipality: the case's;
- interpreting (area 3.1 only): interpreter bookings of the period, confirmed or done (the same bookings as
  the dashboard: `sections.counselling.interpreting_bookings`), their hours and cost (stored cost, else
  hourly rate × duration, as in the booking totals); municipality: the booking's case;
- grants: grants decided in the period (cancelled ones left out) by the application's area, their approved
  amount, and the payouts paid in the period (before repayments); municipality: the application's;
- KOMPAKT: measures (not dropped) of adopted municipal programmes whose years overlap the period, with the
  canton's planned KIP contribution, and the canton contributions of the period's years approved (approved
  or paid) and paid; municipality: the process's.

What is suppressed and why:
- participants, cases opened and persons counselled are counts of people: through `suppress` (1–4 → "< 5");
  participants are protected against their total row as a non-additive line (an event can serve several
  areas, so the areas sum to at least the total), so no hidden cell can be worked out from it;
- interpreting: bookings belong to cases, so the number of bookings is suppressed like a count of people,
  and their hours and cost are shown only when at least 5 cases lie behind them (a booking without a case
  counting as one; else "–", `WITHHELD`), as on the dashboard: an amount over fewer cases could point to
  one person's counselling;
- offers, events, grants and KOMPAKT measures are counts of offers, events, organisations' projects and
  municipal measures, and their amounts go to organisations and municipalities (grants are listed publicly):
  they point to no person and are shown as they are.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import Office, PromotionArea
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD, Line, protect, suppress
from fachstelle.counselling.models import Case
from fachstelle.events.models import Event, Registration
from fachstelle.grants.models import Grant, Payout
from fachstelle.kompakt.models import CantonContribution, Measure, Programme
from fachstelle.offers.models import Offer

from ..filters import ReportFilters
from ..sections.counselling import cases_behind_bookings, interpreting_bookings

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=14, decimal_places=2)
# The promotion areas the counselling and the interpreting columns belong to (KIP 3 codes, see DOMAIN.md).
COUNSELLING_AREA = "1.2"
INTERPRETING_AREA = "3.1"
# Key of the row of everything not tagged with a KIP area, and of the totals row.
UNASSIGNED = "none"
TOTAL = "total"

# Kinds of columns: how a value is shown and whether it is a count of people.
COUNT, PEOPLE, MONEY_KIND, HOURS = "count", "people", "money", "hours"


@dataclass(frozen=True, slots=True)
class WithheldAmount:
    """An amount (money, hours) not shown because fewer than 5 cases lie behind it. Like a
    `SuppressedCount` it carries no value."""

    suppressed: ClassVar[bool] = True
    secondary: ClassVar[bool] = False
    withheld: ClassVar[bool] = True

    def __str__(self) -> str:
        return "–"

    @property
    def csv(self) -> str:
        return "–"


WITHHELD = WithheldAmount()


@dataclass(frozen=True)
class KipColumn:
    key: str
    label: str
    group: str
    kind: str  # COUNT, PEOPLE, MONEY_KIND or HOURS


@dataclass
class KipRow:
    key: str  # the area's code, UNASSIGNED or TOTAL
    label: str
    # column key → int, SuppressedCount, Decimal, WITHHELD, or None (the column does not apply to the row)
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class KipReport:
    filters: ReportFilters
    offices: list[Office]
    columns: list[KipColumn]
    rows: list[KipRow]
    total: KipRow
    currency: str
    notes: list[str]

    @property
    def all_rows(self) -> list[KipRow]:
        return [*self.rows, self.total]

    def row(self, key: str) -> KipRow:
        return next(row for row in self.all_rows if row.key == key)

    def cells(self, row: KipRow) -> list[tuple[KipColumn, object]]:
        return [(column, row.values.get(column.key)) for column in self.columns]

    @property
    def body(self) -> list[tuple[KipRow, list[tuple[KipColumn, object]]]]:
        """The area rows with their cells in column order (for templates)."""
        return [(row, self.cells(row)) for row in self.rows]

    @property
    def total_cells(self) -> list[tuple[KipColumn, object]]:
        return self.cells(self.total)

    @property
    def groups(self) -> list[tuple[str, int]]:
        """(group label, number of columns) for the first header row."""
        groups: list[tuple[str, int]] = []
        for column in self.columns:
            if groups and groups[-1][0] == column.group:
                groups[-1] = (column.group, groups[-1][1] + 1)
            else:
                groups.append((column.group, 1))
        return groups

    @property
    def has_suppressed(self) -> bool:
        return any(
            getattr(value, "suppressed", False) for row in self.all_rows for value in row.values.values()
        )


def kip_columns(currency: str) -> list[KipColumn]:
    directory, events, counselling = _("Directory"), _("Events"), _("Counselling (1.2)")
    interpreting, grants, kompakt = _("Interpreting (3.1)"), _("Grants"), _("KOMPAKT")
    money = {"currency": currency}
    return [
        KipColumn("offers", _("Offers running"), directory, COUNT),
        KipColumn("events", _("Events held"), events, COUNT),
        KipColumn("participants", _("Participants"), events, PEOPLE),
        KipColumn("cases", _("Cases opened"), counselling, PEOPLE),
        KipColumn("persons", _("Persons counselled"), counselling, PEOPLE),
        KipColumn("bookings", _("Bookings done"), interpreting, PEOPLE),
        KipColumn("hours", _("Hours"), interpreting, HOURS),
        KipColumn("interpreting_cost", _("Cost (%(currency)s)") % money, interpreting, MONEY_KIND),
        KipColumn("grants", _("Grants approved"), grants, COUNT),
        KipColumn("grants_approved", _("Amount approved (%(currency)s)") % money, grants, MONEY_KIND),
        KipColumn("grants_paid", _("Amount paid (%(currency)s)") % money, grants, MONEY_KIND),
        KipColumn("measures", _("Measures"), kompakt, COUNT),
        KipColumn("measures_canton", _("Canton funding planned (%(currency)s)") % money, kompakt, MONEY_KIND),
        KipColumn(
            "contributions_approved",
            _("Canton contributions approved (%(currency)s)") % money,
            kompakt,
            MONEY_KIND,
        ),
        KipColumn(
            "contributions_paid", _("Canton contributions paid (%(currency)s)") % money, kompakt, MONEY_KIND
        ),
    ]


# --- Helpers ---------------------------------------------------------------------------------------------


def _money(value) -> Decimal:
    # SQLite sums decimals as floats: round to the cent.
    return Decimal(str(value or 0)).quantize(CENT, ROUND_HALF_UP)


def _bounds(filters: ReportFilters) -> tuple[datetime.datetime, datetime.datetime]:
    """[first day 00:00, day after the last day 00:00) in local time, for DateTimeFields."""
    return (
        datetime.datetime.combine(filters.start, datetime.time.min, tzinfo=LOCAL_TZ),
        datetime.datetime.combine(filters.end_exclusive, datetime.time.min, tzinfo=LOCAL_TZ),
    )


class _Scalar(Func):
    """An aggregate over a whole correlated subquery (SELECT COUNT(…) … LIMIT 1) without a GROUP BY:
    Django's own aggregates would group the subquery by its outer reference."""

    contains_aggregate = False


def _count_distinct(expression: str) -> _Scalar:
    return _Scalar(F(expression), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")


def _scalar(queryset, expression) -> Subquery:
    return Subquery(queryset.order_by().annotate(_value=expression).values("_value")[:1])


# --- The querysets of the period -------------------------------------------------------------------------


class _Sources:
    """The records of the offices and the period that the columns count (querysets, not evaluated)."""

    def __init__(self, *, office_ids: list[int], filters: ReportFilters):
        self.office_ids = office_ids
        self.filters = filters
        self.municipality = filters.municipality

    def offers(self):
        f = self.filters
        offers = Offer.objects.filter(office_id__in=self.office_ids, status=Offer.Status.PUBLISHED).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=f.end),
            Q(end_date__isnull=True) | Q(end_date__gte=f.start),
        )
        if self.municipality:
            offers = offers.filter(
                pk__in=Offer.municipalities.through.objects.filter(
                    municipality_id=self.municipality.pk
                ).values("offer_id")
            )
        return offers

    def events(self):
        start, end = _bounds(self.filters)
        events = Event.objects.filter(
            office_id__in=self.office_ids,
            starts_at__gte=start,
            starts_at__lt=end,
            status__in=(Event.Status.PUBLISHED, Event.Status.ARCHIVED),
        )
        if self.municipality:
            events = events.filter(municipality_id=self.municipality.pk)
        return events

    def events_with_area(self):
        """Ids of the period's events linked to a project with a KIP area."""
        return self.events().filter(projects__promotion_areas__isnull=False).values("pk")

    def cases(self):
        f = self.filters
        cases = Case.objects.filter(
            office_id__in=self.office_ids, opened_on__gte=f.start, opened_on__lte=f.end
        )
        if self.municipality:
            cases = cases.filter(municipality_id=self.municipality.pk)
        return cases

    def bookings(self):
        # The same bookings as the dashboard's counselling section (confirmed or done).
        return interpreting_bookings(
            office_ids=self.office_ids,
            start=self.filters.start,
            end=self.filters.end,
            municipality_id=self.municipality.pk if self.municipality else None,
        )

    def _application_filter(self, prefix: str) -> Q:
        if not self.municipality:
            return Q()
        return Q(**{f"{prefix}municipalities": self.municipality.pk})

    def grants(self):
        start, end = _bounds(self.filters)
        return (
            Grant.objects.filter(
                programme__office_id__in=self.office_ids, decided_at__gte=start, decided_at__lt=end
            )
            .exclude(status=Grant.Status.CANCELLED)
            .filter(self._application_filter("application__"))
        )

    def payouts(self):
        f = self.filters
        return Payout.objects.filter(
            grant__programme__office_id__in=self.office_ids,
            status=Payout.Status.PAID,
            paid_on__gte=f.start,
            paid_on__lte=f.end,
        ).filter(self._application_filter("grant__application__"))

    def measures(self):
        f = self.filters
        measures = Measure.objects.filter(
            programme__process__office_id__in=self.office_ids,
            programme__status=Programme.Status.ADOPTED,
            programme__period_start__lte=f.end.year,
            programme__period_end__gte=f.start.year,
        ).exclude(status=Measure.Status.DROPPED)
        if self.municipality:
            measures = measures.filter(programme__process__municipality_id=self.municipality.pk)
        return measures

    def contributions(self):
        f = self.filters
        contributions = CantonContribution.objects.filter(
            measure__programme__process__office_id__in=self.office_ids,
            year__gte=f.start.year,
            year__lte=f.end.year,
        )
        if self.municipality:
            contributions = contributions.filter(
                measure__programme__process__municipality_id=self.municipality.pk
            )
        return contributions


# --- The report ------------------------------------------------------------------------------------------


def _currency(offices: list[Office]) -> str:
    return "EUR" if offices and all(office.country == "DE" for office in offices) else "CHF"


def kip_table(*, offices: Iterable[Office], filters: ReportFilters) -> KipReport:
    """The KIP report of `offices` (one or many) for `filters`. Ten queries whatever the number of offices:
    areas with offers/events/participants per area (correlated subqueries), offers in total, events in
    total, participants in total, counselling, interpreting, grants, payouts, measures, contributions."""
    offices = list(offices)
    office_ids = [office.pk for office in offices]
    sources = _Sources(office_ids=office_ids, filters=filters)
    language = active_language()
    currency = _currency(offices)
    columns = kip_columns(currency)

    # 1. Areas, with the M2M-tagged counts per area: an offer or event tagged with several areas counts in
    #    each of them, and a subquery per area counts each once (a join would count duplicates).
    confirmed = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    # The events of an area as a subquery of the registrations' subquery: its outer reference is two up.
    area_events = sources.events().filter(projects__promotion_areas=OuterRef(OuterRef("pk"))).values("pk")
    areas = list(
        PromotionArea.objects.order_by("code", "pk").annotate(
            n_offers=_scalar(sources.offers().filter(promotion_areas=OuterRef("pk")), _count_distinct("pk")),
            n_events=_scalar(
                sources.events().filter(projects__promotion_areas=OuterRef("pk")), _count_distinct("pk")
            ),
            n_people=_scalar(
                confirmed.filter(event_id__in=area_events), _Scalar(F("people"), function="SUM")
            ),
        )
    )
    # 2–4. Totals of the M2M columns, each offer and event once; and what has no KIP area at all.
    offers_total = sources.offers().aggregate(
        all=Count("pk", distinct=True),
        tagged=Count("pk", distinct=True, filter=Q(promotion_areas__isnull=False)),
    )
    with_area = sources.events_with_area()
    events_total = sources.events().aggregate(all=Count("pk"), tagged=Count("pk", filter=Q(pk__in=with_area)))
    people_total = confirmed.filter(event__in=sources.events()).aggregate(
        all=Sum("people"), tagged=Sum("people", filter=Q(event_id__in=with_area))
    )
    # 5. Counselling: cases opened and the persons behind them (an anonymous case is one person).
    counselling = sources.cases().aggregate(
        cases=Count("pk"),
        clients=Count("client_id", distinct=True),
        anonymous=Count("pk", filter=Q(client__isnull=True)),
    )
    # 6. Interpreting: confirmed or done bookings, minutes, cost (stored, else rate × duration).
    cost = Coalesce(
        F("cost"),
        F("interpreter__hourly_rate") * F("duration_minutes") / Value(Decimal(60)),
        Value(Decimal(0)),
        output_field=MONEY,
    )
    interpreting = sources.bookings().aggregate(
        n=Count("pk"),
        cases=cases_behind_bookings(),
        minutes=Sum("duration_minutes"),
        cost=Sum(cost, output_field=MONEY),
    )
    # 7–10. Money by area (an application and a measure have exactly one area: additive).
    grants = {
        row["area"]: row
        for row in sources.grants()
        .values(area=F("application__promotion_area__code"))
        .annotate(n=Count("pk", distinct=True), amount=Sum("amount"))
        .order_by()
    }
    payouts = {
        row["area"]: row["amount"]
        for row in sources.payouts()
        .values(area=F("grant__application__promotion_area__code"))
        .annotate(amount=Sum("amount"))
        .order_by()
    }
    measures = {
        row["area"]: row
        for row in sources.measures()
        .values(area=F("promotion_area__code"))
        .annotate(n=Count("pk"), canton=Sum("funding_canton"))
        .order_by()
    }
    approved_statuses = (CantonContribution.Status.APPROVED, CantonContribution.Status.PAID)
    contributions = {
        row["area"]: row
        for row in sources.contributions()
        .values(area=F("measure__promotion_area__code"))
        .annotate(
            approved=Sum("amount", filter=Q(status__in=approved_statuses), output_field=MONEY),
            paid=Sum("amount", filter=Q(status=CantonContribution.Status.PAID), output_field=MONEY),
        )
        .order_by()
    }

    # Counts of people of the participants column, protected against their total (non-additive line).
    people_raw = {area.code: int(area.n_people or 0) for area in areas}
    people_raw[UNASSIGNED] = int(people_total["all"] or 0) - int(people_total["tagged"] or 0)
    people_raw[TOTAL] = int(people_total["all"] or 0)
    people_shown = protect(
        people_raw, [Line(TOTAL, [*(area.code for area in areas), UNASSIGNED], additive=False)]
    )

    rows: list[KipRow] = []
    for area in areas:
        code = area.code
        values = {
            "offers": int(area.n_offers or 0),
            "events": int(area.n_events or 0),
            "participants": people_shown[code],
            "grants": int((grants.get(code) or {}).get("n") or 0),
            "grants_approved": _money((grants.get(code) or {}).get("amount")),
            "grants_paid": _money(payouts.get(code)),
            "measures": int((measures.get(code) or {}).get("n") or 0),
            "measures_canton": _money((measures.get(code) or {}).get("canton")),
            "contributions_approved": _money((contributions.get(code) or {}).get("approved")),
            "contributions_paid": _money((contributions.get(code) or {}).get("paid")),
        }
        rows.append(KipRow(key=code, label=f"{code} {area.label(language)}", values=values))

    unassigned = KipRow(
        key=UNASSIGNED,
        label=_("Without a KIP area"),
        values={
            "offers": int(offers_total["all"] or 0) - int(offers_total["tagged"] or 0),
            "events": int(events_total["all"] or 0) - int(events_total["tagged"] or 0),
            "participants": people_shown[UNASSIGNED],
            "grants": int((grants.get(None) or {}).get("n") or 0),
            "grants_approved": _money((grants.get(None) or {}).get("amount")),
            "grants_paid": _money(payouts.get(None)),
        },
    )
    rows.append(unassigned)

    total_values = {
        "offers": int(offers_total["all"] or 0),
        "events": int(events_total["all"] or 0),
        "participants": people_shown[TOTAL],
    }
    # Grants and measures have exactly one area each (or none): these columns add up.
    for key in ("grants", "measures"):
        total_values[key] = sum(row.values.get(key) or 0 for row in rows)
    for key in (
        "grants_approved",
        "grants_paid",
        "measures_canton",
        "contributions_approved",
        "contributions_paid",
    ):
        total_values[key] = sum((row.values.get(key) or Decimal(0) for row in rows), Decimal("0.00"))

    # Counselling and interpreting belong to one area each; the total repeats that area's figures.
    cases_shown = suppress(counselling["cases"])
    persons_shown = suppress(int(counselling["clients"] or 0) + int(counselling["anonymous"] or 0))
    bookings = int(interpreting["n"] or 0)
    enough = int(interpreting["cases"] or 0) >= SUPPRESSION_THRESHOLD
    hours = (Decimal(interpreting["minutes"] or 0) / Decimal(60)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    interpreting_values = {
        "bookings": suppress(bookings),
        "hours": hours if enough or not bookings else WITHHELD,
        "interpreting_cost": _money(interpreting["cost"]) if enough or not bookings else WITHHELD,
    }
    counselling_values = {"cases": cases_shown, "persons": persons_shown}
    for row in rows:
        if row.key == COUNSELLING_AREA:
            row.values.update(counselling_values)
        if row.key == INTERPRETING_AREA:
            row.values.update(interpreting_values)
    total_values.update(counselling_values)
    total_values.update(interpreting_values)
    total = KipRow(key=TOTAL, label=_("Total"), values=total_values)

    notes = kip_notes(areas={area.code for area in areas})
    return KipReport(
        filters=filters,
        offices=offices,
        columns=columns,
        rows=rows,
        total=total,
        currency=currency,
        notes=notes,
    )


def kip_notes(*, areas: set[str]) -> list[str]:
    """What a reader of the table (and of its export) must know to read it right."""
    n = {"n": SUPPRESSION_THRESHOLD}
    notes = [
        _(
            "Counts of people below %(n)s are not shown (< %(n)s); a cell marked – is hidden so that a "
            "hidden cell cannot be worked out from the total, or is an amount behind fewer than %(n)s "
            "cases."
        )
        % n,
        _(
            "Offers and events tagged with several KIP areas count in each of them; the total counts each "
            "once, so the areas do not add up to it."
        ),
        _(
            "Events have no KIP area of their own: they count for an area through a project they are linked "
            "to. Participants are the people of confirmed registrations."
        ),
        _(
            "Counselling counts the cases opened in the period and the persons behind them (an anonymous "
            "case counts as one person); interpreting counts the bookings confirmed or done, their hours "
            "and cost."
        ),
        _(
            "Grants: decided in the period (without cancelled grants); amount paid: payouts paid in the "
            "period, before repayments. KOMPAKT: measures of adopted programmes of the period; canton "
            "contributions of the period's years."
        ),
    ]
    missing = [code for code in (COUNSELLING_AREA, INTERPRETING_AREA) if code not in areas]
    if missing:
        notes.append(
            _("The KIP areas %(codes)s are not in the list of areas; their figures appear only in the total.")
            % {"codes": ", ".join(missing)}
        )
    return notes


def kip_value_text(value, kind: str) -> str:
    """A cell as text (CSV): hidden values as their marks, amounts with two places, hours with one."""
    if value is None:
        return ""
    if getattr(value, "suppressed", False):
        return value.csv
    if kind == MONEY_KIND:
        return f"{Decimal(value):.2f}"
    return str(value)
