"""Counselling demo data for `make run`: counsellors, interpreters, clients, cases, short consultations.

Loaded by `manage.py load_demo_data` after the directory demo (its offices, admins and offers must exist).
Idempotent: users, memberships, settings and interpreters are looked up by their natural keys; the case
data of an office is generated once, when the office has no client and no case yet, from a random
generator seeded with the office slug, with dates relative to today (follow-ups due this week, bookings in
the coming days, a few cases closed more than two years ago for the retention command).

Rows are written directly, not through the services: the services audit every write, and a demo load is
not something a counsellor did. The blind indexes of client names are filled the way the services do.
All names are invented.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fachstelle.core.crypto import name_fingerprint, name_search_tokens
from fachstelle.core.demo_users import demo_staff
from fachstelle.core.models import Language, Membership, Office
from fachstelle.core.security import otp_device_for_demo, totp_device_confirmed
from fachstelle.offers.demo.offices import DEMO_PASSWORD
from fachstelle.offers.models import Offer

from .demo_data import (
    CLIENTS_PER_OFFICE,
    COUNTRY_WEIGHTS,
    FOLLOW_UPS,
    GERMAN_LEVELS,
    GERMAN_PERMITS_BY_COUNTRY,
    GOALS_TEXT,
    INTERPRETERS,
    NOTES,
    OLD_CLOSED_CASES,
    PEOPLE,
    QUALIFICATIONS,
    SETTINGS,
    SHORT_CONSULTATIONS,
    STAFF,
    SWISS_PERMITS_BY_COUNTRY,
    TOPIC_AREAS,
    TOPIC_WEIGHTS,
)
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
    PlanGoal,
    PlanStep,
    Qualification,
    Referral,
    ShortConsultation,
    Topic,
)
from .reference_data import seed_topics

# Every demo user who needs a second factor gets a confirmed authenticator with this key (20 bytes):
# `manage.py otp_code <username>` prints the current code. Demo only, like the password.
DEMO_TOTP_KEY = b"fachstelle-demo-totp".hex()
Role = Membership.Role


@dataclass
class CounsellingDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, office)


def _ensure_staff(office: Office, result: CounsellingDemoResult) -> dict[str, object]:
    return demo_staff(office=office, staff=STAFF.get(office.slug, []), result=result, password=DEMO_PASSWORD)


def _ensure_two_factor(result: CounsellingDemoResult, offices: list[Office]) -> None:
    """A demo authenticator for everyone who needs a second factor and has none yet (a device a reviewer
    set up stays the only one)."""
    user_model = get_user_model()
    users = user_model.objects.filter(
        memberships__office__in=offices, memberships__role__in=[Role.ADMIN, Role.COUNSELLOR]
    ) | user_model.objects.filter(is_superuser=True, username="admin")
    for user in users.distinct().order_by("username"):
        if totp_device_confirmed(user) is None:
            otp_device_for_demo(user, DEMO_TOTP_KEY)
            result.created["totp_devices"] += 1
        else:
            result.existing["totp_devices"] += 1


def _ensure_settings_and_interpreters(office: Office, result: CounsellingDemoResult, languages) -> list:
    _settings, created = CounsellingSettings.objects.get_or_create(
        office=office, defaults=SETTINGS[office.slug]
    )
    (result.created if created else result.existing)["settings"] += 1
    interpreters = []
    euro = office.country == "DE"
    for name, qualification, rate, availability, spoken in INTERPRETERS[office.slug]:
        slug = name.lower().replace(" ", ".").replace("-", "")
        interpreter, created = Interpreter.objects.get_or_create(
            office=office,
            name=name,
            defaults={
                "qualification": qualification,
                "hourly_rate": Decimal(rate),
                "availability": availability,
                "email": f"{slug}@dolmetschen.example.{'de' if euro else 'ch'}",
                "phone": "+49 7621 555 01 23" if euro else "+41 62 555 01 23",
            },
        )
        (result.created if created else result.existing)["interpreters"] += 1
        if created:
            for code, dialect in spoken:
                InterpreterLanguage.objects.create(
                    interpreter=interpreter, language=languages[code], dialect=dialect
                )
        interpreters.append(interpreter)
    return interpreters


class _OfficeDemo:
    """Generates the case data of one office (called only when it has none)."""

    def __init__(self, office, counsellors, interpreters, languages, topics, today):
        self.office, self.counsellors = office, counsellors
        self.rng = random.Random(f"counselling-demo-{office.slug}")
        self.languages, self.topics, self.today = languages, topics, today
        self.municipalities = list(office.municipalities.order_by("bfs_number"))
        self.interpreters = {}  # language code: interpreters
        for interpreter in interpreters:
            for spoken in interpreter.languages.all():
                self.interpreters.setdefault(spoken.language.code, []).append(interpreter)
        self.offers = list(
            Offer.objects.filter(office=office, status=Offer.Status.PUBLISHED)
            .select_related("provider")
            .prefetch_related("fields_of_action")
            .order_by("pk")
        )
        self.counts = Counter()
        self.is_german = office.country == "DE"

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def run(self) -> Counter:
        slug = self.office.slug
        names = self._names(CLIENTS_PER_OFFICE[slug])
        for index, (country, gender, name) in enumerate(names):
            # The first client is the showcase (recent intake); the next few have cases closed long ago.
            old = 1 <= index <= OLD_CLOSED_CASES[slug]
            client, intake = self._client(index, country, gender, name, old=old)
            self._case(client, intake, old=old)
            if not old and self.rng.random() < 0.12:
                self._case(client, intake, old=False, later=True)
        for _n in range(6):
            self._case(None, None, old=False)
        self._short_consultations(SHORT_CONSULTATIONS[slug])
        return self.counts

    def _names(self, count: int) -> list[tuple[str, str, str]]:
        weights = COUNTRY_WEIGHTS[self.office.slug]
        pools = {
            c: ([("female", n) for n in PEOPLE[c][1]], [("male", n) for n in PEOPLE[c][2]]) for c in weights
        }
        chosen = [("ER", "female", PEOPLE["ER"][1][0 if self.office.slug != "allschwil" else 1])]
        if self.is_german:
            chosen = [("SY", "male", "Ahmad Khalil")]
        used = {chosen[0][2]}
        while len(chosen) < count:
            country = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            women, men = pools[country]
            candidates = [(g, n) for g, n in women + men if n not in used]
            if not candidates:
                continue
            gender, name = self.rng.choice(candidates)
            used.add(name)
            chosen.append((country, gender, name))
        return chosen

    def _client(self, index: int, country: str, gender: str, name: str, *, old: bool):
        rng = self.rng
        mother_tongue = PEOPLE[country][0]
        pseudonym = index > 2 and rng.random() < 0.15
        if pseudonym:
            first, *rest = name.split()
            name = f"{'Frau' if gender == 'female' else 'Herr'} {first[0]}. {rest[-1][0]}."
        if self.is_german:
            permit = rng.choice(GERMAN_PERMITS_BY_COUNTRY[country])
        else:
            permit = rng.choice(SWISS_PERMITS_BY_COUNTRY[country])
        counsellor = self.counsellors[index % len(self.counsellors)]
        first_contact = self.days_ago(1000, 1150) if old else self.days_ago(20, 700)
        if index == 0:
            first_contact = self.days_ago(40, 60)
        municipality = rng.choice(self.municipalities)
        prefix = "+49 176" if self.is_german else "+41 79"
        client = Client.objects.create(
            office=self.office,
            counsellor=counsellor,
            name=name,
            is_pseudonym=pseudonym,
            name_fingerprint=name_fingerprint(name),
            name_tokens=name_search_tokens(name),
            year_of_birth=rng.randint(1965, 2005),
            gender=gender,
            municipality=municipality,
            country_of_origin=country,
            permit_category=permit,
            arrival_date=first_contact - datetime.timedelta(days=rng.randint(60, 2500)),
            household_adults=rng.choice([1, 1, 2, 2, 2, 3]),
            household_children=rng.choice([0, 0, 1, 2, 3, 4]),
            phone="" if pseudonym else f"{prefix} {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
            email="" if pseudonym or rng.random() < 0.5 else f"{name.split()[0].lower()}@example.net",
            address=""
            if pseudonym
            else f"{rng.choice(['Bahnhofstrasse', 'Dorfstrasse', 'Hauptstrasse'])} "
            f"{rng.randint(1, 80)}, {municipality.name}",
            created_by=counsellor,
        )
        self.counts["clients"] += 1
        qualification = QUALIFICATIONS[country][
            0 if index == 0 else rng.randrange(len(QUALIFICATIONS[country]))
        ]
        kind, title, recognition, education, experience = qualification
        german = "B1" if index == 0 else rng.choice(GERMAN_LEVELS)
        needs_interpreter = german in ("none", "A1") or (german == "A2" and rng.random() < 0.5)
        intake = Intake.objects.create(
            client=client,
            held_on=first_contact,
            education=education,
            school_years=rng.randint(6, 16),
            work_experience=experience,
            goals_text=rng.choice(GOALS_TEXT),
            needs_interpreter=needs_interpreter,
            interpreter_language=self.languages[mother_tongue] if needs_interpreter else None,
            informed_about_data_protection=True,
            recorded_by=counsellor,
        )
        ClientLanguage.objects.create(client=client, language=self.languages[mother_tongue], level="native")
        ClientLanguage.objects.create(client=client, language=self.languages["de"], level=german)
        if rng.random() < 0.3:
            ClientLanguage.objects.create(
                client=client, language=self.languages["en"], level=rng.choice(["A2", "B1", "B2"])
            )
        Qualification.objects.create(
            client=client,
            kind=kind,
            title=title,
            country=country,
            year=first_contact.year - rng.randint(2, 15),
            recognition=recognition,
        )
        self.counts["intakes"] += 1
        goals = {"language"} | set(rng.sample(["work", "training", "family", "housing", "recognition"], 2))
        if recognition in (Qualification.Recognition.IN_PROGRESS, Qualification.Recognition.PARTIAL):
            goals.add("recognition")
        IntakeGoal.objects.bulk_create(IntakeGoal(intake=intake, category=goal) for goal in sorted(goals))
        method = Consent.Method.ORAL_INTERPRETER if needs_interpreter else Consent.Method.SIGNED_PAPER
        Consent.objects.create(
            client=client, scope="storage", given_on=first_contact, method=method, recorded_by=counsellor
        )
        if rng.random() < 0.7:
            withdrawn = first_contact + datetime.timedelta(days=90) if rng.random() < 0.05 else None
            Consent.objects.create(
                client=client,
                scope="contact",
                given_on=first_contact,
                method=method,
                recorded_by=counsellor,
                withdrawn_on=withdrawn if withdrawn and withdrawn < self.today else None,
                withdrawn_by=counsellor if withdrawn and withdrawn < self.today else None,
            )
        if not old and (self.is_german or rng.random() < 0.3):
            self._plan(client, sorted(goals), first_contact)
        return client, intake

    def _plan(self, client: Client, goals: list[str], agreed_on: datetime.date) -> None:
        plan = IntegrationPlan.objects.create(
            client=client,
            agreed_on=agreed_on,
            review_on=agreed_on + datetime.timedelta(days=180),
            note="Gemeinsam vereinbart; Überprüfung halbjährlich.",
        )
        titles = {
            "language": "Deutsch auf Niveau B1",
            "work": "Stelle im gelernten Beruf",
            "training": "Lehrstelle finden",
            "family": "Betreuungsplatz für die Kinder",
            "housing": "Eigene Wohnung",
            "recognition": "Anerkennung des Diploms",
        }
        for order, category in enumerate(goals[:3]):
            progress = self.rng.choice([0, 20, 40, 60, 100])
            status = PlanGoal.Status.ACHIEVED if progress == 100 else PlanGoal.Status.IN_PROGRESS
            goal = PlanGoal.objects.create(
                plan=plan,
                category=category,
                title=titles.get(category, "Ziel"),
                status=status,
                progress=progress,
                order=order,
            )
            due = agreed_on + datetime.timedelta(days=self.rng.randint(30, 240))
            done = status == PlanGoal.Status.ACHIEVED and due <= self.today
            PlanStep.objects.create(
                goal=goal,
                description="Anmeldung und erster Termin",
                responsible="Beratung",
                due_on=due,
                status=PlanStep.Status.DONE if done else PlanStep.Status.OPEN,
                done_on=due if done else None,
            )
        self.counts["plans"] += 1

    def _case(self, client, intake, *, old: bool, later: bool = False) -> None:
        rng, today = self.rng, self.today
        counsellor = client.counsellor if client else rng.choice(self.counsellors)
        if client:
            opened = intake.held_on
            if later:
                opened = min(
                    today - datetime.timedelta(days=3),
                    opened + datetime.timedelta(days=rng.randint(150, 400)),
                )
        else:
            opened = self.days_ago(5, 360)
        if old:
            status, closed = Case.Status.CLOSED, opened + datetime.timedelta(days=rng.randint(30, 200))
        elif (today - opened).days > 300:
            status = Case.Status.CLOSED if rng.random() < 0.75 else Case.Status.WAITING
        else:
            status = rng.choices(
                [Case.Status.OPEN, Case.Status.WAITING, Case.Status.CLOSED], weights=[5, 2, 3]
            )[0]
        if client is None:
            status = Case.Status.CLOSED if (today - opened).days > 30 else Case.Status.OPEN
        if status == Case.Status.CLOSED and not old:
            closed = min(
                today - datetime.timedelta(days=1), opened + datetime.timedelta(days=rng.randint(7, 160))
            )
            closed = max(closed, opened)
        elif not old:
            closed = None
        # Open cases with a client whose first contact is long ago stay open: realistic long cases.
        topic_slugs = list(
            dict.fromkeys(
                rng.choices(
                    list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()), k=rng.choice([1, 2, 2, 3])
                )
            )
        )
        mother_tongue = intake.interpreter_language if intake and intake.needs_interpreter else None
        case = Case.objects.create(
            office=self.office,
            client=client,
            counsellor=counsellor,
            municipality=client.municipality if client else rng.choice(self.municipalities),
            language=mother_tongue or self.languages["de"],
            status=status,
            close_reason=rng.choice(list(Case.CloseReason.values)) if closed else "",
            opened_on=opened,
            closed_on=closed,
            summary="" if client is None else "Erstberatung: " + rng.choice(GOALS_TEXT),
        )
        case.topics.set([self.topics[s] for s in topic_slugs])
        if client and len(self.counsellors) > 1 and rng.random() < 0.1:
            case.shared_with.set([c for c in self.counsellors if c != counsellor][:1])
        self.counts["cases"] += 1
        self._sessions(case, topic_slugs, mother_tongue)
        if client and rng.random() < 0.45:
            self._referral(case, client, topic_slugs)
        if status != Case.Status.CLOSED:
            self._follow_ups(case, counsellor)

    def _sessions(self, case: Case, topic_slugs: list[str], language) -> None:
        rng = self.rng
        end = case.closed_on or self.today
        span = (end - case.opened_on).days
        count = 1 if case.client_id is None else rng.randint(1, 5)
        days = sorted({0, *(rng.randint(0, span) for _n in range(count - 1))})
        channels = ["in_person"] * 7 + ["phone"] * 2 + ["video", "email"]
        for offset in days:
            held_on = case.opened_on + datetime.timedelta(days=offset)
            channel = rng.choice(channels)
            with_interpreter = language is not None and channel != "email" and rng.random() < 0.85
            duration = rng.choice([30, 45, 45, 60, 60, 90]) if channel != "email" else 15
            session = CounsellingSession.objects.create(
                case=case,
                held_on=held_on,
                duration_minutes=duration,
                channel=channel,
                interpreter_used=with_interpreter,
                language=language if with_interpreter else self.languages["de"],
                notes="" if rng.random() < 0.15 else rng.choice(NOTES[rng.choice(topic_slugs)]),
                created_by=case.counsellor,
            )
            self.counts["sessions"] += 1
            if with_interpreter:
                self._booking(case, session.held_on, language, duration, channel, session=session)
        if language is not None and case.status != Case.Status.CLOSED and rng.random() < 0.6:
            # The next appointment, with an interpreter booked (or still being looked for).
            when = self.today + datetime.timedelta(days=rng.randint(1, 14))
            self._booking(case, when, language, 60, "in_person", session=None)

    def _booking(self, case, when, language, duration, channel, *, session) -> None:
        rng = self.rng
        pool = self.interpreters.get(language.code, [])
        if session is not None:
            status = InterpreterBooking.Status.DONE
        else:
            status = rng.choice(
                [InterpreterBooking.Status.CONFIRMED] * 3 + [InterpreterBooking.Status.REQUESTED]
            )
        interpreter = rng.choice(pool) if pool and status != InterpreterBooking.Status.REQUESTED else None
        if session is not None and rng.random() < 0.04:
            status = InterpreterBooking.Status.CANCELLED
        mode = {"in_person": "on_site", "phone": "phone", "video": "video"}[channel]
        InterpreterBooking.objects.create(
            office=self.office,
            case=case,
            session=session,
            interpreter=interpreter,
            language=language,
            date=when,
            start_time=datetime.time(rng.choice([8, 9, 10, 13, 14, 15]), rng.choice([0, 30])),
            duration_minutes=max(30, duration),
            mode=mode,
            status=status,
            requested_by=case.counsellor,
            cost=Decimal("40.00") if status == InterpreterBooking.Status.CANCELLED else None,
            note="Kurzfristig abgesagt, Ausfallentschädigung."
            if status == InterpreterBooking.Status.CANCELLED
            else "",
        )
        self.counts["interpreter_bookings"] += 1

    def _referral(self, case: Case, client: Client, topic_slugs: list[str]) -> None:
        rng = self.rng
        areas = set().union(*(TOPIC_AREAS[s] for s in topic_slugs))
        fitting = [
            o for o in self.offers if areas & {a.slug for a in o.fields_of_action.all()}
        ] or self.offers
        if not fitting:
            return
        offer = rng.choice(fitting)
        Status, Outcome = Referral.Status, Referral.Outcome
        if case.status == Case.Status.CLOSED:
            status = rng.choice([Status.DONE, Status.DONE, Status.DONE, Status.REJECTED, Status.REVOKED])
        else:
            status = rng.choice([Status.IN_PROGRESS, Status.IN_PROGRESS, Status.ACCEPTED, Status.DONE])
        outcome = reason = ""
        if status == Status.DONE:
            outcome = Outcome.SUCCESS if rng.random() < 0.7 else Outcome.FAILED
            if outcome == Outcome.FAILED:
                reason = rng.choice(list(Referral.FailureReason.values))
        consent = None
        if rng.random() < 0.3:
            consent = Consent.objects.create(
                client=client,
                scope="sharing",
                partner=offer.provider,
                given_on=case.opened_on,
                method=Consent.Method.SIGNED_PAPER,
                note="Weitergabe von Name und Telefonnummer.",
                recorded_by=case.counsellor,
            )
        Referral.objects.create(
            case=case,
            offer=offer,
            organisation=offer.provider,
            status=status,
            outcome=outcome,
            failure_reason=reason,
            shares_data=consent is not None,
            consent=consent,
            created_by=case.counsellor,
            note="Anmeldung gemeinsam ausgefüllt." if consent else "",
        )
        self.counts["referrals"] += 1

    def _follow_ups(self, case: Case, counsellor) -> None:
        rng, today = self.rng, self.today
        # Most open cases have a follow-up this week (from today to Sunday); some are overdue.
        rest_of_week = 6 - today.weekday()
        due = today + datetime.timedelta(days=rng.randint(0, rest_of_week))
        if rng.random() < 0.25:
            due = today + datetime.timedelta(days=rng.randint(-6, 30))
        due = max(due, case.opened_on)
        FollowUp.objects.create(case=case, due_on=due, note=rng.choice(FOLLOW_UPS), created_by=counsellor)
        if rng.random() < 0.4:
            done_on = max(case.opened_on, today - datetime.timedelta(days=rng.randint(1, 20)))
            FollowUp.objects.create(
                case=case, due_on=done_on, done_on=done_on, note=rng.choice(FOLLOW_UPS), created_by=counsellor
            )
        self.counts["follow_ups"] += 1

    def _short_consultations(self, count: int) -> None:
        rng = self.rng
        other = ["ti", "ar", "prs", "uk", "tr", "sq", "ta", "so", "en"]
        rows = []
        for _n in range(count):
            code = "de" if rng.random() < 0.6 else rng.choice(other)
            rows.append(
                ShortConsultation(
                    office=self.office,
                    held_on=self.days_ago(0, 364),
                    topic=self.topics[
                        rng.choices(list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()))[0]
                    ],
                    duration_minutes=rng.choice([5, 10, 10, 15, 15, 20, 30]),
                    language=self.languages[code],
                    municipality=rng.choice(self.municipalities),
                    channel=rng.choice(["in_person"] * 5 + ["phone"] * 4 + ["email"]),
                    recorded_by=rng.choice(self.counsellors),
                )
            )
        ShortConsultation.objects.bulk_create(rows)
        self.counts["short_consultations"] += count


def load_counselling_demo() -> CounsellingDemoResult:
    """Create whatever of the counselling demo is missing (offices without their demo office are skipped)."""
    result = CounsellingDemoResult()
    today = timezone.localdate()
    with transaction.atomic():
        seed_topics(Topic)
        topics = {t.slug: t for t in Topic.objects.all()}
        languages = {lang.code: lang for lang in Language.objects.all()}
        offices = list(Office.objects.filter(slug__in=list(STAFF)).order_by("slug"))
        for office in offices:
            users = _ensure_staff(office, result)
            interpreters = _ensure_settings_and_interpreters(office, result, languages)
            counsellors = [
                users[username] for username, _f, _l, role in STAFF[office.slug] if role == Role.COUNSELLOR
            ]
            if Client.objects.filter(office=office).exists() or Case.objects.filter(office=office).exists():
                result.existing["offices_with_cases"] += 1
                continue
            demo = _OfficeDemo(office, counsellors, interpreters, languages, topics, today)
            result.created.update(demo.run())
            result.created["offices_with_cases"] += 1
        all_demo_offices = list(
            Office.objects.filter(slug__in=["region-zofingen", "allschwil", "kanton-zuerich", "loerrach"])
        )
        _ensure_two_factor(result, all_demo_offices)
    return result
