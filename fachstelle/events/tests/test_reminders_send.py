"""Reminders the day before: only tomorrow's published events (Zurich calendar day), only confirmed
registrants with an e-mail address, never twice (also when two runs overlap)."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from fachstelle.events.models import Event, Registration
from fachstelle.events.services.registrations import reminders_send

from .factories_public import EventFactory, RegistrationFactory, zurich

pytestmark = pytest.mark.django_db
S = Registration.Status
# A run at 08:00 on Saturday 29 March 2031; the clocks go forward that night (a 23-hour Sunday).
NOW = zurich(2031, 3, 29, 8)


def _event(day, hour, **kwargs):
    start = zurich(2031, 3, day, hour)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1), **kwargs)


def test_only_confirmed_registrants_of_tomorrows_published_events():
    early = _event(30, 0)  # 00:00 Sunday is tomorrow
    late = _event(30, 23)  # 23:00 Sunday too
    today = _event(29, 20)
    after = _event(31, 0)
    cancelled = _event(30, 10, status=Event.Status.CANCELLED)
    wanted = [
        RegistrationFactory(event=early, email="a@example.org"),
        RegistrationFactory(event=late, email="b@example.org"),
    ]
    for event in (today, after, cancelled):
        RegistrationFactory(event=event)
    for status in (S.PENDING, S.WAITLISTED, S.CANCELLED, S.REJECTED):
        RegistrationFactory(event=early, status=status)
    RegistrationFactory(event=early, email="", phone="079")
    assert reminders_send(now=NOW) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(m.attachments for m in mail.outbox)
    for registration in wanted:
        registration.refresh_from_db()
        assert registration.reminder_sent_at == NOW
    early.refresh_from_db()
    assert early.reminders_sent_at == NOW
    assert not Registration.objects.filter(event=today, reminder_sent_at__isnull=False).exists()


def test_second_run_sends_nothing_new_but_a_late_registration_gets_one():
    event = _event(30, 19)
    RegistrationFactory(event=event)
    assert reminders_send(now=NOW) == 1
    assert reminders_send(now=NOW + datetime.timedelta(hours=1)) == 0
    RegistrationFactory(event=event, email="late@example.org")
    assert reminders_send(now=NOW + datetime.timedelta(hours=2)) == 1
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["late@example.org"]


def test_command_runs_the_service(capsys):
    # The command uses the real clock: an event tomorrow at 19:00 local time.
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = zurich(tomorrow.year, tomorrow.month, tomorrow.day, 19)
    RegistrationFactory(event=EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2)))
    call_command("send_event_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_overlapping_runs_remind_each_registrant_once():
    event = _event(30, 19)
    for _ in range(10):
        RegistrationFactory(event=event)
    barrier = threading.Barrier(4)
    counts = []

    def run():
        try:
            barrier.wait()
            counts.append(reminders_send(now=NOW))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 10
    assert len(mail.outbox) == 10
    assert len({m.to[0] for m in mail.outbox}) == 10
