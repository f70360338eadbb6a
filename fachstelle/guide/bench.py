"""The welcome-guide part of the content data set of `make bench` (bench/content.sh): guide pages in a tree,
each translated into twelve languages, in offices of its own, plus one office with a 20-page guide for
the brochure timing. The events part is fachstelle.events.bench; `manage.py generate_bench_content` runs
both.

The content offices have slugs `bench-content-1…` and the brochure office `bench-content-brochure`:
neither matches the directory bench's `^bench-[0-9]+$`, so `generate_bench_data --reset` (which deletes
the offices `bench-N` with everything in them) never meets guide pages or events it does not know, and
the content can be regenerated without touching the directory, counselling or network data. Their
municipalities have official numbers from 9801 upwards (district "Benchmark content").

Rows go in with bulk_create in chunks (no services, no versions beyond revision 1). The translated texts
are filler in each language's script built from a few sentences per language, with the length of a real
translation (about as long as the German text); they are not translations.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from fachstelle.core.models import Municipality, Office

from .models import (
    Brochure,
    GuidePage,
    GuidePageSourceVersion,
    GuidePageTranslation,
    PageFeedback,
    PageViewCount,
)

OFFICE_PREFIX = "bench-content-"
BROCHURE_SLUG = "bench-content-brochure"
DISTRICT = "Benchmark content"  # marks the municipalities made here (deleted again with the offices)
NUMBER_START = 9801
MUNICIPALITIES_PER_OFFICE = 10
# The twelve languages every page is translated into (German is the source).
LANGUAGES = ["fr", "it", "en", "ar", "ti", "fa", "prs", "uk", "ru", "tr", "sq", "ta"]
CHUNK = 1000  # rows per bulk_create batch
TOP_ICONS = [
    ("arrival", "Ankommen in {place}"),
    ("authorities", "Behörden und Bewilligungen"),
    ("language", "Deutsch lernen"),
    ("school", "Schule und Kindergarten"),
    ("training", "Ausbildung und Weiterbildung"),
    ("work", "Arbeit und Beruf"),
    ("family", "Familie und Kinder"),
    ("health", "Gesundheit und Versicherung"),
    ("housing", "Wohnen und Nachbarschaft"),
    ("leisure", "Freizeit, Vereine und Begegnung"),
    ("emergency", "Notfall und Sicherheit"),
    ("info", "Beratung und Information"),
]
SUBJECTS = [
    "Anmeldung bei der Gemeinde", "Aufenthaltsbewilligung", "Krankenkasse", "Hausarzt finden",
    "Deutschkurse am Abend", "Deutsch für Eltern", "Einschulung", "Elternabend", "Lehrstelle finden",
    "Anerkennung von Diplomen", "Stellensuche", "Arbeitsvertrag", "Kinderbetreuung", "Spielgruppe",
    "Wohnungssuche", "Abfall und Recycling", "Hausordnung", "Nebenkosten", "Velofahren", "Vereine",
    "Bibliothek", "Notfallnummern", "Steuern", "Budgetberatung", "Öffentlicher Verkehr", "Führerausweis",
    "Zahnarzt", "Mutter und Kind", "Freiwilligenarbeit", "Dolmetschen", "Religion und Feiertage",
    "Sozialhilfe", "Versicherungen", "Internet und Telefon", "Post und Bank", "Sport und Bewegung",
]  # fmt: skip
GERMAN_SENTENCES = [
    "Wer neu in {place} wohnt, meldet sich innerhalb von 14 Tagen bei der Einwohnerkontrolle an.",
    "Bringen Sie dazu Ihren Pass, den Mietvertrag und die Bewilligung mit.",
    "Die Fachstelle Integration berät Sie kostenlos und vertraulich, auf Wunsch mit einer Dolmetscherin.",
    "In der Schweiz ist die Krankenversicherung für alle Personen obligatorisch.",
    "Sie wählen die Krankenkasse selbst und bezahlen jeden Monat eine Prämie.",
    "Kinder besuchen ab vier Jahren den Kindergarten; der Besuch ist kostenlos.",
    "Deutschkurse gibt es am Morgen, am Abend und am Wochenende, einige mit Kinderbetreuung.",
    "Die Gemeinde unterstützt Kurse für Eltern mit kleinen Kindern mit einem Beitrag.",
    "Bei Fragen zur Arbeit hilft das Regionale Arbeitsvermittlungszentrum (RAV).",
    "Abfall wird getrennt: Papier, Karton, Glas, Metall und Grüngut haben eigene Sammeltage.",
    "Für den Hauskehricht brauchen Sie gebührenpflichtige Säcke, die Sie im Laden kaufen.",
    "In Notfällen wählen Sie 144 für die Sanität, 117 für die Polizei und 118 für die Feuerwehr.",
    "Viele Vereine freuen sich über neue Mitglieder; so lernen Sie schnell Leute kennen.",
    "Die Bibliothek hat Bücher in vielen Sprachen und einen Treffpunkt für Deutsch-Tandems.",
    "Bewahren Sie wichtige Dokumente gut auf und machen Sie eine Kopie davon.",
    "Die Mietwohnung übergeben Sie beim Auszug sauber; kleine Schäden melden Sie der Verwaltung.",
    "Am Sonntag und an Feiertagen ist es in den Quartieren ruhig; laute Arbeiten sind dann verboten.",
    "Ein Termin beim Sozialdienst ist kostenlos; Sie können eine Begleitperson mitnehmen.",
]
EASY_BODY = "Das ist wichtig. Sie melden sich bei der Gemeinde an. Wir helfen Ihnen gern."
HEADINGS = ["Das Wichtigste", "So gehen Sie vor", "Kosten", "Wo finde ich Hilfe?", "Gut zu wissen"]
LIST_ITEMS = [
    "Pass oder Identitätskarte", "Mietvertrag", "Aufenthaltsbewilligung", "Passfoto", "Versicherungsausweis",
    "Zeugnisse und Diplome", "Lebenslauf", "Bankkarte", "Adresse des Arbeitgebers",
]  # fmt: skip
# A few sentences per language, combined into texts about as long as the German one.
SENTENCES = {
    "fr": [
        "Les nouveaux habitants s'annoncent à la commune dans les quatorze jours.",
        "Le service d'intégration vous conseille gratuitement et en toute confidentialité.",
        "L'assurance maladie est obligatoire pour toutes les personnes en Suisse.",
        "Les enfants vont au jardin d'enfants dès l'âge de quatre ans.",
        "Des cours d'allemand ont lieu le matin, le soir et le week-end.",
    ],
    "it": [
        "I nuovi abitanti si annunciano al comune entro quattordici giorni.",
        "Il servizio di integrazione offre una consulenza gratuita e confidenziale.",
        "L'assicurazione malattie è obbligatoria per tutte le persone in Svizzera.",
        "I bambini frequentano la scuola dell'infanzia a partire dai quattro anni.",
        "I corsi di tedesco si tengono la mattina, la sera e il fine settimana.",
    ],
    "en": [
        "New residents register with the municipality within fourteen days.",
        "The integration office advises you free of charge and in confidence.",
        "Health insurance is compulsory for everyone living in Switzerland.",
        "Children attend kindergarten from the age of four; it is free of charge.",
        "German courses take place in the morning, in the evening and at weekends.",
    ],
    "ar": [
        "يسجل السكان الجدد لدى البلدية خلال أربعة عشر يوماً.",
        "يقدم لكم مكتب الاندماج استشارة مجانية وسرية.",
        "التأمين الصحي إلزامي لجميع الأشخاص في سويسرا.",
        "يذهب الأطفال إلى روضة الأطفال ابتداءً من سن الرابعة.",
        "تقام دورات اللغة الألمانية صباحاً ومساءً وفي عطلة نهاية الأسبوع.",
    ],
    "ti": [
        "ሓደስቲ ነበርቲ ኣብ ውሽጢ ዓሰርተ ኣርባዕተ መዓልቲ ኣብ ምምሕዳር ይምዝገቡ።",
        "ቤት ጽሕፈት ምውህሃድ ብዘይ ክፍሊት ምኽሪ ይህበኩም።",
        "መድሕን ጥዕና ንኹሉ ሰብ ኣብ ስዊዘርላንድ ግዴታ እዩ።",
        "ቆልዑ ካብ ኣርባዕተ ዓመት ጀሚሮም ናብ መዋእለ ህጻናት ይኸዱ።",
        "ትምህርቲ ጀርመን ንግሆ፡ ምሸትን ቀዳመ ሰንበትን ይወሃብ።",
    ],
    "fa": [
        "ساکنان جدید ظرف چهارده روز در شهرداری ثبت نام می‌کنند.",
        "دفتر ادغام به شما به طور رایگان و محرمانه مشاوره می‌دهد.",
        "بیمه درمانی برای همه افراد در سوئیس اجباری است.",
        "کودکان از چهار سالگی به کودکستان می‌روند.",
        "کلاس‌های زبان آلمانی صبح، عصر و آخر هفته برگزار می‌شوند.",
    ],
    "prs": [
        "باشندگان جدید در جریان چهارده روز در شاروالی ثبت نام می‌کنند.",
        "دفتر ادغام برای شما مشوره رایگان و محرم می‌دهد.",
        "بیمه صحی برای همه اشخاص در سویس حتمی است.",
        "اطفال از سن چهار سالگی به کودکستان می‌روند.",
        "کورس‌های زبان آلمانی صبح، شام و در آخر هفته دایر می‌شوند.",
    ],
    "uk": [
        "Нові мешканці реєструються в громаді протягом чотирнадцяти днів.",
        "Служба інтеграції консультує вас безкоштовно та конфіденційно.",
        "Медичне страхування в Швейцарії є обов'язковим для всіх.",
        "Діти відвідують дитячий садок з чотирьох років; це безкоштовно.",
        "Курси німецької мови проходять вранці, ввечері та у вихідні.",
    ],
    "ru": [
        "Новые жители регистрируются в общине в течение четырнадцати дней.",
        "Служба интеграции консультирует вас бесплатно и конфиденциально.",
        "Медицинская страховка в Швейцарии обязательна для всех.",
        "Дети посещают детский сад с четырёх лет; это бесплатно.",
        "Курсы немецкого языка проходят утром, вечером и в выходные.",
    ],
    "tr": [
        "Yeni gelenler on dört gün içinde belediyeye kayıt yaptırır.",
        "Uyum bürosu size ücretsiz ve gizli danışmanlık verir.",
        "İsviçre'de sağlık sigortası herkes için zorunludur.",
        "Çocuklar dört yaşından itibaren anaokuluna gider; ücretsizdir.",
        "Almanca kursları sabah, akşam ve hafta sonu yapılır.",
    ],
    "sq": [
        "Banorët e rinj paraqiten në komunë brenda katërmbëdhjetë ditëve.",
        "Zyra e integrimit ju këshillon falas dhe në mënyrë konfidenciale.",
        "Sigurimi shëndetësor është i detyrueshëm për të gjithë në Zvicër.",
        "Fëmijët shkojnë në kopsht që nga mosha katër vjeç.",
        "Kurset e gjermanishtes mbahen në mëngjes, në mbrëmje dhe në fundjavë.",
    ],
    "ta": [
        "புதிய குடியிருப்பாளர்கள் பதினான்கு நாட்களுக்குள் நகராட்சியில் பதிவு செய்கிறார்கள்.",
        "ஒருங்கிணைப்பு அலுவலகம் இலவசமாகவும் இரகசியமாகவும் ஆலோசனை வழங்குகிறது.",
        "சுவிட்சர்லாந்தில் அனைவருக்கும் சுகாதார காப்பீடு கட்டாயமாகும்.",
        "குழந்தைகள் நான்கு வயதிலிருந்து மழலையர் பள்ளிக்குச் செல்கிறார்கள்.",
        "ஜெர்மன் வகுப்புகள் காலை, மாலை மற்றும் வார இறுதியில் நடைபெறுகின்றன.",
    ],
}


@dataclass
class BenchGuideResult:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def content_offices():
    """The offices of the content bench (not the brochure office), in creation order."""
    return Office.objects.filter(slug__startswith=OFFICE_PREFIX).exclude(slug=BROCHURE_SLUG).order_by("pk")


def brochure_office() -> Office | None:
    return Office.objects.filter(slug=BROCHURE_SLUG).first()


def all_content_offices():
    return Office.objects.filter(slug__startswith=OFFICE_PREFIX)


def ensure_content_offices(count: int) -> list[Office]:
    """`count` content offices plus the brochure office, each with its own municipalities (reused)."""
    slugs = [f"{OFFICE_PREFIX}{n}" for n in range(1, count + 1)] + [BROCHURE_SLUG]
    offices = []
    for index, slug in enumerate(slugs):
        office = Office.objects.filter(slug=slug).first()
        if office is None:
            label = "Brochure" if slug == BROCHURE_SLUG else f"Content {index + 1}"
            office = Office.objects.create(
                name=f"Bench {label}",
                short_name=f"Bench {label}",
                slug=slug,
                kind=Office.Kind.REGIONAL,
                intro="Synthetische Benchmark-Daten (Willkommensinformation, Anlässe).",
                content_languages=list(LANGUAGES),
            )
        if not office.municipalities.exists():
            first = NUMBER_START + index * MUNICIPALITIES_PER_OFFICE
            places = [
                Municipality.objects.get_or_create(
                    country="CH",
                    bfs_number=number,
                    defaults={
                        "name": f"Inhaltwil {number - NUMBER_START + 1}",
                        "canton": "AG",
                        "district": DISTRICT,
                    },
                )[0]
                for number in range(first, first + MUNICIPALITIES_PER_OFFICE)
            ]
            office.municipalities.add(*places)
        offices.append(office)
    return offices


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def bench_guide_delete() -> int:
    """Delete the guide data of the content offices (raw DELETEs: `parent` is PROTECT, so the ORM would
    refuse to delete a tree in one go). Returns the number of pages deleted. Offices stay."""
    office_ids = list(all_content_offices().values_list("pk", flat=True))
    if not office_ids:
        return 0
    ids = ", ".join(str(pk) for pk in office_ids)
    pages = f"SELECT id FROM {_table(GuidePage)} WHERE office_id IN ({ids})"  # noqa: S608
    deleted = GuidePage.objects.filter(office_id__in=office_ids).count()
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (GuidePageTranslation, GuidePageSourceVersion, PageFeedback, PageViewCount):
            cursor.execute(f"DELETE FROM {_table(model)} WHERE page_id IN ({pages})")  # noqa: S608
        cursor.execute(f"DELETE FROM {_table(Brochure)} WHERE office_id IN ({ids})")  # noqa: S608
        cursor.execute(f"DELETE FROM {_table(GuidePage)} WHERE office_id IN ({ids})")  # noqa: S608
    return deleted


def bench_offices_delete() -> int:
    """Delete the content offices themselves and their municipalities (after their guide and events)."""
    offices = all_content_offices()
    count = offices.count()
    with transaction.atomic():
        municipality_ids = list(
            Municipality.objects.filter(offices__in=offices, district=DISTRICT).values_list("pk", flat=True)
        )
        offices.delete()
        Municipality.objects.filter(pk__in=municipality_ids, offices__isnull=True).delete()
    return count


class _Texts:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def german_body(self, *, words: int, place: str) -> str:
        """Markdown of about `words` words: paragraphs under headings, a list, a link."""
        rng, parts, count = self.rng, [], 0
        headings = rng.sample(HEADINGS, len(HEADINGS))
        while count < words:
            heading = headings[len(parts) % len(headings)]
            sentences = [s.format(place=place) for s in rng.sample(GERMAN_SENTENCES, rng.randint(3, 5))]
            block = f"## {heading}\n\n" + " ".join(sentences)
            if len(parts) == 1:
                items = rng.sample(LIST_ITEMS, 4)
                block += "\n\n" + "\n".join(f"- {item}" for item in items)
                block += "\n\nMehr dazu: [Website der Gemeinde](https://www.example.ch/einwohner)."
            parts.append(block)
            count += len(block.split())
        return "\n\n".join(parts)

    def translated(self, language: str, words: int) -> str:
        """Filler of about `words` words in the language (paragraphs of its sentences, one heading)."""
        rng, pool = self.rng, SENTENCES[language]
        paragraphs, count = [], 0
        while count < words:
            paragraph = " ".join(rng.choice(pool) for _n in range(rng.randint(3, 5)))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return f"## {pool[0][:40]}\n\n" + "\n\n".join(paragraphs)


def _pages_tree(count: int, rng: random.Random) -> list[tuple[int, int | None]]:
    """(level, index of the parent in the list) for `count` pages: 12 sections, about eight pages under
    each, the rest one level deeper, spread unevenly."""
    tops = min(len(TOP_ICONS), count)
    nodes: list[tuple[int, int | None]] = [(0, None) for _n in range(tops)]
    seconds = min(count - tops, tops * 8)
    nodes += [(1, rng.randrange(tops)) for _n in range(seconds)]
    second_indexes = list(range(tops, tops + seconds))
    nodes += [(2, rng.choice(second_indexes)) for _n in range(count - tops - seconds)]
    return nodes


def _write_pages(
    *,
    office: Office,
    count: int,
    words: int,
    municipality_share: float,
    rng: random.Random,
    texts: _Texts,
    languages: list[str],
) -> tuple[int, int]:
    """The office's guide: `count` published pages, each with a translation into every language.
    Returns (pages, translations)."""
    places = list(office.municipalities.order_by("bfs_number").values_list("pk", "name"))
    tree = _pages_tree(count, rng)
    created: list[GuidePage | None] = [None] * len(tree)  # indexed by tree position
    translations = 0
    # Level by level, so every parent has its primary key before its children are written.
    for level in (0, 1, 2):
        slots, batch = [], []
        for index, (node_level, parent_index) in enumerate(tree):
            if node_level != level:
                continue
            if level == 0:
                icon, title = TOP_ICONS[index % len(TOP_ICONS)]
                title = title.format(place=office.short_name)
            else:
                icon = created[parent_index].icon
                title = f"{rng.choice(SUBJECTS)} {index + 1}"
            municipality = None
            if level > 0 and places and rng.random() < municipality_share:
                municipality = rng.choice(places)
            place = municipality[1] if municipality else office.short_name
            slots.append(index)
            batch.append(
                GuidePage(
                    office=office,
                    municipality_id=municipality[0] if municipality else None,
                    parent=created[parent_index] if parent_index is not None else None,
                    order=index,
                    icon=icon,
                    title=title,
                    summary=f"Was Sie in {place} zum Thema «{title}» wissen müssen.",
                    body=texts.german_body(words=words, place=place),
                    easy_title=title if rng.random() < 0.3 else "",
                    easy_body=EASY_BODY if rng.random() < 0.3 else "",
                    status=GuidePage.Status.PUBLISHED,
                    in_brochure=True,
                )
            )
        # bulk_create sets primary keys on PostgreSQL and on SQLite >= 3.35.
        for slot, page in zip(slots, GuidePage.objects.bulk_create(batch, batch_size=CHUNK), strict=True):
            created[slot] = page
    pages = [page for page in created if page is not None]
    GuidePageSourceVersion.objects.bulk_create(
        [
            GuidePageSourceVersion(
                page=page, revision=1, title=page.title, summary=page.summary, body=page.body
            )
            for page in pages
        ],
        batch_size=CHUNK,
    )
    rows = []
    for page in pages:
        for language in languages:
            rows.append(
                GuidePageTranslation(
                    page=page,
                    language=language,
                    state=GuidePageTranslation.State.DONE,
                    source_revision=page.source_revision,
                    title=f"{page.title} ({language})",
                    summary=SENTENCES[language][1],
                    body=texts.translated(language, words),
                )
            )
            if len(rows) >= CHUNK:
                GuidePageTranslation.objects.bulk_create(rows)
                translations += len(rows)
                rows = []
    GuidePageTranslation.objects.bulk_create(rows)
    translations += len(rows)
    return len(pages), translations


def bench_guide_generate(
    *,
    pages: int,
    offices: int = 3,
    languages: int = len(LANGUAGES),
    words: int = 300,
    brochure_pages: int = 20,
    municipality_share: float = 0.15,
    seed: int = 6,
    report: Callable[[str], None] | None = None,
) -> BenchGuideResult:
    """`pages` guide pages spread over `offices` content offices (a tree each), every page translated
    into the first `languages` of LANGUAGES; and the brochure office's guide of `brochure_pages` pages."""
    result = BenchGuideResult()
    started = lap = time.perf_counter()

    def step(name: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        result.timings.append((name, now - lap))
        if report:
            report(f"  {name:<34} {now - lap:6.2f} s")
        lap = now

    rng = random.Random(seed)
    texts = _Texts(rng)
    codes = LANGUAGES[:languages]
    office_list = ensure_content_offices(offices)
    *guide_offices, brochure = office_list
    step("offices")
    shares = [pages // offices + (1 if n < pages % offices else 0) for n in range(offices)]
    total_pages = total_translations = 0
    for office, share in zip(guide_offices, shares, strict=True):
        with transaction.atomic():
            n_pages, n_translations = _write_pages(
                office=office,
                count=share,
                words=words,
                municipality_share=municipality_share,
                rng=rng,
                texts=texts,
                languages=codes,
            )
        total_pages += n_pages
        total_translations += n_translations
    step(f"{total_pages} pages, {total_translations} translations")
    with transaction.atomic():
        n_brochure, _n = _write_pages(
            office=brochure,
            count=brochure_pages,
            words=words,
            municipality_share=0,
            rng=rng,
            texts=texts,
            languages=codes,
        )
    step(f"brochure guide ({n_brochure} pages)")
    result.counts = {
        "offices": len(guide_offices),
        "guide_pages": total_pages,
        "guide_translations": total_translations,
        "brochure_pages": n_brochure,
    }
    result.timings.append(("total", time.perf_counter() - started))
    return result


def bench_guide_counts() -> dict[str, int]:
    offices = content_offices()
    brochure = brochure_office()
    return {
        "offices": offices.count(),
        "guide_pages": GuidePage.objects.filter(
            office__in=offices, status=GuidePage.Status.PUBLISHED
        ).count(),
        "guide_translations": GuidePageTranslation.objects.filter(page__office__in=offices).count(),
        "brochure_pages": (
            GuidePage.objects.filter(office=brochure, status=GuidePage.Status.PUBLISHED).count()
            if brochure
            else 0
        ),
    }
