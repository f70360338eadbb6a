"""Registrants' names and contacts are removed after the retention period; counts stay."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from fachstelle.events.models import Registration
from fachstelle.events.services.retention import REMOVED, registrations_anonymise

from .factories_public import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def registration_for_event_ended(days_ago: int, **fields) -> Registration:
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    event = EventFactory(starts_at=ends - datetime.timedelta(hours=2), ends_at=ends)
    fields.setdefault("name", "Amina Tesfay")
    fields.setdefault("email", "amina@example.org")
    return RegistrationFactory(event=event, people=3, language="ti", needs="Kinderbetreuung", **fields)


def test_old_registrations_lose_personal_data_and_keep_their_counts(settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 180
    old = registration_for_event_ended(200, attended_people=2)
    recent = registration_for_event_ended(30)
    assert registrations_anonymise(dry_run=True) == 1
    assert Registration.objects.get(pk=old.pk).name == "Amina Tesfay"  # the dry run changed nothing
    assert registrations_anonymise() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone, old.needs) == (REMOVED, "", "", "")
    assert (old.people, old.language, old.attended_people, old.status) == (3, "ti", 2, recent.status)
    assert recent.name == "Amina Tesfay" and recent.email == "amina@example.org"
    assert registrations_anonymise() == 0  # idempotent


def test_command_reports_what_it_did(settings, capsys):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 90
    registration_for_event_ended(120)
    call_command("anonymise_past_registrations", "--dry-run")
    assert "Would anonymise 1 registration(s)" in capsys.readouterr().out
    call_command("anonymise_past_registrations")
    assert "Anonymised 1 registration(s)" in capsys.readouterr().out
    assert Registration.objects.get().name == REMOVED
