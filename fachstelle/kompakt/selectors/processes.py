"""Reads of KOMPAKT processes: the office's list, one process with its phases and workshops, the working
group, candidates from the network, blocked dates and school holidays.

Every fetch is scoped to the office (`process_queryset(office=…)`); a process of another office is 404."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from fachstelle.core.models import Membership, Municipality, Office
from fachstelle.network.models import Contact, KeyPerson

from ..models import BlockedDate, Phase, Process, SchoolHoliday, WorkingGroupMember, Workshop

# Statuses in which a process still counts as open (the database constraint's condition).
CLOSED_STATUSES = (Process.Status.COMPLETED, Process.Status.CANCELLED)
# The seed's working group has about ten members; outside this range the page shows a hint.
GROUP_SIZE_MIN = 6
GROUP_SIZE_MAX = 15
# Network persons offered in the "add from the network" choice at most (narrow with the search field).
CANDIDATE_LIMIT = 100


def process_queryset(*, office: Office) -> QuerySet[Process]:
    """The office's processes with municipality and lead (for 404-scoped fetches)."""
    return Process.objects.filter(office=office).select_related("municipality", "lead")


def current_phase(phases: list[Phase]) -> Phase | None:
    """The phase in progress (the last one started), else the first not done."""
    in_progress = [phase for phase in phases if phase.status == Phase.Status.IN_PROGRESS]
    if in_progress:
        return in_progress[-1]
    return next((phase for phase in phases if phase.status == Phase.Status.OPEN), None)


@dataclass
class ProcessRow:
    process: Process
    current_phase: Phase | None
    next_workshop_at: object
    member_count: int


def process_list_for_office(*, office: Office, status: str | None = None) -> list[ProcessRow]:
    """Queries: processes (with municipality, lead, next workshop, member count), their phases (2)."""
    now = timezone.now()
    next_workshop = (
        Workshop.objects.filter(process=OuterRef("pk"), starts_at__gte=now)
        .exclude(status=Workshop.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    members = (
        WorkingGroupMember.objects.filter(process=OuterRef("pk"))
        .order_by()
        .values("process")
        .annotate(n=Count("pk"))
        .values("n")
    )
    processes = (
        process_queryset(office=office)
        .annotate(next_workshop_at=Subquery(next_workshop), member_count=Subquery(members))
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("position")))
        .order_by("municipality__name", "-created_at")
    )
    if status:
        processes = processes.filter(status=status)
    return [
        ProcessRow(
            process=process,
            current_phase=current_phase(list(process.phases.all())),
            next_workshop_at=process.next_workshop_at,
            member_count=process.member_count or 0,
        )
        for process in processes
    ]


@dataclass
class ProcessOverview:
    process: Process
    phases: list[Phase]
    current_phase: Phase | None
    workshops: list[Workshop]
    member_count: int
    blocked_dates: list[BlockedDate]


def process_overview(*, process: Process) -> ProcessOverview:
    """Queries: phases, workshops, member count, blocked dates (4)."""
    phases = list(process.phases.order_by("position"))
    return ProcessOverview(
        process=process,
        phases=phases,
        current_phase=current_phase(phases),
        workshops=list(process.workshops.order_by("starts_at")),
        member_count=process.members.count(),
        blocked_dates=list(process.blocked_dates.order_by("starts_on")),
    )


def process_phases(*, process: Process) -> list[Phase]:
    return list(process.phases.order_by("position"))


def members_of_process(*, process: Process) -> list[WorkingGroupMember]:
    """The working group, chair first (model order: role, name)."""
    return list(process.members.order_by("role", "name", "pk"))


def group_size_hint(count: int) -> str | None:
    """'small' / 'large' when the group is outside the recommended size."""
    if count < GROUP_SIZE_MIN:
        return "small"
    if count > GROUP_SIZE_MAX:
        return "large"
    return None


def network_contacts(*, office: Office, q: str = "") -> list[Contact]:
    """Contact persons of the office's active organisations matching `q` (name, organisation, role,
    e-mail)."""
    contacts = Contact.objects.filter(
        organisation__office=office, organisation__is_active=True
    ).select_related("organisation")
    if q:
        contacts = contacts.filter(
            Q(name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(role__icontains=q)
            | Q(email__icontains=q)
        )
    return list(contacts.order_by("organisation__name", "name", "pk")[:CANDIDATE_LIMIT])


def network_key_persons(*, office: Office, q: str = "") -> list[KeyPerson]:
    """Active key persons of the office matching `q` (name, communities, e-mail)."""
    people = KeyPerson.objects.filter(office=office, is_active=True)
    if q:
        people = people.filter(Q(name__icontains=q) | Q(communities__icontains=q) | Q(email__icontains=q))
    return list(people.order_by("name", "pk")[:CANDIDATE_LIMIT])


def blocked_dates_of_process(*, process: Process) -> list[BlockedDate]:
    return list(process.blocked_dates.order_by("starts_on", "pk"))


def municipalities_without_open_process(*, office: Office) -> list[Municipality]:
    """The office's municipalities a new process can be started for."""
    open_ids = (
        Process.objects.filter(office=office).exclude(status__in=CLOSED_STATUSES).values("municipality")
    )
    return list(office.municipalities.exclude(pk__in=open_ids).order_by("name", "pk"))


def office_staff(*, office: Office) -> list:
    """The office's staff users (possible process leads), by name."""
    memberships = (
        Membership.objects.filter(office=office, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return [membership.user for membership in memberships]


def school_holidays_for_canton(*, canton: str) -> list[SchoolHoliday]:
    return list(SchoolHoliday.objects.filter(canton=canton).order_by("starts_on")) if canton else []
