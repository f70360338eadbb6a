"""Reads of the reporting point: the triage inbox, one report (audited), the statistics.

Reports are personal data: office admins and counsellors see them (the views enforce the role), every
opened report is logged, and the reporter's contact details are shown only to admins and to the
counsellor the report is assigned to. The inbox never decrypts the reporter's text: it loads the plain
columns of one page (50 rows) with the assignee and municipality joined.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_events_for_target, audit_record
from fachstelle.core.models import AuditEvent, Membership, Municipality, Office, User
from fachstelle.core.staff import membership_role
from fachstelle.core.statistics import SECONDARY, Column, Table, is_suppressed, protected_table

from ..models import Report

PER_PAGE = 50
MAX_PAGE = 10_000
# The statistics show at most this many years (the most recent ones with reports).
STATISTICS_YEARS = 10
ACCESS_LOG_LENGTH = 20
# The inbox shows no free text: these encrypted columns are not even read.
LIST_DEFERRED = (
    "place",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
    "triage_note",
    "submission_key",
    "assigned_to__password",
)


@dataclass
class ReportFilters:
    """What the inbox is narrowed to (built from the URL by `ReportFilterForm`)."""

    status: str = ""  # "", "open" (not closed) or a Report.Status value
    category: str = ""
    municipality: Municipality | None = None
    year: int | None = None
    page: int = 1


@dataclass
class ReportPage:
    reports: list[Report]
    count: int
    page: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of `year` and of the next one in the current time zone (an index range on created_at)."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def report_list_queryset(*, office: Office, filters: ReportFilters) -> QuerySet[Report]:
    """The office's reports matching `filters` (unordered: good for counting)."""
    reports = Report.objects.filter(office=office)
    if filters.status == "open":
        reports = reports.exclude(status=Report.Status.CLOSED)
    elif filters.status:
        reports = reports.filter(status=filters.status)
    if filters.category:
        reports = reports.filter(category=filters.category)
    if filters.municipality is not None:
        reports = reports.filter(municipality=filters.municipality)
    if filters.year:
        start, end = _year_range(filters.year)
        reports = reports.filter(created_at__gte=start, created_at__lt=end)
    return reports


