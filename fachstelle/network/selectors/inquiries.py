"""Reading contact persons and inquiries.

Who sees which inquiry: office admins all of the office's; editors and counsellors those assigned to them,
those of the fields where they are the responsible person or the deputy, and the triage inbox (unassigned).
Statistics users work on none (the views refuse them). The visibility rule is one SQL condition (with a
subquery for the fields), so the inbox is two queries whatever the filters: the count and the page.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fachstelle.core.audit import audit_record
from fachstelle.core.models import AuditEvent, FieldOfAction, Membership, Office, User

from ..models import FieldContact, Inquiry, InquiryMessage
from ..services.inquiries import INQUIRY_ROLES, OPEN_STATUSES

PER_PAGE = 25
# The inbox counts at most this many matches ("1000+"): counting 100,000 rows on every page view costs
# more than it tells; who needs older inquiries narrows the filters.
COUNT_CAP = 1000
# The filter value of the topic filter that selects inquiries without a field ("don't know").
TRIAGE = "triage"
# Encrypted columns the inbox does not show: not loaded, so not decrypted per row.
LIST_DEFERRED = ("name", "email", "phone", "message")


# --- Contact persons ------------------------------------------------------------------------------------


def field_contacts_for_office(*, office: Office) -> QuerySet[FieldContact]:
    """The office's contact persons, in the order of the fields of action. Queries: 1 + languages."""
    return (
        FieldContact.objects.filter(office=office)
        .select_related("field_of_action", "person", "deputy")
        .prefetch_related("languages")
        .order_by("field_of_action__order", "field_of_action__name")
    )


def field_contact_get(*, office: Office, contact_id: int) -> FieldContact:
    contact = field_contacts_for_office(office=office).filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such contact person")
    return contact


def field_contact_taken_fields(*, office: Office, except_contact: FieldContact | None = None) -> QuerySet:
    """The fields of action that already have a contact person (as a subquery of pks)."""
    contacts = FieldContact.objects.filter(office=office)
    if except_contact is not None:
        contacts = contacts.exclude(pk=except_contact.pk)
    return contacts.values("field_of_action_id")


def inquiry_topics(*, office: Office) -> list[FieldOfAction]:
    """The topics of the public form: the fields of action the office has a contact person for; an office
    that has set up none offers every field (inquiries then wait in the triage inbox)."""
    fields = list(
        FieldOfAction.objects.filter(field_contacts_of_office(office)).order_by("order", "name").distinct()
    )
    return fields or list(FieldOfAction.objects.order_by("order", "name"))


def field_contacts_of_office(office: Office) -> Q:
    return Q(pk__in=FieldContact.objects.filter(office=office).values("field_of_action_id"))


def inquiry_staff(*, office: Office) -> QuerySet[User]:
    """Staff members of the office who may be given an inquiry or a field of action."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(office=office, role__in=INQUIRY_ROLES).values("user_id"),
    ).order_by("last_name", "first_name", "username")


# --- The inbox ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InquiryFilters:
    status: str = ""
    topic: str = ""  # a field of action's pk, TRIAGE, or "" for all
    mine: bool = False
    overdue: bool = False
    q: str = ""
    page: int = 1


@dataclass
class InquiryPage:
    inquiries: list[Inquiry] = field(default_factory=list)
    count: int = 0
    page: int = 1
    num_pages: int = 1
    capped: bool = False  # more than COUNT_CAP matches: `count` is COUNT_CAP

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def inquiry_visibility(*, user, office: Office, role: str | None) -> Q:
    """The SQL condition of the inquiries of `office` that `user` (with `role` there) may see."""
    if role == Membership.Role.ADMIN:
        return Q()
    if role not in INQUIRY_ROLES:
        return Q(pk__in=[])
    own_fields = FieldContact.objects.filter(office=office).filter(Q(person=user) | Q(deputy=user))
    return (
        Q(assigned_to=user)
        | Q(assigned_to__isnull=True)
        | Q(field_of_action_id__in=own_fields.values("field_of_action_id"))
    )


def inquiry_is_overdue(inquiry: Inquiry, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return inquiry.status in OPEN_STATUSES and inquiry.due_on is not None and inquiry.due_on < today


def inquiry_list_queryset(*, user, office: Office, role: str | None, filters: InquiryFilters) -> QuerySet:
    inquiries = Inquiry.objects.filter(office=office).filter(
        inquiry_visibility(user=user, office=office, role=role)
    )
    if filters.status:
        inquiries = inquiries.filter(status=filters.status)
    if filters.topic == TRIAGE:
        inquiries = inquiries.filter(field_of_action__isnull=True)
    elif filters.topic:
        inquiries = inquiries.filter(field_of_action_id=filters.topic)
    if filters.mine:
        inquiries = inquiries.filter(assigned_to=user)
    if filters.overdue:
        inquiries = inquiries.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())
    if filters.q:
        inquiries = inquiries.filter(subject__icontains=filters.q)
    return inquiries


def inquiry_inbox(
    *, user, office: Office, role: str | None, filters: InquiryFilters, per_page: int = PER_PAGE
) -> InquiryPage:
    """One page of the inbox, newest first. Queries: the count (up to COUNT_CAP + 1), the page (topic,
    municipality and assignee joined; encrypted columns not loaded)."""
    inquiries = inquiry_list_queryset(user=user, office=office, role=role, filters=filters)
    total = inquiries.order_by()[: COUNT_CAP + 1].count()
    if total == 0:
        return InquiryPage()
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    num_pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), num_pages)
    start = (page - 1) * per_page
    rows = list(
        inquiries.select_related("field_of_action", "municipality", "assigned_to")
        .defer(*LIST_DEFERRED)
        .order_by("-created_at", "-pk")[start : start + per_page]
    )
    today = timezone.localdate()
    for inquiry in rows:
        inquiry.is_overdue = inquiry_is_overdue(inquiry, today)
    return InquiryPage(inquiries=rows, count=total, page=page, num_pages=num_pages, capped=capped)


# --- One inquiry ----------------------------------------------------------------------------------------


def inquiry_get_for_user(
    *, user, office: Office, role: str | None, inquiry_id: int, request=None, audit: bool = True
) -> Inquiry:
    """The inquiry, if `user` may see it: 404 for another office's or an unknown one, 403 (and a "denied"
    audit entry) for one of the office that is a colleague's. `audit` writes the "viewed" entry (GET)."""
    inquiry = (
        Inquiry.objects.filter(office=office, pk=inquiry_id)
        .select_related("field_of_action", "municipality", "assigned_to")
        .first()
    )
    if inquiry is None:
        raise Http404("No such inquiry")
    visible = Inquiry.objects.filter(pk=inquiry.pk).filter(
        inquiry_visibility(user=user, office=office, role=role)
    )
    if role != Membership.Role.ADMIN and not visible.exists():
        audit_record(
            actor=user, action=AuditEvent.Action.DENIED, office=office, target=inquiry, request=request
        )
        raise PermissionDenied
    inquiry.office = office  # the same row: spares a query wherever the office is asked for
    if audit:
        audit_record(
            actor=user, action=AuditEvent.Action.VIEW, office=office, target=inquiry, request=request
        )
    inquiry.is_overdue = inquiry_is_overdue(inquiry)
    return inquiry


def inquiry_thread(*, inquiry: Inquiry) -> list[InquiryMessage]:
    return list(inquiry.messages.select_related("author").order_by("created_at", "pk"))
