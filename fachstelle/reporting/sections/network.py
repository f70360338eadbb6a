"""Report section "network": inquiries from the public, reports to the reporting point (Meldestelle) and
key-person assignments.

Who is counted (office, period [start, end] both days included in the office's time zone, municipality
optional — the one recorded on the inquiry, report or assignment):
- inquiries received: `created_at` in the period;
- open at the end of the period: received by then and neither answered (first answer, `answered_at`) nor
  closed (`closed_at`) by then;
- overdue: of those, the ones whose answer was due (`due_on`) before the end of the period — or before
  today while the period still runs (the inbox's overdue rule: `network.selectors.inquiry_is_overdue`);
- answered within the deadline: inquiries received in the period whose first answer came on or before
  their due day (those without a due day count as answered late if answered);
- reports received in the period by category and by their current status — counts only: nothing of the
  reporter, the place or the description is read;
- key-person assignments dated in the period (key persons of the office), by the key person's topics
  (fields of action; a key person can have several, so the column sums to at least the total).

Suppression: every count (inquiries, reports, assignments, key persons) goes through `core.statistics`
(1–4 → "< 5", complementary cells "–"); a total shown in two tables and the headline is hidden in all of
them when one hides it. Hours and compensation of key persons are paid to persons: they are shown only when
at least 5 key persons are behind them, else "–".

Queries: six for the section (fields of action, the inquiries' aggregate, inquiries by field of action,
reports by category and status, the assignments' aggregate, assignments by topic), three for
`municipality_rows`.
"""

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import FieldOfAction
from fachstelle.core.statistics import Column, protected_table, suppress
from fachstelle.network.models import Assignment, Inquiry, Report

from ..selectors.dashboard import amount, currency, hide_shared_total, period_bounds
from . import Figure, MunicipalityRow, Section

KEY = "network"
NONE = "none"
# The statuses in which an inquiry still waits for the office (as network.services.inquiries).
OPEN_STATUSES = (Inquiry.Status.NEW, Inquiry.Status.IN_PROGRESS)


def _inquiries(*, office, filters):
    inquiries = Inquiry.objects.filter(office=office)
    if filters.municipality:
        inquiries = inquiries.filter(municipality=filters.municipality)
    return inquiries


def _inquiry_figures(*, office, filters) -> dict[str, int]:
    start, end = period_bounds(filters)
    received = Q(created_at__gte=start, created_at__lt=end)
    # Neither answered nor closed before the end of the period.
    still_open = (
        Q(created_at__lt=end)
        & (Q(answered_at__isnull=True) | Q(answered_at__gte=end))
        & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    )
    # Overdue on the last day of the period, or today while the period still runs.
    reference = min(filters.end, timezone.localdate())
    return _inquiries(office=office, filters=filters).aggregate(
        received=Count("pk", filter=received),
        open_at_end=Count("pk", filter=still_open),
        overdue=Count("pk", filter=still_open & Q(due_on__lt=reference)),
        in_time=Count(
            "pk", filter=received & Q(answered_at__isnull=False, answered_at__date__lte=F("due_on"))
        ),
        answered=Count("pk", filter=received & Q(answered_at__isnull=False)),
    )


