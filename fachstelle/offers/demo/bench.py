"""The synthetic data set of the benchmark: N offers, M providers, K municipalities, T translations each.

Fast by design: rows are written with bulk_create in chunks (no per-offer services, no versions), and the
search columns are computed here instead of by offer_refresh_search_index(): `search_document` with the
same parts and folding as search.build_search_document() while the offers are generated, the PostgreSQL
tsvector with one UPDATE at the end. On PostgreSQL the GIN search indexes are dropped for the load and
built once afterwards, then the tables are vacuumed and analysed. Bench offices have slugs bench-1…bench-N
and their municipalities official numbers from 9001 upwards (no Swiss municipality has one above 7000).
"""

import contextlib
import functools
import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from fachstelle.core.models import (
    FieldOfAction,
    Language,
    Municipality,
    Office,
    PromotionArea,
    Revision,
    TargetGroup,
)
from fachstelle.network.models import Organisation
from fachstelle.offers.models import (
    Location,
    Offer,
    OfferIssueReport,
    OfferProposal,
    OfferTranslation,
    ProviderConfirmation,
)
from fachstelle.offers.search import fold, is_postgres, search_vector_expression

from . import bench_blocks as blocks

BENCH_SLUG_PATTERN = r"^bench-[0-9]+$"
BENCH_NUMBER_START = 9001
BENCH_NUMBER_END = 9999
BENCH_DISTRICT = "Benchmark"  # marks municipalities the generator made (and may delete again)
CONTENT_LANGUAGES = ["fr", "en", "ar", "ti", "uk", "tr", "fa"]
# Beyond fr and en, translations reuse the English text and are marked machine-translated.
TRANSLATION_ORDER = ["fr", "en", "ar", "uk", "tr", "ti", "fa", "it", "es", "pt", "sq", "ta"]
MAX_TRANSLATIONS = len(TRANSLATION_ORDER)
CHUNK = 2000  # offers generated and written per round (bounds memory)
M2M = {
    # m2m field: column of the target in the through table
    "fields_of_action": "fieldofaction_id",
    "promotion_areas": "promotionarea_id",
    "target_groups": "targetgroup_id",
    "languages": "language_id",
    "municipalities": "municipality_id",
}
TABLES_TO_ANALYZE = [
    Offer,
    Location,
    OfferTranslation,
    Organisation,
    Municipality,
    *(getattr(Offer, name).through for name in M2M),
]


@dataclass
class BenchResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


class _Timer:
    def __init__(self, result: BenchResult, report: Callable[[str], None] | None):
        self.result, self.report, self.started = result, report, time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.result.timings.append((step, now - self.started))
        if self.report:
            self.report(f"  {step:<34} {now - self.started:6.2f} s")
        self.started = now


def bench_offices():
    return Office.objects.filter(slug__regex=BENCH_SLUG_PATTERN)


def bench_data_delete() -> int:
    """Delete the bench offices with everything that belongs to them; returns the number of offices."""
    office_ids = list(bench_offices().values_list("pk", flat=True))
    if not office_ids:
        return 0
    with transaction.atomic():
        municipality_ids = list(
            Municipality.objects.filter(offices__in=office_ids, district=BENCH_DISTRICT).values_list(
                "pk", flat=True
            )
        )
        # Children first, each as one DELETE, so the final deletes find nothing left to cascade row by row.
        offers = Offer.objects.filter(office_id__in=office_ids).values("pk")
        for name in M2M:
            getattr(Offer, name).through.objects.filter(offer_id__in=offers).delete()
        Location.objects.filter(offer_id__in=offers).delete()
        OfferTranslation.objects.filter(offer_id__in=offers).delete()
        for model in (OfferProposal, OfferIssueReport, ProviderConfirmation, Revision):
            model.objects.filter(office_id__in=office_ids).delete()
        Offer.objects.filter(office_id__in=office_ids).delete()
        Organisation.objects.filter(office_id__in=office_ids).delete()
        Office.objects.filter(pk__in=office_ids).delete()
        Municipality.objects.filter(pk__in=municipality_ids, offices__isnull=True).delete()
    return len(office_ids)


