"""The synthetic network data set of `make bench`: organisations with contacts and relations, key persons
with languages, municipalities and assignments, contact persons per field of action, and inquiries in the
bench offices (bench-1…, created when missing, like the counselling bench).

Fast by design, like fachstelle.counselling.bench (whose writer, id allocation, offices and users it
reuses): ids allocated here, rows written with COPY on PostgreSQL (executemany on SQLite, for tests), one
transaction per chunk, no ORM, no services. Encrypted inquiry columns are encrypted here row by row with
`crypto.encrypt` (the fixed bench keys of bench/run.sh). Generated organisations have slugs starting with
`bn-`, so `bench_network_delete` can tell them from the directory's providers in the same offices.

Staff: the first `staff` counsellors of each office (the counselling bench's `bench-<n>-counsellor-…`),
created with the counselling bench's naming when fewer exist.
"""

import datetime
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from fachstelle.core.crypto import encrypt
from fachstelle.core.models import FieldOfAction, Language, Membership
from fachstelle.counselling.bench import (
    FIRST_NAMES,
    LAST_NAMES,
    _ensure_offices,
    _ensure_users,
    _Ids,
    _spread,
    _table,
    _Writer,
    bench_counselling_offices,
)
from fachstelle.offers.demo import bench_blocks as blocks

from .models import ActionItem as MeetingActionItem
from .models import (
    Assignment,
    Contact,
    FieldContact,
    Inquiry,
    InquiryMessage,
    KeyPerson,
    KeyPersonLanguage,
    Mailing,
    MailingOptOut,
    MailingRecipient,
    MeetingInvitation,
    NetworkMeeting,
    Organisation,
    Relation,
    Report,
)
from .services.inquiries import inquiry_due_on

SLUG_PREFIX = "bn-"  # generated organisations (the directory's providers have other slugs)
CHUNK = 5000  # rows of the main table per transaction
DAYS = 730  # inquiries arrive over the last two years
# (language code, weight): the languages key persons speak besides German.
LANGUAGE_WEIGHTS = [
    ("ti", 12), ("ar", 14), ("uk", 12), ("sq", 10), ("tr", 10), ("prs", 8), ("fa", 6), ("ta", 6),
    ("so", 5), ("pt", 5), ("es", 4), ("ku", 4), ("ru", 4),
]  # fmt: skip
COUNTRIES = {"ti": "ER", "ar": "SY", "uk": "UA", "sq": "XK", "tr": "TR", "prs": "AF", "fa": "IR", "ta": "LK"}
TAGS = ["Arbeitskreis", "Regelstruktur", "Freiwillige", "Begegnung", "Eltern", "Jugend", "Frauen", "DaZ"]
ROLES = [
    "Leitung",
    "Sozialarbeit",
    "Präsidium",
    "Kursleitung",
    "Koordination",
    "HR / Personal",
    "Sekretariat",
]
SUBJECTS = [
    "Wohnungssuche", "Deutschkurs am Abend", "Anerkennung Diplom", "Lehrstelle", "Einschulung",
    "Kinderbetreuung", "Nebenkosten", "Bewilligung", "Freiwillig mithelfen", "Raum für Anlass",
    "Krankenkasse", "Budgetberatung", "Prüfung A2", "Integrationskurs", "Stellensuche",
]  # fmt: skip
MESSAGES = [
    "Guten Tag, ich habe eine Frage zu {s}. Können Sie mir weiterhelfen? Vielen Dank.",
    "Wir sind neu in der Gemeinde und brauchen Informationen zu {s}. Wann kann ich vorbeikommen?",
    "Sehr geehrte Damen und Herren, unser Verein sucht Unterstützung beim Thema {s}.",
    "Hallo, meine Nachbarin hat mir Ihre Stelle empfohlen. Es geht um {s}. Danke für die Antwort.",
]
REPLY = "Guten Tag, vielen Dank für Ihre Anfrage. Gerne beraten wir Sie persönlich; bitte melden Sie sich."
SENDERS = ["resident"] * 7 + ["employer", "association", "other"]
PREFERRED = ["de"] * 6 + ["ti", "ar", "uk", "tr", "fa", "en", "fr", "it"]
AVAILABILITY = ["Abends", "Wochenende", "Nach Absprache", "Mo–Fr"]
PURPOSES = ["Elterngespräch", "Begleitung Sozialdienst", "Informationsabend", "Übersetzung Erstgespräch"]


