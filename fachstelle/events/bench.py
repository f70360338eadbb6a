"""The events part of the content data set of `make bench` (bench/content.sh): events over two years (one
year back, one ahead) in the content offices of fachstelle.guide.bench, with fields of action, languages,
target groups, municipalities, weekly series and some translations; plus the registration test event
(capacity 50, registration on, waitlist on) that bench/content_tool.py fills with 200 concurrent
registrations.

Rows go in with bulk_create in chunks (no services). `manage.py generate_bench_content` runs this after
the guide part, which creates the offices.
"""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Language, TargetGroup
from fachstelle.guide.bench import SENTENCES, all_content_offices, content_offices

from .models import Event, EventTranslation, Registration

CHUNK = 2000  # events per transaction
DAYS_BACK = 365
DAYS_AHEAD = 365
REGISTRATION_TITLE = "Bench: Anmeldetest (50 Plätze)"
REGISTRATION_CAPACITY = 50
# (title, fields of action, weight)
KINDS = [
    ("Deutsch-Café", ["sprache", "freizeit"], 12),
    ("Konversationstreff Deutsch", ["sprache"], 8),
    ("Elternabend: Schule in der Schweiz", ["bildung", "familie"], 6),
    ("Informationsabend Wohnen", ["wohnen", "beratung"], 5),
    ("Bewerbungswerkstatt", ["arbeit"], 7),
    ("Frauentreff international", ["freizeit", "zusammenleben"], 7),
    ("Spielnachmittag für Familien", ["familie", "fruehe-kindheit"], 6),
    ("Sprechstunde Integration", ["beratung"], 8),
    ("Velokurs für Erwachsene", ["freizeit"], 3),
    ("Kochabend der Kulturen", ["zusammenleben", "freizeit"], 5),
    ("Gesundheit: Wie funktioniert die Krankenkasse?", ["gesundheit"], 4),
    ("Budgetberatung in der Gruppe", ["beratung", "arbeit"], 3),
    ("Lesestunde in der Bibliothek", ["bildung", "fruehe-kindheit"], 5),
    ("Quartierrundgang", ["zusammenleben"], 3),
    ("Dolmetscher-Sprechstunde", ["dolmetschen", "beratung"], 3),
    ("Laufgruppe", ["freizeit", "gesundheit"], 3),
]
LANGUAGE_WEIGHTS = [("ti", 10), ("ar", 10), ("uk", 9), ("tr", 6), ("fa", 5), ("prs", 5), ("sq", 5), ("ta", 4)]
LOCATIONS = [
    "Gemeindesaal",
    "Bibliothek",
    "Schulhaus Mitte",
    "Familienzentrum",
    "Kirchgemeindehaus",
    "Jugendtreff",
]
DESCRIPTION = (
    "Ein offener Anlass für alle, die neu in der Region wohnen. Sie lernen Menschen aus der Nachbarschaft "
    "kennen und erhalten Informationen aus erster Hand. Fragen sind willkommen; eine Anmeldung ist nur "
    "nötig, wenn es unten steht.\n\n- Eintritt frei, Kollekte\n- Kinder sind willkommen\n\n"
    "Mehr Informationen bei der Fachstelle Integration."
)


@dataclass
class BenchEventsResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def bench_events_delete() -> int:
    """Delete the events of the content offices with their registrations, translations and m2m rows
    (raw DELETEs). Returns the number of events deleted."""
    office_ids = list(all_content_offices().values_list("pk", flat=True))
    if not office_ids:
        return 0
    ids = ", ".join(str(pk) for pk in office_ids)
    events = f"SELECT id FROM {_table(Event)} WHERE office_id IN ({ids})"  # noqa: S608
    deleted = Event.objects.filter(office_id__in=office_ids).count()
    through = [Event.fields_of_action.through, Event.languages.through, Event.target_groups.through]
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Registration, EventTranslation, *through):
            cursor.execute(f"DELETE FROM {_table(model)} WHERE event_id IN ({events})")  # noqa: S608
        cursor.execute(f"DELETE FROM {_table(Event)} WHERE office_id IN ({ids})")  # noqa: S608
    return deleted


