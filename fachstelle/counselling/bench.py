"""The synthetic counselling data set of `make bench`: N cases, M sessions, K counsellors in bench offices.

Fast by design: ids are allocated here and rows go to PostgreSQL with COPY (SQLite, for tests: executemany),
one transaction per chunk of cases, without the ORM or the services. Encrypted columns are encrypted
here, row by row, with `crypto.encrypt` (the same Fernet keys as the running app: bench/run.sh sets fixed
ones); blind indexes of client names with the same functions the services use. The bench offices are the
ones of `generate_bench_data` (slugs bench-1…) and are created when missing; counsellors are users named
`bench-<office number>-counsellor-<n>`, the office admins `bench-<office number>-leitung`.
"""

import datetime
import functools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from fachstelle.core.crypto import encrypt, name_fingerprint, name_search_tokens
from fachstelle.core.models import Language, Membership, Municipality, Office
from fachstelle.offers.demo.bench import bench_offices
from fachstelle.offers.models import Offer

from .demo_data import TOPIC_WEIGHTS  # the bench's mix of topics is the demo's
from .models import (
    Case,
    Client,
    ClientLanguage,
    Consent,
    CounsellingSession,
    CounsellingSettings,
    FollowUp,
    Intake,
    IntakeGoal,
    IntegrationPlan,
    Interpreter,
    InterpreterBooking,
    InterpreterLanguage,
    PersonalDataExport,
    PlanGoal,
    PlanStep,
    Qualification,
    Referral,
    ShortConsultation,
    Topic,
)
from .reference_data import seed_topics

USER_PREFIX = "bench-"
CHUNK_CASES = 5000  # cases (with their clients, sessions, referrals…) per transaction
START = datetime.date(2023, 1, 1)
FIRST_NAMES = (  # noqa: SIM905
    "Amina Semhar Helen Saba Meron Luwam Rania Lina Nour Hiba Zahra Mariam Shabnam Fatima Olena Iryna "
    "Tetiana Oksana Ayşe Elif Zeynep Blerta Drita Tharshika Kavitha Hodan Faadumo Parisa Shirin Ana "
    "Lucía Yonas Filmon Daniel Aron Biniam Ahmad Omar Yousef Khaled Mahmoud Mohammad Farid Ali Hamid "
    "Andriy Dmytro Serhii Mehmet Emre Murat Valon Besnik Kajan Sutharsan Abdirahman Ahmed Reza Arash "
    "João Carlos"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Tesfay Kidane Habte Abraha Tekle Berhane Gebremedhin Berhe Weldemichael Asfaha Al-Hassan Haddad "
    "Kassem Mansour Khalil Darwish Hamdan Saleh Aziz Ahmadi Noori Sultani Hashimi Rahimi Hakimi Rezaei "
    "Karimi Kovalenko Shevchenko Melnyk Tkachenko Bondarenko Kravets Lysenko Yılmaz Kaya Şahin Öztürk "
    "Demir Çelik Arslan Berisha Hoxha Krasniqi Gashi Morina Sivakumar Rajan Rajendran Kanagaratnam Abdi "
    "Warsame Mohamed Nur Moradi Tehrani Hosseini Ferreira Martínez Silva"
).split()
# (country, mother tongue, weight, Swiss permits)
ORIGINS = [
    ("ER", "ti", 12, "FFBB"),
    ("SY", "ar", 10, "FBBC"),
    ("AF", "prs", 10, "FFNB"),
    ("UA", "uk", 12, "SSSB"),
    ("TR", "tr", 9, "BCCN"),
    ("XK", "sq", 8, "BCC"),
    ("LK", "ta", 6, "CCB"),
    ("SO", "so", 5, "FFN"),
    ("IR", "fa", 4, "NBF"),
    ("PT", "pt", 6, "BC"),
    ("ES", "es", 3, "BC"),
]
GERMAN_LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2"]
GERMAN_WEIGHTS = [10, 25, 25, 20, 12, 6, 2]
NOTES = [
    "Bewerbungsunterlagen besprochen.",
    "Anmeldung zum Deutschkurs ausgefüllt.",
    "Fragen zur Bewilligung geklärt.",
    "Wohnungssuche: Dossier erstellt.",
    "Budget besprochen, Schuldenberatung empfohlen.",
    "Termin bei der Berufsberatung vereinbart.",
]
EDUCATION = [choice for choice, _label in Intake.Education.choices]
GOALS = ["language", "work", "training", "education", "recognition", "family", "housing", "health"]
CHANNELS = ["in_person"] * 7 + ["phone"] * 2 + ["video", "email"]
DURATIONS = [15, 30, 45, 45, 60, 60, 90]


