"""The staff area under /<lang>/staff/<office_slug>/…: which office a request works in, and with which role.

Every staff view of every app (counselling, network, …) is decorated with `staff_office_view(roles=…)`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Membership, Office

Role = Membership.Role
# Who may see personal data of clients, reporters and people who write to the office.
PERSONAL_DATA_ROLES = (Role.ADMIN, Role.COUNSELLOR)
# Who works on the network (organisations, key persons, inquiries, meetings, mailings, imports).
NETWORK_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)
# Who edits the public content: welcome guide, events (incl. participant lists), news.
CONTENT_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)
# Who works on grant applications (review, advice, payouts) and on the office's own projects.
GRANT_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)
PROJECT_ROLES = GRANT_ROLES
# Who decides on a grant (approval, amount, rejection): the office administrator.
GRANT_DECISION_ROLES = (Role.ADMIN,)
# Who works on KOMPAKT (statistics, portraits, workshops, programmes); the statistics role may read.
KOMPAKT_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR, Role.STATISTICS)
# Everyone who works in an office.
ALL_STAFF_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR, Role.STATISTICS)
# Roles that see aggregates only (reports): the staff navigation shows them the reports and nothing else.
AGGREGATE_ONLY_ROLES = (Role.STEERING, Role.CANTON)
# The office dashboard, the annual report and the KIP report.
REPORTING_ROLES = (Role.ADMIN, Role.STATISTICS)
# The steering group's view: each member municipality side by side.
STEERING_ROLES = (Role.ADMIN, Role.STATISTICS, Role.STEERING)
# The canton's view across all offices of its canton (a membership of a canton-level office).
CANTON_ROLES = (Role.CANTON, Role.ADMIN, Role.STATISTICS)


def membership_role(*, user, office: Office) -> str | None:
    """The user's role in `office` (None: no member). Memoised on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_fachstelle_roles", {})
    if office.pk not in cache:
        cache[office.pk] = (
            Membership.objects.filter(user=user, office=office).values_list("role", flat=True).first()
        )
    return cache[office.pk]


def staff_office_view(roles: tuple[str, ...] = PERSONAL_DATA_ROLES):
    """Decorator of staff views under /<lang>/staff/<office_slug>/…: resolves the office, requires a
    membership with one of `roles` and sets `request.office` and `request.role`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, office_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            office = get_object_or_404(Office, slug=office_slug, is_active=True)
            role = membership_role(user=request.user, office=office)
            if role not in roles:
                raise PermissionDenied
            request.office = office
            request.role = role
            request.role_label = Role(role).label
            request.aggregate_only = role in AGGREGATE_ONLY_ROLES
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