def registration_event() -> Event | None:
    """The registration test event (in the first content office)."""
    return Event.objects.filter(office__in=content_offices(), title=REGISTRATION_TITLE).first()


def bench_events_counts() -> dict[str, int]:
    events = Event.objects.filter(office__in=content_offices())
    return {
        "events": events.count(),
        "events_published": events.filter(status=Event.Status.PUBLISHED).count(),
        "event_translations": EventTranslation.objects.filter(event__in=events).count(),
        "registration_events": events.filter(title=REGISTRATION_TITLE).count(),
    }


class _Generator:
    def __init__(self, rng: random.Random, offices):
        self.rng = rng
        self.offices = list(offices)
        self.places = {
            office.pk: list(office.municipalities.order_by("bfs_number").values_list("pk", "name"))
            for office in self.offices
        }
        self.fields = dict(FieldOfAction.objects.values_list("slug", "pk"))
        self.languages = dict(Language.objects.values_list("code", "pk"))
        self.targets = list(TargetGroup.objects.values_list("pk", flat=True))
        self.kind_weights = [weight for _t, _f, weight in KINDS]
        self.pool = [(self.languages[c], w) for c, w in LANGUAGE_WEIGHTS if c in self.languages]
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()

    def start(self, day: datetime.date, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.choice([0, 0, 15, 30])), self.tz)

    def event(self, office, day: datetime.date, kind, hour: int, series: uuid.UUID | None) -> tuple:
        """(Event, field ids, language ids, target group ids, translation languages)."""
        rng = self.rng
        title, field_slugs, _w = kind
        place = rng.choice(self.places[office.pk]) if self.places[office.pk] else None
        online = rng.random() < 0.05
        all_day = rng.random() < 0.03
        starts = self.start(day, 0 if all_day else hour)
        ends = starts + (
            datetime.timedelta(days=rng.choice([0, 1])) if all_day else datetime.timedelta(hours=2)
        )
        ends = ends.replace(hour=23, minute=59) if all_day else ends
        past = day < self.today
        status = rng.choices(
            [Event.Status.PUBLISHED, Event.Status.CANCELLED, Event.Status.DRAFT, Event.Status.ARCHIVED],
            weights=[86, 4, 6, 4 if past else 0],
        )[0]
        cost = rng.choices(
            [Event.CostType.FREE, Event.CostType.FEE, Event.CostType.COLLECTION], [70, 15, 15]
        )[0]
        registration = rng.random() < 0.2
        event = Event(
            office=office,
            series=series,
            title=f"{title}{'' if place is None or online else ' in ' + place[1]}",
            summary="Offener Treffpunkt mit Informationen und Austausch, ohne Voranmeldung.",
            description=DESCRIPTION,
            starts_at=starts,
            ends_at=ends,
            all_day=all_day,
            location_name="" if online else rng.choice(LOCATIONS),
            street="" if online else f"Dorfstrasse {rng.randint(1, 80)}",
            postcode="" if online else "4800",
            municipality_id=None if online or place is None else place[0],
            is_online=online,
            online_url="https://meet.example.ch/bench" if online else "",
            interpreter_provided=rng.random() < 0.15,
            childcare=rng.random() < 0.2,
            cost_type=cost,
            cost_amount=Decimal(rng.choice([5, 10, 20, 35])) if cost == Event.CostType.FEE else None,
            registration_enabled=registration,
            capacity=rng.choice([10, 15, 20, 30, 40]) if registration else None,
            status=status,
            cancellation_note="Die Leitung ist krank." if status == Event.Status.CANCELLED else "",
            contact_email="info@bench-content.example.ch",
        )
        field_ids = [self.fields[s] for s in field_slugs if s in self.fields]
        languages = [self.languages["de"]] if "de" in self.languages and rng.random() < 0.9 else []
        for _n in range(rng.choice([0, 0, 1, 1, 2])):
            ids, weights = zip(*self.pool, strict=True) if self.pool else ((), ())
            if ids:
                choice = rng.choices(ids, weights)[0]
                if choice not in languages:
                    languages.append(choice)
        targets = rng.sample(self.targets, min(len(self.targets), rng.choice([0, 1, 1, 2])))
        translated = rng.sample(list(SENTENCES), rng.randint(1, 4)) if rng.random() < 0.25 else []
        return event, field_ids, languages, targets, translated

    def plan(self, count: int) -> list[tuple]:
        """`count` events: about a third in weekly series of 4–10 dates, the rest single dates, spread
        evenly over the two years and the offices."""
        rng, out = self.rng, []
        first = self.today - datetime.timedelta(days=DAYS_BACK)
        while len(out) < count:
            office = self.offices[len(out) % len(self.offices)]
            kind = rng.choices(KINDS, self.kind_weights)[0]
            day = first + datetime.timedelta(days=rng.randrange(DAYS_BACK + DAYS_AHEAD))
            hour = rng.choice([9, 10, 14, 15, 18, 19])
            if rng.random() < 0.1:  # a series: 4–10 weekly dates
                series = uuid.UUID(int=rng.getrandbits(128), version=4)
                for week in range(min(rng.randint(4, 10), count - len(out))):
                    out.append(self.event(office, day + datetime.timedelta(weeks=week), kind, hour, series))
            else:
                out.append(self.event(office, day, kind, hour, None))
        return out[:count]


