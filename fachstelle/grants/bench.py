"""The synthetic grants data set of `make bench` (issue 7): 10 years × 5 funding programmes × 2,000
applications with 10 budget lines each in an office of its own (`bench-grants`), in a realistic mix of
statuses: drafts, submitted, in review (1–2 assessments), approved (a Grant, 1–3 payouts, final reports and
settlements for the older years), rejected, withdrawn.

Fast by design, like fachstelle.counselling.bench (whose writer and id allocation it reuses): ids allocated
here, rows written with COPY on PostgreSQL (executemany on SQLite, for tests), one transaction per programme
(2,000 applications, 20,000 budget lines and what hangs on them), no ORM, no services. Budget figures follow
budget_math: every application's budget adds up (requested = costs − own − third party), approved amounts
never exceed the programme budget, payouts add up to the grant.

The office has its own municipalities and users (`bench-grants-leitung` admin, `bench-grants-reviewer-NN`
counsellors, `bench-grants-statistik`), so regenerating the directory's bench offices never touches it. The
concurrent-approval race of bench/grants.sh uses a programme of its own (`bench_race_prepare`).
"""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from fachstelle.core.models import Membership, Municipality, Office, PromotionArea, TargetGroup
from fachstelle.counselling.bench import _Ids, _table, _Writer
from fachstelle.offers.demo import bench_blocks as blocks

from .models import (
    Application,
    ApplicationMessage,
    Assessment,
    AssessmentCriterion,
    AssessmentScore,
    Attachment,
    BudgetLine,
    FinalReport,
    FundingProgramme,
    Grant,
    Payout,
)
from .services.applications import reference_prefix

OFFICE_SLUG = "bench-grants"
USER_PREFIX = "bench-grants-"
ADMIN_USERNAME = f"{USER_PREFIX}leitung"
STATISTICS_USERNAME = f"{USER_PREFIX}statistik"
REVIEWERS = 8
DISTRICT = "Benchmark grants"  # marks the municipalities made here
NUMBER_START = 9701  # official numbers 9701–9712 (the directory bench uses 9001…, the content bench 9801…)
MUNICIPALITIES = 12
RACE_SLUG = "bench-approval-race"  # the programme of the concurrent approvals (not part of the data set)
LINES_COST, LINES_OWN = 7, 2  # of the 10 budget lines; the rest third-party funding
# (slug, name, maximum per project in CHF)
PROGRAMMES = [
    ("kleinprojekte", "Kleinprojekte Integration", 10_000),
    ("sprache-begegnung", "Sprache und Begegnung", 8_000),
    ("fruehe-kindheit", "Frühe Kindheit", 12_000),
    ("arbeit-qualifikation", "Arbeitsmarkt und Qualifikation", 15_000),
    ("zusammenleben", "Zusammenleben und Partizipation", 6_000),
]
CRITERIA = [
    ("Bedarf ausgewiesen", 3),
    ("Zielgruppe erreicht", 2),
    ("Wirtschaftlichkeit", 2),
    ("Nachhaltigkeit", 1),
]
# Status mix (weights) of closed years and of the current year.
PAST_MIX = {"approved": 46, "rejected": 30, "withdrawn": 6, "draft": 10, "in_review": 0, "submitted": 0}
CURRENT_MIX = {"approved": 18, "rejected": 8, "withdrawn": 4, "draft": 20, "in_review": 25, "submitted": 25}
TITLES = [
    "Deutsch-Café für Frauen in {place}",
    "Konversationstreff Deutsch {place}",
    "Elterncafé {place}",
    "Hausaufgabenhilfe für Kinder in {place}",
    "Nähatelier und Sprachtreff {place}",
    "Jugendtreff Begegnung {place}",
    "Bewerbungswerkstatt {place}",
    "Interkultureller Garten {place}",
    "Velofahrkurs für Frauen in {place}",
    "Lesepatenschaften {place}",
    "Spielgruppe mit Deutschförderung {place}",
    "Kochabende der Kulturen {place}",
    "Informationsabende für Neuzugezogene {place}",
    "Computerkurs für Eltern {place}",
]
COST_LINES = [
    ("personnel", "Kursleitung (Honorar)"),
    ("volunteers", "Spesen Freiwillige"),
    ("rooms", "Raummiete"),
    ("material", "Lehrmittel und Material"),
    ("interpreting", "Interkulturelles Dolmetschen"),
    ("childcare", "Kinderbetreuung"),
    ("communication", "Flyer und Übersetzungen"),
    ("travel", "Reisekosten"),
    ("other", "Verpflegung"),
]
OWN_LINES = ["Eigenleistung Verein (Freiwilligenstunden)", "Mitgliederbeiträge"]
THIRD_LINES = ["Gemeindebeitrag", "Stiftung", "Kirchgemeinde", "Lotteriefonds"]
LEGAL_FORMS = ["association"] * 7 + ["group", "foundation", "institution"]
CONDITIONS = "Der Beitrag ist im Schlussbericht auszuweisen. Nicht verwendete Mittel sind zurückzuzahlen."


