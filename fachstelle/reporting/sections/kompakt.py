"""Report section "kompakt": the office's KOMPAKT processes with the municipalities, their workshops, the
measures of the integration programmes and the canton's contributions.

Definitions
- *processes*: the office's processes that existed at the end of the period (created before it ended),
  by their status today; the *current phase* of an open process (not completed or cancelled) is the
  phase in progress (the last one started), else the first one not started — as on the process list
  (`kompakt.selectors.processes.current_phase`); "all phases done" otherwise.
- *workshops held*: sessions with the status "held" that started in the period.
- *measures*: the measures of the programmes whose programme period (years) overlaps the period, by their
  status today and KIP promotion area.
- *canton contributions*: approved (approved or paid, decided in the period) and paid (paid in the period),
  in CHF (KOMPAKT is a Swiss programme).
- The municipality filter and the per-municipality figures use the process's municipality.

No suppression: processes, workshops and measures are not people, and the canton's contributions go to a
municipality's measures, not to persons — every figure is shown as it is.

Queries: five (processes with their current phase, workshops, measures, contributions, promotion areas),
whatever the data volume.
"""

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import PromotionArea
from fachstelle.kompakt.models import CantonContribution, Measure, Phase, Process, Workshop
from fachstelle.kompakt.selectors.processes import CLOSED_STATUSES

from . import Figure, MunicipalityRow, Section
from ._plain import municipality_ids, period_bounds, plain_table, whole

NONE = "none"
CURRENCY = "CHF"
ZERO = Decimal("0")


def _current_phase():
    """The kind of the process's current phase, in SQL (the same rule as `current_phase`)."""
    in_progress = (
        Phase.objects.filter(process=OuterRef("pk"), status=Phase.Status.IN_PROGRESS)
        .order_by("-position")
        .values("kind")[:1]
    )
    first_open = (
        Phase.objects.filter(process=OuterRef("pk"), status=Phase.Status.OPEN)
        .order_by("position")
        .values("kind")[:1]
    )
    return Coalesce(Subquery(in_progress), Subquery(first_open))


def _processes(*, office, filters):
    _start, end = period_bounds(filters)
    processes = Process.objects.filter(office=office, created_at__lt=end)
    if filters.municipality:
        processes = processes.filter(municipality=filters.municipality)
    return processes


def _measures(*, office, filters):
    measures = Measure.objects.filter(
        programme__process__office=office,
        programme__period_start__lte=filters.end.year,
        programme__period_end__gte=filters.start.year,
    )
    if filters.municipality:
        measures = measures.filter(programme__process__municipality=filters.municipality)
    return measures


def _contributions(*, office, filters):
    contributions = CantonContribution.objects.filter(measure__programme__process__office=office).filter(
        Q(decided_on__gte=filters.start, decided_on__lte=filters.end)
        | Q(paid_on__gte=filters.start, paid_on__lte=filters.end)
    )
    if filters.municipality:
        contributions = contributions.filter(measure__programme__process__municipality=filters.municipality)
    return contributions


