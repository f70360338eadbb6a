"""The reporting bench's own data step (issue 9): one canton of ten offices with data and a cantonal office.

The earlier bench data sets (directory, counselling, network, events, grants) live in separate offices
(bench-1…3, bench-grants, bench-content-…). The canton view needs at least ten offices of one canton, so
this step

- puts the bench offices of those data sets into the bench canton (`Office.canton`, default AG: the bench
  municipalities are in AG, so the canton's municipality table is filled as well); the KOMPAKT bench
  office (bench-kompakt, 2,100 municipalities of every canton) stays out;
- adds extra regional offices `bench-region-<n>` until ten offices have data, each with three municipalities
  of its own and a modest counselling data set (by default 4,000 cases, 30,000 sessions, short
  consultations and interpreter bookings), written with the counselling bench generator's row builder
  (COPY on PostgreSQL);
- adds the cantonal office `bench-kanton` (kind cantonal, the bench canton) with a user of role CANTON
  (`bench-kanton-canton`), and a statistics user `bench-1-statistik` for the largest office.

Idempotent: offices, users and memberships are reused, an extra office that has cases already is kept as it
is (`reset=True` deletes the extra offices' counselling data first). Nothing here touches the data of the
other bench data sets.
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from fachstelle.core.models import Membership, Municipality, Office

BENCH_CANTON = "AG"
CANTON_OFFICE_SLUG = "bench-kanton"
CANTON_USERNAME = "bench-kanton-canton"
STATISTICS_USERNAME = "bench-1-statistik"
LARGEST_OFFICE_SLUG = "bench-1"
EXTRA_PREFIX = "bench-region-"
EXTRA_DISTRICT = "Reporting-Benchmark"
EXTRA_NUMBER_START = 9951  # three per extra office; the other bench data sets use 9001…, 9701…, 9801…
EXTRA_MUNICIPALITIES = 3
EXTRA_COUNSELLORS = 8
WANTED_OFFICES = 10  # offices with data in the canton (the cantonal office not counted)
# The offices of the earlier bench data sets that join the canton (slug regexes).
DATA_OFFICE_PATTERN = r"^bench-([0-9]+|grants|content-[0-9]+|region-[0-9]+)$"


@dataclass
class BenchReportingResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def canton_data_offices():
    """The bench offices with data that form the bench canton (not the cantonal office itself)."""
    return Office.objects.filter(slug__regex=DATA_OFFICE_PATTERN).order_by("pk")


def extra_offices():
    return Office.objects.filter(slug__startswith=EXTRA_PREFIX).order_by("pk")


def canton_office() -> Office | None:
    return Office.objects.filter(slug=CANTON_OFFICE_SLUG).first()


def largest_office() -> Office | None:
    return Office.objects.filter(slug=LARGEST_OFFICE_SLUG).first()


def bench_reporting_counts() -> dict:
    """What the reporting bench works on: offices of the canton and the people-related rows behind them."""
    from fachstelle.counselling.models import Case, CounsellingSession, ShortConsultation
    from fachstelle.events.models import Registration
    from fachstelle.grants.models import Application
    from fachstelle.network.models import Inquiry

    cantonal = canton_office()
    offices = Office.objects.filter(is_active=True, canton=BENCH_CANTON)
    ids = list(offices.values_list("pk", flat=True))
    cases = dict(
        Case.objects.filter(office_id__in=ids)
        .values("office__slug")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("office__slug", "n")
    )
    return {
        "canton": BENCH_CANTON,
        "canton_office": bool(cantonal and cantonal.canton == BENCH_CANTON),
        "offices_in_canton": len(ids),
        "offices_with_data": canton_data_offices().filter(canton=BENCH_CANTON).count(),
        "cases": sum(cases.values()),
        "cases_largest_office": cases.get(LARGEST_OFFICE_SLUG, 0),
        "cases_per_office": cases,
        "sessions": CounsellingSession.objects.filter(case__office_id__in=ids).count(),
        "short_consultations": ShortConsultation.objects.filter(office_id__in=ids).count(),
        "inquiries": Inquiry.objects.filter(office_id__in=ids).count(),
        "event_registrations": Registration.objects.filter(event__office_id__in=ids).count(),
        "grant_applications": Application.objects.filter(office_id__in=ids).count(),
        "municipalities_in_canton": Municipality.objects.filter(canton=BENCH_CANTON, country="CH").count(),
    }


def bench_reporting_complete() -> bool:
    counts = bench_reporting_counts()
    return (
        counts["canton_office"]
        and counts["offices_with_data"] >= WANTED_OFFICES
        and Membership.objects.filter(
            user__username=CANTON_USERNAME, office__slug=CANTON_OFFICE_SLUG, role=Membership.Role.CANTON
        ).exists()
        and Membership.objects.filter(
            user__username=STATISTICS_USERNAME,
            office__slug=LARGEST_OFFICE_SLUG,
            role=Membership.Role.STATISTICS,
        ).exists()
        and not extra_offices().exclude(cases__isnull=False).exists()  # every extra office has cases
    )


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def extra_offices_delete_counselling() -> int:
    """Delete the counselling data of the extra offices (raw DELETEs, children first, as the counselling
    bench does for its offices). Returns the number of cases deleted; offices and users stay."""
    from fachstelle.counselling.bench import counselling_data_delete

    return counselling_data_delete(office_ids=list(extra_offices().values_list("pk", flat=True)))


def _ensure_extra_offices(count: int) -> list[Office]:
    offices = []
    for n in range(1, count + 1):
        office, _created = Office.objects.get_or_create(
            slug=f"{EXTRA_PREFIX}{n}",
            defaults={
                "name": f"Bench Region {n}",
                "short_name": f"Region {n}",
                "kind": Office.Kind.REGIONAL,
                "canton": BENCH_CANTON,
                "intro": "Synthetische Benchmark-Daten (Reporting).",
            },
        )
        if not office.municipalities.exists():
            first = EXTRA_NUMBER_START + (n - 1) * EXTRA_MUNICIPALITIES
            office.municipalities.add(
                *[
                    Municipality.objects.get_or_create(
                        country="CH",
                        bfs_number=number,
                        defaults={
                            "name": f"Berichtwil {number - EXTRA_NUMBER_START + 1}",
                            "canton": BENCH_CANTON,
                            "district": EXTRA_DISTRICT,
                        },
                    )[0]
                    for number in range(first, first + EXTRA_MUNICIPALITIES)
                ]
            )
        offices.append(office)
    return offices


def _ensure_user(username: str, office: Office, role: str) -> None:
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"password": make_password(None), "is_staff": True, "email": f"{username}@example.ch"},
    )
    Membership.objects.update_or_create(user=user, office=office, defaults={"role": role})


def _generate_counselling(offices: list[Office], *, cases: int, sessions: int, seed: int, result) -> None:
    """A modest counselling data set per office with the counselling bench's row builder."""
    from fachstelle.counselling.bench import ANALYZE_MODELS, ID_MODELS, _Generator, _Ids, _spread, _Writer
    from fachstelle.counselling.bench import _ensure_users as ensure_counsellors
    from fachstelle.counselling.models import CounsellingSettings, Topic
    from fachstelle.counselling.reference_data import seed_topics

    rng = random.Random(seed)
    seed_topics(Topic)
    with transaction.atomic():
        users = ensure_counsellors(offices, EXTRA_COUNSELLORS * len(offices))
        for office in offices:
            CounsellingSettings.objects.get_or_create(office=office)
    generator = _Generator(rng=rng, writer=_Writer(), ids=_Ids(ID_MODELS), today=timezone.localdate())
    for office in offices:
        municipalities = list(office.municipalities.values_list("pk", flat=True)) or [None]
        with transaction.atomic():
            pool = generator.interpreters(office.pk, 6)
        session_counts = _spread(sessions, cases, rng, minimum=1)
        booking_counts = _spread(cases // 5, cases, rng)
        team = users[office.pk][1] or [users[office.pk][0]]
        for start in range(0, cases, 5000):
            plan = [
                {
                    "office": office.pk,
                    "counsellor": rng.choice(team),
                    "colleagues": team,
                    "municipalities": municipalities,
                    "offers": [],
                    "interpreters": pool,
                    "with_client": rng.random() < 0.7,
                    "sessions": session_counts[index],
                    "referrals": 0,
                    "bookings": booking_counts[index],
                }
                for index in range(start, min(cases, start + 5000))
            ]
            with transaction.atomic():
                generator.chunk(plan)
        generator.short_consultations([office.pk], users, {office.pk: municipalities}, cases // 2)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), ID_MODELS):
            cursor.execute(sql)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in ANALYZE_MODELS:
                cursor.execute(f"ANALYZE {_table(model)}")
    for key, value in generator.counts.items():
        result.counts[f"extra_{key}"] = value


def bench_reporting_generate(
    *,
    cases_per_extra_office: int = 4000,
    sessions_per_extra_office: int = 30000,
    reset: bool = False,
    seed: int = 9,
    report=None,
) -> BenchReportingResult:
    """Make the bench canton (see the module docstring). Returns counts and timings."""
    result = BenchReportingResult()
    started = lap = time.perf_counter()

    def step(name: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        result.timings.append((name, now - lap))
        if report:
            report(f"  {name:<36} {now - lap:6.2f} s")
        lap = now

    if reset:
        result.counts["extra_cases_deleted"] = extra_offices_delete_counselling()
        step("extra offices' counselling deleted")
    existing = Office.objects.filter(slug__regex=DATA_OFFICE_PATTERN).exclude(slug__startswith=EXTRA_PREFIX)
    extra = max(0, WANTED_OFFICES - existing.count())
    with transaction.atomic():
        offices = _ensure_extra_offices(extra)
        canton_data_offices().update(canton=BENCH_CANTON, country="CH")
        cantonal, _created = Office.objects.get_or_create(
            slug=CANTON_OFFICE_SLUG,
            defaults={
                "name": "Bench Kanton (Fachstelle Integration)",
                "short_name": "Bench Kanton",
                "kind": Office.Kind.CANTONAL,
                "canton": BENCH_CANTON,
                "intro": "Synthetische Benchmark-Daten (Reporting, Sicht des Kantons).",
            },
        )
        Office.objects.filter(pk=cantonal.pk).update(
            kind=Office.Kind.CANTONAL, canton=BENCH_CANTON, country="CH", is_active=True
        )
        _ensure_user(CANTON_USERNAME, cantonal, Membership.Role.CANTON)
        largest = largest_office()
        if largest is not None:
            _ensure_user(STATISTICS_USERNAME, largest, Membership.Role.STATISTICS)
    step(f"canton {BENCH_CANTON}: offices and users")
    from fachstelle.counselling.models import Case

    empty = [office for office in offices if not Case.objects.filter(office=office).exists()]
    if empty:
        _generate_counselling(
            empty,
            cases=cases_per_extra_office,
            sessions=sessions_per_extra_office,
            seed=seed,
            result=result,
        )
        step(f"{len(empty)} extra offices: counselling")
    result.counts.update({"extra_offices": len(offices), "extra_offices_generated": len(empty)})
    result.timings.append(("total", time.perf_counter() - started))
    return result


def year_with_data(*, today: datetime.date | None = None) -> int:
    """The year the bench reports on: the last full calendar year (the generated data reaches back to
    2023 and up to today)."""
    return (today or timezone.localdate()).year - 1
