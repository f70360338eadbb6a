"""The retention rule of event registrations: names and contact data are kept only as long as the office
needs them after the event (questions, certificates of attendance); then they are removed. What the
statistics need stays: status, number of people, language, attendance."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Registration

# The placeholder left in the name (the field is required).
REMOVED = "–"


def registrations_due_for_anonymisation(*, now=None):
    days = settings.EVENT_REGISTRATION_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Registration.objects.filter(event__ends_at__lt=cutoff).exclude(
        name=REMOVED, email="", phone="", needs="", staff_note=""
    )


@transaction.atomic
def registrations_anonymise(*, now=None, dry_run: bool = False) -> int:
    """Remove names, contacts, needs and notes of registrations for events that ended longer than
    EVENT_REGISTRATION_RETENTION_DAYS ago. Idempotent; returns how many registrations were (or would be)
    anonymised."""
    due = registrations_due_for_anonymisation(now=now)
    if dry_run:
        return due.count()
    # The token stays (its link then shows an anonymous registration); the submission key too.
    return due.update(name=REMOVED, email="", phone="", needs="", staff_note="")
