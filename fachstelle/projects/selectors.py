"""Reads of the office's projects: the list with milestone progress, one project with everything linked,
the upcoming milestones and the timeline.

Milestone counts and the next due milestone are computed in the list's one query (conditional counts and
scalar subqueries), never per row.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fachstelle.core.models import Membership, Office, PromotionArea, User
from fachstelle.core.pagination import Page, paginate
from fachstelle.events.models import Event
from fachstelle.grants.models import Application
from fachstelle.network.models import Organisation

from .models import Milestone, Project, ProjectDocument

PER_PAGE = 50
UPCOMING_DAYS = 30
# The status of projects whose plan still matters (open milestones of a cancelled project are not overdue).
ACTIVE_STATUSES = (Project.Status.IDEA, Project.Status.PLANNED, Project.Status.RUNNING)


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    role: str = ""
    year: int | None = None
    promotion_area: PromotionArea | None = None
    q: str = ""
    page: int = 1


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _overlapping(queryset: QuerySet, *, start: datetime.date, end: datetime.date) -> QuerySet:
    """Projects whose dates touch [start, end]; a missing end means "still going", a project without any
    date is in no period."""
    starts_in_time = Q(starts_on__lte=end) | Q(starts_on__isnull=True, ends_on__isnull=False)
    ends_in_time = Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__isnull=False)
    return queryset.filter(starts_in_time & ends_in_time)


def _next_open_milestone(column: str):
    open_milestones = Milestone.objects.filter(project=OuterRef("pk"), done_on__isnull=True)
    return Subquery(open_milestones.order_by("due_on", "pk").values(column)[:1])


def project_queryset(
    *, office: Office, filters: ProjectFilters, today: datetime.date | None = None
) -> QuerySet:
    """The office's projects with milestone progress (`milestone_total`, `milestone_done`,
    `milestone_overdue`) and the next open milestone (`next_title`, `next_due_on`)."""
    today = today or timezone.localdate()
    projects = Project.objects.filter(office=office)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.role:
        projects = projects.filter(role=filters.role)
    if filters.year:
        projects = _overlapping(
            projects, start=year_bounds(filters.year)[0], end=year_bounds(filters.year)[1]
        )
    if filters.promotion_area is not None:
        projects = projects.filter(pk__in=filters.promotion_area.projects.values("pk"))
    if filters.q:
        projects = projects.filter(Q(title__icontains=filters.q) | Q(goal__icontains=filters.q))
    counted = Milestone.objects.filter(project=OuterRef("pk")).order_by().values("project")
    counted = counted.annotate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False)),
        overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    return (
        projects.select_related("lead")
        .prefetch_related("promotion_areas")
        .annotate(
            milestone_total=Coalesce(
                Subquery(counted.values("total"), output_field=IntegerField()), Value(0)
            ),
            milestone_done=Coalesce(Subquery(counted.values("done"), output_field=IntegerField()), Value(0)),
            milestone_overdue=Coalesce(
                Subquery(counted.values("overdue"), output_field=IntegerField()), Value(0)
            ),
            next_title=_next_open_milestone("title"),
            next_due_on=_next_open_milestone("due_on"),
        )
        .order_by("-starts_on", "title", "pk")
    )


def project_list(*, office: Office, filters: ProjectFilters, today: datetime.date | None = None) -> Page:
    return paginate(
        project_queryset(office=office, filters=filters, today=today), page=filters.page, per_page=PER_PAGE
    )


def project_get(*, office: Office, project_id: int) -> Project:
    return get_object_or_404(Project.objects.filter(office=office).select_related("lead"), pk=project_id)


def project_get_full(*, office: Office, project_id: int) -> Project:
    """One project with everything its page shows, in a fixed number of queries."""
    projects = Project.objects.filter(office=office).select_related("lead")
    projects = projects.prefetch_related(
        "promotion_areas",
        "municipalities",
        Prefetch("partners", queryset=Organisation.objects.order_by("name")),
        Prefetch(
            "grant_applications",
            queryset=Application.objects.select_related("programme").order_by("reference", "pk"),
        ),
        Prefetch("events", queryset=Event.objects.order_by("starts_at", "pk")),
        Prefetch("milestones", queryset=Milestone.objects.select_related("owner").order_by("due_on", "pk")),
        Prefetch(
            "documents",
            queryset=ProjectDocument.objects.select_related("uploaded_by").order_by("-uploaded_at", "pk"),
        ),
    )
    return get_object_or_404(projects, pk=project_id)


def document_get(*, office: Office, project_id: int, document_id: int) -> ProjectDocument:
    return get_object_or_404(
        ProjectDocument.objects.filter(project__office=office, project_id=project_id), pk=document_id
    )


# --- Choices of the forms: only the office's own records ----------------------------------------------


def office_members(*, office: Office) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=Membership.objects.filter(office=office).values("user_id"), is_active=True
        ).order_by("last_name", "first_name", "username")
    )


def user_label(user: User) -> str:
    return user.get_full_name() or user.username


def linkable_organisations(*, office: Office) -> list[Organisation]:
    return list(Organisation.objects.filter(office=office).order_by("name").only("pk", "name", "is_active"))


def linkable_applications(*, office: Office) -> list[Application]:
    return list(
        Application.objects.filter(office=office)
        .exclude(status=Application.Status.DRAFT, reference="")
        .order_by("-reference", "pk")
        .only("pk", "reference", "project_title", "organisation_name", "status")
    )


def application_label(application: Application) -> str:
    reference = application.reference or "#%s" % application.pk
    title = application.project_title or application.organisation_name or "–"
    return f"{reference} – {title}"


def linkable_events(*, office: Office) -> list[Event]:
    return list(
        Event.objects.filter(office=office).order_by("-starts_at", "pk").only("pk", "title", "starts_at")
    )


def event_label(event: Event) -> str:
    return f"{timezone.localtime(event.starts_at):%d.%m.%Y} – {event.title}"


# --- Upcoming milestones -------------------------------------------------------------------------------


def upcoming_milestones(
    *, office: Office, today: datetime.date | None = None, days: int = UPCOMING_DAYS
) -> QuerySet:
    """Open milestones due in the next `days` days, and those already overdue, of active projects."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.filter(
            project__office=office,
            project__status__in=ACTIVE_STATUSES,
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=days),
        )
        .select_related("project", "owner")
        .order_by("due_on", "pk")
    )


