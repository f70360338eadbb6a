"""Who may see which counselling record. One place for the rules; every view, export and command uses it.

=====================  ==========================================================================
office admin           every client and case of the office; audit log, exports, retention
counsellor             the cases assigned to them or shared with them, and the clients of those
                       cases (plus the clients they are responsible for)
editor, statistics     no personal data at all (statistics-only users see the needs analysis)
staff of other office  nothing; a superuser without a membership sees nothing either
=====================  ==========================================================================

Fetching a single record (`case_get_for_user`, `client_get_for_user`) writes the audit entry: "view" when
it is shown, "denied" when a colleague of the same office tries to open a case that is not theirs.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership, Office
from fachstelle.core.staff import PERSONAL_DATA_ROLES, membership_role
from fachstelle.core.staff import staff_office_view as staff_office_view  # re-exported for the views

from .models import Case, Client

Role = Membership.Role
STATISTICS_ROLES = (Role.ADMIN, Role.COUNSELLOR, Role.STATISTICS)


def sees_personal_data(*, user, office: Office) -> bool:
    return membership_role(user=user, office=office) in PERSONAL_DATA_ROLES


def cases_visible_to(*, user, office: Office) -> QuerySet[Case]:
    role = membership_role(user=user, office=office)
    cases = Case.objects.filter(office=office)
    if role == Role.ADMIN:
        return cases
    if role == Role.COUNSELLOR:
        shared = Case.shared_with.through.objects.filter(user_id=user.pk).values("case_id")
        return cases.filter(Q(counsellor=user) | Q(pk__in=shared))
    return cases.none()


def clients_visible_to(*, user, office: Office) -> QuerySet[Client]:
    role = membership_role(user=user, office=office)
    clients = Client.objects.filter(office=office)
    if role == Role.ADMIN:
        return clients
    if role == Role.COUNSELLOR:
        via_cases = (
            cases_visible_to(user=user, office=office).filter(client__isnull=False).values("client_id")
        )
        return clients.filter(Q(counsellor=user) | Q(pk__in=via_cases))
    return clients.none()


def _get_visible(model, visible: QuerySet, *, user, office: Office, pk: int, request, audit: bool):
    """The record if `user` may see it (audited as a view); 403 + audit "denied" if it belongs to the office
    but not to the user; 404 if it is not the office's at all (another office's ids are not confirmed)."""
    record = visible.filter(pk=pk).first()
    if record is None:
        exists = model.objects.filter(office=office, pk=pk).exists()
        if not exists:
            raise Http404
        audit_record(
            actor=user,
            action=Action.DENIED,
            office=office,
            target_type=f"{model._meta.app_label}.{model._meta.model_name}",
            target_id=pk,
            # The reference, so that filtering the log by F-/P-number shows the refused attempts too.
            target_ref=getattr(model(pk=pk), "reference", ""),
            request=request,
        )
        raise PermissionDenied
    if audit:
        audit_record(actor=user, action=Action.VIEW, office=office, target=record, request=request)
    return record


def case_get_for_user(*, user, office: Office, case_id: int, request=None, audit: bool = True) -> Case:
    visible = cases_visible_to(user=user, office=office).select_related(
        "client", "counsellor", "municipality", "language"
    )
    return _get_visible(Case, visible, user=user, office=office, pk=case_id, request=request, audit=audit)


def client_get_for_user(*, user, office: Office, client_id: int, request=None, audit: bool = True) -> Client:
    visible = clients_visible_to(user=user, office=office).select_related("counsellor", "municipality")
    return _get_visible(Client, visible, user=user, office=office, pk=client_id, request=request, audit=audit)