class _Vocab:
    """Vocabulary rows with what the search document needs, in the order the document lists them."""

    def __init__(self):
        self.areas = {a.slug: a for a in FieldOfAction.objects.all()}
        self.kip = {p.code: p for p in PromotionArea.objects.all()}
        self.targets = {t.slug: t for t in TargetGroup.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.other_languages = [code for code in self.languages if code != "de"]


def _sort_key(term) -> tuple:
    return (term.order, term.name)


def _fill(template: tuple[str, ...], index: int, context: dict) -> str:
    values = {key: value[index] if isinstance(value, tuple) else value for key, value in context.items()}
    return template[index].format(**values)


def _place_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct invented place names such as "Eichwil", "Lindenau", "Obersteinach"."""
    names = sorted(
        {
            stem + suffix
            for stem in blocks.PLACE_STEMS
            for suffix in blocks.PLACE_SUFFIXES
            if not (stem[-1] in "aeiouü" and suffix[0] in "aeiou")
        }
    )
    rng.shuffle(names)
    candidates = names + [
        prefix + name.lower() for prefix in ("Ober", "Nieder", "Unter", "Alt") for name in names
    ]
    if count > len(candidates):
        raise ValueError("too many municipalities")
    return candidates[:count]


class _Generator:
    def __init__(self, *, rng: random.Random, vocab: _Vocab, translations: int):
        self.rng = rng
        self.vocab = vocab
        self.translation_languages = TRANSLATION_ORDER[:translations]
        self.topics = blocks.TOPICS
        self.weights = [topic["weight"] for topic in blocks.TOPICS]
        self.now = timezone.now()
        self.fold = functools.lru_cache(maxsize=100_000)(fold)

    def municipalities(self, count: int) -> list[Municipality]:
        existing = {
            m.bfs_number: m
            for m in Municipality.objects.filter(
                country="CH", bfs_number__gte=BENCH_NUMBER_START, bfs_number__lte=BENCH_NUMBER_END
            )
        }
        names = _place_names(self.rng, count)
        chosen, missing = [], []
        number = BENCH_NUMBER_START
        for name in names:
            # Skip numbers somebody else uses; reuse our own leftovers.
            while number in existing and existing[number].district != BENCH_DISTRICT:
                number += 1
            if number > BENCH_NUMBER_END:
                raise ValueError("no free official numbers left for bench municipalities")
            if number in existing:
                chosen.append(existing[number])
            else:
                municipality = Municipality(
                    bfs_number=number, name=name, canton="AG", country="CH", district=BENCH_DISTRICT
                )
                missing.append(municipality)
                chosen.append(municipality)
            number += 1
        Municipality.objects.bulk_create(missing)
        return chosen

    def offices(
        self, count: int, municipalities: list[Municipality]
    ) -> list[tuple[Office, list[Municipality]]]:
        offices = Office.objects.bulk_create(
            [
                Office(
                    name=f"Bench Office {n}",
                    short_name=f"Bench {n}",
                    slug=f"bench-{n}",
                    kind=Office.Kind.REGIONAL,
                    country="CH",
                    canton="AG",
                    intro="Synthetische Benchmark-Daten (generate_bench_data).",
                    email=f"bench-{n}@example.ch",
                    content_languages=CONTENT_LANGUAGES,
                )
                for n in range(1, count + 1)
            ]
        )
        served = [(office, municipalities[i::count]) for i, office in enumerate(offices)]
        through = Office.municipalities.through
        through.objects.bulk_create(
            [through(office_id=office.pk, municipality_id=m.pk) for office, ms in served for m in ms]
        )
        return served

    def providers(self, count: int, served) -> dict[tuple, list[Organisation]]:
        """Providers by (office id, topic key) and by (office id, None): who can run an offer of a topic."""
        organisations, slugs, by_topic = [], set(), {}
        for i in range(count):
            office, municipalities = served[i % len(served)]
            pattern, kind, topics = self.rng.choice(blocks.PROVIDER_PATTERNS)
            place = self.rng.choice(municipalities)
            name = pattern.format(place=place.name, nation=self.rng.choice(blocks.NATIONS))
            slug = slugify(name)[:100]
            if (office.pk, slug) in slugs:
                slug = f"{slug}-{i}"
            slugs.add((office.pk, slug))
            key = slug.split("-")[0]
            organisation = Organisation(
                office=office,
                name=name,
                slug=slug,
                kind=kind,
                municipality=place,
                street=f"{self.rng.choice(blocks.STREETS)} {self.rng.randint(1, 120)}",
                postcode=str(place.bfs_number - 4000 + self.rng.randint(0, 9)),
                email=f"info@{key}-{i}.example.ch",
                phone=f"+41 62 {self.rng.randint(200, 999)} 00 {i % 100:02d}",
                description="Synthetische Organisation für den Benchmark.",
            )
            organisations.append(organisation)
            for topic in (*topics, None):
                by_topic.setdefault((office.pk, topic), []).append(organisation)
        Organisation.objects.bulk_create(organisations, batch_size=1000)
        return by_topic

    def offer(
        self,
        office: Office,
        municipalities: list[Municipality],
        providers: dict[tuple, list],
        published: bool,
    ):
        """One offer with its relations (not saved) and its search document."""
        rng = self.rng
        topic = rng.choices(self.topics, weights=self.weights)[0]
        place = rng.choice(municipalities)
        context = {
            "level": rng.choice(blocks.LEVELS),
            "group": rng.choice(blocks.GROUPS),
            "place": place.name,
            "lang": rng.choice(blocks.LANGUAGE_NAMES),
            "theme": rng.choice(blocks.THEMES),
            "day": rng.choice(blocks.DAYS),
            "time": rng.choice(blocks.TIMES),
        }
        title_template = rng.choice(topic["titles"])
        summary_template = rng.choice(topic["summaries"])
        suffix = f" – {place.name}" if "{place}" not in title_template[0] and rng.random() < 0.3 else ""
        online = rng.random() < 0.05
        title = _fill(title_template, 0, context) + suffix
        if online:
            title = f"Online: {title}"
        sentences = rng.sample(topic["sentences"], k=min(len(topic["sentences"]), rng.randint(2, 3)))
        if rng.random() < 0.3:
            sentences.append(rng.choice(blocks.GENERIC_SENTENCES))
        cost_type = rng.choices(["free", "fee", "reduced"], weights=[55, 25, 20])[0]
        status = (
            "published" if published else rng.choices(["draft", "review", "archived"], weights=[2, 2, 1])[0]
        )
        childcare = rng.random() < topic["childcare"]
        start = None
        if rng.random() < 0.4:
            start = date(2026, 8, 17) + timedelta(days=rng.randint(0, 200))
        offer = Offer(
            office=office,
            provider=rng.choice(providers.get((office.pk, topic["key"])) or providers[office.pk, None]),
            title=title[:200],
            summary=_fill(summary_template, 0, context),
            description=" ".join(sentences),
            cost_type=cost_type,
            cost_amount=None
            if cost_type == "free"
            else Decimal(rng.choice([5, 10, 20, 50, 80, 120, 180, 240])),
            childcare=childcare,
            childcare_note="Kinderbetreuung im Nebenraum." if childcare else "",
            barrier_free=rng.random() < 0.4,
            is_online=online,
            start_date=start,
            end_date=start + timedelta(days=rng.randint(30, 300)) if start else None,
            schedule_text=f"{context['day'][0]}, {context['time']} Uhr",
            registration_required=rng.random() < 0.5,
            registration_email=f"anmeldung-{rng.randint(1, 999)}@example.ch",
            status=status,
            published_at=self.now - timedelta(days=rng.randint(1, 700)) if status == "published" else None,
            last_confirmed_at=self.now - timedelta(days=rng.randint(1, 500)) if rng.random() < 0.9 else None,
        )
        areas = [self.vocab.areas[s] for s in topic["areas"][: rng.randint(1, len(topic["areas"]))]]
        kip = [self.vocab.kip[topic["kip"][0]]]
        targets = [
            self.vocab.targets[s]
            for s in rng.sample(topic["targets"], k=rng.randint(1, min(3, len(topic["targets"]))))
        ]
        codes = (["de"] if rng.random() < 0.9 else []) + rng.sample(
            self.vocab.other_languages, k=rng.randint(0, 3)
        )
        languages = [self.vocab.languages[c] for c in (codes or ["de"])]
        locations = []
        if not online or rng.random() < 0.4:
            for order in range(1 if rng.random() < 0.85 else 2):
                where = place if order == 0 else rng.choice(municipalities)
                locations.append(
                    Location(
                        order=order,
                        name=rng.choice(blocks.VENUES),
                        municipality=where,
                        street=f"{rng.choice(blocks.STREETS)} {rng.randint(1, 80)}",
                        postcode=str(where.bfs_number - 4000),
                        opening_hours=rng.choice(blocks.OPENING_HOURS),
                        by_appointment=rng.random() < 0.2,
                    )
                )
        served = {loc.municipality.pk: loc.municipality for loc in locations}
        served.setdefault(place.pk, place)
        for extra in rng.sample(municipalities, k=min(len(municipalities), rng.randint(0, 2))):
            served.setdefault(extra.pk, extra)
        translations = []
        for language in self.translation_languages:
            index = 1 if language == "fr" else 2
            translations.append(
                OfferTranslation(
                    language=language,
                    source_revision=1,
                    state=OfferTranslation.State.DONE
                    if language in ("fr", "en")
                    else OfferTranslation.State.MACHINE,
                    title=(_fill(title_template, index, context) + suffix)[:200],
                    summary=_fill(summary_template, index, context),
                    description=" ".join(
                        rng.sample(blocks.TRANSLATED_DESCRIPTIONS["fr" if index == 1 else "en"], k=2)
                    ),
                )
            )
        relations = {
            "fields_of_action": areas,
            "promotion_areas": kip,
            "target_groups": targets,
            "languages": languages,
            "municipalities": list(served.values()),
        }
        offer.search_document = self.search_document(offer, relations, locations, translations)
        return offer, relations, locations, translations

    def search_document(self, offer: Offer, relations: dict, locations: list, translations: list) -> str:
        """search.build_search_document() for data not yet saved: same parts, same order, same folding.

        Folding part by part equals folding the joined text (the separator is a plain space), and the
        generated parts repeat a lot, so each distinct part is folded once.
        """
        parts = [offer.title, offer.summary, offer.description, offer.schedule_text, offer.provider.name]
        parts += [a.name for a in sorted(relations["fields_of_action"], key=_sort_key)]
        parts += [t.name for t in sorted(relations["target_groups"], key=_sort_key)]
        parts += [f"{loc.name} {loc.municipality.name}" for loc in locations]
        parts += [m.name for m in sorted(relations["municipalities"], key=lambda m: m.name)]
        for translation in sorted(translations, key=lambda t: t.language):
            if translation.is_public:
                parts += [translation.title, translation.summary]
        return " ".join(self.fold(p) for p in parts if p)


@contextlib.contextmanager
def _search_indexes_suspended(timer: "_Timer"):
    """On PostgreSQL, drop the GIN search indexes for the bulk load and build them once afterwards.

    Maintaining a trigram index row by row costs several times more than building it in one go. The
    statements are those of the migration that created the indexes; inside the transaction, a failure
    rolls the drop back too.
    """
    if not is_postgres():
        yield
        return
    migration = importlib.import_module("fachstelle.offers.migrations.0002_search_indexes")
    with connection.cursor() as cursor:
        for statement in migration.BACKWARD:
            cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        # Deferred foreign-key checks are pending on the table and PostgreSQL won't index it until they ran.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        timer.lap("foreign-key checks")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in migration.FORWARD:
            cursor.execute(statement)
    timer.lap("search indexes (GIN) built")


def _write_chunk(batch: list) -> dict[str, int]:
    """Insert one chunk of generated offers with their relations; returns row counts."""
    offers = Offer.objects.bulk_create([item[0] for item in batch])
    counts = {"offers": len(offers), "locations": 0, "translations": 0, "m2m rows": 0}
    through_rows: dict[str, list] = {name: [] for name in M2M}
    locations, translations = [], []
    for offer, relations, offer_locations, offer_translations in batch:
        for name, column in M2M.items():
            through = getattr(Offer, name).through
            through_rows[name] += [
                through(offer_id=offer.pk, **{column: target.pk}) for target in relations[name]
            ]
        for location in offer_locations:
            location.offer = offer
        for translation in offer_translations:
            translation.offer = offer
        locations += offer_locations
        translations += offer_translations
    for name, rows in through_rows.items():
        getattr(Offer, name).through.objects.bulk_create(rows, batch_size=5000)
        counts["m2m rows"] += len(rows)
    Location.objects.bulk_create(locations, batch_size=5000)
    OfferTranslation.objects.bulk_create(translations, batch_size=5000)
    counts["locations"], counts["translations"] = len(locations), len(translations)
    return counts


def bench_data_generate(
    *,
    offers: int,
    providers: int,
    offices: int,
    municipalities: int,
    translations: int,
    unpublished: int = 0,
    seed: int = 42,
    report: Callable[[str], None] | None = None,
) -> BenchResult:
    """Generate the data set in one transaction; then fill the tsvector and ANALYZE (PostgreSQL).

    `offers` are published; `unpublished` more are drafts, in review or archived (the public never sees
    them, the back office does).
    """
    if bench_offices().exists():
        raise ValueError("bench data exists already")
    result = BenchResult()
    timer = _Timer(result, report)
    rng = random.Random(seed)
    counts = {
        "offices": offices,
        "municipalities": municipalities,
        "providers": providers,
        "offers": 0,
        "locations": 0,
        "translations": 0,
        "m2m rows": 0,
    }
    with transaction.atomic(), _search_indexes_suspended(timer):
        generator = _Generator(rng=rng, vocab=_Vocab(), translations=translations)
        served = generator.offices(offices, generator.municipalities(municipalities))
        by_topic = generator.providers(providers, served)
        timer.lap("offices, municipalities, providers")
        total = offers + unpublished
        for start in range(0, total, CHUNK):
            batch = []
            for i in range(start, min(start + CHUNK, total)):
                office, office_municipalities = served[i % len(served)]
                batch.append(generator.offer(office, office_municipalities, by_topic, published=i < offers))
            for key, value in _write_chunk(batch).items():
                counts[key] += value
        timer.lap("offers with relations and text")
        if is_postgres():
            office_ids = [office.pk for office, _ms in served]
            Offer.objects.filter(office_id__in=office_ids).update(search_vector=search_vector_expression())
            timer.lap("search vectors (tsvector)")
    if is_postgres():
        # VACUUM: the tsvector UPDATE left a dead version of every row; ANALYZE: fresh planner statistics.
        # VACUUM cannot run inside a transaction (a caller's atomic block, e.g. a test): ANALYZE alone then.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for model in TABLES_TO_ANALYZE:
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
        timer.lap(command)
    result.counts = counts
    return result
