"""Demo logins shared by the demo loaders of the apps (counselling, reporting)."""

from django.contrib.auth import get_user_model

from .models import Membership, Office


def demo_staff_member(
    *, office: Office, username: str, first_name: str, last_name: str, role: str, password: str
) -> tuple[object, bool, bool]:
    """The staff login `username` (created with `password` when missing; an existing user and its password
    stay as they are) and its membership of `office` with `role` (an existing membership keeps its role).
    Returns (user, whether the user was created, whether the membership was created)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    user_created = user is None
    if user_created:
        user = user_model.objects.create_user(
            username=username,
            email=f"{username}@example.ch",
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
    _membership, membership_created = Membership.objects.get_or_create(
        user=user, office=office, defaults={"role": role}
    )
    return user, user_created, membership_created


def demo_staff(*, office: Office, staff, result, password: str) -> dict[str, object]:
    """`staff` — (username, first name, last name, role) — as logins of `office`, tallied in `result` (a demo
    result with `created`/`existing` counters and a `logins` list). Returns the users by username."""
    users = {}
    for username, first, last, role in staff:
        user, user_created, membership_created = demo_staff_member(
            office=office, username=username, first_name=first, last_name=last, role=role, password=password
        )
        (result.created if user_created else result.existing)["users"] += 1
        (result.created if membership_created else result.existing)["memberships"] += 1
        result.logins.append((username, str(Membership.Role(role).label), office.name))
        users[username] = user
    return users