@dataclass
class BenchNetworkResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def bench_network_offices():
    return bench_counselling_offices()


def bench_network_exists() -> bool:
    offices = bench_network_offices()
    return (
        Inquiry.objects.filter(office__in=offices).exists()
        or KeyPerson.objects.filter(office__in=offices).exists()
        or Organisation.objects.filter(office__in=offices, slug__startswith=SLUG_PREFIX).exists()
    )


def bench_network_delete() -> int:
    """Delete the network data of the bench offices (raw DELETEs; the ORM would cascade row by row): all
    inquiries, key persons, reports, meetings, mailings, field contacts, relations, and the generated
    organisations with their contacts. The directory's providers, the offices and users stay. Returns the
    number of inquiries deleted."""
    office_ids = list(bench_network_offices().values_list("pk", flat=True))
    if not office_ids:
        return 0
    ids = ", ".join(str(pk) for pk in office_ids)
    org_ids = (
        f"SELECT id FROM {_table(Organisation)} WHERE office_id IN ({ids}) "  # noqa: S608
        f"AND slug LIKE '{SLUG_PREFIX}%'"
    )
    inquiry_ids = f"SELECT id FROM {_table(Inquiry)} WHERE office_id IN ({ids})"  # noqa: S608
    person_ids = f"SELECT id FROM {_table(KeyPerson)} WHERE office_id IN ({ids})"  # noqa: S608
    meeting_ids = f"SELECT id FROM {_table(NetworkMeeting)} WHERE office_id IN ({ids})"  # noqa: S608
    mailing_ids = f"SELECT id FROM {_table(Mailing)} WHERE office_id IN ({ids})"  # noqa: S608
    contact_ids = f"SELECT id FROM {_table(FieldContact)} WHERE office_id IN ({ids})"  # noqa: S608
    statements = [
        (InquiryMessage, f"inquiry_id IN ({inquiry_ids})"),
        (Inquiry, f"office_id IN ({ids})"),
        (Report, f"office_id IN ({ids})"),
        (MeetingActionItem, f"meeting_id IN ({meeting_ids})"),
        (MeetingInvitation, f"meeting_id IN ({meeting_ids})"),
        (NetworkMeeting, f"office_id IN ({ids})"),
        (MailingRecipient, f"mailing_id IN ({mailing_ids})"),
        (Mailing, f"office_id IN ({ids})"),
        (MailingOptOut, f"office_id IN ({ids})"),
        (FieldContact.languages.through, f"fieldcontact_id IN ({contact_ids})"),
        (FieldContact, f"office_id IN ({ids})"),
        (Assignment, f"key_person_id IN ({person_ids})"),
        (KeyPersonLanguage, f"key_person_id IN ({person_ids})"),
        (KeyPerson.municipalities.through, f"keyperson_id IN ({person_ids})"),
        (KeyPerson.topics.through, f"keyperson_id IN ({person_ids})"),
        (KeyPerson, f"office_id IN ({ids})"),
        (Relation, f"office_id IN ({ids})"),
        (Contact, f"organisation_id IN ({org_ids})"),
        (Organisation.fields_of_action.through, f"organisation_id IN ({org_ids})"),
        (Organisation.municipalities_served.through, f"organisation_id IN ({org_ids})"),
        (Organisation, f"id IN ({org_ids})"),
    ]
    deleted = Inquiry.objects.filter(office_id__in=office_ids).count()
    with transaction.atomic(), connection.cursor() as cursor:
        for model, where in statements:
            cursor.execute(f"DELETE FROM {_table(model)} WHERE {where}")  # noqa: S608
    return deleted