@dataclass
class BenchGrantsResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def bench_grants_office() -> Office | None:
    return Office.objects.filter(slug=OFFICE_SLUG).first()


def bench_programmes():
    """The generated programmes (not the approval race's)."""
    return FundingProgramme.objects.filter(office__slug=OFFICE_SLUG).exclude(slug__startswith=RACE_SLUG)


def bench_grants_counts() -> dict[str, int]:
    programmes = bench_programmes()
    applications = Application.objects.filter(programme__in=programmes)
    grants = Grant.objects.filter(programme__in=programmes)
    return {
        "programmes": programmes.count(),
        "years": programmes.values("year").distinct().count(),
        "applications": applications.count(),
        "budget_lines": BudgetLine.objects.filter(application__programme__in=programmes).count(),
        "grants": grants.count(),
        "payouts": Payout.objects.filter(grant__programme__in=programmes).count(),
        "assessments": Assessment.objects.filter(application__programme__in=programmes).count(),
        "open_for_review": applications.filter(status__in=["submitted", "in_review"]).count(),
    }


def bench_grants_complete(*, years: int, programmes: int, applications: int, lines: int) -> bool:
    counts = bench_grants_counts()
    return (
        counts["programmes"] == years * programmes
        and counts["years"] == years
        and counts["applications"] == years * programmes * applications
        and counts["budget_lines"] == years * programmes * applications * lines
    )


def bench_grants_exists() -> bool:
    return FundingProgramme.objects.filter(office__slug=OFFICE_SLUG).exists()