@dataclass
class BenchCounsellingResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def bench_counselling_offices():
    return bench_offices().order_by("pk")


def bench_counselling_exists() -> bool:
    offices = bench_counselling_offices()
    return (
        Case.objects.filter(office__in=offices).exists() or Client.objects.filter(office__in=offices).exists()
    )


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def bench_counselling_delete() -> int:
    """Delete the counselling data of the bench offices. Returns the number of cases deleted. Offices and
    bench users stay."""
    return counselling_data_delete(office_ids=list(bench_counselling_offices().values_list("pk", flat=True)))


def counselling_data_delete(*, office_ids: list[int]) -> int:
    """Delete every counselling record of these (bench) offices with raw DELETEs (the ORM would fetch a
    million rows to cascade them one by one). Returns the number of cases deleted."""
    if not office_ids:
        return 0
    ids = ", ".join(str(pk) for pk in office_ids)
    case_ids = f"SELECT id FROM {_table(Case)} WHERE office_id IN ({ids})"  # noqa: S608
    client_ids = f"SELECT id FROM {_table(Client)} WHERE office_id IN ({ids})"  # noqa: S608
    intake_ids = f"SELECT id FROM {_table(Intake)} WHERE client_id IN ({client_ids})"  # noqa: S608
    plan_ids = f"SELECT id FROM {_table(IntegrationPlan)} WHERE client_id IN ({client_ids})"  # noqa: S608
    goal_ids = f"SELECT id FROM {_table(PlanGoal)} WHERE plan_id IN ({plan_ids})"  # noqa: S608
    interpreter_ids = f"SELECT id FROM {_table(Interpreter)} WHERE office_id IN ({ids})"  # noqa: S608
    statements = [
        (InterpreterBooking, f"office_id IN ({ids})"),
        (ShortConsultation, f"office_id IN ({ids})"),
        (PersonalDataExport, f"office_id IN ({ids})"),
        (FollowUp, f"case_id IN ({case_ids})"),
        (Referral, f"case_id IN ({case_ids})"),
        (CounsellingSession, f"case_id IN ({case_ids})"),
        (Case.topics.through, f"case_id IN ({case_ids})"),
        (Case.shared_with.through, f"case_id IN ({case_ids})"),
        (Case, f"office_id IN ({ids})"),
        (PlanStep, f"goal_id IN ({goal_ids})"),
        (PlanGoal, f"plan_id IN ({plan_ids})"),
        (IntegrationPlan, f"client_id IN ({client_ids})"),
        (IntakeGoal, f"intake_id IN ({intake_ids})"),
        (Intake, f"client_id IN ({client_ids})"),
        (ClientLanguage, f"client_id IN ({client_ids})"),
        (Qualification, f"client_id IN ({client_ids})"),
        (Consent, f"client_id IN ({client_ids})"),
        (Client, f"office_id IN ({ids})"),
        (InterpreterLanguage, f"interpreter_id IN ({interpreter_ids})"),
        (Interpreter, f"office_id IN ({ids})"),
    ]
    deleted = Case.objects.filter(office_id__in=office_ids).count()
    with transaction.atomic(), connection.cursor() as cursor:
        for model, where in statements:
            cursor.execute(f"DELETE FROM {_table(model)} WHERE {where}")  # noqa: S608
    return deleted


