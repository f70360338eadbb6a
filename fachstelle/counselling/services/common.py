"""What every counselling service shares: collecting field errors, refusing a write, "today".

Kept in one place so that all services report bad input the same way (one `ValidationError` whose keys
name the form fields, `NON_FIELD_ERRORS` for rules about the record as a whole) and "today" means the
office's local date everywhere.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Membership

# The roles that work with clients and cases (open cases, request interpreters, record consultations).
STAFF_ROLES = (Membership.Role.ADMIN, Membership.Role.COUNSELLOR)


class FieldErrors:
    """Collects messages per field; `raise_if_any` raises them as one ValidationError, so a form shows
    every problem at once instead of the first one."""

    def __init__(self):
        self.by_field: dict[str, list] = {}

    def add(self, key: str, message) -> None:
        self.by_field.setdefault(key, []).append(message)

    def add_validation_error(
        self, error: ValidationError, *, prefix: str = "", only=None, unless_present: bool = False
    ) -> None:
        """The messages of `error` (keys in `only`, if given), under `prefix` instead of their key if set.
        `unless_present` skips fields that already have a message: the model's own checks are a backstop,
        and our clearer message comes first."""
        for key, messages in error.message_dict.items():
            if only is not None and key not in only:
                continue
            if unless_present and key in self.by_field:
                continue
            for message in messages:
                self.add(prefix or key, message)

    def add_model_errors(self, instance, *, exclude: Iterable[str] = ()) -> None:
        """`full_clean` of `instance` (max lengths, ranges, choices) without stopping at the first."""
        try:
            instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.add_validation_error(error)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


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
