"""Optimistic locking: two counsellors editing the same record never silently overwrite each other.

Each form carries the `version` it was loaded with; the save checks it under a row lock and increments it.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """The record was changed by someone else since the form was loaded."""

    message = _(
        "Someone else changed this record while you were editing it. Your input is kept below; "
        "please compare it with the current version (reload in a new tab) and save again."
    )


def save_versioned(instance, *, expected_version: int, update_fields: list[str] | None = None) -> None:
    """Save `instance` if its stored version is still `expected_version`, and increment it."""
    with transaction.atomic():
        current = (
            type(instance)
            .objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current != expected_version:
            raise StaleEditError(StaleEditError.message)
        instance.version = expected_version + 1
        if update_fields is not None:
            update_fields = [*update_fields, "version"]
            if any(f.attname == "updated_at" for f in instance._meta.concrete_fields):
                update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