# --- Timeline ------------------------------------------------------------------------------------------


@dataclass
class TimelineMonth:
    first_day: datetime.date
    days: int
    offset: float  # percent of the range from its start
    width: float


@dataclass
class TimelineMarker:
    milestone: Milestone
    offset: float  # percent of the range from its start
    overdue: bool


@dataclass
class TimelineRow:
    project: Project
    start: datetime.date  # clipped to the range
    end: datetime.date
    offset: float  # percent
    width: float  # percent
    clipped_start: bool  # the project started before the range
    clipped_end: bool  # the project goes on after the range (or has no end)
    markers: list[TimelineMarker] = field(default_factory=list)  # the milestones due within the range
    overdue_count: int = 0  # of all the project's milestones, also those outside the range


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    today: datetime.date
    months: list[TimelineMonth]
    rows: list[TimelineRow]
    today_offset: float | None  # None: today is outside the range

    @property
    def total_days(self) -> int:
        return (self.end - self.start).days + 1


def _months(start: datetime.date, end: datetime.date) -> list[TimelineMonth]:
    total_days = (end - start).days + 1
    months = []
    cursor = start
    while cursor <= end:
        last = datetime.date(cursor.year, cursor.month, calendar.monthrange(cursor.year, cursor.month)[1])
        days = (min(last, end) - cursor).days + 1
        months.append(
            TimelineMonth(
                first_day=cursor,
                days=days,
                offset=_percent(cursor, start=start, total_days=total_days),
                width=round(days * 100 / total_days, 3),
            )
        )
        cursor = last + datetime.timedelta(days=1)
    return months


def _percent(day: datetime.date, *, start: datetime.date, total_days: int) -> float:
    return round((day - start).days * 100 / total_days, 3)


def timeline(
    *,
    office: Office,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
    status: str = "",
) -> Timeline:
    """The projects that touch [start, end] as bars clipped to the range, their milestones within the
    range as markers. A project without an end runs to the end of the range."""
    today = today or timezone.localdate()
    total_days = (end - start).days + 1
    projects = _overlapping(Project.objects.filter(office=office), start=start, end=end)
    if status:
        projects = projects.filter(status=status)
    projects = projects.select_related("lead").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.select_related("owner").order_by("due_on", "pk"))
    )
    rows = []
    for project in projects.order_by("starts_on", "ends_on", "title", "pk"):
        project_start = project.starts_on or project.ends_on
        project_end = project.ends_on
        row_start = max(project_start, start)
        row_end = min(project_end, end) if project_end else end
        active = project.status in ACTIVE_STATUSES
        milestones = list(project.milestones.all())
        row = TimelineRow(
            project=project,
            start=row_start,
            end=row_end,
            offset=_percent(row_start, start=start, total_days=total_days),
            width=round(((row_end - row_start).days + 1) * 100 / total_days, 3),
            clipped_start=project_start < start,
            clipped_end=project_end is None or project_end > end,
        )
        for milestone in milestones:
            overdue = active and milestone.done_on is None and milestone.due_on < today
            milestone.is_overdue = overdue
            row.overdue_count += overdue
            if start <= milestone.due_on <= end:
                row.markers.append(
                    TimelineMarker(
                        milestone=milestone,
                        offset=_percent(milestone.due_on, start=start, total_days=total_days),
                        overdue=overdue,
                    )
                )
        rows.append(row)
    today_offset = _percent(today, start=start, total_days=total_days) if start <= today <= end else None
    return Timeline(
        start=start, end=end, today=today, months=_months(start, end), rows=rows, today_offset=today_offset
    )
