"""Reads of cases: the case list with its filters, the case page, the counsellor's desk.

The shape of each query is decided here. The case list is benchmarked (100,000 cases, 1,000,000 sessions):
it counts on the bare filtered queryset and loads one page of 50 with the client and municipality joined,
the session count and last session date as correlated subqueries (evaluated for the 50 rows of the page
only, through the (case, held_on) index) and the topics in one prefetch — a constant number of queries.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from fachstelle.core.audit import audit_events_for_target
from fachstelle.core.crypto import search_term_tokens
from fachstelle.core.models import AuditEvent, Language, Membership, Municipality, Office, User
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer

from ..access import cases_visible_to, membership_role
from ..models import Case, Consent, CounsellingSession, FollowUp, InterpreterBooking, Referral, Topic
from .name_search import clients_matching_tokens

PER_PAGE = 50
LIST_DEFERRED = (
    "summary",
    "client__phone",
    "client__email",
    "client__address",
    "client__name_tokens",
    "client__name_fingerprint",
    "counsellor__password",
)
MAX_PAGE = 10_000
DASHBOARD_CASES = 20
DASHBOARD_FOLLOW_UP_DAYS = 7
DASHBOARD_BOOKING_DAYS = 14
ACCESS_LOG_LENGTH = 20
# "F-000123" (a case) or "P-000123" (a person), with or without the dash and leading zeros.
REFERENCE = re.compile(r"^\s*([FfPp])-?\s*0*(\d{1,12})\s*$")


class Scope:
    ALL = "all"
    MINE = "mine"
    SHARED = "shared"


class Order:
    NEWEST = "newest"
    OLDEST = "oldest"
    ACTIVITY = "activity"


@dataclass
class CaseFilters:
    """What the case list is narrowed to (built from the URL by `CaseFilterForm`)."""

    status: str = ""  # "", "active" (open or waiting), or a Case.Status value
    topic: Topic | None = None
    municipality: Municipality | None = None
    opened_from: datetime.date | None = None
    opened_to: datetime.date | None = None
    scope: str = Scope.ALL
    counsellor: User | None = None  # office admins only
    q: str = ""
    order: str = Order.NEWEST
    page: int = 1
    messages: list = field(default_factory=list)


@dataclass
class CasePage:
    cases: list[Case]
    count: int
    page: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _shared_case_ids(user) -> QuerySet:
    return Case.shared_with.through.objects.filter(user_id=user.pk).values("case_id")


def _sessions_of_row() -> QuerySet:
    return CounsellingSession.objects.filter(case=OuterRef("pk")).order_by()


def with_session_stats(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`session_count` and `last_session_on` per case, as correlated subqueries."""
    count = _sessions_of_row().values("case").annotate(n=Count("pk")).values("n")
    last = _sessions_of_row().order_by("-held_on").values("held_on")[:1]
    return cases.annotate(
        session_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        last_session_on=Subquery(last),
    )


def _name_search(cases: QuerySet[Case], tokens: list[str], office: Office) -> QuerySet[Case]:
    """Cases whose client's blind name index holds every token (an index lookup on PostgreSQL)."""
    return cases.filter(client_id__in=clients_matching_tokens(office=office, tokens=tokens).values("pk"))


def case_search(cases: QuerySet[Case], term: str, office: Office) -> QuerySet[Case] | None:
    """Narrow `cases` to a quick-search term: a reference (F-000123, P-000123) or words of the client's
    name or pseudonym. None when the term has nothing to search by (words of one letter)."""
    reference = REFERENCE.match(term)
    if reference:
        kind, number = reference.group(1).upper(), int(reference.group(2))
        return cases.filter(pk=number) if kind == "F" else cases.filter(client_id=number)
    tokens = search_term_tokens(term)
    if not tokens:
        return None
    return _name_search(cases, tokens, office)