class _Writer:
    """Rows into a table: COPY on PostgreSQL, executemany elsewhere. Values must be what the column stores
    (encrypted text already encrypted); dates and times as Python values, datetimes via `now`."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        now = timezone.now()
        self.now = now if self.postgres else connection.ops.adapt_datetimefield_value(now)

    def write(self, model, fields: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {_table(model)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(fields))
                sql = f"INSERT INTO {_table(model)} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, rows)


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_table(model)}")  # noqa: S608
        return cursor.fetchone()[0] + 1


class _Ids:
    """Primary keys handed out here (COPY cannot return them); sequences are reset at the end."""

    def __init__(self, models):
        self.next = {model: _next_id(model) for model in models}

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


@functools.lru_cache(maxsize=10_000)
def _name_indexes(name: str) -> tuple[str, str]:
    return name_fingerprint(name), name_search_tokens(name)


def _ensure_offices(count: int) -> list[Office]:
    offices = list(bench_counselling_offices()[:count])
    for n in range(len(offices) + 1, count + 1):
        municipality, _created = Municipality.objects.get_or_create(
            country="CH",
            bfs_number=9000 + n,
            defaults={"name": f"Benchwil {n}", "canton": "AG", "district": "Benchmark"},
        )
        office = Office.objects.create(
            name=f"Bench Office {n}",
            short_name=f"Bench {n}",
            slug=f"bench-{n}",
            kind=Office.Kind.REGIONAL,
            intro="Synthetische Benchmark-Daten.",
        )
        office.municipalities.add(municipality)
        offices.append(office)
    return offices


def _ensure_users(offices: list[Office], counsellors: int) -> dict[int, tuple[int, list[int]]]:
    """Per office id: (admin id, counsellor ids). Existing bench users are reused (idempotent)."""
    user_model = get_user_model()
    unusable = make_password(None)  # bench users never log in with a password (bench_session)
    wanted = {}
    for index, office in enumerate(offices):
        number = office.slug.removeprefix("bench-")
        share = counsellors // len(offices) + (1 if index < counsellors % len(offices) else 0)
        names = [f"{USER_PREFIX}{number}-counsellor-{k:03d}" for k in range(1, share + 1)]
        wanted[office.pk] = (f"{USER_PREFIX}{number}-leitung", names)
    all_names = [name for admin, names in wanted.values() for name in (admin, *names)]
    existing = set(user_model.objects.filter(username__in=all_names).values_list("username", flat=True))
    user_model.objects.bulk_create(
        [
            user_model(username=name, password=unusable, is_staff=True, email=f"{name}@example.ch")
            for name in all_names
            if name not in existing
        ]
    )
    ids = dict(user_model.objects.filter(username__in=all_names).values_list("username", "pk"))
    result, memberships = {}, []
    for office_id, (admin, names) in wanted.items():
        result[office_id] = (ids[admin], [ids[name] for name in names])
        memberships.append(Membership(user_id=ids[admin], office_id=office_id, role=Membership.Role.ADMIN))
        memberships += [
            Membership(user_id=ids[name], office_id=office_id, role=Membership.Role.COUNSELLOR)
            for name in names
        ]
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)
    return result


class _Generator:
    def __init__(self, *, rng: random.Random, writer: _Writer, ids: _Ids, today: datetime.date):
        self.rng, self.w, self.ids, self.today = rng, writer, ids, today
        self.span = (today - START).days
        self.languages = dict(Language.objects.values_list("code", "pk"))
        self.topics = dict(Topic.objects.values_list("slug", "pk"))
        self.topic_ids = [self.topics[slug] for slug in TOPIC_WEIGHTS]
        self.topic_weights = list(TOPIC_WEIGHTS.values())
        self.origins = [o for o in ORIGINS if o[1] in self.languages]
        self.origin_weights = [o[2] for o in self.origins]
        self.counts: dict[str, int] = {}

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def interpreters(self, office_id: int, count: int) -> dict[int, list[int]]:
        """The office's pool: per language id, interpreter ids."""
        pool = {}
        for n in range(count):
            _country, code, _weight, _permits = self.origins[n % len(self.origins)]
            interpreter = Interpreter.objects.create(
                office_id=office_id,
                name=f"Dolmetscher/in {n + 1:02d}",
                qualification=Interpreter.Qualification.INTERPRET_CERTIFICATE,
                hourly_rate=75 + 5 * (n % 4),
            )
            InterpreterLanguage.objects.create(interpreter=interpreter, language_id=self.languages[code])
            pool.setdefault(self.languages[code], []).append(interpreter.pk)
        self.add("interpreters", count)
        return pool

    def chunk(self, plan: list[dict]) -> None:
        """Write a chunk of cases: `plan` holds per case the office context and how many sessions etc."""
        rng, w, ids, now = self.rng, self.w, self.ids, self.w.now
        clients, intakes, languages, goals, qualifications, consents = [], [], [], [], [], []
        cases, case_topics, shares, sessions, referrals, follow_ups, bookings = [], [], [], [], [], [], []
        de = self.languages["de"]
        for item in plan:
            office_id, counsellor, municipalities = item["office"], item["counsellor"], item["municipalities"]
            opened = START + datetime.timedelta(days=rng.randint(0, self.span))
            age = (self.today - opened).days
            if age > 365:
                status = "closed" if rng.random() < 0.85 else "waiting"
            else:
                status = rng.choices(["open", "waiting", "closed"], weights=[45, 15, 40])[0]
            closed = None
            if status == "closed":
                closed = min(self.today, opened + datetime.timedelta(days=rng.randint(7, 300)))
            municipality = rng.choice(municipalities)
            client_id, interpreter_language = None, None
            case_id = ids.take(Case)
            if item["with_client"]:
                client_id = ids.take(Client)
                country, mother, _weight, permits = rng.choices(self.origins, weights=self.origin_weights)[0]
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                fingerprint, tokens = _name_indexes(name)
                clients.append(
                    (
                        client_id,
                        office_id,
                        counsellor,
                        encrypt(name),
                        False,
                        fingerprint,
                        tokens,
                        rng.randint(1950, 2006),
                        rng.choice(["female", "male", "female", "male", "diverse", ""]),
                        municipality,
                        country,
                        rng.choice(permits),
                        opened - datetime.timedelta(days=rng.randint(30, 3000)),
                        rng.randint(1, 3),
                        rng.randint(0, 4),
                        "",
                        "",
                        "",
                        1,
                        now,
                        now,
                    )
                )
                level = rng.choices(GERMAN_LEVELS, weights=GERMAN_WEIGHTS)[0]
                needs = level in ("none", "A1") and rng.random() < 0.8
                interpreter_language = self.languages[mother] if needs else None
                intake_id = ids.take(Intake)
                intakes.append(
                    (
                        intake_id,
                        client_id,
                        opened,
                        rng.choice(EDUCATION),
                        rng.randint(0, 18),
                        "",
                        "",
                        needs,
                        interpreter_language,
                        "",
                        True,
                        now,
                    )
                )
                languages.append((ids.take(ClientLanguage), client_id, self.languages[mother], "native"))
                languages.append((ids.take(ClientLanguage), client_id, de, level))
                if rng.random() < 0.3 and "en" in self.languages and mother != "en":
                    languages.append((ids.take(ClientLanguage), client_id, self.languages["en"], "B1"))
                for goal in rng.sample(GOALS, rng.randint(1, 3)):
                    goals.append((ids.take(IntakeGoal), intake_id, goal))
                if rng.random() < 0.6:
                    kind = rng.choice(["school", "vocational", "university"])
                    qualifications.append(
                        (
                            ids.take(Qualification),
                            client_id,
                            kind,
                            encrypt(f"Abschluss {kind}"),
                            country,
                            opened.year - rng.randint(1, 20),
                            rng.choice(["not_started", "in_progress", "recognised"]),
                        )
                    )
                consents.append(
                    (ids.take(Consent), client_id, "storage", None, opened, "signed_paper", "", now)
                )
            cases.append(
                (
                    case_id,
                    office_id,
                    client_id,
                    counsellor,
                    municipality,
                    interpreter_language or de,
                    status,
                    rng.choice(["resolved", "referred", "no_contact", "moved_away"]) if closed else "",
                    opened,
                    closed,
                    "",
                    1,
                    now,
                    now,
                )
            )
            topics = set(rng.choices(self.topic_ids, weights=self.topic_weights, k=rng.randint(1, 3)))
            case_topics += [(case_id, topic) for topic in topics]
            if rng.random() < 0.02:
                shares.append((case_id, rng.choice(item["colleagues"])))
            end = closed or self.today
            for _n in range(item["sessions"]):
                channel = rng.choice(CHANNELS)
                interpreted = interpreter_language is not None and channel != "email" and rng.random() < 0.7
                sessions.append(
                    (
                        ids.take(CounsellingSession),
                        case_id,
                        self.date_between(opened, end),
                        rng.choice(DURATIONS),
                        channel,
                        interpreted,
                        interpreter_language if interpreted else de,
                        encrypt(rng.choice(NOTES)) if rng.random() < 0.1 else "",
                        counsellor,
                        now,
                    )
                )
            for _n in range(item["referrals"]):
                offer_id, provider_id = rng.choice(item["offers"]) if item["offers"] else (None, None)
                state = rng.choice(["in_progress", "accepted", "rejected", "revoked", "done", "done"])
                outcome = rng.choice(["success", "success", "failed"]) if state == "done" else ""
                referrals.append(
                    (
                        ids.take(Referral),
                        case_id,
                        offer_id,
                        provider_id,
                        state,
                        outcome,
                        "no_place" if outcome == "failed" else "",
                        False,
                        None,
                        "",
                        counsellor,
                        now,
                        now,
                    )
                )
            if status != "closed":
                follow_ups.append(
                    (
                        ids.take(FollowUp),
                        case_id,
                        self.today + datetime.timedelta(days=rng.randint(-10, 30)),
                        encrypt("Rückruf"),
                        None,
                        counsellor,
                    )
                )
            for _n in range(item["bookings"]):
                language = interpreter_language or self.languages[rng.choice(self.origins)[1]]
                pool = item["interpreters"].get(language) or [None]
                upcoming = status != "closed" and rng.random() < 0.3
                when = (
                    self.today + datetime.timedelta(days=rng.randint(1, 30))
                    if upcoming
                    else self.date_between(opened, end)
                )
                state = (
                    rng.choice(["confirmed", "requested"])
                    if upcoming
                    else rng.choice(["done"] * 9 + ["cancelled"])
                )
                bookings.append(
                    (
                        ids.take(InterpreterBooking),
                        office_id,
                        case_id,
                        None,
                        None if state == "requested" else rng.choice(pool),
                        language,
                        "",
                        when,
                        f"{rng.choice([8, 9, 10, 13, 14, 15]):02d}:{rng.choice([0, 30]):02d}:00",
                        rng.choice([30, 60, 90]),
                        rng.choice(["on_site", "on_site", "phone", "video"]),
                        state,
                        None,
                        "",
                        counsellor,
                        now,
                        now,
                    )
                )
        w.write(Client, CLIENT_FIELDS, clients)
        w.write(Intake, INTAKE_FIELDS, intakes)
        w.write(ClientLanguage, ["id", "client", "language", "level"], languages)
        w.write(IntakeGoal, ["id", "intake", "category"], goals)
        w.write(
            Qualification, ["id", "client", "kind", "title", "country", "year", "recognition"], qualifications
        )
        w.write(
            Consent,
            ["id", "client", "scope", "partner", "given_on", "method", "note", "created_at"],
            consents,
        )
        w.write(Case, CASE_FIELDS, cases)
        w.write(Case.topics.through, ["case", "topic"], case_topics)
        w.write(Case.shared_with.through, ["case", "user"], shares)
        w.write(CounsellingSession, SESSION_FIELDS, sessions)
        w.write(Referral, REFERRAL_FIELDS, referrals)
        w.write(FollowUp, ["id", "case", "due_on", "note", "done_on", "created_by"], follow_ups)
        w.write(InterpreterBooking, BOOKING_FIELDS, bookings)
        for key, rows in (
            ("clients", clients),
            ("intakes", intakes),
            ("client_languages", languages),
            ("intake_goals", goals),
            ("qualifications", qualifications),
            ("consents", consents),
            ("cases", cases),
            ("case_topics", case_topics),
            ("sessions", sessions),
            ("referrals", referrals),
            ("follow_ups", follow_ups),
            ("interpreter_bookings", bookings),
        ):
            self.add(key, len(rows))

    def short_consultations(self, office_ids: list[int], users, municipalities, count: int) -> None:
        codes = [self.languages["de"]] * 6 + [self.languages[o[1]] for o in self.origins]
        for start in range(0, count, 20_000):
            rows = []
            for _n in range(start, min(count, start + 20_000)):
                office = self.rng.choice(office_ids)
                rows.append(
                    (
                        self.ids.take(ShortConsultation),
                        office,
                        START + datetime.timedelta(days=self.rng.randint(0, self.span)),
                        self.rng.choices(self.topic_ids, weights=self.topic_weights)[0],
                        self.rng.choice([5, 10, 15, 20, 30]),
                        self.rng.choice(codes),
                        self.rng.choice(municipalities[office]),
                        self.rng.choice(["in_person", "phone", "email"]),
                        self.rng.choice(users[office][1]),
                        self.w.now,
                    )
                )
            with transaction.atomic():
                self.w.write(ShortConsultation, SHORT_FIELDS, rows)
        self.add("short_consultations", count)