def _delete_programmes(where: str) -> None:
    """Raw DELETEs of the programmes matching `where` (SQL on the programme table) and everything on them:
    the ORM would fetch a million budget lines to cascade them one by one (and Grant/Payout are PROTECT)."""
    programme_ids = f"SELECT id FROM {_table(FundingProgramme)} WHERE {where}"  # noqa: S608
    app_ids = f"SELECT id FROM {_table(Application)} WHERE programme_id IN ({programme_ids})"  # noqa: S608
    grant_ids = f"SELECT id FROM {_table(Grant)} WHERE programme_id IN ({programme_ids})"  # noqa: S608
    assessment_ids = f"SELECT id FROM {_table(Assessment)} WHERE application_id IN ({app_ids})"  # noqa: S608
    statements = [
        (AssessmentScore, f"assessment_id IN ({assessment_ids})"),
        (Assessment, f"application_id IN ({app_ids})"),
        (Payout, f"grant_id IN ({grant_ids})"),
        (FinalReport, f"grant_id IN ({grant_ids})"),
        (Grant, f"programme_id IN ({programme_ids})"),
        (BudgetLine, f"application_id IN ({app_ids})"),
        (Attachment, f"application_id IN ({app_ids})"),
        (ApplicationMessage, f"application_id IN ({app_ids})"),
        (Application.municipalities.through, f"application_id IN ({app_ids})"),
        (Application.target_groups.through, f"application_id IN ({app_ids})"),
        (Application, f"programme_id IN ({programme_ids})"),
        (AssessmentCriterion, f"programme_id IN ({programme_ids})"),
        (FundingProgramme.promotion_areas.through, f"fundingprogramme_id IN ({programme_ids})"),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model, condition in statements:
            cursor.execute(f"DELETE FROM {_table(model)} WHERE {condition}")  # noqa: S608
        cursor.execute(f"DELETE FROM {_table(FundingProgramme)} WHERE {where}")  # noqa: S608


def bench_grants_delete() -> int:
    """Delete all grant data of the bench office (the race programme too). The office, its municipalities,
    users and audit log stay. Returns the number of applications deleted."""
    office = bench_grants_office()
    if office is None:
        return 0
    deleted = Application.objects.filter(office=office).count()
    _delete_programmes(f"office_id = {int(office.pk)}")
    return deleted


def ensure_office() -> Office:
    office = bench_grants_office()
    if office is None:
        office = Office.objects.create(
            name="Bench Projektförderung",
            short_name="Bench Förderung",
            slug=OFFICE_SLUG,
            kind=Office.Kind.REGIONAL,
            intro="Synthetische Benchmark-Daten (Projektförderung).",
        )
    if not office.municipalities.exists():
        places = [
            Municipality.objects.get_or_create(
                country="CH",
                bfs_number=number,
                defaults={
                    "name": f"Förderwil {number - NUMBER_START + 1}",
                    "canton": "AG",
                    "district": DISTRICT,
                },
            )[0]
            for number in range(NUMBER_START, NUMBER_START + MUNICIPALITIES)
        ]
        office.municipalities.add(*places)
    return office


def ensure_users(office: Office) -> tuple[int, list[int]]:
    """(admin id, reviewer ids); users and memberships reused when they exist."""
    user_model = get_user_model()
    unusable = make_password(None)  # bench users never log in with a password (bench_session)
    reviewers = [f"{USER_PREFIX}reviewer-{n:02d}" for n in range(1, REVIEWERS + 1)]
    roles = {ADMIN_USERNAME: Membership.Role.ADMIN, STATISTICS_USERNAME: Membership.Role.STATISTICS}
    roles |= dict.fromkeys(reviewers, Membership.Role.COUNSELLOR)
    existing = set(user_model.objects.filter(username__in=roles).values_list("username", flat=True))
    user_model.objects.bulk_create(
        [
            user_model(username=name, password=unusable, is_staff=True, email=f"{name}@example.ch")
            for name in roles
            if name not in existing
        ]
    )
    ids = dict(user_model.objects.filter(username__in=roles).values_list("username", "pk"))
    Membership.objects.bulk_create(
        [Membership(user_id=ids[name], office=office, role=role) for name, role in roles.items()],
        ignore_conflicts=True,
    )
    return ids[ADMIN_USERNAME], [ids[name] for name in reviewers]


# Column order of the rows the generator builds.
# fmt: off
PROGRAMME_FIELDS = [
    "id", "office", "year", "name", "slug", "description", "eligibility", "currency", "budget", "max_amount",
    "min_own_share_percent", "opens_on", "closes_on", "required_documents", "report_due_days", "status",
    "publish_funded_projects", "created_at", "updated_at",
]
CRITERION_FIELDS = ["id", "programme", "name", "description", "weight", "order"]
APPLICATION_FIELDS = [
    "id", "programme", "office", "reference", "status", "organisation", "organisation_name", "legal_form",
    "street", "postcode", "city", "website", "contact_name", "contact_email", "contact_phone", "iban",
    "account_holder", "project_title", "summary", "description", "goals", "target_group_text",
    "expected_participants", "promotion_area", "starts_on", "ends_on", "schedule", "partners",
    "requested_amount", "publish_consent", "advice_requested_at", "token", "submission_key", "submitted_at",
    "checklist", "assigned_to", "recommendation", "recommended_amount", "decided_at", "decided_by",
    "rejection_reason", "version", "created_at", "updated_at",
]
LINE_FIELDS = ["id", "application", "kind", "category", "description", "amount", "actual_amount", "order"]
ASSESSMENT_FIELDS = [
    "id", "application", "reviewer", "recommendation", "proposed_amount", "comment", "weighted_score",
    "created_at", "updated_at",
]
SCORE_FIELDS = ["id", "assessment", "criterion", "score", "comment"]
GRANT_FIELDS = [
    "id", "application", "programme", "amount", "conditions", "status", "decided_at", "decided_by", "letter",
    "letter_sent_at", "report_due_on", "report_reminded_at", "repayment_amount", "repaid_amount", "repaid_on",
    "settled_at", "closed_at", "publish",
]
PAYOUT_FIELDS = [
    "id", "grant", "number", "amount", "planned_on", "status", "released_at", "released_by", "paid_on",
    "paid_recorded_by", "booking_reference",
]
REPORT_FIELDS = [
    "id", "grant", "status", "activities", "goals_reached", "participants_reached", "lessons", "submitted_at",
    "reviewed_at", "reviewed_by", "review_note",
]
ID_MODELS = [
    FundingProgramme, AssessmentCriterion, Application, BudgetLine, Assessment, AssessmentScore, Grant,
    Payout, FinalReport,
]
# fmt: on
ANALYZE_MODELS = [
    *ID_MODELS,
    Application.municipalities.through,
    Application.target_groups.through,
    FundingProgramme.promotion_areas.through,
]
CENT = Decimal("0.01")


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def _split(total: int, parts: int, rng: random.Random, step: int = 10) -> list[int]:
    """`total` (a multiple of `step`) in `parts` positive-ish multiples of `step` that add up exactly."""
    if parts == 1:
        return [total]
    units = total // step
    weights = [rng.uniform(0.5, 2.0) for _n in range(parts)]
    scale = units / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[-1] += units - sum(shares)
    return [share * step for share in shares]


class _Generator:
    def __init__(self, *, rng, writer: _Writer, ids: _Ids, office: Office, admin: int, reviewers: list[int]):
        self.rng, self.w, self.ids = rng, writer, ids
        self.office, self.admin, self.reviewers = office, admin, reviewers
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.places = list(office.municipalities.order_by("bfs_number").values_list("pk", "name"))
        self.areas = list(PromotionArea.objects.order_by("code").values_list("pk", flat=True))
        self.target_groups = list(TargetGroup.objects.order_by("pk").values_list("pk", flat=True))
        self.counts: dict[str, int] = {}
        self.reference_numbers: dict[str, int] = {}

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def dt(self, value):
        """A datetime as the writer's backend takes it (SQLite: adapted like the ORM does)."""
        if value is None:
            return None
        return value if self.w.postgres else connection.ops.adapt_datetimefield_value(value)

    def uuid(self, value: uuid.UUID):
        return value if self.w.postgres else value.hex

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A working-hours moment on `day`, never in the future."""
        value = datetime.datetime.combine(
            day, datetime.time(7 + self.rng.randint(0, 10), self.rng.randint(0, 59))
        )
        return min(timezone.make_aware(value), self.now)

    def day_after(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return min(day + datetime.timedelta(days=self.rng.randint(low, high)), self.today)

    # --- one programme ---------------------------------------------------------------------------

    def programme(self, *, year: int, index: int, applications: int, lines: int) -> None:
        rng, current = self.rng, year == self.today.year
        slug, name, maximum = PROGRAMMES[index % len(PROGRAMMES)]
        if index >= len(PROGRAMMES):
            slug, name = f"{slug}-{index + 1}", f"{name} {index + 1}"
        programme_id = self.ids.take(FundingProgramme)
        opens_on = datetime.date(year, 1, 15)
        closes_on = datetime.date(year, 12, 31) if current else datetime.date(year, 10, 31)
        if current:
            programme_status = FundingProgramme.Status.OPEN
        elif year >= self.today.year - 2:
            programme_status = FundingProgramme.Status.CLOSED
        else:
            programme_status = FundingProgramme.Status.ARCHIVED
        criteria = []
        for order, (label, weight) in enumerate(CRITERIA):
            criteria.append((self.ids.take(AssessmentCriterion), programme_id, label, "", weight, order))
        total_weight = sum(weight for _label, weight in CRITERIA)
        mix = CURRENT_MIX if current else PAST_MIX
        statuses, weights = list(mix), list(mix.values())
        areas = rng.sample(self.areas, min(2, len(self.areas))) if self.areas else []
        last_window_day = min(closes_on, self.today)
        # References as application_submit allocates them ("SB-2026-0042"), unique in the office.
        stem = f"{reference_prefix(FundingProgramme(slug=slug))}-{year}-"

        apps, budget_lines, places, groups = [], [], [], []
        assessments, scores, grants, payouts, reports = [], [], [], [], []
        committed = pending = 0
        for _n in range(applications):
            app_id = self.ids.take(Application)
            status = rng.choices(statuses, weights)[0]
            place_id, place = rng.choice(self.places)
            requested = rng.randrange(1_000, maximum + 1, 50)
            own = rng.randrange(0, requested // 2 + 1, 10) + 200
            third = rng.randrange(0, requested + 1, 10) if rng.random() < 0.6 else 0
            costs = requested + own + third
            # The budget: 7 cost lines, 2 own contributions, 1 third-party line (0 when none).
            kinds = [("cost", c) for c in rng.sample(COST_LINES, LINES_COST)]
            amounts = _split(costs, LINES_COST, rng) + _split(own, LINES_OWN, rng)
            kinds += [("own", ("other", label)) for label in OWN_LINES]
            for _k in range(lines - LINES_COST - LINES_OWN):
                kinds.append(("third_party", ("other", rng.choice(THIRD_LINES))))
            amounts += _split(third, max(1, lines - LINES_COST - LINES_OWN), rng)
            created = self.moment(
                opens_on + datetime.timedelta(days=rng.randint(0, max(0, (last_window_day - opens_on).days)))
            )
            submitted = decided = None
            if status != "draft":
                submitted = min(created + datetime.timedelta(days=rng.randint(0, 14)), self.now)
            if status in {"approved", "rejected"}:
                decided = self.moment(self.day_after(timezone.localtime(submitted).date(), 20, 90))
                decided = max(decided, submitted)
            base_day = timezone.localtime(submitted or created).date()
            starts_on = base_day + datetime.timedelta(days=rng.randint(30, 75))
            ends_on = starts_on + datetime.timedelta(days=rng.randint(60, 240))
            reviewer = rng.choice(self.reviewers) if status not in {"draft", "withdrawn"} else None
            amount = requested
            if status == "approved" and rng.random() < 0.25:
                amount = max(500, (requested * rng.randint(60, 90) // 100) // 100 * 100)
            recommended = (
                _money(amount) if status in {"in_review", "approved"} and rng.random() < 0.7 else None
            )
            number = self.reference_numbers[stem] = self.reference_numbers.get(stem, 0) + 1
            organisation = rng.choice(blocks.PROVIDER_PATTERNS)[0].format(
                place=place, nation=rng.choice(blocks.NATIONS)
            )
            title = rng.choice(TITLES).format(place=place)
            contact = f"Kontakt {app_id}"
            apps.append(
                (
                    app_id, programme_id, self.office.pk,
                    f"{stem}{number:04d}" if status != "draft" else "",
                    status, None, organisation, rng.choice(LEGAL_FORMS),
                    f"{rng.choice(blocks.STREETS)} {rng.randint(1, 99)}",
                    str(4800 + rng.randint(0, 99)), place, "", contact, f"kontakt.{app_id}@example.ch",
                    "+41 62 000 00 00", "CH93 0076 2011 6238 5295 7", organisation, title,
                    f"{title}: regelmässige Treffen, Deutsch üben, Kontakte knüpfen.",
                    "Synthetisches Gesuch für den Benchmark.", "Teilnehmende gewinnen Sicherheit im Alltag.",
                    "Frauen, Eltern, Neuzugezogene", rng.randint(8, 80),
                    rng.choice(areas) if areas else None, starts_on, ends_on, "", "",
                    _money(requested), rng.random() < 0.8,
                    None, f"bench-{app_id}-{rng.getrandbits(64):016x}",
                    self.uuid(uuid.UUID(int=rng.getrandbits(128))),
                    self.dt(submitted), "{}", reviewer, "", recommended, self.dt(decided),
                    self.admin if decided else None,
                    "Die Kriterien des Programms sind nicht erfüllt." if status == "rejected" else "",
                    1, self.dt(created), self.dt(decided or submitted or created),
                )
            )  # fmt: skip
            places.append((app_id, place_id))
            if self.target_groups:
                for group in rng.sample(self.target_groups, min(len(self.target_groups), rng.randint(1, 2))):
                    groups.append((app_id, group))
            settled = status == "approved" and year < self.today.year - 1
            for order, ((kind, (category, label)), value) in enumerate(zip(kinds, amounts, strict=True)):
                actual = None
                if settled:
                    # The final report's actual figures: most projects as planned, some spent less.
                    actual = _money(value if kind != "cost" or rng.random() < 0.85 else value * 0.9)
                budget_lines.append(
                    (self.ids.take(BudgetLine), app_id, kind, category, label, _money(value), actual, order)
                )
            if status in {"in_review", "approved", "rejected"}:
                for reviewer_id in rng.sample(self.reviewers, rng.randint(1, 2)):
                    assessment_id = self.ids.take(Assessment)
                    points, total = [], 0
                    for criterion in criteria:
                        score = rng.randint(1, 5) if status != "rejected" else rng.randint(0, 3)
                        points.append(
                            (self.ids.take(AssessmentScore), assessment_id, criterion[0], score, "")
                        )
                        total += score * criterion[4]
                    weighted = Decimal(total * 100 / (5 * total_weight)).quantize(Decimal("0.1"))
                    recommendation = {"approved": "approve", "rejected": "reject"}.get(status) or rng.choice(
                        ["approve", "reduce", "reject"]
                    )
                    when = self.dt(min(submitted + datetime.timedelta(days=rng.randint(3, 19)), self.now))
                    assessments.append(
                        (
                            assessment_id, app_id, reviewer_id, recommendation,
                            _money(amount) if recommendation != "reject" else None, "", weighted, when, when,
                        )
                    )  # fmt: skip
                    scores += points
            if status == "approved":
                committed += amount
                self._grant(
                    app_id=app_id, programme_id=programme_id, amount=amount, decided=decided, year=year,
                    ends_on=ends_on, grants=grants, payouts=payouts, reports=reports,
                    underspent=settled, app_lines=budget_lines[-lines:],
                )  # fmt: skip
            elif status in {"submitted", "in_review"}:
                pending += requested
        # The budget covers what was approved, with some left (and room for a share of the open
        # applications in the current year), rounded up to CHF 10,000.
        budget = committed / rng.uniform(0.86, 0.98) + pending * 0.4
        budget = int(budget // 10_000 + 1) * 10_000
        programme_row = (
            programme_id, self.office.pk, year, f"{name} {year}", f"{slug}-{year}",
            "Beiträge an Projekte der sozialen Integration in der Region.",
            "Vereine, Gruppen und Institutionen mit Projekten in der Region.", "CHF", _money(budget),
            _money(maximum), 10, opens_on, closes_on, '["Statuten", "Jahresrechnung"]', 60, programme_status,
            True,
            self.dt(self.moment(opens_on - datetime.timedelta(days=30))), self.dt(self.now),
        )  # fmt: skip
        with transaction.atomic():
            self.w.write(FundingProgramme, PROGRAMME_FIELDS, [programme_row])
            self.w.write(
                FundingProgramme.promotion_areas.through,
                ["fundingprogramme", "promotionarea"],
                [(programme_id, area) for area in areas],
            )
            self.w.write(AssessmentCriterion, CRITERION_FIELDS, criteria)
            self.w.write(Application, APPLICATION_FIELDS, apps)
            self.w.write(Application.municipalities.through, ["application", "municipality"], places)
            self.w.write(Application.target_groups.through, ["application", "targetgroup"], groups)
            self.w.write(BudgetLine, LINE_FIELDS, budget_lines)
            self.w.write(Assessment, ASSESSMENT_FIELDS, assessments)
            self.w.write(AssessmentScore, SCORE_FIELDS, scores)
            self.w.write(Grant, GRANT_FIELDS, grants)
            self.w.write(Payout, PAYOUT_FIELDS, payouts)
            self.w.write(FinalReport, REPORT_FIELDS, reports)
        self.add("programmes", 1)
        self.add("applications", len(apps))
        self.add("budget_lines", len(budget_lines))
        self.add("assessments", len(assessments))
        self.add("assessment_scores", len(scores))
        self.add("grants", len(grants))
        self.add("payouts", len(payouts))
        self.add("final_reports", len(reports))

    def _grant(
        self, *, app_id, programme_id, amount, decided, year, ends_on, grants, payouts, reports, underspent,
        app_lines,
    ) -> None:  # fmt: skip
        rng, this_year = self.rng, self.today.year
        grant_id = self.ids.take(Grant)
        report_due_on = ends_on + datetime.timedelta(days=60)
        repayment = repaid = ZERO_MONEY
        repaid_on = settled_at = closed_at = None
        if year == this_year:
            status = "report_due" if report_due_on <= self.today + datetime.timedelta(days=30) else "approved"
        elif year == this_year - 1:
            status = rng.choices(["report_due", "report_submitted", "settled", "closed"], [2, 3, 4, 1])[0]
        else:
            status = rng.choices(["closed", "settled", "cancelled"], [90, 8, 2])[0]
        if underspent:
            # Settlement as the final report shows it: unused money goes back (budget_math's gap).
            costs = sum(line[6] for line in app_lines if line[2] == "cost")
            income = sum(line[6] for line in app_lines if line[2] != "cost")
            gap = max(ZERO_MONEY, costs - income)
            repayment = max(ZERO_MONEY, _money(amount) - gap)
        if status in {"settled", "closed"}:
            settled_at = self.moment(self.day_after(report_due_on, -30, 10))
        if status == "closed":
            closed_at = settled_at
            repaid = repayment
            repaid_on = timezone.localtime(settled_at).date() if repayment else None
        if status == "cancelled":
            repayment = ZERO_MONEY
        grants.append(
            (
                grant_id, app_id, programme_id, _money(amount), CONDITIONS, status, self.dt(decided),
                self.admin, "", self.dt(min(decided + datetime.timedelta(hours=2), self.now)), report_due_on,
                None, repayment, repaid,
                repaid_on, self.dt(settled_at), self.dt(closed_at), rng.random() < 0.7,
            )
        )  # fmt: skip
        parts = rng.choice([1, 2, 2, 3])
        shares = _split(amount if amount % 10 == 0 else amount - amount % 10, parts, rng)
        shares[-1] += amount % 10
        decided_day = timezone.localtime(decided).date()
        for number, share in enumerate(shares, start=1):
            planned = decided_day + datetime.timedelta(days=30 + 90 * (number - 1))
            if status == "cancelled":
                pay_status = "paid" if number == 1 else "cancelled"
            elif status in {"approved", "report_due"} and planned > self.today:
                pay_status = "planned" if rng.random() < 0.8 else "released"
            else:
                pay_status = "paid"
            released = self.moment(min(planned, self.today)) if pay_status in {"released", "paid"} else None
            paid_on = self.day_after(planned, 0, 5) if pay_status == "paid" else None
            payouts.append(
                (
                    self.ids.take(Payout), grant_id, number, _money(share), planned, pay_status,
                    self.dt(released), self.admin if released else None, paid_on,
                    self.admin if paid_on else None, f"ZA-{grant_id}-{number}" if paid_on else "",
                )
            )  # fmt: skip
        if status in {"report_submitted", "settled", "closed"}:
            submitted = self.moment(self.day_after(report_due_on, -40, 0))
            reviewed = settled_at if status != "report_submitted" else None
            reports.append(
                (
                    self.ids.take(FinalReport), grant_id, "submitted" if reviewed is None else "accepted",
                    "Das Projekt wurde wie geplant durchgeführt.", "Die Ziele wurden weitgehend erreicht.",
                    rng.randint(6, 90), "", self.dt(submitted), self.dt(reviewed),
                    self.admin if reviewed else None, "",
                )
            )  # fmt: skip


ZERO_MONEY = Decimal("0.00")


def bench_grants_generate(
    *,
    years: int = 10,
    programmes: int = 5,
    applications: int = 2_000,
    lines: int = 10,
    seed: int = 7,
    report: Callable[[str], None] | None = None,
) -> BenchGrantsResult:
    """Generate the data set (call bench_grants_delete first when one exists). `years` ending with the
    current one, `programmes` per year, `applications` per programme, `lines` budget lines each (≥ 10: 7
    cost lines, 2 own contributions, the rest third-party funding)."""
    if lines < LINES_COST + LINES_OWN + 1:
        raise ValueError(f"at least {LINES_COST + LINES_OWN + 1} budget lines per application")
    result = BenchGrantsResult()
    started = lap = time.perf_counter()

    def step(name: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        result.timings.append((name, now - lap))
        if report:
            report(f"  {name:<40} {now - lap:6.2f} s")
        lap = now

    with transaction.atomic():
        office = ensure_office()
        admin, reviewers = ensure_users(office)
    generator = _Generator(
        rng=random.Random(seed),
        writer=_Writer(),
        ids=_Ids(ID_MODELS),
        office=office,
        admin=admin,
        reviewers=reviewers,
    )
    step("office and users")
    this_year = timezone.localdate().year
    for year in range(this_year - years + 1, this_year + 1):
        for index in range(programmes):
            generator.programme(year=year, index=index, applications=applications, lines=lines)
        step(f"{year}: {programmes} programmes × {applications} applications")
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), ID_MODELS):
            cursor.execute(sql)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in ANALYZE_MODELS:
                cursor.execute(f"ANALYZE {_table(model)}")
    step("sequences, ANALYZE")
    result.counts = {"users": 2 + len(reviewers), **generator.counts}
    result.timings.append(("total", time.perf_counter() - started))
    return result


# --- the concurrent approvals ------------------------------------------------------------------------


@dataclass(frozen=True)
class Race:
    programme_id: int
    application_ids: list[int]
    amount: Decimal
    fundable: int
    admin_id: int


def bench_race_prepare(*, applications: int = 50, fundable: int = 20, amount: int = 4_000) -> Race:
    """A fresh programme (earlier race programmes are deleted) whose budget covers exactly `fundable`
    approvals of `amount`, with `applications` complete applications in review, each asking for `amount`
    with a balanced budget (costs = amount + own contribution)."""
    with transaction.atomic():
        office = ensure_office()
        admin, reviewers = ensure_users(office)
    _delete_programmes(f"office_id = {int(office.pk)} AND slug LIKE '{RACE_SLUG}%'")
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        programme = FundingProgramme(
            office=office,
            year=today.year,
            name="Bench: gleichzeitige Zusagen",
            slug=RACE_SLUG,
            budget=_money(amount * fundable),
            max_amount=_money(amount),
            opens_on=today - datetime.timedelta(days=60),
            closes_on=today + datetime.timedelta(days=60),
            status=FundingProgramme.Status.OPEN,
        )
        programme.full_clean()
        programme.save()
        criteria = [
            AssessmentCriterion(programme=programme, name=label, weight=weight, order=order)
            for order, (label, weight) in enumerate(CRITERIA)
        ]
        AssessmentCriterion.objects.bulk_create(criteria)
        rows = [
            Application(
                programme=programme,
                office=office,
                reference=f"RACE-{n:03d}",
                status=Application.Status.IN_REVIEW,
                organisation_name=f"Verein Wettlauf {n}",
                contact_name=f"Kontakt {n}",
                contact_email=f"race.{n}@example.ch",
                iban="CH93 0076 2011 6238 5295 7",
                account_holder=f"Verein Wettlauf {n}",
                project_title=f"Gleichzeitiges Gesuch {n}",
                summary="Benchmark: 50 Zusagen gleichzeitig.",
                description="Benchmark.",
                starts_on=today + datetime.timedelta(days=30),
                ends_on=today + datetime.timedelta(days=120),
                requested_amount=_money(amount),
                submitted_at=now,
                assigned_to_id=reviewers[0],
            )
            for n in range(1, applications + 1)
        ]
        Application.objects.bulk_create(rows)
        lines = []
        for app in rows:
            lines += [
                BudgetLine(application=app, kind="cost", category="personnel", description="Kursleitung",
                           amount=_money(amount), order=0),
                BudgetLine(application=app, kind="cost", category="rooms", description="Raummiete",
                           amount=_money(500), order=1),
                BudgetLine(application=app, kind="own", category="other", description="Eigenleistung",
                           amount=_money(500), order=2),
            ]  # fmt: skip
        BudgetLine.objects.bulk_create(lines)
    return Race(
        programme_id=programme.pk,
        application_ids=[app.pk for app in rows],
        amount=_money(amount),
        fundable=fundable,
        admin_id=admin,
    )
