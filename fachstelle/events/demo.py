"""Events demo data for `make run`: events of Region Zofingen and Allschwil, relative to the day of loading
(Europe/Zurich local time) – an information evening for newcomers with registrations, a weekly German café
(a series of eight dates), a parents' evening with approval, a two-day careers fair, a cancelled event and
a past event with attendance – plus one example calendar feed.

Loaded by `manage.py load_demo_data` after the network demo (organisers are the network's organisations,
looked up by name; a missing one leaves the office as organiser). Idempotent: an event (and a whole series)
is looked up by office + title, not by date, because the dates move with the day of loading – keyed by
date, every day's `make run` would add another information evening. The feed is keyed by office + URL.

Rows are written directly, not through the event services: those send confirmation e-mails and audit
staff actions, neither of which a demo load is. All names of participants are invented (example.org).
"""

import datetime
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, TargetGroup
from fachstelle.network.models import Organisation

from .demo_data import EVENTS, FEEDS
from .models import CalendarFeed, Event, EventTranslation, Registration

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
R = Registration.Status


@dataclass
class EventsDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def tally(self, kind: str, created: bool, count: int = 1) -> None:
        (self.created if created else self.existing)[kind] += count


class _OfficeEvents:
    def __init__(self, office: Office, result: EventsDemoResult, today: datetime.date):
        self.office, self.result, self.today = office, result, today
        self.fields = {f.slug: f for f in FieldOfAction.objects.all()}
        self.targets = {t.slug: t for t in TargetGroup.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.municipalities = {m.bfs_number: m for m in Municipality.objects.filter(country=office.country)}

    def organiser(self, name: str | None) -> Organisation | None:
        return Organisation.objects.filter(office=self.office, name=name).first() if name else None

    def at(self, day: datetime.date, hour_minute: tuple[int, int]) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(*hour_minute), tzinfo=TZ)

    def dates(self, spec: dict) -> list[datetime.date]:
        if spec.get("weekly"):
            # The first such weekday after today, then weekly.
            first = self.today + datetime.timedelta(days=(spec["weekday"] - self.today.weekday() - 1) % 7 + 1)
            return [first + datetime.timedelta(weeks=n) for n in range(spec["weekly"])]
        return [self.today + datetime.timedelta(days=spec["day"])]

    def event(self, spec: dict) -> None:
        existing = Event.objects.filter(office=self.office, title=spec["title"])
        if existing.exists():
            self.result.tally("events", False, existing.count())
            translations = EventTranslation.objects.filter(event__in=existing)
            self.result.tally("event_translations", False, translations.count())
            self.result.tally("registrations", False, Registration.objects.filter(event__in=existing).count())
            return
        dates = self.dates(spec)
        series = uuid.uuid4() if len(dates) > 1 else None
        organiser = self.organiser(spec.get("organiser"))
        for day in dates:
            self._create(spec, day, series, organiser)

    def _create(self, spec: dict, day: datetime.date, series, organiser) -> None:
        starts = self.at(day, spec["start"])
        end_day = self.today + datetime.timedelta(days=spec["end_day"]) if spec.get("end_day") else day
        deadline = spec.get("deadline_days")
        event = Event(
            office=self.office,
            organiser=organiser,
            series=series,
            title=spec["title"],
            summary=spec["summary"],
            description=spec["description"],
            starts_at=starts,
            ends_at=self.at(end_day, spec["end"]),
            location_name=spec["location"],
            street=spec["street"],
            postcode=spec["postcode"],
            municipality=self.municipalities.get(spec["bfs"]),
            interpreter_provided=spec.get("interpreter", False),
            childcare=spec.get("childcare", False),
            cost_type=spec.get("cost_type", Event.CostType.FREE),
            cost_amount=spec.get("cost_amount"),
            cost_note=spec.get("cost_note", ""),
            registration_enabled=spec.get("registration", False),
            requires_approval=spec.get("approval", False),
            capacity=spec.get("capacity"),
            registration_deadline=starts - datetime.timedelta(days=deadline) if deadline else None,
            contact_email=organiser.email if organiser else self.office.email,
            contact_phone=organiser.phone if organiser else self.office.phone,
            status=spec.get("status", Event.Status.PUBLISHED),
            cancellation_note=spec.get("cancellation_note", ""),
        )
        event.full_clean()
        event.save()
        self.result.tally("events", True)
        event.languages.set([self.languages[c] for c in spec.get("languages", []) if c in self.languages])
        event.fields_of_action.set([self.fields[s] for s in spec.get("fields", []) if s in self.fields])
        event.target_groups.set([self.targets[s] for s in spec.get("targets", []) if s in self.targets])
        for language, values in spec.get("translations", {}).items():
            translation = EventTranslation(event=event, language=language, source_revision=1, **values)
            translation.full_clean()
            translation.save()
            self.result.tally("event_translations", True)
        self._registrations(event, spec.get("registrations", []))

    def _registrations(self, event: Event, specs: list[dict]) -> None:
        now = timezone.now()
        past = event.ends_at < now
        for n, spec in enumerate(specs):
            # Registered over the weeks before the event (or before today, for upcoming ones).
            registered = min(now, event.starts_at) - datetime.timedelta(days=len(specs) - n, hours=n)
            checked_in = event.starts_at + datetime.timedelta(minutes=5 + n) if spec["attended"] else None
            registration = Registration(
                event=event,
                name=spec["name"],
                email=spec["email"],
                people=spec["people"],
                language=spec["language"],
                needs=spec["needs"],
                status=spec["status"],
                status_changed_at=registered if spec["status"] != R.PENDING else None,
                checked_in_at=checked_in if past else None,
                attended_people=spec["attended"] if past else None,
            )
            registration.full_clean()
            registration.save()
            # created_at is auto_now_add: backdate it with an UPDATE.
            Registration.objects.filter(pk=registration.pk).update(created_at=registered)
            self.result.tally("registrations", True)

    def feed(self) -> None:
        spec = FEEDS.get(self.office.slug)
        if spec is None:
            return
        feed, created = CalendarFeed.objects.get_or_create(
            office=self.office,
            url=spec["url"],
            defaults={
                "name": spec["name"],
                "organiser": self.organiser(spec["organiser"]),
                "municipality": self.municipalities.get(spec["bfs"]),
                # An example only: the address does not serve a calendar, so the nightly import skips it.
                "is_active": False,
                "publish_automatically": False,
            },
        )
        self.result.tally("calendar_feeds", created)
        if created:
            feed.fields_of_action.set([self.fields[s] for s in spec["fields"] if s in self.fields])


def load_events_demo(*, today: datetime.date | None = None) -> EventsDemoResult:
    """Create whatever of the events demo is missing; dates are relative to `today` (default: today)."""
    result = EventsDemoResult()
    today = today or timezone.localdate(timezone=TZ)
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=list(EVENTS)).order_by("slug"):
            demo = _OfficeEvents(office, result, today)
            for spec in EVENTS[office.slug]:
                demo.event(spec)
            demo.feed()
    return result
