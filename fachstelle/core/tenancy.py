"""Office scoping: every public URL names its office; every staff user belongs to offices."""

from django.http import Http404

from .models import Membership, Office


def office_get_public(*, slug: str) -> Office:
    try:
        return Office.objects.get(slug=slug, is_active=True)
    except Office.DoesNotExist as exc:
        raise Http404("No such office") from exc


def office_ids_for_user(*, user, roles: tuple[str, ...] | None = None) -> list[int]:
    """The offices a staff user may work in (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(Office.objects.values_list("pk", flat=True))
    memberships = Membership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return list(memberships.values_list("office_id", flat=True))


def user_has_role(*, user, office: Office, roles: tuple[str, ...]) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, office=office, role__in=roles).exists()


# Roles that work with personal data of clients (and therefore must log in with a second factor).
PERSONAL_DATA_ROLES = (Membership.Role.ADMIN, Membership.Role.COUNSELLOR)


def user_requires_two_factor(user) -> bool:
    """Superusers and everyone who may see personal data in any office log in with TOTP."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=PERSONAL_DATA_ROLES).exists()