def report_list(*, office: Office, filters: ReportFilters) -> ReportPage:
    """One page of the inbox, newest first: a count and one query for the page."""
    reports = report_list_queryset(office=office, filters=filters)
    count = reports.order_by().count()
    num_pages = max(1, -(-count // PER_PAGE))
    page = min(max(filters.page, 1), num_pages)
    start = (page - 1) * PER_PAGE
    rows = list(
        reports.select_related("assigned_to", "municipality")
        .defer(*LIST_DEFERRED)
        .order_by("-created_at", "-pk")[start : start + PER_PAGE]
    )
    for report in rows:
        report.office = office  # the same row: no query when a template asks for it
    return ReportPage(reports=rows, count=count, page=page, num_pages=num_pages)


def report_get_for_user(
    *, user: User, office: Office, report_id: int, request=None, audit: bool = True
) -> Report:
    """A report of `office` (404 for any other id), logged as viewed when `audit`. The caller has checked
    that `user` is an admin or counsellor of the office."""
    report = (
        Report.objects.filter(office=office, pk=report_id)
        .select_related("assigned_to", "municipality")
        .first()
    )
    if report is None:
        raise Http404
    report.office = office
    if audit:
        audit_record(actor=user, action=Action.VIEW, office=office, target=report, request=request)
    return report


def report_shows_contact(*, user: User, report: Report) -> bool:
    """The reporter's contact details: office admins and the counsellor the report is assigned to."""
    role = membership_role(user=user, office=report.office)
    return role == Membership.Role.ADMIN or (
        role == Membership.Role.COUNSELLOR and report.assigned_to_id == user.pk
    )


def report_assignee_choices(*, office: Office) -> QuerySet[User]:
    """Who may hold a report: active admins and counsellors of the office."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__office=office,
            memberships__role__in=[Membership.Role.ADMIN, Membership.Role.COUNSELLOR],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def report_municipality_choices(*, office: Office) -> QuerySet[Municipality]:
    """The municipalities the office serves (the public form offers these)."""
    return Municipality.objects.filter(offices=office).order_by("name")


def report_years(*, office: Office) -> list[int]:
    """The years in which the office received reports, newest first."""
    return sorted(
        {
            year
            for year in Report.objects.filter(office=office)
            .annotate(year=ExtractYear("created_at"))
            .values_list("year", flat=True)
            .distinct()
            .order_by()
            if year
        },
        reverse=True,
    )


def report_access_log(*, report: Report) -> list[AuditEvent]:
    return list(audit_events_for_target(target=report).order_by("-at", "-pk")[:ACCESS_LOG_LENGTH])


# --- Statistics ---------------------------------------------------------------------------------------------


@dataclass
class ReportStatistics:
    years: list[int]
    tables: list[Table]


NOT_STATED = "none"


def _by_year(rows, key: str) -> dict[tuple, int]:
    return {(row[key], row["year"]): row["n"] for row in rows}


def report_statistics(*, office: Office) -> ReportStatistics:
    """Reports by category and year and by municipality and year, every cell protected by small-cell
    suppression (`fachstelle.core.statistics`): a count of 1–4 is never shown, nor any total that would
    give one away. Counted by the date a report was received; anonymised reports count too.

    Three queries: the two groupings and the names of the municipalities."""
    reports = Report.objects.filter(office=office).annotate(year=ExtractYear("created_at"))
    by_category = _by_year(reports.values("category", "year").annotate(n=Count("pk")).order_by(), "category")
    by_municipality = _by_year(
        reports.values("municipality_id", "year").annotate(n=Count("pk")).order_by(), "municipality_id"
    )
    seen = {year for _key, year in by_category if year}
    # Every year from the first report to this one (a year without reports shows 0), the latest ten.
    years = []
    if seen:
        years = list(range(min(seen), max(*seen, timezone.localdate().year) + 1))[-STATISTICS_YEARS:]
    columns = [Column(str(year)) for year in years]
    # Each report is in exactly one category and one municipality (or none): every column is additive, so
    # a year's total is protected together with its cells. Totals in one direction only: crossing row and
    # column totals would force hiding most of the table (see core.statistics).
    category_rows = [(code, str(label)) for code, label in Report.Category.choices]
    category_counts = [[by_category.get((code, year), 0) for year in years] for code, _l in category_rows]
    mentioned = {municipality_id for municipality_id, _year in by_municipality if municipality_id}
    municipalities = list(
        Municipality.objects.filter(Q(offices=office) | Q(pk__in=mentioned)).distinct().order_by("name")
    )
    municipality_rows = [(str(m.pk), m.name) for m in municipalities] + [(NOT_STATED, _("Not stated"))]
    keys = [m.pk for m in municipalities] + [None]
    municipality_counts = [[by_municipality.get((key, year), 0) for year in years] for key in keys]
    year_totals = [sum(row[j] for row in category_counts) for j in range(len(years))]
    tables = [
        protected_table(
            key="category",
            title=_("Reports by category and year"),
            row_header=_("Category"),
            rows=category_rows,
            columns=columns,
            counts=category_counts,
            column_totals=year_totals,
            total_label=_("Total reports"),
            chart="stacked",
        ),
        protected_table(
            key="municipality",
            title=_("Reports by municipality and year"),
            row_header=_("Municipality"),
            rows=municipality_rows,
            columns=columns,
            counts=municipality_counts,
            column_totals=year_totals,
            total_label=_("Total reports"),
            note=_("The municipality where it happened, as the reporter stated it."),
            chart="stacked",
        ),
    ]
    _hide_shared_totals(tables)
    # No grand total over the years: with the visible totals of the other years it would give a hidden
    # year's total away.
    return ReportStatistics(years=years, tables=tables)


def _hide_shared_totals(tables: list[Table]) -> None:
    """Both tables have the same total per year. If one of them had to hide a year's total, a reader would
    take it from the other and undo the protection: hide it in both then."""
    width = len(tables[0].total.cells)
    for j in range(width):
        if any(is_suppressed(table.total.cells[j]) for table in tables):
            for table in tables:
                if not is_suppressed(table.total.cells[j]):
                    table.total.cells[j] = SECONDARY