def case_list_queryset(*, user, office: Office, filters: CaseFilters) -> QuerySet[Case]:
    """The visible cases matching `filters` (unordered, no annotations: good for counting)."""
    cases = cases_visible_to(user=user, office=office)
    role = membership_role(user=user, office=office)
    if role == Membership.Role.COUNSELLOR and filters.scope != Scope.MINE:
        # The same rows as the visibility rule, spelled so that PostgreSQL can combine the
        # (office, counsellor, status, -opened_on) index with the primary key (a bitmap OR) instead of
        # filtering every case of the office through the shared-with subquery. One small query.
        shared = list(_shared_case_ids(user).values_list("case_id", flat=True))
        cases = cases.filter(Q(counsellor=user) | Q(pk__in=shared))
    if filters.scope == Scope.MINE:
        cases = cases.filter(counsellor=user)
    elif filters.scope == Scope.SHARED:
        cases = cases.filter(pk__in=_shared_case_ids(user)).exclude(counsellor=user)
    if filters.counsellor is not None and role == Membership.Role.ADMIN:
        cases = cases.filter(counsellor=filters.counsellor)
    if filters.status == "active":
        cases = cases.filter(status__in=[Case.Status.OPEN, Case.Status.WAITING])
    elif filters.status in Case.Status.values:
        cases = cases.filter(status=filters.status)
    if filters.topic is not None:
        cases = cases.filter(pk__in=Case.topics.through.objects.filter(topic=filters.topic).values("case_id"))
    if filters.municipality is not None:
        cases = cases.filter(municipality=filters.municipality)
    if filters.opened_from is not None:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to is not None:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    if filters.q:
        searched = case_search(cases, filters.q, office)
        cases = searched if searched is not None else cases.none()
    return cases


def case_list_for_user(*, user, office: Office, filters: CaseFilters, per_page: int = PER_PAGE) -> CasePage:
    """One page of the case list. Queries: (for counsellors) the ids shared with them, the count, the page
    (client, municipality and counsellor joined; session statistics as subqueries) and its topics."""
    cases = case_list_queryset(user=user, office=office, filters=filters)
    total = cases.count()
    num_pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), num_pages)
    if total == 0:
        return CasePage(cases=[], count=0, page=1, num_pages=1)
    if filters.order == Order.OLDEST:
        ordering = ["opened_on", "pk"]
    elif filters.order == Order.ACTIVITY:
        ordering = [F("last_session_on").desc(nulls_last=True), "-opened_on", "-pk"]
    else:
        ordering = ["-opened_on", "-pk"]
    start = (page - 1) * per_page
    rows = (
        with_session_stats(cases)
        .select_related("client", "municipality", "counsellor")
        # The list shows none of these: no decrypting of contact data and summaries, no blind indexes.
        .defer(*LIST_DEFERRED)
        .prefetch_related("topics")
        .order_by(*ordering)[start : start + per_page]
    )
    return CasePage(cases=list(rows), count=total, page=page, num_pages=num_pages)


# --- The case page -------------------------------------------------------------------------------------


def case_may_see_access_log(*, user, case: Case) -> bool:
    """The access log of a case: office admins and the case's counsellor."""
    role = membership_role(user=user, office=case.office)
    return role == Membership.Role.ADMIN or (
        role == Membership.Role.COUNSELLOR and case.counsellor_id == user.pk
    )


def case_may_manage(*, user, case: Case) -> bool:
    """Sharing the case: its counsellor and office admins (colleagues it is shared with cannot reshare)."""
    return case_may_see_access_log(user=user, case=case)


@dataclass
class CaseDetail:
    """Everything the case page shows, loaded with a fixed number of queries."""

    case: Case
    topics: list[Topic]
    shared_with: list[User]
    sessions: list[CounsellingSession]
    referrals: list[Referral]
    follow_ups: list[FollowUp]
    bookings: list[InterpreterBooking]
    access_log: list[AuditEvent]
    shows_access_log: bool
    may_manage: bool
    total_minutes: int = 0


def case_detail(*, user, case: Case) -> CaseDetail:
    """Queries: topics, shared-with users, sessions, referrals, follow-ups, interpreter bookings and (for
    admins and the case's counsellor) the access log."""
    sessions = list(case.sessions.select_related("language", "created_by").order_by("-held_on", "-pk"))
    shows_log = case_may_see_access_log(user=user, case=case)
    return CaseDetail(
        case=case,
        topics=list(case.topics.all()),
        shared_with=list(case.shared_with.order_by("last_name", "first_name", "username")),
        sessions=sessions,
        referrals=list(
            case.referrals.select_related(
                "offer", "offer__provider", "organisation", "consent", "consent__partner"
            ).order_by("-created_at", "-pk")
        ),
        follow_ups=list(case.follow_ups.order_by(F("done_on").desc(nulls_first=True), "due_on", "pk")),
        bookings=list(
            case.interpreter_bookings.select_related("interpreter", "language").order_by(
                "-date", "-start_time"
            )
        ),
        access_log=(
            list(audit_events_for_target(target=case).order_by("-at", "-pk")[:ACCESS_LOG_LENGTH])
            if shows_log
            else []
        ),
        shows_access_log=shows_log,
        may_manage=case_may_manage(user=user, case=case),
        total_minutes=sum(s.duration_minutes for s in sessions),
    )