# Column order of the rows the generator builds.
# fmt: off
ORGANISATION_FIELDS = [
    "id", "office", "name", "slug", "kind", "description", "street", "postcode", "municipality", "website",
    "email", "phone", "is_public", "confirmation_email", "notes", "tags", "is_active", "mailing_opt_out",
    "created_at", "updated_at",
]
CONTACT_FIELDS = ["id", "organisation", "name", "role", "email", "phone", "is_primary", "mailing_opt_out",
                  "created_at"]
KEY_PERSON_FIELDS = [
    "id", "office", "name", "email", "phone", "countries", "communities", "availability", "trainings",
    "consent_contact", "consent_listed", "public_profile", "public_bio", "mailing_opt_out", "is_active",
    "created_at",
]
INQUIRY_FIELDS = [
    "id", "office", "field_of_action", "municipality", "sender_type", "name", "email", "phone",
    "organisation_name", "preferred_language", "subject", "message", "status", "assigned_to", "due_on",
    "answered_at", "closed_at", "submission_key", "created_at", "updated_at",
]
MESSAGE_FIELDS = ["id", "inquiry", "kind", "body", "author", "sent_at", "created_at"]
ID_MODELS = [
    Organisation, Contact, Relation, KeyPerson, KeyPersonLanguage, Assignment, Inquiry, InquiryMessage,
]
# fmt: on
ANALYZE_MODELS = [
    *ID_MODELS,
    Organisation.fields_of_action.through,
    Organisation.municipalities_served.through,
    KeyPerson.municipalities.through,
    KeyPerson.topics.through,
    FieldContact,
]