# Column order of the rows the generator builds.
# fmt: off
CLIENT_FIELDS = [
    "id", "office", "counsellor", "name", "is_pseudonym", "name_fingerprint", "name_tokens",
    "year_of_birth", "gender", "municipality", "country_of_origin", "permit_category", "arrival_date",
    "household_adults", "household_children", "phone", "email", "address", "version", "created_at",
    "updated_at",
]
INTAKE_FIELDS = [
    "id", "client", "held_on", "education", "school_years", "work_experience", "goals_text",
    "needs_interpreter", "interpreter_language", "notes", "informed_about_data_protection",
    "updated_at",
]
CASE_FIELDS = [
    "id", "office", "client", "counsellor", "municipality", "language", "status", "close_reason",
    "opened_on", "closed_on", "summary", "version", "created_at", "updated_at",
]
SESSION_FIELDS = [
    "id", "case", "held_on", "duration_minutes", "channel", "interpreter_used", "language", "notes",
    "created_by", "created_at",
]
REFERRAL_FIELDS = [
    "id", "case", "offer", "organisation", "status", "outcome", "failure_reason", "shares_data",
    "consent", "note", "created_by", "created_at", "updated_at",
]
BOOKING_FIELDS = [
    "id", "office", "case", "session", "interpreter", "language", "dialect", "date", "start_time",
    "duration_minutes", "mode", "status", "cost", "note", "requested_by", "created_at", "updated_at",
]
SHORT_FIELDS = [
    "id", "office", "held_on", "topic", "duration_minutes", "language", "municipality", "channel",
    "recorded_by", "created_at",
]
ID_MODELS = [
    Client, Intake, ClientLanguage, IntakeGoal, Qualification, Consent, Case, CounsellingSession,
    Referral, FollowUp, InterpreterBooking, ShortConsultation,
]
# fmt: on
ANALYZE_MODELS = [*ID_MODELS, Case.topics.through, Case.shared_with.through, Membership]