def section(*, office, filters) -> Section:
    start, end = period_bounds(filters)
    # 1: the processes with status and current phase (one per municipality and round: a few dozen rows).
    processes = list(
        _processes(office=office, filters=filters).annotate(phase=_current_phase()).values("status", "phase")
    )
    by_status: dict[str, int] = {}
    by_phase: dict[str | None, int] = {}
    for process in processes:
        by_status[process["status"]] = by_status.get(process["status"], 0) + 1
        if process["status"] not in CLOSED_STATUSES:
            by_phase[process["phase"]] = by_phase.get(process["phase"], 0) + 1
    open_processes = sum(by_phase.values())
    # 2: workshops held in the period.
    workshops = Workshop.objects.filter(
        process__in=_processes(office=office, filters=filters).values("pk"),
        status=Workshop.Status.HELD,
        starts_at__gte=start,
        starts_at__lt=end,
    ).aggregate(n=Count("pk"))["n"]
    # 3: measures by KIP area and status.
    measures: dict[tuple, int] = {
        (row["promotion_area"], row["status"]): row["n"]
        for row in _measures(office=office, filters=filters)
        .values("promotion_area", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    # 4: canton contributions approved and paid in the period, by KIP area.
    approved_q = Q(
        status__in=(CantonContribution.Status.APPROVED, CantonContribution.Status.PAID),
        decided_on__gte=filters.start,
        decided_on__lte=filters.end,
    )
    paid_q = Q(status=CantonContribution.Status.PAID, paid_on__gte=filters.start, paid_on__lte=filters.end)
    contributions = {
        row["measure__promotion_area"]: row
        for row in _contributions(office=office, filters=filters)
        .values("measure__promotion_area")
        .annotate(
            approved=Sum("amount", filter=approved_q, default=ZERO),
            paid=Sum("amount", filter=paid_q, default=ZERO),
        )
        .order_by()
    }
    # 5: the promotion areas.
    language = active_language()
    areas = [
        (area.code, f"{area.code} {area.label(language)}", area.pk)
        for area in PromotionArea.objects.order_by("code")
    ]

    status_table = plain_table(
        key="kompakt_status",
        title=_("KOMPAKT processes by status"),
        row_header=_("Status"),
        columns=[_("Processes")],
        rows=[(code, str(label), [by_status.get(code, 0)]) for code, label in Process.Status.choices],
        total=[len(processes)],
        total_label=_("Total"),
        note=_("Processes started before the end of the period, by their status today."),
    )
    phase_table = plain_table(
        key="kompakt_phases",
        title=_("Open KOMPAKT processes by current phase"),
        row_header=_("Phase"),
        columns=[_("Processes")],
        rows=[(code, str(label), [by_phase.get(code, 0)]) for code, label in Phase.Kind.choices]
        + [(NONE, _("All phases done"), [by_phase.get(None, 0)])],
        total=[open_processes],
        total_label=_("Open processes"),
    )
    statuses = Measure.Status.choices
    measure_rows = [
        (key, label, [measures.get((pk, status), 0) for status, _l in statuses]) for key, label, pk in areas
    ]
    measure_table = plain_table(
        key="kompakt_measures",
        title=_("Measures by KIP promotion area and status"),
        row_header=_("KIP promotion area"),
        columns=[str(label) for _s, label in statuses],
        rows=measure_rows,
        total=[sum(row[2][j] for row in measure_rows) for j in range(len(statuses))],
        total_label=_("Total"),
        note=_("Measures of the integration programmes whose programme period overlaps the period."),
        chart="stacked",
    )
    contribution_rows = [
        (
            key,
            label,
            [
                whole(contributions.get(pk, {}).get("approved", ZERO)),
                whole(contributions.get(pk, {}).get("paid", ZERO)),
            ],
        )
        for key, label, pk in areas
    ]
    approved_total = sum((row.get("approved", ZERO) for row in contributions.values()), start=ZERO)
    paid_total = sum((row.get("paid", ZERO) for row in contributions.values()), start=ZERO)
    contribution_table = plain_table(
        key="kompakt_contributions",
        title=_("Canton contributions by KIP promotion area"),
        row_header=_("KIP promotion area"),
        columns=[
            _("Approved (%(currency)s)") % {"currency": CURRENCY},
            _("Paid (%(currency)s)") % {"currency": CURRENCY},
        ],
        rows=contribution_rows,
        total=[whole(approved_total), whole(paid_total)],
        total_label=_("Total"),
        note=_("Contributions decided (approved) or paid in the period, in whole francs."),
    )
    return Section(
        key="kompakt",
        title=_("KOMPAKT"),
        figures=[
            Figure("processes", _("KOMPAKT processes"), len(processes)),
            Figure("open", _("Open processes"), open_processes),
            Figure("workshops", _("Workshops held"), workshops),
            Figure("measures", _("Measures"), sum(measures.values())),
            Figure("contributions_approved", _("Canton contributions approved"), approved_total, CURRENCY),
            Figure("contributions_paid", _("Canton contributions paid"), paid_total, CURRENCY),
        ],
        tables=[status_table, phase_table, measure_table, contribution_table],
        note=_("Processes, workshops, measures and money, not people: shown without suppression."),
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Per municipality: the status of its KOMPAKT process (text: the open one, else the latest), the
    number of measures, and the canton contributions approved and paid in the period (three queries)."""
    ids = municipality_ids(municipalities)
    _start, end = period_bounds(filters)
    status_labels = dict(Process.Status.choices)
    processes = (
        Process.objects.filter(office=office, municipality_id__in=ids, created_at__lt=end)
        .order_by("created_at", "pk")
        .values_list("municipality_id", "status")
    )
    status: dict[int, tuple[str, str]] = {}  # municipality → (label, code)
    for pk, code in processes:
        # An open process wins over earlier closed ones; among closed ones the latest.
        if pk not in status or code not in CLOSED_STATUSES or status[pk][1] in CLOSED_STATUSES:
            status[pk] = (str(status_labels[code]), code)
    measures = {
        row["programme__process__municipality"]: row["n"]
        for row in Measure.objects.filter(
            programme__process__office=office,
            programme__process__municipality__in=ids,
            programme__period_start__lte=filters.end.year,
            programme__period_end__gte=filters.start.year,
        )
        .values("programme__process__municipality")
        .annotate(n=Count("pk"))
        .order_by()
    }
    approved_q = Q(
        status__in=(CantonContribution.Status.APPROVED, CantonContribution.Status.PAID),
        decided_on__gte=filters.start,
        decided_on__lte=filters.end,
    )
    paid_q = Q(status=CantonContribution.Status.PAID, paid_on__gte=filters.start, paid_on__lte=filters.end)
    money = {
        row["measure__programme__process__municipality"]: row
        for row in CantonContribution.objects.filter(
            measure__programme__process__office=office, measure__programme__process__municipality__in=ids
        )
        .filter(approved_q | paid_q)
        .values("measure__programme__process__municipality")
        .annotate(
            approved=Sum("amount", filter=approved_q, default=ZERO),
            paid=Sum("amount", filter=paid_q, default=ZERO),
        )
        .order_by()
    }
    return [
        MunicipalityRow(
            key="kompakt_status",
            label=_("KOMPAKT process"),
            values={pk: status[pk][0] if pk in status else _("none") for pk in ids},
        ),
        MunicipalityRow(
            key="kompakt_measures",
            label=_("Measures"),
            values={pk: measures.get(pk, 0) for pk in ids},
            additive=True,
        ),
        MunicipalityRow(
            key="kompakt_contributions_approved",
            label=_("Canton contributions approved"),
            values={pk: money.get(pk, {}).get("approved", ZERO) for pk in ids},
            unit=CURRENCY,
            additive=True,
        ),
        MunicipalityRow(
            key="kompakt_contributions_paid",
            label=_("Canton contributions paid"),
            values={pk: money.get(pk, {}).get("paid", ZERO) for pk in ids},
            unit=CURRENCY,
            additive=True,
        ),
    ]
