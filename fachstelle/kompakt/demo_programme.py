"""Programme demo for `make run`: the draft integration programme 2027–2030 of Oftringen (Region
Zofingen) with four goals, seven measures with indicators and a funding split, and one saved version.

Goals are linked to the needs for action of the same KIP area where the needs demo has recorded them, and
measures to the catalogue entries of the same title where the catalogue demo has loaded them; neither is
required. Idempotent: when Oftringen's process already has a programme, nothing is done.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from fachstelle.core.models import Office, PromotionArea, TargetGroup

from . import demo_data as D
from .demo import KompaktDemoResult
from .models import CatalogueEntry, Goal, NeedForAction, Process, Programme
from .services.programme import (
    STARTING_POINT_WITH_FIGURES,
    IndicatorEntry,
    challenges_text,
    measure_save,
    programme_version_save,
)

OFTRINGEN_BFS = 4280
PERIOD = (2027, 2030)

SUMMARY = (
    "Oftringen wächst, und gut ein Drittel der Einwohnerinnen und Einwohner hat eine ausländische "
    "Staatsangehörigkeit. Die Arbeitsgruppe KOMPAKT hat in drei Sitzungen den Handlungsbedarf ermittelt. "
    "Das Programm setzt vier Schwerpunkte: Neuzugezogene persönlich begrüssen, Deutsch für Eltern mit "
    "kleinen Kindern zugänglich machen, Familien früh erreichen und Jugendliche beim Übergang in die "
    "Lehre begleiten.\n\n"
    "Die Gemeinde rechnet für 2027–2030 mit Kosten von rund CHF 270’000; der Kanton beteiligt sich über das "
    "kantonale Integrationsprogramm (KIP) an ausgewählten Massnahmen."
)

# (KIP code, title, description)
GOALS = [
    (
        "1.1",
        "Neuzugezogene fühlen sich in Oftringen willkommen und kennen die Angebote",
        "Alle aus dem Ausland Zugezogenen erhalten innert drei Monaten ein persönliches Gespräch.",
    ),
    (
        "2.1",
        "Eltern mit kleinen Kindern lernen Deutsch in ihrer Nähe",
        "Deutschangebote am Vormittag mit Kinderbetreuung im Dorfzentrum.",
    ),
    (
        "2.2",
        "Familien mit Kleinkindern nutzen die Frühförderung",
        "Mehr Kinder besuchen vor dem Kindergarten eine Spielgruppe mit Deutschförderung.",
    ),
    (
        "2.3",
        "Jugendliche finden den Weg in eine Lehre",
        "Spät zugezogene Jugendliche werden beim Übergang von der Schule in die Berufsbildung begleitet.",
    ),
]

# goal index, KIP code, title, description, responsible, partners, start, end, one-off, yearly,
# municipality, canton, third parties, priority, target groups, indicators (name, unit, baseline, target)
MEASURES = [
    (
        0,
        "1.1",
        "Begrüssungsgespräche für Neuzugezogene",
        "Die Einwohnerkontrolle lädt alle aus dem Ausland Zugezogenen zu einem Gespräch ein; bei Bedarf mit "
        "interkultureller Dolmetschung.",
        "Einwohnerkontrolle Oftringen",
        "Fachstelle Integration Region Zofingen",
        datetime.date(2027, 1, 1),
        datetime.date(2030, 12, 31),
        "2000",
        "9000",
        "26000",
        "12000",
        "0",
        "high",
        ["neuzugezogene"],
        [("Geführte Begrüssungsgespräche pro Jahr", "Gespräche", "0", "300")],
    ),
    (
        0,
        "1.1",
        "Willkommensmappe in mehreren Sprachen",
        "Informationen zu Schule, Gesundheit, Arbeit und Freizeit in acht Sprachen, gedruckt und online.",
        "Gemeindekanzlei Oftringen",
        "",
        datetime.date(2027, 1, 1),
        datetime.date(2027, 6, 30),
        "6500",
        "0",
        "3250",
        "3250",
        "0",
        "medium",
        ["neuzugezogene"],
        [("Sprachen der Willkommensmappe", "Sprachen", "1", "8")],
    ),
    (
        1,
        "2.1",
        "Deutschkurs mit Kinderhüte am Vormittag",
        "Zwei Kurse pro Semester im Gemeindezentrum, Kinderbetreuung im Nebenraum.",
        "Abteilung Gesellschaft Oftringen",
        "ECAP Aargau, Kinderhütedienst SRK",
        datetime.date(2027, 3, 1),
        datetime.date(2030, 12, 31),
        "0",
        "24000",
        "36000",
        "48000",
        "12000",
        "high",
        ["frauen", "familien"],
        [
            ("Teilnehmende pro Jahr", "Personen", "0", "40"),
            ("Anteil mit bestandener Niveaustufe A2", "%", "0", "60"),
        ],
    ),
    (
        1,
        "2.1",
        "Deutsch-Konversationstreff",
        "Wöchentlicher Treff mit Freiwilligen in der Bibliothek.",
        "Bibliothek Oftringen",
        "Freiwillige, Reformierte Kirchgemeinde",
        None,
        None,
        "1500",
        "3000",
        "9000",
        "0",
        "4500",
        "medium",
        ["neuzugezogene", "frauen"],
        [("Treffen pro Jahr", "Treffen", "20", "40")],
    ),
    (
        2,
        "2.2",
        "Spielgruppe plus mit Deutschförderung",
        "Zusätzliche Spielgruppenplätze mit gezielter Deutschförderung; Elternbeiträge nach Einkommen.",
        "Schule Oftringen",
        "Spielgruppenverein Oftringen",
        datetime.date(2027, 8, 1),
        datetime.date(2030, 7, 31),
        "5000",
        "18000",
        "35000",
        "30000",
        "0",
        "high",
        ["kinder", "familien"],
        [("Kinder mit Deutschförderung vor dem Kindergarten", "Kinder", "12", "36")],
    ),
    (
        2,
        "2.2",
        "Elterncafé",
        "Monatliches Treffen für Eltern mit Fachinputs zu Erziehung, Schule und Gesundheit.",
        "Schulsozialarbeit Oftringen",
        "Mütter- und Väterberatung",
        datetime.date(2028, 1, 1),
        datetime.date(2030, 12, 31),
        "0",
        "4000",
        "6000",
        "6000",
        "0",
        "medium",
        ["familien"],
        [("Teilnehmende Eltern pro Jahr", "Personen", "0", "80")],
    ),
    (
        3,
        "2.3",
        "Mentoring für Berufseinstieg",
        "Freiwillige Mentorinnen und Mentoren begleiten Jugendliche bei der Lehrstellensuche.",
        "Oberstufe Oftringen",
        "Gewerbeverein Oftringen, Berufsberatung ask!",
        datetime.date(2028, 8, 1),
        datetime.date(2030, 7, 31),
        "2000",
        "8000",
        "9000",
        "9000",
        "0",
        "medium",
        ["neuzugezogene"],
        [("Jugendliche mit Anschlusslösung", "%", "55", "80")],
    ),
]


def _process(office, municipality) -> tuple[Process, bool]:
    return Process.objects.get_or_create(
        office=office,
        municipality=municipality,
        defaults={"status": Process.Status.ACTIVE, "municipal_contact_name": "Gemeindekanzlei Oftringen"},
    )


def load_programme_demo() -> KompaktDemoResult:
    """Create the Oftringen programme once (skipped when the office or Oftringen is missing)."""
    result = KompaktDemoResult()
    office = Office.objects.filter(slug=D.OFFICE_SLUG).first()
    municipality = office.municipalities.filter(bfs_number=OFTRINGEN_BFS).first() if office else None
    if municipality is None:
        return result
    process, created = _process(office, municipality)
    (result.created if created else result.existing)["kompakt_processes"] += 1
    existing = Programme.objects.filter(process=process).first()
    if existing is not None:
        result.existing["programmes"] += 1
        result.existing["measures"] += existing.measures.count()
        return result
    areas = {area.code: area for area in PromotionArea.objects.all()}
    targets = {group.slug: group for group in TargetGroup.objects.all()}
    needs = list(NeedForAction.objects.filter(process=process).select_related("promotion_area"))
    with transaction.atomic():
        programme = Programme.objects.create(
            process=process,
            title=f"Kommunales Integrationsprogramm {municipality.name} {PERIOD[0]}–{PERIOD[1]}",
            summary=SUMMARY,
            starting_point=STARTING_POINT_WITH_FIGURES,
            challenges=challenges_text(needs)
            or "Die Arbeitsgruppe sieht Handlungsbedarf bei der Erstinformation, der Sprachförderung für "
            "Eltern, der frühen Kindheit und dem Übergang in die Berufsbildung.",
            period_start=PERIOD[0],
            period_end=PERIOD[1],
        )
        result.created["programmes"] += 1
        goals = []
        for position, (code, title, description) in enumerate(GOALS):
            goal = Goal.objects.create(
                programme=programme,
                promotion_area=areas.get(code),
                title=title,
                description=description,
                position=position,
            )
            goal.needs.set([need for need in needs if need.promotion_area.code == code])
            goals.append(goal)
        result.created["goals"] += len(goals)
        for spec in MEASURES:
            (goal_index, code, title, description, responsible, partners, starts_on, ends_on) = spec[:8]
            once, yearly, by_municipality, by_canton, by_third, priority, groups, indicators = spec[8:]
            area_needs = [need for need in needs if need.promotion_area.code == code]
            measure = measure_save(
                programme=programme,
                by=None,
                fields={
                    "goal": goals[goal_index],
                    "need": area_needs[0] if area_needs else None,
                    "promotion_area": areas[code],
                    "title": title,
                    "description": description,
                    "responsible": responsible,
                    "partners": partners,
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                    "cost_once": Decimal(once),
                    "cost_yearly": Decimal(yearly),
                    "funding_municipality": Decimal(by_municipality),
                    "funding_canton": Decimal(by_canton),
                    "funding_third_party": Decimal(by_third),
                    "funding_note": "",
                    "priority": priority,
                },
                target_groups=[targets[slug] for slug in groups if slug in targets],
                indicators=[
                    IndicatorEntry(
                        name=name, unit=unit, baseline=Decimal(base), target=Decimal(target), target_year=2030
                    )
                    for name, unit, base, target in indicators
                ],
            ).measure
            entry = CatalogueEntry.objects.filter(title=title, is_published=True).first()
            if entry is not None:
                measure.catalogue_entry = entry
                measure.save(update_fields=["catalogue_entry"])
            result.created["measures"] += 1
            result.created["indicators"] += len(indicators)
        programme_version_save(programme=programme, by=None, comment="Entwurf nach dem zweiten Workshop")
        result.created["programme_versions"] += 1
    return result