def referral_get(*, case: Case, referral_id: int) -> Referral | None:
    return case.referrals.filter(pk=referral_id).select_related("case", "case__office").first()


def follow_up_get(*, case: Case, follow_up_id: int) -> FollowUp | None:
    return case.follow_ups.filter(pk=follow_up_id).select_related("case", "case__office").first()


# --- Choices of the forms -------------------------------------------------------------------------------


def staff_choices(*, office: Office) -> QuerySet[User]:
    """Counsellors and admins of the office (who may hold or share a case)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__office=office,
            memberships__role__in=[Membership.Role.ADMIN, Membership.Role.COUNSELLOR],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def share_candidates(*, case: Case, already: list[User]) -> QuerySet[User]:
    return staff_choices(office=case.office).exclude(pk__in=[case.counsellor_id, *(u.pk for u in already)])


def offer_choices(*, office: Office) -> QuerySet[Offer]:
    """The office's published offers, for a referral."""
    return Offer.objects.filter(office=office).public().select_related("provider").order_by("title", "pk")


def organisation_choices(*, office: Office) -> QuerySet[Organisation]:
    return Organisation.objects.filter(office=office).order_by("name", "pk")


def sharing_consent_choices(*, case: Case) -> QuerySet[Consent]:
    """The client's active consents to share data, each naming its partner."""
    if case.client_id is None:
        return Consent.objects.none()
    return (
        Consent.objects.filter(
            client_id=case.client_id, scope=Consent.Scope.SHARING, withdrawn_on__isnull=True
        )
        .select_related("partner")
        .order_by("-given_on", "-pk")
    )


def municipality_choices(*, office: Office) -> QuerySet[Municipality]:
    """The municipalities the office serves."""
    return Municipality.objects.filter(offices=office).order_by("name")


def language_choices() -> QuerySet[Language]:
    return Language.objects.all()


# --- The counsellor's desk -----------------------------------------------------------------------------


@dataclass
class Dashboard:
    open_cases: list[Case]
    more_open_cases: bool  # more than DASHBOARD_CASES: the desk links to the full list
    follow_ups: list[FollowUp]
    bookings: list[InterpreterBooking]
    today: datetime.date


def _my_cases(*, user, office: Office) -> QuerySet[Case]:
    """Cases the user holds or that are shared with them (not all the office's cases, even for admins).
    The shared ids are read first (one small query) so that the index on (office, counsellor, …) and
    the primary key serve the OR."""
    shared = list(_shared_case_ids(user).values_list("case_id", flat=True))
    return cases_visible_to(user=user, office=office).filter(Q(counsellor=user) | Q(pk__in=shared))


def dashboard_for_user(*, user, office: Office) -> Dashboard:
    """Queries: the ids shared with me, my open and waiting cases (most recent activity first), due and
    overdue follow-ups, interpreter bookings of the next 14 days."""
    today = timezone.localdate()
    mine = _my_cases(user=user, office=office)
    active = mine.filter(status__in=[Case.Status.OPEN, Case.Status.WAITING])
    open_cases = list(
        with_session_stats(active)
        .select_related("client")
        .annotate(activity_on=Coalesce(F("last_session_on"), F("opened_on")))
        .order_by("-activity_on", "-pk")[: DASHBOARD_CASES + 1]
    )
    follow_ups = list(
        FollowUp.objects.filter(
            case__in=mine.values("pk"),
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=DASHBOARD_FOLLOW_UP_DAYS),
        )
        .select_related("case", "case__client")
        .order_by("due_on", "pk")[:50]
    )
    bookings = list(
        InterpreterBooking.objects.filter(
            office=office,
            case__in=mine.values("pk"),
            date__gte=today,
            date__lte=today + datetime.timedelta(days=DASHBOARD_BOOKING_DAYS),
            status__in=[InterpreterBooking.Status.REQUESTED, InterpreterBooking.Status.CONFIRMED],
        )
        .select_related("interpreter", "language", "case", "case__client")
        .order_by("date", "start_time", "pk")[:50]
    )
    return Dashboard(
        open_cases=open_cases[:DASHBOARD_CASES],
        more_open_cases=len(open_cases) > DASHBOARD_CASES,
        follow_ups=follow_ups,
        bookings=bookings,
        today=today,
    )