def _inquiry_topics_table(*, office, filters, fields, language: str, received: int):
    start, end = period_bounds(filters)
    per_field = dict(
        _inquiries(office=office, filters=filters)
        .filter(created_at__gte=start, created_at__lt=end)
        .values("field_of_action_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("field_of_action_id", "n")
    )
    rows = [(field.slug, field.label(language)) for field in fields] + [(NONE, _("Triage (no topic)"))]
    values = [per_field.get(field.pk, 0) for field in fields] + [per_field.get(None, 0)]
    return protected_table(
        key="inquiries_by_topic",
        title=_("Inquiries received by topic"),
        row_header=_("Topic"),
        rows=rows,
        columns=[Column(_("Inquiries"))],
        counts=[[value] for value in values],
        column_totals=[received],
        total_label=_("Total"),
    )


def _answers_table(*, figures: dict[str, int]):
    in_time = figures["in_time"]
    late = figures["answered"] - in_time
    not_answered = figures["received"] - figures["answered"]
    return protected_table(
        key="inquiry_answers",
        title=_("Inquiries received: first answer"),
        row_header=_("First answer"),
        rows=[
            ("in_time", _("Within the deadline")),
            ("late", _("After the deadline")),
            ("not_answered", _("Not answered (yet)")),
        ],
        columns=[Column(_("Inquiries"))],
        counts=[[in_time], [late], [not_answered]],
        column_totals=[figures["received"]],
        total_label=_("Total"),
        note=_("Inquiries received in the period, by the time of their first answer."),
    )


def _report_tables(*, office, filters):
    start, end = period_bounds(filters)
    reports = Report.objects.filter(office=office, created_at__gte=start, created_at__lt=end)
    if filters.municipality:
        reports = reports.filter(municipality=filters.municipality)
    by_category: dict[str, int] = {}
    by_status: dict[str, int] = {}
    # One query: the counts per (category, status), summed both ways here.
    for category, status, n in (
        reports.values("category", "status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("category", "status", "n")
    ):
        by_category[category] = by_category.get(category, 0) + n
        by_status[status] = by_status.get(status, 0) + n
    total = sum(by_category.values())
    # Two one-way tables rather than a cross table: each is protected exactly against its own total, and
    # they share no cell, so no chain through rows and columns can pin a hidden count down.
    categories = protected_table(
        key="reports_by_category",
        title=_("Reports received by category"),
        row_header=_("Category"),
        rows=[(code, str(label)) for code, label in Report.Category.choices],
        columns=[Column(_("Reports"))],
        counts=[[by_category.get(code, 0)] for code, _label in Report.Category.choices],
        column_totals=[total],
        total_label=_("Total"),
    )
    statuses = protected_table(
        key="reports_by_status",
        title=_("Reports received by status"),
        row_header=_("Status"),
        rows=[(code, str(label)) for code, label in Report.Status.choices],
        columns=[Column(_("Reports"))],
        counts=[[by_status.get(code, 0)] for code, _label in Report.Status.choices],
        column_totals=[total],
        total_label=_("Total"),
        note=_("Reports received in the period, by their status today."),
    )
    return total, categories, statuses


def _assignments(*, office, filters):
    assignments = Assignment.objects.filter(
        key_person__office=office, date__range=(filters.start, filters.end)
    )
    if filters.municipality:
        assignments = assignments.filter(municipality=filters.municipality)
    return assignments


def _assignment_tables(*, office, filters, fields, language: str):
    totals = _assignments(office=office, filters=filters).aggregate(
        n=Count("pk"),
        key_persons=Count("key_person_id", distinct=True),
        hours=Sum("hours"),
        compensation=Sum("compensation"),
    )
    per_topic = dict(
        _assignments(office=office, filters=filters)
        .values("key_person__topics")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("key_person__topics", "n")
    )
    rows = [(field.slug, field.label(language)) for field in fields]
    values = [per_topic.get(field.pk, 0) for field in fields]
    if per_topic.get(None):
        rows.append((NONE, _("No topic recorded")))
        values.append(per_topic[None])
    table = protected_table(
        key="assignments_by_topic",
        title=_("Key-person assignments by topic"),
        row_header=_("Topic"),
        rows=rows,
        columns=[Column(_("Assignments"), additive=False)],
        counts=[[value] for value in values],
        column_totals=[totals["n"]],
        total_label=_("Total assignments"),
        note=_("By the topics of the key person; a key person can have several topics."),
    )
    return totals, table


def section(*, office, filters) -> Section:
    language = active_language()
    fields = list(FieldOfAction.objects.order_by("order", "name"))
    inquiry = _inquiry_figures(office=office, filters=filters)
    by_topic = _inquiry_topics_table(
        office=office, filters=filters, fields=fields, language=language, received=inquiry["received"]
    )
    answers = _answers_table(figures=inquiry)
    reports_total, categories, statuses = _report_tables(office=office, filters=filters)
    assignment, assignments = _assignment_tables(
        office=office, filters=filters, fields=fields, language=language
    )

    received = Figure("inquiries_received", _("Inquiries received"), suppress(inquiry["received"]))
    in_time = Figure("inquiries_in_time", _("Answered within the deadline"), answers.row("in_time").cells[0])
    reports = Figure("reports_received", _("Reports received (reporting point)"), suppress(reports_total))
    count = Figure("assignments", _("Key-person assignments"), assignments.total.cells[0])
    hide_shared_total([(by_topic.total, 0), (answers.total, 0)], [received])
    hide_shared_total([(categories.total, 0), (statuses.total, 0)], [reports])
    people = assignment["key_persons"] or 0
    figures = [
        received,
        Figure(
            "inquiries_open_at_end",
            _("Inquiries open at the end of the period"),
            suppress(inquiry["open_at_end"]),
        ),
        Figure("inquiries_overdue", _("Of these overdue"), suppress(inquiry["overdue"])),
        in_time,
        reports,
        count,
        Figure("key_persons_deployed", _("Key persons deployed"), suppress(people)),
        Figure("assignment_hours", _("Key-person hours"), amount(assignment["hours"], people=people), "h"),
        Figure(
            "assignment_compensation",
            _("Key-person compensation"),
            amount(assignment["compensation"], people=people),
            currency(office),
        ),
    ]
    return Section(
        key=KEY,
        title=_("Network"),
        figures=figures,
        tables=[by_topic, answers, categories, statuses, assignments],
        note=_(
            "Hours and compensation of key persons are shown only when at least 5 key persons are behind "
            "them (“–” otherwise)."
        ),
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Inquiries and reports received and key-person assignments in the period, per municipality where
    one was recorded (the municipality filter of `filters` is not applied)."""
    ids = [getattr(municipality, "pk", municipality) for municipality in municipalities]
    start, end = period_bounds(filters)

    def per_municipality(queryset) -> dict[int, int]:
        return dict(
            queryset.filter(municipality_id__in=ids)
            .values("municipality_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("municipality_id", "n")
        )

    inquiries = per_municipality(
        Inquiry.objects.filter(office=office, created_at__gte=start, created_at__lt=end)
    )
    reports = per_municipality(
        Report.objects.filter(office=office, created_at__gte=start, created_at__lt=end)
    )
    assignments = per_municipality(
        Assignment.objects.filter(key_person__office=office, date__range=(filters.start, filters.end))
    )
    return [
        MunicipalityRow(
            "inquiries_received",
            _("Inquiries received"),
            {pk: suppress(inquiries.get(pk, 0)) for pk in ids},
            additive=True,
        ),
        MunicipalityRow(
            "reports_received",
            _("Reports received"),
            {pk: suppress(reports.get(pk, 0)) for pk in ids},
            additive=True,
        ),
        MunicipalityRow(
            "assignments", _("Key-person assignments"), {pk: suppress(assignments.get(pk, 0)) for pk in ids}
        ),
    ]
