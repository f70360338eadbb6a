"""What every counselling service shares: refusing a write, "today", the staff roles.

Kept in one place so that all services refuse a write the same way (`NON_FIELD_ERRORS` for rules about the
record as a whole; field errors are collected with `core.validation.FieldErrors`) and "today" means the
office's local date everywhere.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Membership
from fachstelle.core.validation import FieldErrors

# The roles that work with clients and cases (open cases, request interpreters, record consultations).
STAFF_ROLES = (Membership.Role.ADMIN, Membership.Role.COUNSELLOR)


def local_today() -> datetime.date:
    return timezone.localdate()


def refuse(message) -> None:
    """Refuse the whole write with a message about the record (shown on top of the form)."""
    raise ValidationError({NON_FIELD_ERRORS: [message]})


def check_not_future(errors: FieldErrors, key: str, value: datetime.date | None, message=None) -> None:
    """A date that records something that happened (a session, an intake, a consent) is not ahead of
    today; `message` names what cannot be in the future where the field alone does not say it."""
    if value is not None and value > local_today():
        errors.add(key, message or _("The date cannot be in the future."))