def _write(rows: list[tuple]) -> tuple[int, int]:
    events = Event.objects.bulk_create([row[0] for row in rows])
    fields_through = Event.fields_of_action.through
    languages_through = Event.languages.through
    targets_through = Event.target_groups.through
    f_rows, l_rows, t_rows, translations = [], [], [], []
    for event, (_e, field_ids, language_ids, target_ids, translated) in zip(events, rows, strict=True):
        f_rows += [fields_through(event_id=event.pk, fieldofaction_id=pk) for pk in field_ids]
        l_rows += [languages_through(event_id=event.pk, language_id=pk) for pk in language_ids]
        t_rows += [targets_through(event_id=event.pk, targetgroup_id=pk) for pk in target_ids]
        translations += [
            EventTranslation(
                event=event,
                language=code,
                state=EventTranslation.State.DONE,
                source_revision=event.source_revision,
                title=f"{event.title} ({code})",
                summary=SENTENCES[code][1],
                description=" ".join(SENTENCES[code]),
            )
            for code in translated
        ]
    fields_through.objects.bulk_create(f_rows)
    languages_through.objects.bulk_create(l_rows)
    targets_through.objects.bulk_create(t_rows)
    EventTranslation.objects.bulk_create(translations)
    return len(events), len(translations)


def bench_events_generate(
    *, events: int, seed: int = 7, report: Callable[[str], None] | None = None
) -> BenchEventsResult:
    """`events` events in the content offices (which must exist: run the guide part first), the last of
    them the registration test event."""
    result = BenchEventsResult()
    started = time.perf_counter()
    offices = list(content_offices())
    if not offices:
        raise ValueError("no content offices: generate the guide part first")
    generator = _Generator(random.Random(seed), offices)
    planned = generator.plan(max(0, events - 1))
    total = translations = 0
    for start in range(0, len(planned), CHUNK):
        with transaction.atomic():
            n_events, n_translations = _write(planned[start : start + CHUNK])
        total += n_events
        translations += n_translations
    if events:
        starts = generator.start(generator.today + datetime.timedelta(days=60), 18)
        registration = Event(
            office=offices[0],
            title=REGISTRATION_TITLE,
            summary="Ein Anlass mit 50 Plätzen und Warteliste, für den Lasttest der Anmeldung.",
            description=DESCRIPTION,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location_name="Gemeindesaal",
            municipality_id=generator.places[offices[0].pk][0][0]
            if generator.places[offices[0].pk]
            else None,
            registration_enabled=True,
            requires_approval=False,
            capacity=REGISTRATION_CAPACITY,
            waitlist_enabled=True,
            max_people_per_registration=6,
            status=Event.Status.PUBLISHED,
            contact_email="info@bench-content.example.ch",
        )
        with transaction.atomic():
            n_events, _n = _write([(registration, list(generator.fields.values())[:1], [], [], [])])
        total += n_events
    if report:
        report(f"  {total} events, {translations} translations {time.perf_counter() - started:9.2f} s")
    result.counts = {"events": total, "event_translations": translations}
    result.timings.append(("total", time.perf_counter() - started))
    return result