def _spread(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """`total` split over `parts` unevenly (uniform weights), each at least `minimum`, summing exactly."""
    if parts == 0:
        return []
    counts = [minimum] * parts
    rest = total - minimum * parts
    weights = [rng.random() for _n in range(parts)]
    scale = rest / (sum(weights) or 1)
    for i, weight in enumerate(weights):
        counts[i] += int(weight * scale)
    for _n in range(total - sum(counts)):
        counts[rng.randrange(parts)] += 1
    return counts


def bench_counselling_generate(
    *,
    cases: int,
    sessions: int,
    counsellors: int,
    offices: int = 3,
    referrals: int,
    short_consultations: int,
    bookings: int,
    interpreters_per_office: int = 30,
    client_share: float = 0.7,
    seed: int = 4,
    report: Callable[[str], None] | None = None,
) -> BenchCounsellingResult:
    if sessions < cases:
        raise ValueError("every case has at least one session: sessions must be >= cases")
    result = BenchCounsellingResult()
    started = lap = time.perf_counter()

    def step(name: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        result.timings.append((name, now - lap))
        if report:
            report(f"  {name:<30} {now - lap:6.2f} s")
        lap = now

    rng = random.Random(seed)
    seed_topics(Topic)
    with transaction.atomic():
        office_list = _ensure_offices(offices)
        users = _ensure_users(office_list, counsellors)
        for office in office_list:
            CounsellingSettings.objects.get_or_create(office=office)
    step("offices and users")
    writer = _Writer()
    generator = _Generator(rng=rng, writer=writer, ids=_Ids(ID_MODELS), today=timezone.localdate())
    municipalities = {
        office.pk: list(office.municipalities.values_list("pk", flat=True)) or [None]
        for office in office_list
    }
    offers = {
        office.pk: list(
            Offer.objects.filter(office=office, status=Offer.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", "provider_id")[:2000]
        )
        for office in office_list
    }
    with transaction.atomic():
        pools = {
            office.pk: generator.interpreters(office.pk, interpreters_per_office) for office in office_list
        }
    session_counts = _spread(sessions, cases, rng, minimum=1)
    referral_counts = _spread(referrals, cases, rng)
    booking_counts = _spread(bookings, cases, rng)
    office_ids = [office.pk for office in office_list]
    for start in range(0, cases, CHUNK_CASES):
        plan = []
        for index in range(start, min(cases, start + CHUNK_CASES)):
            office_id = office_ids[index % len(office_ids)]
            team = users[office_id][1] or [users[office_id][0]]
            plan.append(
                {
                    "office": office_id,
                    "counsellor": rng.choice(team),
                    "colleagues": team,
                    "municipalities": municipalities[office_id],
                    "offers": offers[office_id],
                    "interpreters": pools[office_id],
                    "with_client": rng.random() < client_share,
                    "sessions": session_counts[index],
                    "referrals": referral_counts[index],
                    "bookings": booking_counts[index],
                }
            )
        with transaction.atomic():
            generator.chunk(plan)
        if report and (start // CHUNK_CASES) % 5 == 4:
            report(f"    {start + len(plan)} cases")
    step(f"{cases} cases, {sessions} sessions")
    generator.short_consultations(office_ids, users, municipalities, short_consultations)
    step("short consultations")
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), ID_MODELS):
            cursor.execute(sql)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in ANALYZE_MODELS:
                cursor.execute(f"ANALYZE {_table(model)}")
    step("sequences, ANALYZE")
    result.counts = {"offices": len(office_list), "counsellors": counsellors, **generator.counts}
    result.timings.append(("total", time.perf_counter() - started))
    return result