class _Generator:
    def __init__(self, *, rng: random.Random, writer: _Writer, ids: _Ids, offices, municipalities, staff):
        self.rng, self.w, self.ids = rng, writer, ids
        self.offices, self.municipalities, self.staff = offices, municipalities, staff
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.fields = list(FieldOfAction.objects.order_by("order", "pk").values_list("pk", flat=True))
        languages = dict(Language.objects.values_list("code", "pk"))
        self.german = languages.get("de")
        pool = [(languages[code], code, weight) for code, weight in LANGUAGE_WEIGHTS if code in languages]
        self.language_ids = [lang for lang, _code, _weight in pool]
        self.language_codes = {lang: code for lang, code, _weight in pool}
        self.language_weights = [weight for _lang, _code, weight in pool]
        self.counts: dict[str, int] = {}
        self.field_contacts: dict[int, dict[int, int]] = {}  # office id: {field id: person id}

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def dt(self, value: datetime.datetime):
        """A datetime as the writer's backend takes it (SQLite: adapted like the ORM does)."""
        return value if self.w.postgres else connection.ops.adapt_datetimefield_value(value)

    def office_of(self, index: int) -> int:
        return self.offices[index % len(self.offices)]

    # --- organisations ---------------------------------------------------------------------------

    def organisations(self, count: int, contacts: int, relations: int) -> None:
        rng, now = self.rng, self.dt(self.now)
        contact_counts = _spread(contacts, count, rng, minimum=1 if contacts >= count else 0)
        by_office: dict[int, list[int]] = {}
        for start in range(0, count, CHUNK):
            orgs, org_fields, org_served, people = [], [], [], []
            for i in range(start, min(count, start + CHUNK)):
                office = self.office_of(i)
                places = self.municipalities[office]
                pattern, kind, _topics = rng.choice(blocks.PROVIDER_PATTERNS)
                place = rng.choice(places)
                name = pattern.format(place=place[1], nation=rng.choice(blocks.NATIONS)) + f" {i + 1}"
                org_id = self.ids.take(Organisation)
                slug = f"{SLUG_PREFIX}{i + 1}-{slugify(name)[:80]}"
                domain = f"bn-{i + 1}.example.ch"
                tags = rng.sample(TAGS, rng.randint(0, 2))
                orgs.append(
                    (
                        org_id, office, name, slug, kind, "Synthetische Organisation für den Benchmark.",
                        f"{rng.choice(blocks.STREETS)} {rng.randint(1, 120)}",
                        str(4000 + rng.randint(0, 999)),
                        place[0], f"https://www.{domain}", f"info@{domain}",
                        f"+41 62 {rng.randint(200, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                        rng.random() < 0.7, "", "", json.dumps(tags), rng.random() < 0.95, False, now, now,
                    )
                )  # fmt: skip
                by_office.setdefault(office, []).append(org_id)
                org_fields += [(org_id, f) for f in rng.sample(self.fields, rng.randint(1, 3))]
                served = rng.sample(places, min(len(places), rng.randint(1, 3)))
                org_served += [(org_id, m[0]) for m in served]
                for n in range(contact_counts[i]):
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    local = slugify(f"{first}-{last}").replace("-", ".")
                    people.append(
                        (
                            self.ids.take(Contact), org_id, f"{first} {last}", rng.choice(ROLES),
                            f"{local}@{domain}", f"+41 79 {rng.randint(100, 999)} {rng.randint(10, 99)} 00",
                            n == 0, rng.random() < 0.02, now,
                        )
                    )  # fmt: skip
            with transaction.atomic():
                self.w.write(Organisation, ORGANISATION_FIELDS, orgs)
                self.w.write(
                    Organisation.fields_of_action.through, ["organisation", "fieldofaction"], org_fields
                )
                self.w.write(
                    Organisation.municipalities_served.through, ["organisation", "municipality"], org_served
                )
                self.w.write(Contact, CONTACT_FIELDS, people)
            self.add("organisations", len(orgs))
            self.add("contacts", len(people))
        self._relations(by_office, relations)

    def _relations(self, by_office: dict[int, list[int]], count: int) -> None:
        rng, rows, seen = self.rng, [], set()
        topics = [
            "Deutsch-Tandems",
            "Wohnungssuche",
            "Elternabende",
            "Arbeitsintegration",
            "Räume",
            "Beratung",
        ]
        offices = [office for office, orgs in by_office.items() if len(orgs) > 1]
        attempts = 0
        while offices and len(rows) < count and attempts < count * 3:
            attempts += 1
            office = rng.choice(offices)
            source, target = rng.sample(by_office[office], 2)
            topic = rng.choice(topics)
            if (source, target, topic) in seen:
                continue
            seen.add((source, target, topic))
            since = self.today - datetime.timedelta(days=rng.randint(30, 3000))
            rows.append(
                (self.ids.take(Relation), office, source, target, topic, rng.choice(self.fields), since)
            )
        with transaction.atomic():
            self.w.write(
                Relation, ["id", "office", "source", "target", "topic", "field_of_action", "since"], rows
            )
        self.add("relations", len(rows))

    # --- key persons -----------------------------------------------------------------------------

    def key_persons(self, count: int, assignments: int) -> None:
        rng, now = self.rng, self.dt(self.now)
        assignment_counts = _spread(assignments, count, rng)
        persons, languages, places, topics, jobs = [], [], [], [], []
        for i in range(count):
            office = self.office_of(i)
            person_id = self.ids.take(KeyPerson)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            spoken = list(
                dict.fromkeys(
                    rng.choices(self.language_ids, weights=self.language_weights, k=rng.randint(1, 3))
                )
            )
            listed = rng.random() < 0.7
            countries = [
                COUNTRIES[c] for c in (self.language_codes[lang] for lang in spoken) if c in COUNTRIES
            ]
            persons.append(
                (
                    person_id, office, name, f"{slugify(name).replace('-', '.')}.{i}@example.com",
                    f"+41 78 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    json.dumps(countries), "", rng.choice(AVAILABILITY), "", rng.random() < 0.9, listed,
                    listed and rng.random() < 0.3, "", False, rng.random() < 0.92,
                    now,
                )
            )  # fmt: skip
            for n, language in enumerate(spoken):
                level = "native" if n == 0 else rng.choice(["fluent", "good", "basic"])
                languages.append((self.ids.take(KeyPersonLanguage), person_id, language, level))
            if self.german and rng.random() < 0.85:
                level = rng.choice(["fluent", "good", "good", "basic"])
                languages.append((self.ids.take(KeyPersonLanguage), person_id, self.german, level))
            office_places = self.municipalities[office]
            for place in rng.sample(office_places, min(len(office_places), rng.randint(1, 3))):
                places.append((person_id, place[0]))
            topics += [(person_id, f) for f in rng.sample(self.fields, rng.randint(1, 3))]
            for _n in range(assignment_counts[i]):
                hours = rng.choice(["1.00", "1.50", "2.00", "3.00"])
                jobs.append(
                    (
                        self.ids.take(Assignment), person_id,
                        self.today - datetime.timedelta(days=rng.randint(1, DAYS)), rng.choice(PURPOSES),
                        hours, f"{float(hours) * 50:.2f}", spoken[0], rng.choice(office_places)[0], now,
                    )
                )  # fmt: skip
        with transaction.atomic():
            self.w.write(KeyPerson, KEY_PERSON_FIELDS, persons)
            self.w.write(KeyPersonLanguage, ["id", "key_person", "language", "level"], languages)
            self.w.write(KeyPerson.municipalities.through, ["keyperson", "municipality"], places)
            self.w.write(KeyPerson.topics.through, ["keyperson", "fieldofaction"], topics)
            self.w.write(
                Assignment,
                ["id", "key_person", "date", "purpose", "hours", "compensation", "language", "municipality",
                 "created_at"],
                jobs,
            )  # fmt: skip
        self.add("key_persons", len(persons))
        self.add("key_person_languages", len(languages))
        self.add("assignments", len(jobs))

    # --- contact persons and inquiries -------------------------------------------------------------

    def contact_persons(self) -> None:
        """Every field of action of every office has a responsible person and a deputy among its staff."""
        for office in self.offices:
            team = self.staff[office]
            contacts = {}
            for n, field_id in enumerate(self.fields):
                person, deputy = team[n % len(team)], team[(n + 1) % len(team)]
                FieldContact.objects.update_or_create(
                    office_id=office,
                    field_of_action_id=field_id,
                    defaults={"person_id": person, "deputy_id": deputy if deputy != person else None},
                )
                contacts[field_id] = person
            self.field_contacts[office] = contacts
        self.add("field_contacts", len(self.offices) * len(self.fields))

    def _status(self, age: int) -> str:
        choices = self.rng.choices
        if age <= 7:
            return choices(["new", "in_progress", "answered"], weights=[50, 35, 15])[0]
        if age <= 30:
            return choices(["new", "in_progress", "answered", "closed"], weights=[8, 22, 35, 35])[0]
        return choices(["new", "in_progress", "answered", "closed"], weights=[1, 2, 9, 88])[0]

    def inquiries(self, count: int) -> None:
        rng = self.rng
        for start in range(0, count, CHUNK):
            rows, messages = [], []
            for i in range(start, min(count, start + CHUNK)):
                office = self.office_of(i)
                received = self.now - datetime.timedelta(seconds=rng.randint(0, DAYS * 86400))
                age = (self.today - timezone.localtime(received).date()).days
                status = self._status(age)
                field_id = rng.choice(self.fields) if rng.random() < 0.9 else None
                responsible = self.field_contacts[office].get(field_id)
                if status == "new":
                    assigned = responsible if responsible and rng.random() < 0.5 else None
                elif responsible and rng.random() < 0.7:
                    assigned = responsible
                else:
                    assigned = rng.choice(self.staff[office])
                answered = closed = None
                if status in {"answered", "closed"}:
                    answered = min(self.now, received + datetime.timedelta(hours=rng.randint(2, 120)))
                if status == "closed":
                    closed = min(self.now, answered + datetime.timedelta(hours=rng.randint(1, 336)))
                subject = rng.choice(SUBJECTS)
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                message = encrypt(rng.choice(MESSAGES).format(s=subject))
                inquiry_id = self.ids.take(Inquiry)
                sender = rng.choice(SENDERS)
                rows.append(
                    (
                        inquiry_id, office, field_id, rng.choice(self.municipalities[office])[0], sender,
                        encrypt(name), encrypt(f"{slugify(name).replace('-', '.')}@example.com"),
                        encrypt(f"+41 79 {rng.randint(100, 999)} 00 00") if rng.random() < 0.4 else "",
                        "Verein Beispiel" if sender == "association" else "", rng.choice(PREFERRED), subject,
                        message, status, assigned, inquiry_due_on(timezone.localtime(received).date()),
                        self.dt(answered) if answered else None, self.dt(closed) if closed else None, "",
                        self.dt(received), self.dt(closed or answered or received),
                    )
                )  # fmt: skip
                # The question opens the thread (as inquiry_submit does); the ciphertext is the same text's.
                messages.append(
                    (self.ids.take(InquiryMessage), inquiry_id, "incoming", message, None, self.dt(received),
                     self.dt(received))
                )  # fmt: skip
                if answered:
                    messages.append(
                        (self.ids.take(InquiryMessage), inquiry_id, "reply", encrypt(REPLY), assigned,
                         self.dt(answered), self.dt(answered))
                    )  # fmt: skip
            with transaction.atomic():
                self.w.write(Inquiry, INQUIRY_FIELDS, rows)
                self.w.write(InquiryMessage, MESSAGE_FIELDS, messages)
            self.add("inquiries", len(rows))
            self.add("inquiry_messages", len(messages))


def _staff(offices: list, staff: int) -> dict[int, list[int]]:
    """Per office id: the ids of its first `staff` counsellors (created with the counselling bench's names
    when fewer exist)."""

    def current():
        result = {}
        for office in offices:
            members = Membership.objects.filter(office=office, role=Membership.Role.COUNSELLOR)
            result[office.pk] = list(
                members.order_by("user__username").values_list("user_id", flat=True)[:staff]
            )
        return result

    team = current()
    if any(len(ids) < staff for ids in team.values()):
        _ensure_users(offices, staff * len(offices))
        team = current()
    return team


def bench_network_generate(
    *,
    organisations: int,
    contacts: int,
    key_persons: int,
    inquiries: int,
    offices: int = 3,
    staff: int = 10,
    relations: int | None = None,
    assignments: int | None = None,
    seed: int = 5,
    report: Callable[[str], None] | None = None,
) -> BenchNetworkResult:
    result = BenchNetworkResult()
    started = lap = time.perf_counter()

    def step(name: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        result.timings.append((name, now - lap))
        if report:
            report(f"  {name:<34} {now - lap:6.2f} s")
        lap = now

    rng = random.Random(seed)
    with transaction.atomic():
        office_list = _ensure_offices(offices)
        team = _staff(office_list, staff)
    municipalities = {
        office.pk: list(office.municipalities.order_by("bfs_number").values_list("pk", "name"))
        or [(None, "")]
        for office in office_list
    }
    generator = _Generator(
        rng=rng,
        writer=_Writer(),
        ids=_Ids(ID_MODELS),
        offices=[office.pk for office in office_list],
        municipalities=municipalities,
        staff=team,
    )
    step("offices and staff")
    generator.organisations(organisations, contacts, organisations // 4 if relations is None else relations)
    step(f"{organisations} organisations, {contacts} contacts")
    generator.key_persons(key_persons, key_persons * 2 if assignments is None else assignments)
    step(f"{key_persons} key persons")
    with transaction.atomic():
        generator.contact_persons()
    generator.inquiries(inquiries)
    step(f"{inquiries} inquiries")
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), ID_MODELS):
            cursor.execute(sql)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in ANALYZE_MODELS:
                cursor.execute(f"ANALYZE {_table(model)}")
    step("sequences, ANALYZE")
    result.counts = {
        "offices": len(office_list),
        "staff": sum(len(t) for t in team.values()),
        **generator.counts,
    }
    result.timings.append(("total", time.perf_counter() - started))
    return result
